// The search page: plain ES modules, no build step. It only talks to the HTTP API (see /openapi/v1.json).
import { $, fileName, okJson, signInIfAsked } from "./common.js";
import { hideTimeline, showOnThisDay, showTimeline } from "./timeline.js";
import { showPlaces } from "./places.js";
import { showMap } from "./worldmap.js";
import { showPeople } from "./people.js";

const form = $("search"), q = $("q"), mode = $("mode"), results = $("results"), message = $("message"), more = $("more");
const drop = $("drop"), file = $("file"), preview = $("drop-preview"), clear = $("drop-clear"), status = $("status");
const viewer = $("viewer");
viewer.addEventListener("close", () => $("viewer-video").pause());
const pageSize = 24;

let image = null;      // the image to search by (a File or Blob), or null
let current = null;    // { url, body, offset, matches } of the search on screen
let similarTo = null;  // the photo id a "similar" search started from

// ---- searching ----

function params(offset) {
  const p = new URLSearchParams({ k: pageSize, offset });
  const text = q.value.trim();
  if (text) p.set("q", text);
  if (similarTo === null) p.set("mode", image && !text ? "vector" : mode.value);
  for (const name of ["folder", "after", "before", "sort"]) {
    const value = $(name).value.trim();
    if (value) p.set(name, value);
  }
  return p;
}

async function search(offset = 0) {
  const text = q.value.trim();
  if (!text && !image && similarTo === null) {
    // Nothing asked: the library itself, by time.
    browse("timeline");
    return;
  }

  leaveBrowsing();

  let url, body = null;
  if (similarTo !== null) {
    url = `/api/images/${similarTo}/similar?${params(offset)}`;
  } else if (image) {
    url = `/api/search/image?${params(offset)}`;
    body = new FormData();
    body.append("image", image, image.name || "pasted-image");
  } else {
    url = `/api/search?${params(offset)}`;
  }

  if (offset === 0) {
    results.replaceChildren();
    results.setAttribute("aria-busy", "true");
  }
  show(offset === 0 ? "Searching…" : "Loading more…");
  more.hidden = true;
  try {
    const response = await fetch(url, body ? { method: "POST", body } : {});
    signInIfAsked(response);
    const json = await response.json();
    if (!response.ok) {
      throw new Error(json.detail || `${response.status} ${response.statusText}`);
    }

    current = { offset: offset + json.results.length, matches: json.matches };
    render(json.results);
    if (json.matches === 0) {
      show(await emptyMessage());
    } else {
      show(`${json.matches} photo${json.matches === 1 ? "" : "s"} match${similarTo !== null ? " (similar photos)" : ""}.`);
    }
    more.hidden = current.offset >= json.matches;
  } catch (error) {
    show(`Search failed: ${error.message}`, true);
  } finally {
    results.removeAttribute("aria-busy");
  }
}

async function emptyMessage() {
  const indexing = await fetchStatus();
  return !indexing.error && indexing.indexing.running
    ? "No results yet: the first photos are still being indexed (see above)."
    : "No photos match. Try other words, the Meaning mode, or fewer filters.";
}

function render(hits) {
  for (const hit of hits) {
    const item = document.createElement("li");
    item.className = "result";
    const open = document.createElement("button");
    open.type = "button";
    open.className = "open";
    open.title = scoreText(hit);
    open.setAttribute("aria-label", `Open ${fileName(hit.path)}`);
    const img = document.createElement("img");
    // A video's thumbnail is the frame that matched (its URL carries the moment).
    img.src = `${hit.thumbnailUrl}${hit.thumbnailUrl.includes("?") ? "&" : "?"}size=384`;
    img.alt = hit.caption || fileName(hit.path);
    img.loading = "lazy";
    open.append(img);
    if (hit.kind === "video") {
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = `▶ ${clock(hit.at ?? 0)} / ${clock(hit.duration ?? 0)}`;
      open.append(badge);
    }
    open.addEventListener("click", () => openPhoto(hit.id, hit.at));

    const caption = document.createElement("p");
    caption.textContent = hit.caption || fileName(hit.path);
    const why = document.createElement("p");
    why.className = "why";
    why.textContent = whyText(hit);
    const people = document.createElement("p");
    people.className = "people";
    people.textContent = peopleText(hit.people);

    const actions = document.createElement("div");
    actions.className = "actions";
    const score = document.createElement("span");
    score.className = "score";
    // Filters alone match nothing: their results have no relevance to show, only where and when.
    score.textContent = hit.vectorScore == null && hit.keywordScore == null
      ? [hit.place?.label, hit.takenAt?.slice(0, 10)].filter(Boolean).join(" · ")
      : relevance(hit);
    const similar = document.createElement("button");
    similar.type = "button";
    similar.textContent = "Similar";
    similar.addEventListener("click", () => findSimilar(hit.id));
    actions.append(score, similar);

    item.append(open, caption, why, ...(hit.people?.length ? [people] : []), actions);
    results.append(item);
  }
}

