#!/usr/bin/python3
"""Builds the still-format test set: every still format a phone or camera makes, each holding one real COCO photo,
with the reference tool's decode of each file and the metadata exiftool reads from it.

Run from the project root with Debian 12's python3, python3-pil, python3-numpy, libheif-examples,
libimage-exiftool-perl, libjxl-tools, imagemagick and libraw-bin (README.md lists the versions used):
    nice /usr/bin/python3 tests/formats-set/build.py
Writes, under tests/formats-set/:
  files/        the test library (HEIC, AVIF, JPEG XL, TIFF, PSD, DNG), ~640 px photos from ../shared
  references/   each file's reference decode, upright, box-averaged by an integer factor to <= 320 px, as PNG
  expected.json one entry per file: format, upright size, orientation, EXIF date/camera/GPS, query words, reference
  hostile/      bad inputs for the decoder's refusal tests (not in expected.json; see hostile/README.md)
Deterministic: the encoders run single-threaded with fixed settings, nothing reads the clock. With other versions of
the tools than those listed in expected.json the coded bytes may differ; the script then says so and goes on.
"""
import io
import json
import math
import os
import pathlib
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import testdata  # noqa: E402
import dng  # noqa: E402
import heif_boxes as hb  # noqa: E402

SHARED = HERE.parents[2] / "shared"
COCO = SHARED / "datasets" / "coco-train-mini"
FILES, REFS, HOSTILE = HERE / "files", HERE / "references", HERE / "hostile"
CONVERT = "/usr/bin/convert"  # ImageMagick itself: a wrapper of the same name may come first on PATH
REF_LONG_SIDE = 320
ENV = dict(os.environ, TZ="UTC", LC_ALL="C", MAGICK_THREAD_LIMIT="1", OMP_NUM_THREADS="1")
X265 = ["-p", "x265:pools=1", "-p", "x265:frame-threads=1"]
AOM = ["-p", "threads=1", "-p", "speed=6"]

# Debian packages whose versions decide the bytes written or the reference pixels.
PACKAGES = ["libheif1", "libheif-examples", "libde265-0", "libx265-199", "libaom3", "libdav1d6", "libavif-bin",
            "libimage-exiftool-perl", "libjxl-tools", "libjxl0.7", "imagemagick-6.q16", "libraw-bin", "libraw20",
            "python3-pil", "python3-numpy", "libtiff6", "libpng16-16", "libjpeg62-turbo"]
BUILT_WITH = {  # what the committed files were made with (Debian 12 "bookworm")
    "libheif1": "1.15.1-1+deb12u3", "libde265-0": "1.0.11-1+deb12u2", "libx265-199": "3.5-2+b1",
    "libaom3": "3.6.0-1+deb12u1", "libavif-bin": "0.11.1-1+deb12u1", "libimage-exiftool-perl": "12.57+dfsg-1",
    "libjxl-tools": "0.7.0-10+deb12u1",
    "imagemagick-6.q16": "8:6.9.11.60+dfsg-1.6+deb12u16", "libraw-bin": "0.20.2-2.1+deb12u2",
    "python3-pil": "9.4.0-1.1+deb12u1", "python3-numpy": "1:1.24.2-1+deb12u1",
}


def run(*args, **kwargs):
    return testdata.run(args, ENV, **kwargs)


def package_versions():
    return testdata.package_versions(PACKAGES)


# ---------------------------------------------------------------- photos and captions

CAPTIONS = testdata.coco_photos(COCO)


def photo(name, long_side=None):
    """The COCO photo as plain RGB (no ICC profile or other info), cropped to even width and height; optionally
    scaled (Lanczos) so its long side is `long_side`."""
    im = Image.open(COCO / "images" / name).convert("RGB")
    if long_side and max(im.size) != long_side:
        f = long_side / max(im.size)
        im = im.resize((round(im.width * f), round(im.height * f)), Image.LANCZOS)
    w, h = im.width - im.width % 2, im.height - im.height % 2
    return Image.frombytes("RGB", (w, h), im.crop((0, 0, w, h)).tobytes())


def caption_for(name, query):
    """The first caption holding every query word (a test searches for them); fails if there is none."""
    words = query.lower().split()
    for caption in CAPTIONS[name]["captions"]:
        text = caption.lower()
        if all(w in text for w in words):
            return caption
    raise SystemExit("no caption of %s holds all of %r: %s" % (name, query, CAPTIONS[name]["captions"]))


# ---------------------------------------------------------------- orientation

# EXIF orientation -> the Pillow transpose that displays stored pixels upright (as ImageOps.exif_transpose does).
DISPLAY = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
           5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
           8: Image.Transpose.ROTATE_90}
# ... and the transpose that stores an upright photo so that DISPLAY[n] shows it upright again.
STORE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
         5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE,
         8: Image.Transpose.ROTATE_270}


