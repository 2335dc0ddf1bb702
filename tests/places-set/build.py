#!/usr/bin/python3
"""Builds the place test set: small JPEGs of real COCO photos, each with an EXIF GPS position and a date taken, for
tests of offline reverse geocoding (src/Places) and, later, of the timeline.

Run from the project root with Debian 12's python3, python3-pil and libimage-exiftool-perl (README.md lists the
versions used):
    /usr/bin/python3 tests/places-set/build.py
Writes, under tests/places-set/:
  files/        one JPEG per position: a city on every inhabited continent, districts of large cities, a remote
                village, open sea, both sides of the antimeridian, both poles, and positions that are no fix
                ((0, 0), latitude 95, longitude 200, latitude 0/0)
  expected.json one entry per file: the position the file holds, its date taken, the GPS rationals as stored, and
                the place the geocoder should name (null: no place)

The positions are written by exiftool. exiftool refuses a latitude beyond 90, a longitude beyond 180 and a rational
0/0, so for those files it writes a stand-in position and this script then overwrites the GPS rationals in place
(same size, so every offset stays valid; see patch_rationals). Deterministic: Pillow's encoder and exiftool's writer
take no clock or randomness (two runs give the same bytes).
"""
import io
import json
import os
import pathlib
import struct
import sys

from PIL import Image

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import testdata  # noqa: E402
SHARED = HERE.parents[2] / "shared"
COCO = SHARED / "datasets" / "coco-train-mini"
FILES = HERE / "files"
ENV = dict(os.environ, TZ="UTC", LC_ALL="C")
LONG_SIDE = 400
QUALITY = 85

PACKAGES = ["python3-pil", "libjpeg62-turbo", "libimage-exiftool-perl"]
BUILT_WITH = {"python3-pil": "9.4.0-1.1+deb12u1", "libjpeg62-turbo": "1:2.1.5-2",
              "libimage-exiftool-perl": "12.57+dfsg-1"}

GPS_IFD = 0x8825
GPS_LATITUDE, GPS_LONGITUDE = 0x0002, 0x0004
RATIONAL = 5


def place(name, parent, region, code, country, chinese):
    """What PlaceIndex.Locate should answer: the town, the city it is a district of, its region and its country."""
    return {"name": name, "parentCity": parent, "city": parent or name, "region": region, "countryCode": code,
            "country": country, "countryChinese": chinese}


def country_only(code, country, chinese):
    return place(None, None, None, code, country, chinese)