// A moment in a video as people write it: 0:07, 1:02:03.
const clock = (seconds) => {
  const s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), rest = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
};
const scoreText = (hit) => [
  `score ${hit.score.toFixed(4)}`,
  hit.vectorScore != null ? `meaning ${hit.vectorScore.toFixed(3)}` : null,
  hit.keywordScore != null ? `keywords ${hit.keywordScore.toFixed(2)}` : null,
].filter(Boolean).join(" · ");
// A relevance a person reads: the score as a percentage (a cosine, plus what keywords added, capped at 100 %).
const relevance = (hit) => `relevance ${Math.round(Math.max(0, Math.min(1, hit.score)) * 100)} %`;
const whyText = (hit) => [
  hit.matchedWords.length ? `words: ${hit.matchedWords.join(", ")}` : null,
  ...(hit.why || []).filter((e) => e.kind !== "meaning" && (e.counted == null || e.counted > 0))
    .map((e) => e.counted == null ? `${e.kind}: ${e.detail}` : `${e.kind} +${Math.round(e.counted * 100)} (${e.detail})`),
  hit.matchedCaption ? `closest caption: “${hit.matchedCaption}”` : null,
].filter(Boolean).join(" — ");

// Who is in a photo: the named people, then how many are not named yet.
function peopleText(people) {
  const named = (people || []).filter((p) => p.name).map((p) => p.name);
  const unnamed = (people || []).length - named.length;
  return (people || []).length === 0 ? "" : `With ${[...named, ...(unnamed ? [`${unnamed} unnamed`] : [])].join(", ")}`;
}

function show(text, error = false) {
  message.textContent = text;
  message.classList.toggle("error", error);
}

function findSimilar(id) {
  similarTo = id;
  setImage(null);
  viewer.close();
  search(0);
}

// ---- the photo view ----

// A video plays in place from the moment that matched (at, seconds); a photo shows its rendition, and a Live Photo's
// movie plays on request.
function showMedia(photo, at) {
  const image = $("viewer-image"), video = $("viewer-video"), motion = $("viewer-motion");
  const playing = photo.kind === "video";
  video.pause();
  video.hidden = !playing;
  image.hidden = playing;
  // An SVG element has no hidden property: the attribute it is. The text boxes belong to frames, not to the moment shown.
  $("viewer-boxes").toggleAttribute("hidden", playing);
  motion.hidden = !photo.motionUrl;
  if (playing) {
    video.src = photo.fileUrl;
    video.addEventListener("loadedmetadata", () => {
      video.currentTime = at ?? photo.posterAt ?? 0;
      video.play().catch(() => {}); // a browser may refuse to start sound without a click: the controls are there
    }, { once: true });
  } else {
    video.removeAttribute("src");
    // HEIC, TIFF, PSD and RAW are not drawn by browsers: the server's JPEG rendition stands in (viewUrl).
    image.src = photo.viewUrl;
    image.alt = photo.captions[0] || photo.fileName;
  }
  motion.onclick = () => {
    image.hidden = true;
    video.hidden = false;
    video.src = photo.motionUrl;
    video.play().catch(() => {});
  };
}

async function openPhoto(id, at) {
  try {
    const [photo, matches] = await Promise.all([
      fetch(`/api/images/${id}`).then(okJson),
      fetch(`/api/images/${id}/captions?k=5`).then(okJson),
    ]);
    $("viewer-title").textContent = photo.fileName;
    showMedia(photo, at);
    $("viewer-meta").textContent = [photo.folder, photo.takenAt && `taken ${photo.takenAt.replace("T", " ")}`,
      photo.place && `in ${photo.place.label}`, photo.camera,
      photo.kind === "video" && `video, ${clock(photo.duration ?? 0)}`,
      photo.width && `${photo.width} × ${photo.height}`, photo.tags.length && `tags: ${photo.tags.join(", ")}`,
      // A RAW beside its JPEG, an original beside its edit: the shot's other files, by name (they share the folder).
      photo.files.length > 1 && `files: ${photo.files.map((f) => f.split("/").pop()).join(", ")}`].filter(Boolean).join(" · ");
    list($("viewer-captions"), photo.captions.length ? photo.captions : ["(no captions)"]);
    list($("viewer-matches"), matches.results.map((m) => `${m.caption} (${m.score.toFixed(3)}${m.photoId === id ? ", its own" : ""})`));
    list($("viewer-text"), photo.text.length ? photo.text.map((l) => `${l.text} (${Math.round(l.confidence * 100)} %)`) : ["(no text read)"]);
    outline(photo);
    $("viewer-people").textContent = peopleText(photo.faces.filter((f) => f.person).map((f) => f.person));
    $("viewer-similar").onclick = () => findSimilar(id);
    viewer.showModal();
  } catch (error) {
    show(`Cannot open the photo: ${error.message}`, true);
  }
}