def stored_for(upright, orientation):
    if orientation in (None, 1):
        return upright
    stored = upright.transpose(STORE[orientation])
    assert stored.transpose(DISPLAY[orientation]).tobytes() == upright.tobytes()
    return stored


def display(array, orientation):
    """Applies an EXIF orientation to an H x W x 3 array (any dtype), by hand, as ImageOps.exif_transpose would."""
    if orientation in (None, 1):
        return array
    ops = {2: lambda a: a[:, ::-1], 3: lambda a: a[::-1, ::-1], 4: lambda a: a[::-1],
           5: lambda a: a.transpose(1, 0, 2), 6: lambda a: np.rot90(a, -1),
           7: lambda a: a[::-1, ::-1].transpose(1, 0, 2), 8: lambda a: np.rot90(a, 1)}
    return np.ascontiguousarray(ops[orientation](array))


# ---------------------------------------------------------------- image files written by hand

def write_png16(path, array):
    """A 16-bit RGB PNG (Pillow 9.4 cannot write one): filter 0 on every row, zlib level 9."""
    h, w, c = array.shape
    raw = b"".join(b"\0" + array[y].astype(">u2").tobytes() for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pathlib.Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0))
                                   + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def to16(image):
    """A 16-bit version of an 8-bit photo with real 16-bit detail: a light blur in floating point (the values fall
    between the 8-bit steps), scaled to 0..65535."""
    a = np.asarray(image, dtype=np.float64)
    pad = np.pad(a, ((1, 1), (1, 1), (0, 0)), mode="edge")
    kernel = np.array([1.0, 2.0, 1.0]) / 4
    rows = sum(kernel[i] * pad[i:i + a.shape[0]] for i in range(3))
    blur = sum(kernel[j] * rows[:, j:j + a.shape[1]] for j in range(3))
    return np.clip(np.round(blur * 257.0), 0, 65535).astype(np.uint16)


def tiff16_deflate(array):
    """A 16-bit RGB TIFF: Deflate with the horizontal predictor (as Photoshop and libtiff write), 16-row strips."""
    h, w, _ = array.shape
    rows_per_strip = 16
    strips = []
    for y in range(0, h, rows_per_strip):
        block = array[y:y + rows_per_strip].astype(np.int64)
        diff = block.copy()
        diff[:, 1:, :] = block[:, 1:, :] - block[:, :-1, :]
        strips.append(zlib.compress((diff % 65536).astype("<u2").tobytes(), 9))
    ifd = dng.Ifd()
    ifd.add(256, dng.LONG, [w])
    ifd.add(257, dng.LONG, [h])
    ifd.add(258, dng.SHORT, [16, 16, 16])
    ifd.add(259, dng.SHORT, [8])  # Adobe Deflate
    ifd.add(262, dng.SHORT, [2])
    ifd.add(273, dng.LONG, ("blobs", ["s%d" % i for i in range(len(strips))]))
    ifd.add(277, dng.SHORT, [3])
    ifd.add(278, dng.LONG, [rows_per_strip])
    ifd.add(279, dng.LONG, [len(s) for s in strips])
    ifd.add(284, dng.SHORT, [1])
    ifd.add(317, dng.SHORT, [2])  # horizontal differencing
    return dng.write_tiff([("ifd0", ifd)], {"s%d" % i: s for i, s in enumerate(strips)})


def cmyk_of(image):
    """CMYK with a real black channel: K = 60 % of (255 - max(R, G, B)), and C, M, Y chosen so that the plain
    conversion Pillow and ImageMagick use without profiles, R = (255 - C)(255 - K)/255, gives the photo back."""
    a = np.asarray(image, dtype=np.float64)
    k = np.round(0.6 * (255 - a.max(axis=2)))
    cmy = np.clip(np.round(255 - a * 255 / np.maximum(255 - k, 1)[..., None]), 0, 255)
    return Image.fromarray(np.dstack([cmy, k]).astype(np.uint8), "CMYK")


# ---------------------------------------------------------------- the cases

EXIF_SETS = {
    "iphone": dict(DateTimeOriginal="2021:06:12 14:03:27", Make="Apple", Model="iPhone 12 Pro",
                   gps=(40.689247, -74.044502)),
    "pixel": dict(DateTimeOriginal="2023:01:28 09:41:05", Make="Google", Model="Pixel 7",
                  gps=(-33.856784, 151.215297)),
    "nikon": dict(DateTimeOriginal="2019:10:03 17:25:48", Make="NIKON CORPORATION", Model="NIKON D850",
                  gps=(51.500729, -0.124625)),
}


