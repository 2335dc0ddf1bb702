// The library by person: a grid of faces with names and counts. A name is edited in place; "Merge…" then another
// person joins the two; a face opens that person's photos (a search for person:ID, newest first).
import { $, okJson, photos } from "./common.js";

const list = $("people-list"), message = $("people-message"), cancel = $("people-cancel");
let merging = null; // the person chosen to merge into another, or null

// A write the server takes as JSON only (no form can send it from another site). A 401 (a key is set and this browser
// has not signed in) keeps the page, and what was typed, and says to sign in, rather than leaving for the prompt.
export const sendJson = async (url, method, body) => {
  const response = await fetch(url, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (response.status === 401) throw new Error("changes need the API key: sign in at /login.html, then try again");
  return okJson(response);
};

// The people, most faces first. `searchFor` runs a search for a text in the search language.
export async function showPeople(searchFor) {
  endMerge();
  list.replaceChildren();
  message.textContent = "Loading people…";
  try {
    const people = await fetch("/api/people").then(okJson);
    list.replaceChildren(...people.people.map((person) => card(person, searchFor)));
    message.textContent = people.people.length === 0
      ? "No people yet: faces seen in three or more photos become a person as the library is indexed."
      : `${people.people.length} ${people.people.length === 1 ? "person" : "people"}${people.unassigned ? `; ${people.unassigned} faces not yet anyone's` : ""}.`;
  } catch (error) {
    message.textContent = `People could not be listed: ${error.message}`;
  }
}

const nameOf = (person) => person.name || "Add a name";

function card(person, searchFor) {
  const item = document.createElement("li");
  item.className = "card person";
  item.dataset.person = person.id;
  const open = document.createElement("button");
  open.type = "button";
  open.className = "open";
  open.setAttribute("aria-label", person.name ? `Photos of ${person.name}` : `Photos of person ${person.id}`);
  const img = document.createElement("img");
  img.src = `${person.thumbnail}?size=128`;
  img.alt = person.name ? `${person.name}'s face` : "A face";
  img.loading = "lazy";
  open.append(img);
  // While merging, a face chooses the person kept; otherwise it opens their photos, newest first.
  open.addEventListener("click", () => merging ? mergeInto(person, searchFor) : searchFor(`person:${person.id} sort:date`));

  const name = document.createElement("button");
  name.type = "button";
  name.className = person.name ? "name" : "name unnamed";
  name.textContent = nameOf(person);
  name.title = "Edit the name";
  name.addEventListener("click", () => editName(item, person, name));
  const counted = document.createElement("span");
  counted.className = "muted";
  counted.textContent = `${photos(person.photos)} · ${person.faces} face${person.faces === 1 ? "" : "s"}`;
  const merge = document.createElement("button");
  merge.type = "button";
  merge.className = "merge";
  merge.textContent = "Merge into…";
  merge.addEventListener("click", () => startMerge(item, person));
  item.append(open, name, counted, merge);
  return item;
}

// The name becomes a text box: Enter or leaving it saves (empty takes the name away), Escape keeps the old one.
function editName(item, person, label) {
  const input = document.createElement("input");
  input.type = "text";
  input.className = "name-edit";
  input.maxLength = 100;
  input.value = person.name || "";
  input.setAttribute("aria-label", `Name of person ${person.id}`);
  let done = false;
  const finish = async (save) => {
    if (done) return;
    done = true;
    if (save && input.value.trim() !== (person.name || "")) {
      try {
        const saved = await sendJson(`/api/people/${person.id}`, "PUT", { name: input.value.trim() || null });
        person.name = saved.name;
        label.className = person.name ? "name" : "name unnamed";
        message.textContent = person.name ? `Named ${person.name}.` : "Name taken away.";
      } catch (error) {
        message.textContent = `The name could not be saved: ${error.message}`;
      }
    }
    label.textContent = nameOf(person);
    input.replaceWith(label);
    label.focus();
  };
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") finish(true);
    if (event.key === "Escape") { event.preventDefault(); finish(false); }
  });
  input.addEventListener("blur", () => finish(true));
  label.replaceWith(input);
  input.focus();
  input.select();
}

function startMerge(item, person) {
  endMerge();
  merging = person;
  item.classList.add("merging");
  list.classList.add("merging");
  message.textContent = `Choose the person to merge ${person.name || `person ${person.id}`} into.`;
  cancel.hidden = false;
}

function endMerge() {
  merging = null;
  list.classList.remove("merging");
  list.querySelector(".merging")?.classList.remove("merging");
  cancel.hidden = true;
}

async function mergeInto(target, searchFor) {
  const from = merging;
  if (from.id === target.id) return; // the person chosen first: still choosing
  try {
    const kept = await sendJson(`/api/people/${target.id}/merge`, "POST", { from: from.id });
    await showPeople(searchFor);
    message.textContent = `Merged into ${kept.name || `person ${kept.id}`}: ${photos(kept.photos)}.`;
  } catch (error) {
    endMerge();
    message.textContent = `The merge failed: ${error.message}`;
  }
}

cancel.addEventListener("click", () => {
  endMerge();
  message.textContent = "";
});