// The boxes of the text read in the photo and of its faces with their names, drawn over it in the photo's own pixels
// (the SVG scales with the image).
function outline(photo) {
  const svg = $("viewer-boxes");
  svg.setAttribute("viewBox", `0 0 ${photo.width || 1} ${photo.height || 1}`);
  svg.replaceChildren(...photo.text.map(textBox), ...photo.faces.map((face) => faceBox(face, photo.height || 1)));
}

const svgElement = (name) => document.createElementNS("http://www.w3.org/2000/svg", name);

function faceBox(face, height) {
  const [x, y, w, h] = face.box;
  const group = svgElement("g");
  group.setAttribute("class", "face");
  group.dataset.face = face.id;
  const rect = svgElement("rect");
  for (const [name, value] of [["x", x], ["y", y], ["width", w], ["height", h]]) rect.setAttribute(name, value);
  const label = svgElement("text");
  // Sized to the face, so a name reads the same whatever the photo's scale on screen; below the face, or above it at the
  // photo's bottom edge (the SVG clips what lies outside the photo).
  const size = Math.max(12, w / 5);
  const below = y + h + size * 1.2 <= height;
  label.setAttribute("x", x);
  label.setAttribute("y", below ? y + h : y);
  label.setAttribute("dy", below ? "1em" : "-0.3em");
  label.setAttribute("font-size", size);
  label.textContent = face.person ? face.person.name || "Unnamed" : "";
  group.append(rect, label);
  return group;
}

function textBox(line) {
  const polygon = svgElement("polygon");
  polygon.setAttribute("points", line.box.map(([x, y]) => `${x},${y}`).join(" "));
  const title = svgElement("title");
  title.textContent = line.text;
  polygon.append(title);
  return polygon;
}

function list(element, items) {
  element.replaceChildren(...items.map((text) => {
    const li = document.createElement("li");
    li.textContent = text;
    return li;
  }));
}

// ---- searching by an image: drop, paste, pick ----

function setImage(blob) {
  image = blob;
  if (preview.src) URL.revokeObjectURL(preview.src);
  preview.hidden = clear.hidden = !blob;
  $("drop-text").hidden = !!blob;
  if (blob) {
    preview.src = URL.createObjectURL(blob);
    preview.alt = `Searching by ${blob.name || "a pasted image"}`;
    similarTo = null;
  } else {
    preview.removeAttribute("src");
  }
}

file.addEventListener("change", () => {
  if (file.files.length) {
    setImage(file.files[0]);
    search(0);
  }
});
clear.addEventListener("click", () => {
  setImage(null);
  file.value = "";
  search(0);
});
drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  const dropped = [...event.dataTransfer.files].find((f) => f.type.startsWith("image/"));
  if (dropped) {
    setImage(dropped);
    search(0);
  }
});
drop.addEventListener("keydown", (event) => {
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    file.click();
  }
});
document.addEventListener("paste", (event) => {
  const pasted = [...event.clipboardData.items].find((item) => item.type.startsWith("image/"));
  if (pasted) {
    setImage(pasted.getAsFile());
    search(0);
  }
});

// ---- the form, paging, keyboard ----

form.addEventListener("submit", (event) => {
  event.preventDefault();
  similarTo = null;
  search(0);
});
mode.addEventListener("change", () => q.value.trim() && search(0));
more.addEventListener("click", () => search(current.offset));
new IntersectionObserver((entries) => {
  if (entries.some((e) => e.isIntersecting) && !more.hidden) search(current.offset);
}).observe(more);
document.addEventListener("keydown", (event) => {
  if (event.key === "/" && document.activeElement !== q && !viewer.open) {
    event.preventDefault();
    q.focus();
  }
});

// ---- duplicates: each original beside its copies ----

const duplicates = $("duplicates"), groups = $("duplicate-groups"), duplicatesMessage = $("duplicates-message");

function figure(thumbnail, path, note) {
  const item = document.createElement("figure");
  const img = document.createElement("img");
  img.src = thumbnail;
  img.alt = path;
  img.loading = "lazy";
  const caption = document.createElement("figcaption");
  caption.textContent = `${path.split("/").pop()} · ${note}`;
  caption.title = path;
  item.append(img, caption);
  return item;
}