def exiftool_write(path, tags, orientation=None):
    args = ["exiftool", "-q", "-overwrite_original"]
    if tags:
        lat, lon = tags["gps"]
        args += ["-DateTimeOriginal=" + tags["DateTimeOriginal"], "-CreateDate=" + tags["DateTimeOriginal"],
                 "-Make=" + tags["Make"], "-Model=" + tags["Model"],
                 "-GPSLatitude=%s" % abs(lat), "-GPSLatitudeRef=" + ("N" if lat >= 0 else "S"),
                 "-GPSLongitude=%s" % abs(lon), "-GPSLongitudeRef=" + ("E" if lon >= 0 else "W")]
    if orientation is not None:
        args.append("-Orientation#=%d" % orientation)
    run(*args, path)


class Work:
    def __init__(self, tmp):
        self.tmp = pathlib.Path(tmp)
        self.entries = []

    def png(self, image, name):
        path = self.tmp / name
        image.save(path, "PNG")
        return path

    def add(self, file, fmt, photo_name, query, what, source, **extra):
        """source: the upright picture the file was made from, for the check that the reference shows it."""
        entry = {"file": file, "format": fmt, "photo": photo_name, "query": query,
                 "caption": caption_for(photo_name, query), "what": what, "_source": source}
        entry.update(extra)
        self.entries.append(entry)


def heic_cases(w):
    # 8-bit and 10-bit HEIC
    im = photo("000000078499.jpg")
    run("heif-enc", "-q", "50", *X265, "-o", FILES / "heic-8bit.heic", w.png(im, "h8.png"))
    w.add("heic-8bit.heic", "HEIC", "000000078499.jpg", "horses grass lake",
          "HEIC, 8-bit 4:2:0 HEVC Main, no metadata", im)
    im = photo("000000205401.jpg")
    write_png16(w.tmp / "h10.png", to16(im))
    run("heif-enc", "-b", "10", "-q", "50", *X265, "-o", FILES / "heic-10bit.heic", w.tmp / "h10.png")
    w.add("heic-10bit.heic", "HEIC", "000000205401.jpg", "plane lake mountains",
          "HEIC, 10-bit 4:2:0 HEVC (from a 16-bit PNG, heif-enc -b 10; libheif 1.15 with x265 marks it "
          "general_profile_idc 4, Format Range Extensions, where iPhone HDR photos use Main 10)", im, bitDepth=10)

    # grid: 256 x 256 tiles, 3 x 3, cropped to 612 x 612 by the grid's output size (as iPhones do with 512 px tiles)
    im = photo("000000165518.jpg")
    tile = 256
    cols, rows = math.ceil(im.width / tile), math.ceil(im.height / tile)
    padded = np.pad(np.asarray(im), ((0, rows * tile - im.height), (0, cols * tile - im.width), (0, 0)), mode="edge")
    tiles = []
    for r in range(rows):
        for c in range(cols):
            tiles.append(w.png(Image.fromarray(padded[r * tile:(r + 1) * tile, c * tile:(c + 1) * tile]),
                               "tile%d%d.png" % (r, c)))
    run("heif-enc", "-q", "50", *X265, "-o", w.tmp / "tiles.heic", *tiles)
    _, _, items, _ = hb.read_heif((w.tmp / "tiles.heic").read_bytes())
    tile_items = []
    for i, item_id in enumerate(sorted(items)):
        item = items[item_id]
        tile_items.append(hb.Item(i + 1, b"hvc1", item.data, item.props, hidden=True))
    shared = [(p, e) for p, e in tile_items[0].props if hb.prop_kind(p) in (b"colr", b"pixi")]
    grid_id = len(tile_items) + 1
    grid = hb.Item(grid_id, b"grid", hb.grid_data(rows, cols, im.width, im.height),
                   [(hb.ispe(im.width, im.height), False)] + shared, in_idat=True)
    data = hb.write_heif(hb.ftyp_box(b"heic", [b"mif1", b"heic", b"miaf"]), grid_id, tile_items + [grid],
                         [(b"dimg", grid_id, [t.id for t in tile_items])])
    (FILES / "heic-grid.heic").write_bytes(data)
    w.add("heic-grid.heic", "HEIC", "000000165518.jpg", "motorcycle road fog",
          "HEIC grid: a 'grid' item of %d x %d hidden %d x %d HEVC tiles (iref dimg), output %d x %d cropped from "
          "the %d x %d tile area, grid descriptor in idat; put together by heif_boxes.py from tiles heif-enc coded"
          % (rows, cols, tile, tile, im.width, im.height, cols * tile, rows * tile), im, tiles=rows * cols)

    # EXIF orientation 1-8, no irot/imir: the pixels are stored turned so that the EXIF orientation shows them upright
    im = photo("000000107438.jpg")
    for n in range(1, 9):
        name = "heic-orientation-%d.heic" % n
        run("heif-enc", "-q", "50", *X265, "-o", FILES / name, w.png(stored_for(im, n), "o%d.png" % n))
        exiftool_write(FILES / name, None, orientation=n)
        w.add(name, "HEIC", "000000107438.jpg", "bike traffic light",
              "HEIC with EXIF Orientation %d and no irot/imir: the stored pixels are turned so that applying the "
              "EXIF orientation shows the photo upright" % n, im)

    # iPhone style: pixels stored in sensor orientation, an 'irot' property turns them, EXIF says the same again
    im = photo("000000183709.jpg")
    for n, quarter_turns_ccw in ((3, 2), (6, 3), (8, 1)):
        name = "heic-irot-exif-%d.heic" % n
        run("heif-enc", "-q", "50", *X265, "-o", w.tmp / "irot.heic", w.png(stored_for(im, n), "r%d.png" % n))
        ftyp, primary, items, refs = hb.read_heif((w.tmp / "irot.heic").read_bytes())
        items[primary].props.append((hb.irot(quarter_turns_ccw), True))
        (FILES / name).write_bytes(hb.write_heif(ftyp, primary, items.values(), refs))
        exiftool_write(FILES / name, None, orientation=n)
        w.add(name, "HEIC", "000000183709.jpg", "people cross street",
              "HEIC as an iPhone writes a turned photo: pixels stored in sensor orientation, an irot property "
              "(%d degrees anticlockwise) and EXIF Orientation %d saying the same; upright = irot applied once, "
              "the EXIF orientation not applied again" % (quarter_turns_ccw * 90, n), im,
              heifTransforms="irot %d" % (quarter_turns_ccw * 90))

    # EXIF date, camera and GPS
    im = photo("000000551780.jpg")
    run("heif-enc", "-q", "50", *X265, "-o", FILES / "heic-exif.heic", w.png(im, "e.png"))
    exiftool_write(FILES / "heic-exif.heic", EXIF_SETS["iphone"], orientation=1)
    w.add("heic-exif.heic", "HEIC", "000000551780.jpg", "clock building",
          "HEIC with EXIF DateTimeOriginal, Make/Model, GPS (north, west) and Orientation 1", im)

    # a burst / collection: three top-level images in one file, the first is the primary
    names = ["000000129648.jpg", "000000349860.jpg", "000000434204.jpg"]
    shots = [photo(n) for n in names]
    pngs = [w.png(s, "b%d.png" % i) for i, s in enumerate(shots)]
    run("heif-enc", "-q", "50", *X265, "-o", FILES / "heic-burst.heic", *pngs)
    w.add("heic-burst.heic", "HEIC", names[0], "boy skateboarding trick",
          "HEIC image collection (a burst): three top-level coded images (ids 1-3: %s); pitm names the first, which "
          "is the photo; the others show other skateboarders" % ", ".join("%dx%d" % s.size for s in shots),
          shots[0], images=3)


