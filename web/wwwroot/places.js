// The library by place: countries with a cover and a count; a country opens on its cities, by region. Opening a city
// or a whole country searches it (place:"Paris", place:FR).
import { $, getJson, photos } from "./common.js";

const list = $("countries"), message = $("places-message"), country = $("country"), regions = $("regions");

// The places of the photos `filters` allows (URL parameters: folder, after, before; none, the whole library).
// `searchFor` runs a search for a text in the search language.
export async function showPlaces(filters, searchFor) {
  country.hidden = true;
  list.hidden = false;
  list.replaceChildren();
  message.textContent = "Loading places…";
  try {
    const places = await getJson(`/api/places?${filters}`);
    list.replaceChildren(...places.countries.map((c) => card(c.name, c.count, c.cover, () => openCountry(c, searchFor))));
    message.textContent = places.countries.length === 0
      ? "No photo has a place yet: places come from the GPS position cameras and phones write."
      : `${places.countries.length} ${places.countries.length === 1 ? "country" : "countries"}${places.unplaced ? `; ${photos(places.unplaced)} without a place` : ""}.`;
  } catch (error) {
    message.textContent = `Places could not be listed: ${error.message}`;
  }
}

function openCountry(place, searchFor) {
  list.hidden = true;
  country.hidden = false;
  $("country-title").textContent = `${place.name} · ${photos(place.count)}`;
  const all = $("country-all");
  all.textContent = `All photos from ${place.name}`;
  all.onclick = () => searchFor(`place:${place.code}`);
  $("country-back").onclick = () => {
    country.hidden = true;
    list.hidden = false;
    list.querySelector("button")?.focus();
  };
  regions.replaceChildren(...place.regions.map((region) => {
    const group = document.createElement("section");
    const heading = document.createElement("h4");
    // The place data gives some towns no region.
    const name = region.name ?? "Elsewhere";
    heading.textContent = `${name} · ${photos(region.count)}`;
    const cities = document.createElement("ul");
    cities.className = "cards";
    cities.setAttribute("aria-label", `Cities in ${name}`);
    cities.append(...region.cities.map((city) => card(city.name, city.count, city.cover, () => searchFor(`place:"${city.name}"`))));
    group.append(heading, cities);
    return group;
  }));
  $("country-back").focus();
}

// A place as a card: its cover photo, its name and how many photos, one button.
function card(name, count, cover, open) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "card";
  const img = document.createElement("img");
  img.src = `/api/images/${cover}/thumbnail?size=256`;
  img.alt = `A photo from ${name}`;
  img.loading = "lazy";
  const label = document.createElement("span");
  label.className = "name";
  label.textContent = name;
  const counted = document.createElement("span");
  counted.className = "muted";
  counted.textContent = photos(count);
  button.append(img, label, counted);
  button.addEventListener("click", open);
  item.append(button);
  return item;
}