async function showDuplicates() {
  leaveBrowsing();
  results.replaceChildren();
  more.hidden = true;
  show("");
  duplicates.hidden = false;
  groups.replaceChildren();
  duplicatesMessage.textContent = "Looking through the whole library…";
  try {
    const response = await fetch("/api/duplicates");
    signInIfAsked(response);
    const found = (await okJson(response)).duplicates;
    const byOriginal = new Map();
    for (const d of found) {
      if (!byOriginal.has(d.original)) byOriginal.set(d.original, { original: d, copies: [] });
      byOriginal.get(d.original).copies.push(d);
    }
    groups.replaceChildren(...[...byOriginal.values()].map(({ original, copies }) => {
      const li = document.createElement("li");
      li.className = "duplicate-group";
      li.append(figure(original.originalThumbnail, original.original, "original"),
        ...copies.map((c) => figure(c.thumbnail, c.path, c.kind === "exact" ? "exact copy" : `edited copy, similarity ${c.similarity.toFixed(2)}`)));
      return li;
    }));
    duplicatesMessage.textContent = found.length
      ? `${found.length} ${found.length === 1 ? "copy" : "copies"} of ${byOriginal.size} ${byOriginal.size === 1 ? "photo" : "photos"}.`
      : "No photo repeats another.";
  } catch (error) {
    duplicatesMessage.textContent = `Duplicates could not be listed: ${error.message}`;
  }
}

$("show-duplicates").addEventListener("click", showDuplicates);
form.addEventListener("submit", () => { duplicates.hidden = true; });

// ---- browsing: the timeline, places, the map ----

const places = $("places"), map = $("map"), peopleView = $("people"), viewButtons = [...document.querySelectorAll("#views button")];

// What the search box asks for, as the browse views read it: its text and filters (none: the whole library).
function browseQuery() {
  const p = new URLSearchParams();
  const text = q.value.trim();
  if (text) p.set("q", text);
  for (const name of ["folder", "after", "before"]) {
    const value = $(name).value.trim();
    if (value) p.set(name, value);
  }
  return p;
}

function browse(view) {
  leaveBrowsing();
  results.replaceChildren();
  more.hidden = true;
  duplicates.hidden = true;
  show("");
  for (const button of viewButtons) button.setAttribute("aria-pressed", String(button.dataset.view === view));
  const query = browseQuery();
  if (view === "timeline") {
    showTimeline(query.toString(), openPhoto, show).catch((error) => show(`The timeline could not be shown: ${error.message}`, true));
    // Memories belong to the whole library, not to a search or a filter; without any, the strip stays hidden.
    if (query.size === 0) showOnThisDay(openPhoto).catch(() => {});
  } else if (view === "places") {
    places.hidden = false;
    showPlaces(query.toString(), searchFor); // where what the search box asks for was taken, as the map shows it

  } else if (view === "people") {
    // The whole library's people: a search narrows what is shown, not who is in it.
    peopleView.hidden = false;
    showPeople(searchFor);
  } else {
    map.hidden = false;
    showMap(query.toString(), searchFor);
  }
}

function leaveBrowsing() {
  hideTimeline();
  places.hidden = map.hidden = peopleView.hidden = true;
  for (const button of viewButtons) button.setAttribute("aria-pressed", "false");
}

// A search for a text in the search language, as if typed (a place, a position on the map).
function searchFor(text) {
  q.value = text;
  similarTo = null;
  setImage(null);
  search(0);
}

for (const button of viewButtons) button.addEventListener("click", () => browse(button.dataset.view));

// The sticky header's height, so that a year the scrubber jumps to lands just below it.
const header = document.querySelector("header");
new ResizeObserver(() => document.documentElement.style.setProperty("--header-height", `${header.offsetHeight}px`)).observe(header);

// ---- indexing progress ----

async function fetchStatus() {
  try {
    return await fetch("/api/status").then(okJson);
  } catch (error) {
    return { error: error.message };
  }
}

async function pollStatus() {
  const s = await fetchStatus();
  if (!s.error) {
    const i = s.indexing;
    status.textContent = i.running
      ? `Indexing: ${i.phase === "Scanning" ? "looking for photos" : `${i.done} of ${i.toDo} photos`}${i.failed ? `, ${i.failed} failed` : ""}…`
      : `${s.photos} photos, ${s.captions} captions · model ${s.model}${i.lastError ? ` · last index run failed: ${i.lastError}` : ""}`;
    setTimeout(pollStatus, i.running ? 1000 : 15000);
  } else {
    // The server's own words (e.g. an index built with another model), or the network's.
    status.textContent = `The index cannot be used: ${s.error}`;
    setTimeout(pollStatus, 5000);
  }
}

pollStatus();
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  q.value = initial;
}
search(0);
q.focus();