def avif_cases(w):
    im = photo("000000214753.jpg")
    run("heif-enc", "-A", "-q", "50", *AOM, "-o", FILES / "avif-exif.avif", w.png(im, "a.png"))
    exiftool_write(FILES / "avif-exif.avif", EXIF_SETS["pixel"], orientation=1)
    w.add("avif-exif.avif", "AVIF", "000000214753.jpg", "horses beach",
          "AVIF (AV1, 8-bit 4:2:0, heif-enc -A) with EXIF DateTimeOriginal, Make/Model, GPS (south, east) and "
          "Orientation 1", im)
    im = photo("000000126107.jpg")
    write_png16(w.tmp / "a10.png", to16(im))
    # heif-enc 1.15 with aom 3.6 aborts on 10-bit input (an assertion in aom's write_color_config): avifenc
    run("avifenc", "-d", "10", "-y", "420", "-j", "1", "-s", "6", "--min", "18", "--max", "28", "-c", "aom",
        w.tmp / "a10.png", FILES / "avif-10bit.avif")
    w.add("avif-10bit.avif", "AVIF", "000000126107.jpg", "bird flying sand",
          "AVIF, 10-bit 4:2:0 AV1 (from a 16-bit PNG, avifenc -d 10, libavif), nclx colour, no metadata", im,
          bitDepth=10)


def jxl_cases(w):
    im = photo("000000229997.jpg")
    run("cjxl", w.png(im, "j.png"), FILES / "jxl-lossy.jxl", "-d", "1.0", "-e", "7", "--num_threads=1")
    w.add("jxl-lossy.jxl", "JXL", "000000229997.jpg", "bear grass",
          "JPEG XL, lossy VarDCT (cjxl -d 1.0 -e 7) from an 8-bit PNG, bare codestream", im)
    src = COCO / "images" / "000000519208.jpg"
    run("cjxl", src, FILES / "jxl-from-jpeg.jxl", "--lossless_jpeg=1", "--num_threads=1")
    w.add("jxl-from-jpeg.jxl", "JXL", "000000519208.jpg", "man elephant",
          "JPEG XL made by lossless recompression of the original COCO JPEG (cjxl --lossless_jpeg=1: ISOBMFF "
          "container with a 'jbrd' box that can restore the JPEG bit stream; decoded pixels are the JPEG's)",
          Image.open(src).convert("RGB"))