# One file per case. position: what exiftool writes (signed decimal degrees). patch: GPS rationals that replace what
# exiftool wrote, for values it refuses to write ((numerator, denominator) x 3 for degrees, minutes, seconds).
# Every expected place was checked against GeoNames' cities500 (the data's source) and a map; see README.md.
CASES = [
    {"file": "town-europe.jpg", "photo": "000000121647.jpg", "position": (48.85300, 2.34990),
     "takenAt": "2013-05-18 13:42:10", "place": place("Paris", None, "Île-de-France", "FR", "France", "法国"),
     "what": "Paris, beside Notre-Dame (0.1 km from GeoNames' point for Paris): a café table"},
    {"file": "town-africa.jpg", "photo": "000000519208.jpg", "position": (-1.37060, 36.77420),
     "takenAt": "2015-08-02 10:05:31", "place": place("Nairobi", None, "Nairobi County", "KE", "Kenya", "肯尼亚"),
     "what": "Nairobi, the elephant orphanage in Nairobi National Park: 10.8 km from the city's point, no nearer town"},
    {"file": "town-asia.jpg", "photo": "000000099053.jpg", "position": (39.91400, 116.41100),
     "takenAt": "2016-10-03 19:27:44", "place": place("Beijing", None, "Beijing", "CN", "China", "中国"),
     "what": "Beijing, Wangfujing: a bowl of Chinese noodles"},
    {"file": "ward-asia.jpg", "photo": "000000183709.jpg", "position": (35.65950, 139.70050),
     "takenAt": "2019-03-29 18:11:02", "place": place("Motoyoyogichō", "Tokyo", "Tokyo", "JP", "Japan", "日本"),
     "what": "Tokyo, the Shibuya crossing: GeoNames has no populated place named Shibuya (a ward, ADM2), so the "
             "nearest town is Motoyoyogichō, 2 km away, a district of Tokyo"},
    {"file": "suburb-oceania.jpg", "photo": "000000126107.jpg", "position": (-33.89080, 151.27430),
     "takenAt": "2014-01-26 08:55:19",
     "place": place("Bondi Beach", "Sydney", "New South Wales", "AU", "Australia", "澳大利亚"),
     "what": "Sydney, Bondi Beach (a suburb, district of Sydney): a gull over the sand"},
    {"file": "town-latin-america.jpg", "photo": "000000434204.jpg", "position": (-23.56140, -46.65590),
     "takenAt": "2017-07-16 15:20:48",
     "place": place("Jardim Paulista", "São Paulo", "São Paulo", "BR", "Brazil", "巴西"),
     "what": "São Paulo, Avenida Paulista (closed to cars on Sundays): a skateboarder; the nearest town is the "
             "district Jardim Paulista"},
    {"file": "town-north-america.jpg", "photo": "000000423617.jpg", "position": (40.75800, -73.98550),
     "takenAt": "2011-11-09 17:03:37",
     "place": place("Hell's Kitchen", "New York City", "New York", "US", "United States", "美国"),
     "what": "New York, Times Square on a wet day: the nearest town is the district Hell's Kitchen (0.9 km)"},
    {"file": "district-europe.jpg", "photo": "000000568290.jpg", "position": (51.49940, -0.12730),
     "takenAt": "2012-06-21 12:30:00",
     "place": place("City of Westminster", "London", "England", "GB", "United Kingdom", "英国"),
     "what": "London, Parliament Square: the City of Westminster, a district of London; a red bus"},
    {"file": "remote-village.jpg", "photo": "000000078499.jpg", "position": (-49.34000, -72.87000),
     "takenAt": "2018-02-11 07:48:26",
     "place": place("El Chaltén", None, "Santa Cruz", "AR", "Argentina", "阿根廷"),
     "what": "Patagonia, 1.6 km from El Chaltén (800 people), 121 km from any place of 1,000: horses above a lake"},
    {"file": "boat-open-ocean.jpg", "photo": "000000205401.jpg", "position": (-20.00000, -130.00000),
     "takenAt": "2020-09-30 16:40:12", "place": None,
     "what": "the South Pacific, 510 km from the nearest land (Henderson Island, Pitcairn Islands): a boat at sea, "
             "no place"},
    {"file": "antimeridian-east.jpg", "photo": "000000159269.jpg", "position": (-16.86000, 179.99000),
     "takenAt": "2021-06-05 11:14:53", "place": country_only("FJ", "Fiji", "斐济"),
     "what": "Taveuni, Fiji, 1 km west of the 180th meridian (east longitude), on the island's land: no town of "
             "GeoNames' cities500 on Taveuni (Labasa, the nearest, is 82 km away), so Fiji alone"},
    {"file": "antimeridian-west.jpg", "photo": "000000214753.jpg", "position": (-16.86000, -179.99000),
     "takenAt": "2021-06-06 09:02:17", "place": country_only("FJ", "Fiji", "斐济"),
     "what": "Taveuni, Fiji, 1 km east of the 180th meridian (west longitude), 2 km from antimeridian-east.jpg: Fiji "
             "alone"},
    {"file": "pole-arctic.jpg", "photo": "000000349860.jpg", "position": (90.00000, 0.00000),
     "takenAt": "2022-04-14 00:00:00", "place": None,
     "what": "the North Pole: sea ice, no country"},
    {"file": "pole-antarctic.jpg", "photo": "000000212679.jpg", "position": (-90.00000, 0.00000),
     "takenAt": "2022-12-25 13:00:00", "place": country_only("AQ", "Antarctica", "南极洲"),
     "what": "the South Pole (Amundsen-Scott station, a table set for Christmas dinner): Antarctica's ice sheet, no "
             "populated place"},
    {"file": "no-fix-zero.jpg", "photo": "000000557172.jpg", "position": (0.0, 0.0),
     "takenAt": "2023-08-19 21:15:40", "place": None,
     "what": "exactly (0, 0), what cameras write indoors without a fix: no place (it is also open sea)"},
    {"file": "latitude-95.jpg", "photo": "000000516008.jpg", "position": (89.0, 12.4922),
     "patch": {GPS_LATITUDE: ((95, 1), (0, 1), (0, 1))},
     "takenAt": "2023-11-02 09:33:12", "place": None,
     "what": "latitude 95 N (out of range; longitude that of Rome): no place, neither clamped to the pole nor "
             "folded over it"},
    {"file": "longitude-200.jpg", "photo": "000000256353.jpg", "position": (21.30690, 179.0),
     "patch": {GPS_LONGITUDE: ((202, 1), (8, 1), (3012, 100))},
     "takenAt": "2024-02-29 14:07:09", "place": None,
     "what": "longitude 202.1417 E (out of range): no place; wrapped to 157.8583 W it would be Honolulu"},
    {"file": "latitude-nan.jpg", "photo": "000000403353.jpg", "position": (1.0, 37.07300),
     "patch": {GPS_LATITUDE: ((0, 0), (0, 0), (0, 0))},
     "takenAt": "2024-10-12 22:48:55", "place": None,
     "what": "latitude 0/0 0/0 0/0 (no number, as a camera without a fix may write), a valid longitude: no place; "
             "read as latitude 0 it would be Nanyuki, Kenya"},
]


