// The library by time: "On this day", then every month newest first, each loading its photos as it scrolls into view,
// with a scrubber of years at the side.
import { $, getJson, monthTitle, photos, tile, tiles } from "./common.js";

const section = $("timeline"), months = $("timeline-months"), scrubber = $("scrubber-years");
const memories = $("on-this-day"), memoryYears = $("on-this-day-years");
const pageSize = 60;
const tileSize = 136; // a tile's width and height with its gap (style.css .tiles), to reserve a month's room before it loads

let shown = 0;        // which showing of the timeline is current: an answer for an older one is dropped
let observer = null;

// The timeline of what `query` asks for (URL parameters: q and the filters; none, the whole library). `open` opens a
// photo; `say` puts a line under the search box.
export async function showTimeline(query, open, say) {
  const showing = ++shown;
  observer?.disconnect();
  months.replaceChildren();
  scrubber.replaceChildren();
  section.hidden = false;
  say("Loading the timeline…");
  const timeline = await getJson(`/api/timeline?${query}`);
  if (showing !== shown) return;
  say(timeline.total === 0 ? "No photos to show yet."
    : `${photos(timeline.total)}, newest first${timeline.undated ? ` (${timeline.undated.toLocaleString("en")} without a date, not shown)` : ""}.`);
  // Months load as they come within a screen of the view; a loaded month that has more waits to be seen again.
  observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) loadMonth(entry.target.closest(".month"), query, open, showing);
    }
  }, { rootMargin: "600px 0px" });
  const perRow = Math.max(1, Math.floor(months.clientWidth / tileSize));
  for (const year of timeline.years) {
    const group = document.createElement("section");
    group.className = "year";
    const heading = document.createElement("h2");
    heading.id = `year-${year.year}`;
    heading.tabIndex = -1;
    heading.textContent = year.year;
    group.append(heading);
    for (const month of year.months) group.append(monthGroup(year.year, month, perRow));
    months.append(group);
    scrubber.append(yearButton(year, heading));
  }
  for (const sentinel of months.querySelectorAll(".month .sentinel")) observer.observe(sentinel);
}

export function hideTimeline() {
  shown++;
  observer?.disconnect();
  // Thumbnails still on their way would hold the server's thumbnail slots that a search's results wait for next.
  for (const img of document.querySelectorAll("#timeline img, #on-this-day img")) {
    if (!img.complete) img.removeAttribute("src");
  }
  section.hidden = true;
  memories.hidden = true;
}

// "On this day": photos taken on today's date (the browser's) in earlier years, shown only when there are some.
export async function showOnThisDay(open) {
  const showing = shown;
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const answer = await getJson(`/api/timeline/on-this-day?date=${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`);
  if (showing !== shown) return;
  memoryYears.replaceChildren(...answer.years.map((year) => {
    const group = document.createElement("section");
    group.className = "memory";
    const ago = now.getFullYear() - year.year;
    const heading = document.createElement("h3");
    heading.textContent = `${ago === 1 ? "1 year" : `${ago} years`} ago`;
    const when = document.createElement("span");
    when.className = "muted";
    when.textContent = ` · ${year.year}`;
    heading.append(when);
    group.append(heading, tiles(year.photos, open, `Photos from ${year.year}`));
    return group;
  }));
  memories.hidden = answer.years.length === 0;
}

function monthGroup(year, month, perRow) {
  const group = document.createElement("section");
  group.className = "month";
  group.dataset.month = `${year}-${String(month.month).padStart(2, "0")}`;
  group.dataset.total = month.count;
  group.dataset.loaded = 0;
  const heading = document.createElement("h3");
  heading.id = `month-${group.dataset.month}`;
  heading.textContent = monthTitle(year, month.month);
  const count = document.createElement("span");
  count.className = "muted";
  count.textContent = ` · ${photos(month.count)}`;
  heading.append(count);
  group.setAttribute("aria-labelledby", heading.id);
  const list = document.createElement("ul");
  list.className = "tiles";
  list.setAttribute("aria-label", `Photos of ${monthTitle(year, month.month)}`);
  // The room its photos will take, so that the months below keep their place (and the scrubber its aim) as it loads.
  list.style.minHeight = `${Math.ceil(month.count / perRow) * tileSize}px`;
  const sentinel = document.createElement("div");
  sentinel.className = "sentinel";
  group.append(heading, list, sentinel);
  return group;
}

function yearButton(year, heading) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = year.year;
  button.setAttribute("aria-label", `${year.year}, ${photos(year.count)}`);
  button.addEventListener("click", () => {
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  });
  item.append(button);
  return item;
}

async function loadMonth(group, query, open, showing) {
  const loaded = Number(group.dataset.loaded), total = Number(group.dataset.total);
  if (group.dataset.loading || loaded >= total) return;
  group.dataset.loading = "yes";
  const sentinel = group.querySelector(".sentinel");
  try {
    const page = await getJson(`/api/timeline?${query}${query ? "&" : ""}month=${group.dataset.month}&offset=${loaded}&limit=${pageSize}`);
    if (showing !== shown) return;
    const list = group.querySelector(".tiles");
    list.append(...page.results.map((hit) => tile(hit, open)));
    group.dataset.loaded = loaded + page.results.length;
    observer.unobserve(sentinel);
    if (Number(group.dataset.loaded) >= page.total || page.results.length === 0) {
      list.style.minHeight = "";
    } else {
      // Observed anew, the sentinel reports at once whether it is still in view, so the next page loads if it is.
      observer.observe(sentinel);
    }
  } catch (error) {
    sentinel.className = "error";
    sentinel.textContent = `This month's photos could not be loaded: ${error.message}`;
  } finally {
    delete group.dataset.loading;
  }
}