def tiff_cases(w):
    im = photo("000000252639.jpg")
    im.save(FILES / "tiff-rgb8.tif", "TIFF", compression="tiff_lzw")
    w.add("tiff-rgb8.tif", "TIFF", "000000252639.jpg", "green white bus",
          "TIFF, 8-bit RGB, LZW, 34-row strips of about 64 KiB (Pillow/libtiff)", im)

    im = photo("000000525891.jpg", long_side=480)
    (FILES / "tiff-rgb16.tif").write_bytes(tiff16_deflate(to16(im)))
    w.add("tiff-rgb16.tif", "TIFF", "000000525891.jpg", "stop sign flowers",
          "TIFF, 16-bit RGB (48 bits a pixel), Adobe Deflate with the horizontal predictor, 16-row strips (written "
          "by hand, as Photoshop writes them)", im, bitDepth=16)

    im = photo("000000062554.jpg", long_side=480)
    cmyk_of(im).save(FILES / "tiff-cmyk.tif", "TIFF", compression="tiff_adobe_deflate")
    w.add("tiff-cmyk.tif", "TIFF", "000000062554.jpg", "plates food table",
          "TIFF, 8-bit CMYK (Photometric 5) with a real K channel, Deflate, no ICC profile; RGB = "
          "(255 - C)(255 - K)/255, the plain conversion of Pillow and ImageMagick", im)

    im = photo("000000196393.jpg")
    others = [photo("000000377575.jpg", long_side=320), photo("000000403353.jpg", long_side=160)]
    im.save(FILES / "tiff-multipage.tif", "TIFF", compression="tiff_adobe_deflate", save_all=True,
            append_images=others)
    w.add("tiff-multipage.tif", "TIFF", "000000196393.jpg", "cat canary dinner",
          "multi-page TIFF (3 IFDs, Deflate): page 1 is the photo; page 2 (%dx%d) and page 3 (%dx%d) are other "
          "photos (a dog at a hydrant, a lamp by a bed) that a decoder must not show"
          % (others[0].size + others[1].size), im, pages=3)

    im = photo("000000125870.jpg")
    im.save(FILES / "tiff-exif.tif", "TIFF", compression="jpeg", quality=90)
    exiftool_write(FILES / "tiff-exif.tif", EXIF_SETS["nikon"], orientation=1)
    w.add("tiff-exif.tif", "TIFF", "000000125870.jpg", "airport passenger jets",
          "TIFF with JPEG compression (Compression 7, Photometric RGB, quality 90, Pillow/libtiff), with EXIF "
          "DateTimeOriginal, Make/Model, GPS (north, west) and Orientation 1", im)


def psd_cases(w):
    im = photo("000000177977.jpg", long_side=400)
    run(CONVERT, w.png(im, "p.png"), FILES / "psd-flat.psd")
    w.add("psd-flat.psd", "PSD", "000000177977.jpg", "stove kitchen wooden cabinets",
          "PSD, 8-bit RGB, RLE composite (ImageMagick convert x.png x.psd: the composite and one layer equal to it)",
          im)

    im = photo("000000216794.jpg", long_side=320)
    badge = Image.new("RGB", (96, 64), (230, 40, 40))
    ImageDraw.Draw(badge).rectangle((8, 8, 87, 55), outline=(255, 255, 255), width=4)
    composite = im.copy()
    composite.paste(badge, (24, 20))
    run(CONVERT, w.png(composite, "comp.png"), w.png(im, "l1.png"), "(", w.png(badge, "l2.png"), "-repage", "+24+20",
        ")", FILES / "psd-layered.psd")
    w.add("psd-layered.psd", "PSD", "000000216794.jpg", "wooden bench hill",
          "layered PSD (ImageMagick: first image = merged composite, RLE; then 2 layers, ZIP): layer 1 the photo, "
          "layer 2 a 96x64 red badge at (24, 20); the composite shows both, so a decoder that shows layer 1 misses "
          "the badge", composite, layers=2)