CAPTIONS = {name: photo["captions"] for name, photo in testdata.coco_photos(COCO).items()}


def run(*args, **kwargs):
    return testdata.run(args, ENV, **kwargs)


def small_jpeg(name):
    """The COCO photo brought down to LONG_SIDE pixels (Lanczos) as a baseline JPEG with no metadata at all."""
    with Image.open(COCO / "images" / name) as im:
        im = im.convert("RGB")
        scale = LONG_SIDE / max(im.size)
        im = im.resize((round(im.width * scale), round(im.height * scale)), Image.LANCZOS)
        out = io.BytesIO()
        im.save(out, "JPEG", quality=QUALITY)
        return out.getvalue(), im.size


def write_exif(path, case):
    lat, lon = case["position"]
    run("exiftool", "-q", "-overwrite_original", "-n",
        "-DateTimeOriginal=" + case["takenAt"].replace("-", ":"),
        "-GPSLatitude=%s" % abs(lat), "-GPSLatitudeRef=%s" % ("S" if lat < 0 else "N"),
        "-GPSLongitude=%s" % abs(lon), "-GPSLongitudeRef=%s" % ("W" if lon < 0 else "E"), path)


def gps_rationals(data):
    """({tag: offset of its 3 rationals in the file} for GPSLatitude and GPSLongitude, the TIFF byte order): a walk
    of the JPEG's Exif APP1 from IFD0 to the GPS IFD that reads only what it needs."""
    i = 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker == 0xE1 and data[i + 4:i + 10] == b"Exif\0\0":
            tiff = i + 10
            order = ">" if data[tiff:tiff + 2] == b"MM" else "<"

            def entries(ifd):
                count = struct.unpack(order + "H", data[tiff + ifd:tiff + ifd + 2])[0]
                for k in range(count):
                    at = tiff + ifd + 2 + 12 * k
                    tag, typ, n, value = struct.unpack(order + "HHII", data[at:at + 12])
                    yield tag, typ, n, value

            ifd0 = struct.unpack(order + "I", data[tiff + 4:tiff + 8])[0]
            gps = next(v for t, _, _, v in entries(ifd0) if t == GPS_IFD)
            return {t: tiff + v for t, typ, n, v in entries(gps)
                    if t in (GPS_LATITUDE, GPS_LONGITUDE) and typ == RATIONAL and n == 3}, order
        i += 2 + length
    raise ValueError("no Exif APP1")


def patch_rationals(path, patch):
    """Overwrites GPS rationals in place: the same 24 bytes each, so the file's structure is untouched."""
    data = bytearray(path.read_bytes())
    where, order = gps_rationals(data)
    for tag, rationals in patch.items():
        offset = where[tag]
        data[offset:offset + 24] = struct.pack(order + "6I", *(x for r in rationals for x in r))
    path.write_bytes(bytes(data))


