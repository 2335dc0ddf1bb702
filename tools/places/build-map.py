#!/usr/bin/python3
"""Builds web/wwwroot/map/countries.json, the country borders the page's map draws (no map tiles, nothing fetched at
run time), from the npm package @geo-maps/countries-land-10km (pinned in npm_sources.py).

    /usr/bin/python3 tools/places/build-map.py            (needs npm; nothing but the standard library)

Each country's land, projected equirectangularly (x = longitude + 180, y = 90 - latitude, in tenths of a degree: the
map is 3600 x 1800 units), each ring simplified by Douglas-Peucker within TOLERANCE degrees and its points snapped to
the tenth-degree grid, written as one SVG path of whole-number relative moves per country. Deterministic: the same
package gives the same bytes. Licences: data/places/LICENSE.md.
"""
import json
import os
import sys
import tempfile

from npm_sources import PACKAGES, country_names, fetch, member

TOLERANCE = 0.08      # degrees (about 9 km): well under a pixel of a world map 1,500 pixels wide
SCALE = 10            # map units per degree: coordinates are whole tenths of a degree
MIN_SPAN = 3          # rings narrower and lower than this many units (0.3 degree) are dropped: islands under a pixel


def simplify(points, tolerance):
    """Douglas-Peucker: the points of a closed ring that keep it within `tolerance` of the original (iterative)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        farthest, distance = -1, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - x1) - dx * (py - y1)) / length if length else ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            if d > distance:
                farthest, distance = i, d
        if farthest >= 0:
            keep[farthest] = True
            stack.extend(((first, farthest), (farthest, last)))
    return [p for p, k in zip(points, keep) if k]


def ring_path(ring):
    """One ring as an SVG subpath of whole map units (absolute move, then relative lines), or None when it is too small."""
    if ring[0] == ring[-1]:
        ring = ring[:-1]
    # A closed ring's two ends are one point: split it at the point farthest from its start, so neither half collapses.
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    halves = simplify(ring[:far + 1], TOLERANCE) + simplify(ring[far:] + [ring[0]], TOLERANCE)[1:-1]
    units = []
    for lon, lat in halves:
        point = (round((lon + 180) * SCALE), round((90 - lat) * SCALE))
        if not units or units[-1] != point:
            units.append(point)
    xs, ys = [p[0] for p in units], [p[1] for p in units]
    if len(units) < 3 or (max(xs) - min(xs) < MIN_SPAN and max(ys) - min(ys) < MIN_SPAN):
        return None
    deltas = [d for (x0, y0), (x1, y1) in zip(units, units[1:]) for d in (x1 - x0, y1 - y0)]
    return f"M{units[0][0]} {units[0][1]}l{numbers(deltas)}z"


def numbers(values):
    """Whole numbers as SVG path data lists them: a space between two, none before a minus sign."""
    text = ""
    for v in values:
        text += f"{v}" if not text or v < 0 else f" {v}"
    return text


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out_path = os.path.join(root, "web", "wwwroot", "map", "countries.json")
    with tempfile.TemporaryDirectory(prefix="map-npm-") as work:
        names, alpha3 = country_names(fetch(work, "countries"))
        geo = json.loads(member(fetch(work, "map"), "map.geo.json"))

    countries = []
    for feature in geo["features"]:
        code = alpha3.get(feature["properties"]["A3"])
        if code is None:
            sys.exit(f"border of unknown country {feature['properties']['A3']}")
        g = feature["geometry"]
        polygons = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        paths = [p for polygon in polygons for p in (ring_path(ring) for ring in polygon) if p]
        if paths:
            countries.append({"code": code, "name": names[code][0], "d": "".join(paths)})
    countries.sort(key=lambda c: c["code"])

    name, version, _ = PACKAGES["map"]
    document = {
        "source": f"{name} {version}: countries' land borders at 10 km resolution, from OpenStreetMap",
        "attribution": "© OpenStreetMap contributors",
        "licence": "ODbL 1.0 (https://opendatacommons.org/licenses/odbl/1.0/); see data/places/LICENSE.md",
        "projection": "equirectangular: x = (longitude + 180) * 10, y = (90 - latitude) * 10",
        "width": 360 * SCALE,
        "height": 180 * SCALE,
        "countries": countries,
    }
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(document, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"{out_path}: {os.path.getsize(out_path):,} bytes; {len(countries)} countries, "
          f"{sum(c['d'].count('M') for c in countries):,} rings")


if __name__ == "__main__":
    main()