def dng_cases(w):
    for name, photo_name, query, orientation, preview, taken, gps, what in (
            ("dng-preview.dng", "000000358083.jpg", "cat mirror", 1, True, "2018:08:19 11:22:33",
             (48.858370, 2.294481), "synthetic DNG 1.4 (dng.py): a 16-bit RGGB mosaic in one SubIFD, a full-size "
             "baseline JPEG preview in a second SubIFD, a 160 px RGB thumbnail in IFD0, EXIF date and GPS; "
             "Orientation 1"),
            ("dng-preview-orientation-6.dng", "000000377575.jpg", "dog fire hydrant", 6, True, "2018:08:19 11:25:02",
             None, "synthetic DNG shot in portrait: mosaic and preview JPEG stored in sensor (landscape) "
             "orientation, IFD0 Orientation 6; the preview holds no EXIF of its own, so upright = the preview turned "
             "by the RAW's orientation"),
            ("dng-no-preview.dng", "000000423617.jpg", "wet road traffic", 1, False, "2018:08:19 11:31:40", None,
             "synthetic DNG with only a 160 px thumbnail: no full-size preview, so the mosaic must be demosaiced")):
        # a light blur stands in for a camera's anti-aliasing filter (less demosaicing colour noise)
        im = photo(photo_name, long_side=480).filter(ImageFilter.GaussianBlur(0.6))
        # IFD0's DateTime is a later edit (as a raw converter writes): the date taken is EXIF DateTimeOriginal's
        (FILES / name).write_bytes(dng.build_dng(im, orientation, preview, "FormatsSet", "Synthetic DNG", taken,
                                                 gps=gps, modified="2019:03:01 08:00:00"))
        w.add(name, "DNG", photo_name, query, what, im, rawSource="preview" if preview else "demosaic")


# ---------------------------------------------------------------- reference decodes

def read_png_any(path):
    """A PNG as an H x W x 3 float array in 0..255. 16-bit PNGs (which Pillow 9.4 reads as 8-bit) go through
    ImageMagick's lossless 16-bit raw export; heif-convert writes 10-bit samples shifted left by 6 bits (v << 6), so
    those are shifted back and scaled by 255/1023."""
    with Image.open(path) as im:
        depth16 = im.mode in ("I", "I;16") or (im.info.get("bitdepth") == 16) or _png_bit_depth(path) == 16
        if not depth16:
            return np.asarray(im.convert("RGB"), dtype=np.float64), 8
        w, h = im.size
    raw = run(CONVERT, path, "-depth", "16", "-endian", "LSB", "rgb:-").stdout
    a = np.frombuffer(raw, dtype="<u2").reshape(h, w, 3).astype(np.float64)
    if np.all(a.astype(np.int64) % 64 == 0):
        return (a / 64) * 255 / 1023, 10
    return a * 255 / 65535, 16


def _png_bit_depth(path):
    with open(path, "rb") as f:
        head = f.read(29)
    return head[24]


def box_mean(array, k):
    """Mean of each k x k block (the last row and column of blocks average the pixels there are), rounded half up.
    PIL's Image.reduce(k) computes the same in fixed point: identical for k = 2, at most 1 unit off for other k."""
    h, w, c = array.shape
    H, W = math.ceil(h / k), math.ceil(w / k)
    sums = np.zeros((H, W, c))
    counts = np.zeros((H, W, 1))
    pad = np.zeros((H * k, W * k, c))
    pad[:h, :w] = array
    ones = np.zeros((H * k, W * k, 1))
    ones[:h, :w] = 1
    sums = pad.reshape(H, k, W, k, c).sum(axis=(1, 3))
    counts = ones.reshape(H, k, W, k, 1).sum(axis=(1, 3))
    return np.floor(sums / counts + 0.5).astype(np.uint8)


def heif_transforms(path):
    _, primary, items, _ = hb.read_heif(path.read_bytes())
    return [hb.prop_kind(p) for p, _ in items[primary].props if hb.prop_kind(p) in (b"irot", b"imir", b"clap")]