def stored_rationals(path):
    data = path.read_bytes()
    where, order = gps_rationals(data)
    out = {}
    for tag, key in ((GPS_LATITUDE, "GPSLatitude"), (GPS_LONGITUDE, "GPSLongitude")):
        v = struct.unpack(order + "6I", data[where[tag]:where[tag] + 24])
        out[key] = " ".join("%d/%d" % (v[k], v[k + 1]) for k in range(0, 6, 2))
    return out


def decimal(rationals, ref):
    """Signed degrees from three 'n/d' rationals; None when one is not a number (a zero denominator)."""
    parts = [tuple(int(x) for x in r.split("/")) for r in rationals.split()]
    if any(d == 0 for _, d in parts):
        return None
    value = sum(n / d / 60 ** k for k, (n, d) in enumerate(parts))
    return round(-value if ref in ("S", "W") else value, 6)


def describe(path, case, size):
    meta = json.loads(run("exiftool", "-j", "-n", "-DateTimeOriginal", "-GPSLatitudeRef", "-GPSLongitudeRef",
                          path).stdout)[0]
    rationals = stored_rationals(path)
    lat = decimal(rationals["GPSLatitude"], meta["GPSLatitudeRef"])
    lon = decimal(rationals["GPSLongitude"], meta["GPSLongitudeRef"])
    if "patch" not in case:
        assert (lat, lon) == tuple(round(v, 6) for v in case["position"]), (path.name, lat, lon, rationals)
    date = meta["DateTimeOriginal"]
    assert date == case["takenAt"].replace("-", ":"), (path.name, date)
    return {
        "file": path.name, "bytes": path.stat().st_size, "width": size[0], "height": size[1],
        "takenAt": case["takenAt"].replace(" ", "T"), "latitude": lat, "longitude": lon,
        "exifGps": {"GPSLatitudeRef": meta["GPSLatitudeRef"], "GPSLatitude": rationals["GPSLatitude"],
                    "GPSLongitudeRef": meta["GPSLongitudeRef"], "GPSLongitude": rationals["GPSLongitude"]},
        "place": case["place"], "what": case["what"],
        "photo": "shared:datasets/coco-train-mini/images/" + case["photo"], "caption": CAPTIONS[case["photo"]][0],
    }


def main():
    versions = testdata.package_versions(PACKAGES)
    differ = {p: (versions.get(p), v) for p, v in BUILT_WITH.items() if versions.get(p) != v}
    if differ:
        print("note: tool versions differ from those the committed set was built with; bytes may differ:")
        for p, (have, built) in differ.items():
            print("  %s: have %s, built with %s" % (p, have, built))
    assert len({c["photo"] for c in CASES}) == len(CASES), "each file shows its own photo"
    FILES.mkdir(exist_ok=True)
    for old in FILES.glob("*"):
        old.unlink()
    entries = []
    for case in CASES:
        path = FILES / case["file"]
        data, size = small_jpeg(case["photo"])
        path.write_bytes(data)
        write_exif(path, case)
        if "patch" in case:
            patch_rationals(path, case["patch"])
        entries.append(describe(path, case, size))
        e = entries[-1]
        p = e["place"]
        print("%-24s %6d B  %-10s %-11s %-38s %s" % (
            e["file"], e["bytes"], e["latitude"], e["longitude"], e["exifGps"]["GPSLatitude"] + " " +
            e["exifGps"]["GPSLongitude"], "no place" if p is None else
            "%s / %s / %s / %s" % (p["name"], p["city"], p["region"], p["countryCode"])))
    doc = {
        "about": "tests/places-set: one entry per file in files/. latitude/longitude are the position the file's "
                 "EXIF GPS holds, in signed decimal degrees (null where a rational is 0/0, no number); exifGps is "
                 "what is stored, as rationals. takenAt is EXIF DateTimeOriginal as ISO local time (no offset). "
                 "place is what the offline geocoder (PlaceIndex.Locate on data/places/places.bin.gz) should name: "
                 "name (the nearest town, null far from towns), parentCity (the city that town is a district of), "
                 "city (parentCity, else name), region, countryCode, country and countryChinese; null for no place "
                 "(sea, or no valid fix).",
        "tools": {p: v for p, v in versions.items() if v},
        "files": entries,
    }
    (HERE / "expected.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    total = sum(f.stat().st_size for f in FILES.iterdir())
    print("%d files, %d bytes" % (len(entries), total))


if __name__ == "__main__":
    main()
