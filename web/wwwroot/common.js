// What every part of the page shares: element lookup, reading the API's answers, and a photo's small tile.
export const $ = (id) => document.getElementById(id);

// Beyond this machine the server wants its API key; the prompt trades it once for a session cookie.
export function signInIfAsked(response) {
  if (response.status === 401) location.assign("/login.html");
}

// An answer's JSON, or an error carrying the server's own words (problem details) when it is not a success.
export async function okJson(response) {
  signInIfAsked(response);
  const json = await response.json();
  if (!response.ok) throw new Error(json.detail || response.statusText);
  return json;
}

export const getJson = (url) => fetch(url).then(okJson);

export const fileName = (path) => path.split(/[\\/]/).pop();

// "1 photo", "3 photos".
export const photos = (count) => `${count.toLocaleString("en")} photo${count === 1 ? "" : "s"}`;

// A month as people write it: "July 2019" (month 1 to 12).
export const monthTitle = (year, month) =>
  new Date(year, month - 1, 1).toLocaleDateString("en", { month: "long", year: "numeric" });

// A photo (a search result) as a square thumbnail that opens it: its caption, else its file name, is its text.
export function tile(hit, open) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "tile";
  button.title = [fileName(hit.path), hit.takenAt && hit.takenAt.replace("T", " ")].filter(Boolean).join(" · ");
  const img = document.createElement("img");
  img.src = `${hit.thumbnailUrl}${hit.thumbnailUrl.includes("?") ? "&" : "?"}size=256`;
  img.alt = hit.caption || fileName(hit.path);
  img.loading = "lazy";
  button.append(img);
  button.addEventListener("click", () => open(hit.id, hit.at));
  item.append(button);
  return item;
}

// A list of tiles, labelled for assistive technology.
export function tiles(hits, open, label) {
  const list = document.createElement("ul");
  list.className = "tiles";
  list.setAttribute("aria-label", label);
  list.append(...hits.map((hit) => tile(hit, open)));
  return list;
}