def reference_decode(entry, path, meta, tmp):
    """The upright full decode by the reference tool, H x W x 3 float in 0..255, and how it was made."""
    fmt = entry["format"]
    orientation = meta.get("Orientation")
    if fmt in ("HEIC", "AVIF"):
        out = tmp / "ref.png"
        for old in tmp.glob("ref*.png"):
            old.unlink()
        run("heif-convert", path, out)
        if not out.exists():  # several top-level images: heif-convert writes ref-1.png, ref-2.png, ...
            out = tmp / "ref-1.png"
        a, depth = read_png_any(out)
        transforms = heif_transforms(path)
        how = "heif-convert (libheif %s) to %d-bit PNG" % (VERSIONS["libheif1"], 16 if depth > 8 else 8)
        if depth == 10:
            how += " (10-bit samples << 6; scaled by 255/1023)"
        if transforms:
            how += "; libheif applied %s; EXIF Orientation %s not applied again" % (
                "+".join(t.decode() for t in transforms), orientation)
        elif orientation not in (None, 1):
            a = display(a, orientation)
            how += "; heif-convert does not apply EXIF orientation: Orientation %d applied by hand" % orientation
        if entry.get("images"):
            how += "; the primary image (heif-convert's first output)"
        return a, how
    if fmt == "JXL":
        run("djxl", path, tmp / "ref.png", "--num_threads=1")
        a, depth = read_png_any(tmp / "ref.png")
        return a, "djxl (libjxl %s) to PNG; orientation, if any, is applied by djxl" % VERSIONS["libjxl-tools"]
    if fmt == "TIFF":
        with Image.open(path) as im:
            mode = im.mode
            upright = ImageOps.exif_transpose(im)
            rgb = upright.convert("RGB")
            how = "Pillow %s, first page" % Image.__version__
            if mode == "CMYK":
                how += ", CMYK converted by Pillow (R = (255 - C)(255 - K)/255; ImageMagick gives the same)"
            if entry.get("bitDepth") == 16:
                how += (", 16-bit samples reduced to 8 by Pillow (v >> 8, truncating; ImageMagick rounds v/257, "
                        "at most 1 unit apart)")
            return np.asarray(rgb, dtype=np.float64), how
    if fmt == "PSD":
        with Image.open(path) as im:
            return np.asarray(im.convert("RGB"), dtype=np.float64), (
                "Pillow %s PSD reader: the merged composite (image data section); ImageMagick's %s[0] is the same "
                "composite" % (Image.__version__, path.name))
    if fmt in RAW_FORMATS:
        if entry["rawSource"] == "preview":
            tag = entry.get("previewTag", "PreviewImage")
            preview = run("exiftool", "-b", "-" + tag, path).stdout
            with Image.open(io.BytesIO(preview)) as im:
                a = np.asarray(im.convert("RGB"), dtype=np.float64)
            how = "embedded full-size preview JPEG (exiftool -b -%s) decoded by Pillow %s" % (tag, Image.__version__)
            if orientation not in (None, 1):
                a = display(a, orientation)
                how += "; the RAW's Orientation %d applied by hand (the preview holds none)" % orientation
            return a, how
        out = tmp / (path.name + ".tiff")
        shutil.copyfile(path, tmp / path.name)
        run("dcraw_emu", "-w", "-T", tmp / path.name)
        with Image.open(out) as im:
            a = np.asarray(im.convert("RGB"), dtype=np.float64)
        out.unlink()
        (tmp / path.name).unlink()
        return a, ("dcraw_emu -w -T (LibRaw %s): camera white balance, AHD demosaic, sRGB, gamma 2.222/4.5, "
                   "auto-brightened, turned by the RAW's orientation" % VERSIONS["libraw-bin"])
    raise ValueError(fmt)


RAW_FORMATS = {"DNG", "CR2", "CR3", "NEF", "NRW", "ARW", "RAF", "ORF", "RW2", "PEF", "SRW"}


def iso_date(value):
    if not value or not isinstance(value, str) or value.startswith("0000"):
        return None
    date, _, time = value.partition(" ")
    return date.replace(":", "-") + ("T" + time if time else "")


def read_meta(path):
    out = run("exiftool", "-j", "-n", "-DateTimeOriginal", "-Make", "-Model", "-GPSLatitude", "-GPSLongitude",
              "-Orientation", "-ImageWidth", "-ImageHeight", path).stdout
    return json.loads(out)[0]


def finish(w, files=FILES, out=HERE):
    entries = []
    for entry in w.entries:
        path = files / entry["file"]
        meta = read_meta(path)
        upright, how = reference_decode(entry, path, meta, w.tmp)
        h, wid, _ = upright.shape
        k = max(1, math.ceil(max(h, wid) / REF_LONG_SIDE))
        ref = box_mean(upright, k)
        if upright.dtype == np.float64 and np.all(upright == np.round(upright)):
            # Pillow's Image.reduce(k) is the same box mean in fixed point: equal for k = 2, within 1 unit otherwise
            check = np.asarray(Image.fromarray(upright.astype(np.uint8)).reduce(k)).astype(int)
            assert np.abs(check - ref).max() <= (0 if k in (1, 2) else 1), "box mean differs from Image.reduce"
        ref_name = "references/" + pathlib.Path(entry["file"]).stem + ".png"
        Image.fromarray(ref).save(out / ref_name, "PNG")
        mad = None
        if entry.get("_source") is not None:
            source = box_mean(np.asarray(entry["_source"].convert("RGB"), dtype=np.float64), k)
            assert source.shape == ref.shape, (entry["file"], source.shape, ref.shape)
            mad = float(np.abs(source.astype(np.float64) - ref).mean())
            # lossy coding costs a few units; a wrong orientation, page, layer or colour conversion costs 30 or
            # more. dcraw_emu's tone curve and auto-brightening move a demosaiced image further from the photo.
            limit = 40 if entry.get("rawSource") == "demosaic" else 8
            assert mad < limit, "%s: reference is %.1f from the photo it was made from" % (entry["file"], mad)
        orientation = meta.get("Orientation")
        result = {
            "file": entry["file"], "format": entry["format"], "width": wid, "height": h,
            "orientation": orientation if isinstance(orientation, int) else None,
            "takenAt": iso_date(meta.get("DateTimeOriginal")),
            "make": meta.get("Make"), "model": meta.get("Model"),
            "latitude": meta.get("GPSLatitude"), "longitude": meta.get("GPSLongitude"),
            "query": entry["query"], "reference": ref_name, "referenceScale": k,
            "rawSource": entry.get("rawSource"),
            "bytes": path.stat().st_size,
        }
        if "photo" in entry:
            result.update({"photo": "shared:datasets/coco-train-mini/images/" + entry["photo"],
                           "caption": entry["caption"]})
        result.update({"what": entry["what"], "referenceDecode": how})
        if mad is not None:
            result["referenceVsPhoto"] = round(mad, 2)
        for extra in ("bitDepth", "pages", "layers", "images", "tiles", "heifTransforms", "previewTag", "previewSize",
                      "source"):
            if extra in entry:
                result[extra] = entry[extra]
        entries.append(result)
        print("%-30s %-4s %4dx%-4d k=%-2d vs photo %5s  %s" % (entry["file"], entry["format"], wid, h, k,
                                                             "-" if mad is None else "%.2f" % mad, how[:50]))
    return entries


