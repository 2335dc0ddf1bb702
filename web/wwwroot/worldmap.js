// Where the photos were taken: the country borders (the static /map/countries.json, no tiles, nothing from elsewhere)
// in an SVG, and a dot per place from /api/map, larger for more photos. A dot opens its photos: a near: search around it.
import { $, getJson, photos } from "./common.js";

const svg = $("world"), countries = $("world-countries"), dots = $("world-dots"), message = $("map-message");
const svgNs = "http://www.w3.org/2000/svg";
let borders = null;   // the border file, read once
let shown = 0;

// The map of what `query` asks for (URL parameters: q and the filters; none, the whole library). `searchFor` runs a search.
export async function showMap(query, searchFor) {
  const showing = ++shown;
  message.textContent = "Loading the map…";
  try {
    const [map] = await Promise.all([getJson(`/api/map?${query}`), drawBorders()]);
    if (showing !== shown) return;
    // Biggest first, so smaller dots are drawn over them and stay clickable.
    const points = [...map.points].sort((a, b) => b.count - a.count);
    dots.replaceChildren(...points.map((point) => dot(point, map.cellDegrees, searchFor)));
    const total = map.points.reduce((sum, p) => sum + p.count, 0);
    message.textContent = map.points.length === 0
      ? "No photo has a position yet: phones and many cameras write where each photo was taken."
      : `${photos(total)} with a position, at ${map.points.length} ${map.points.length === 1 ? "place" : "places"}. Choose a dot to see its photos.`;
  } catch (error) {
    message.textContent = `The map could not be drawn: ${error.message}`;
  }
}

async function drawBorders() {
  if (borders) return;
  borders = await getJson("/map/countries.json");
  svg.setAttribute("viewBox", `0 0 ${borders.width} ${borders.height}`);
  countries.replaceChildren(...borders.countries.map((country) => {
    const path = document.createElementNS(svgNs, "path");
    path.setAttribute("d", country.d);
    const title = document.createElementNS(svgNs, "title");
    title.textContent = country.name;
    path.append(title);
    return path;
  }));
}

// One place on the map: at its mean position (the file's projection: x = (lon + 180) * 10, y = (90 - lat) * 10), a button.
function dot(point, cellDegrees, searchFor) {
  const scale = borders.width / 360;
  const circle = document.createElementNS(svgNs, "circle");
  circle.setAttribute("cx", ((point.longitude + 180) * scale).toFixed(1));
  circle.setAttribute("cy", ((90 - point.latitude) * scale).toFixed(1));
  circle.setAttribute("r", Math.min(70, 12 + 6 * Math.sqrt(point.count)).toFixed(1));
  circle.setAttribute("class", "dot");
  circle.setAttribute("tabindex", "0");
  circle.setAttribute("role", "button");
  const where = `${point.latitude.toFixed(2)}, ${point.longitude.toFixed(2)}`;
  circle.setAttribute("aria-label", `${photos(point.count)} near ${where}`);
  circle.dataset.count = point.count;
  const title = document.createElementNS(svgNs, "title");
  title.textContent = `${photos(point.count)} near ${where}`;
  circle.append(title);
  // The search covers the dot's grid cell: three quarters of its width around the mean, in km (at least 1).
  const km = Math.max(1, Math.ceil(cellDegrees * 111 * 0.75));
  const open = () => searchFor(`near:${point.latitude.toFixed(4)},${point.longitude.toFixed(4)},${km}`);
  circle.addEventListener("click", open);
  circle.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open();
    }
  });
  return circle;
}