def largest_preview(path):
    """(exiftool tag, (w, h), bytes) of the largest embedded JPEG that Pillow decodes, or (None, None, 0)."""
    best = (None, None, 0)
    for tag in ("JpgFromRaw", "PreviewImage", "OtherImage", "ThumbnailImage"):
        data = run("exiftool", "-b", "-" + tag, path).stdout
        if len(data) < 4 or data[:2] != b"\xff\xd8":
            continue
        try:
            with Image.open(io.BytesIO(data)) as im:
                im.load()
                size = im.size
        except Exception:  # a damaged or unsupported preview counts as none
            continue
        if best[1] is None or size[0] * size[1] > best[1][0] * best[1][1]:
            best = (tag, size, len(data))
    return best


def raw_size(path):
    """The RAW's image size as LibRaw reports it (raw-identify -v 'Image size', before turning)."""
    for line in run("raw-identify", "-v", path).stdout.decode(errors="replace").splitlines():
        if line.startswith("Image size:"):
            w, h = line.split(":", 1)[1].split("x")
            return int(w), int(h)
    raise ValueError("raw-identify gives no image size for %s" % path)


def camera_raw(folder):
    """--camera-raw DIR: expected.json and references/ for real camera RAW files in DIR, listed in DIR/sources.json
    as [{"file", "query", "what", "source": {"repository", "path", "commit", "licence"}}]. A RAW's rawSource is
    "preview" when its largest embedded JPEG is full size (long side >= 95 % of the RAW's), else "demosaic"."""
    sources = json.loads((folder / "sources.json").read_text())
    (folder / "references").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        w = Work(tmp)
        for s in sources:
            path = folder / s["file"]
            tag, size, length = largest_preview(path)
            full = size is not None and max(size) >= 0.95 * max(raw_size(path))
            entry = {"file": s["file"], "format": path.suffix[1:].upper(), "query": s["query"], "what": s["what"],
                     "rawSource": "preview" if full else "demosaic", "source": s["source"]}
            if tag:
                entry.update({"previewTag": tag, "previewSize": "%dx%d, %d bytes" % (size + (length,))})
            w.entries.append(entry)
        entries = finish(w, folder, folder)
    doc = {"about": "Real camera RAW files for tests/formats-set, made by its build.py --camera-raw; fields as in "
                    "tests/formats-set/expected.json.",
           "tools": {p: v for p, v in VERSIONS.items() if v}, "files": entries}
    (folder / "expected.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")


VERSIONS = {}


def main():
    VERSIONS.update(package_versions())
    if sys.argv[1:2] == ["--camera-raw"]:
        return camera_raw(pathlib.Path(sys.argv[2]).resolve())
    differ = {p: (VERSIONS.get(p), v) for p, v in BUILT_WITH.items() if VERSIONS.get(p) != v}
    if differ:
        print("note: tool versions differ from those the committed set was built with; coded bytes may differ:")
        for p, (have, built) in differ.items():
            print("  %s: have %s, built with %s" % (p, have, built))
    for folder in (FILES, REFS):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        w = Work(tmp)
        heic_cases(w)
        avif_cases(w)
        jxl_cases(w)
        tiff_cases(w)
        psd_cases(w)
        dng_cases(w)
        entries = finish(w)
    import hostile  # noqa: E402  (its own module: the bad inputs)
    hostile.build(HOSTILE, FILES, COCO / "images", run)
    doc = {
        "about": "tests/formats-set: one entry per file in files/. width/height are the upright (displayed) size; "
                 "orientation is the EXIF Orientation or null; takenAt is EXIF DateTimeOriginal as ISO local time "
                 "(no offset); make/model/latitude/longitude are what exiftool -n reads, or null. reference is the "
                 "reference tool's upright decode reduced by box means of referenceScale x referenceScale pixels "
                 "(see README.md for how to compare).",
        "tools": {p: v for p, v in VERSIONS.items() if v},
        "files": entries,
    }
    (HERE / "expected.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
