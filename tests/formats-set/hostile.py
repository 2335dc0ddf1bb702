"""Writes tests/formats-set/hostile/: bad inputs for the decoder's refusal tests, and hostile/README.md, which lists
each file and what a decoder must do with it. Called by build.py after files/ is built (some are made from files/).
"""
import io
import json
import shutil
import struct

from PIL import Image

import heif_boxes as hb

SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">
  <rect width="10" height="10" fill="#d22"/>
</svg>
"""
MVG = """viewbox 0 0 10 10
fill #d22
rectangle 0,0 10,10
"""
PS = """%!PS-Adobe-3.0
%%BoundingBox: 0 0 10 10
newpath 0 0 moveto 10 0 lineto 10 10 lineto 0 10 lineto closepath
0.8 0.1 0.1 setrgbcolor fill
showpage
"""

REFUSE = "refuse with a reason (an error naming the file and why), quickly, without a crash or a large allocation"


def tiff_pages(pages, loop=False):
    """A little-endian TIFF of `pages` 1 x 1 bilevel pages (5 tags each, all strips share one data byte). With loop,
    the last IFD's next-IFD offset points back to the first."""
    data_at = 8
    first = 10  # header (8) + 1 data byte + 1 pad byte
    size = 2 + 5 * 12 + 4
    out = bytearray(b"II*\0" + struct.pack("<I", first) + b"\x00\x00")
    for i in range(pages):
        at = first + i * size
        nxt = at + size if i + 1 < pages else (first if loop else 0)
        out += struct.pack("<H", 5)
        for tag, kind, value in ((256, 3, 1), (257, 3, 1), (262, 3, 0), (273, 4, data_at), (279, 4, 1)):
            out += struct.pack("<HHI", tag, kind, 1) + (struct.pack("<HH", value, 0) if kind == 3 else
                                                         struct.pack("<I", value))
        out += struct.pack("<I", nxt)
    return bytes(out)


def psd_header(width, height):
    """A PSD whose header declares width x height, 3 channels, 8 bits, RGB; empty colour-mode, resources and layer
    sections; then raw image data (compression 0) of only 64 bytes."""
    return (b"8BPS" + struct.pack(">H6sHIIHH", 1, b"\0" * 6, 3, height, width, 8, 3)
            + struct.pack(">I", 0) + struct.pack(">I", 0) + struct.pack(">I", 0)
            + struct.pack(">H", 0) + b"\x80" * 64)


def build(out, files, coco_images, run):
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    rows = []

    def add(name, what, expect):
        rows.append({"file": name, "bytes": (out / name).stat().st_size, "what": what, "expect": expect})

    src = (files / "heic-8bit.heic").read_bytes()
    (out / "truncated-60pct.heic").write_bytes(src[:len(src) * 60 // 100])
    add("truncated-60pct.heic", "the first 60 %% of files/heic-8bit.heic (%d of %d bytes): the HEVC data in mdat "
        "ends early" % (len(src) * 60 // 100, len(src)), REFUSE + " (truncated or corrupt HEIF)")

    shutil.copyfile(coco_images / "000000000790.jpg", out / "jpeg-named.heic")
    add("jpeg-named.heic", "an ordinary JPEG (COCO 000000000790.jpg, 640x422: a family at a table with cake) named "
        ".heic", "decode it as the JPEG it is (sniff the content, not the name): 640x422, or refuse with a reason "
        "that names the mismatch; never pass it to an SVG/MVG/PS coder")

    for name, text, kind, coder in (
            ("svg-named.heic", SVG, "SVG", "SVG coder (which fetches the files an SVG references)"),
            ("mvg-named.heic", MVG, "ImageMagick MVG (drawing commands, `viewbox 0 0 10 10`)",
             "MVG coder (which reads any file an MVG names)"),
            ("ps-named.heic", PS, "PostScript", "PS coder (which runs Ghostscript on it)")):
        (out / name).write_text(text)
        add(name, "a harmless 10x10 %s file named .heic" % kind,
            REFUSE + ": not a photo format the engine accepts; must never reach ImageMagick's " + coder)

    (out / "tiff-10000-pages.tif").write_bytes(tiff_pages(10000))
    add("tiff-10000-pages.tif", "a TIFF of 10,000 pages, each 1x1 bilevel (5 tags an IFD, every strip is the same "
        "byte; uncompressed, as there is one byte to compress)",
        "read only the first page (or refuse a 1x1 image as too small) in normal time and memory; never load every "
        "page (Magick.NET: read one frame, not a MagickImageCollection of all)")
    (out / "tiff-ifd-loop.tif").write_bytes(tiff_pages(2, loop=True))
    add("tiff-ifd-loop.tif", "a TIFF of two 1x1 pages whose second IFD links back to the first (an endless page "
        "chain)", "read the first page or refuse; must terminate (no endless walk of the IFD chain)")

    # ispe patched: encode a small image, then overwrite the 32-bit width and height that follow 'ispe' + version/flags.
    # 40000 is over libheif's own cap (32768 x 32768); 30000 is under it, so only the engine's own limit stops it.
    small = files.parent / "_small.png"
    Image.new("RGB", (128, 96), (90, 120, 200)).save(small)
    run("heif-enc", "-q", "50", "-p", "x265:pools=1", "-p", "x265:frame-threads=1", "-o", out / "_small.heic", small)
    small.unlink()
    coded = (out / "_small.heic").read_bytes()
    (out / "_small.heic").unlink()
    for side, name in ((40000, "ispe-gigapixel.heic"), (30000, "ispe-900mp.heic")):
        data = bytearray(coded)
        at = data.index(b"ispe")
        assert data.count(b"ispe") == 1 and struct.unpack(">II", data[at + 8:at + 16]) == (128, 96)
        data[at + 8:at + 16] = struct.pack(">II", side, side)
        (out / name).write_bytes(bytes(data))
        add(name, "a 128x96 HEIC whose 'ispe' property was patched to say %d x %d (%.2f gigapixels): the bytes after "
            "'ispe' are version/flags (4), width (4), height (4), big-endian; file offset %d holds %s twice%s"
            % (side, side, side * side / 1e9, at + 8, "0x%08X" % side,
               "; over libheif's own 32768 x 32768 cap" if side > 32768 else
               "; under libheif's 32768 x 32768 cap, so only the engine's own limit stops it (libheif 1.15's heif-info "
               "reports 30000x30000, while heif-convert writes the 128x96 picture it decodes)"),
            REFUSE + " (declared size over the pixel limit, or declared and coded sizes disagree); decide before "
            "allocating")

    # grids declaring a huge output: n x n references to one 256 x 256 tile
    tile = files.parent / "_tile.png"
    Image.new("RGB", (256, 256), (128, 128, 128)).save(tile)
    run("heif-enc", "-q", "50", "-p", "x265:pools=1", "-p", "x265:frame-threads=1", "-o", out / "_tile.heic", tile)
    tile.unlink()
    _, primary, items, _ = hb.read_heif((out / "_tile.heic").read_bytes())
    (out / "_tile.heic").unlink()
    t = items[primary]
    tile_item = hb.Item(1, b"hvc1", t.data, t.props, hidden=True)
    for side, name in ((40000, "grid-gigapixel.heic"), (30000, "grid-900mp.heic")):
        n = -(-side // 256)
        grid = hb.Item(2, b"grid", hb.grid_data(n, n, side, side), [(hb.ispe(side, side), False)], in_idat=True)
        data = hb.write_heif(hb.ftyp_box(b"heic", [b"mif1", b"heic"]), 2, [tile_item, grid],
                             [(b"dimg", 2, [1] * n * n)])
        (out / name).write_bytes(data)
        add(name, "a HEIC grid item of %d x %d tiles, output %d x %d (ispe says the same), all %d dimg references "
            "naming one 256x256 grey tile: %d bytes that decode to %.2f gigapixels (%.1f GB as 8-bit RGB)%s"
            % (n, n, side, side, n * n, len(data), side * side / 1e9, side * side * 3 / 1e9,
               "" if side > 32768 else "; under libheif's 32768 x 32768 cap: libheif itself would decode it"),
            REFUSE + " (declared size over the pixel limit); decide from ispe/grid before decoding any tile")

    # RAW whose embedded preview JPEG is damaged
    meta = json.loads(run("exiftool", "-j", "-n", "-PreviewImageStart", "-PreviewImageLength",
                          files / "dng-preview.dng").stdout)[0]
    start, length = meta["PreviewImageStart"], meta["PreviewImageLength"]
    raw = bytearray((files / "dng-preview.dng").read_bytes())
    assert raw[start:start + 2] == b"\xff\xd8"
    with Image.open(io.BytesIO(bytes(raw[start:start + length]))) as preview:
        preview_size = "%dx%d" % preview.size
    mid = bytearray(raw)
    mid[start + length // 3:start + 2 * length // 3] = bytes(2 * length // 3 - length // 3)
    (out / "dng-preview-zeroed-middle.dng").write_bytes(bytes(mid))
    add("dng-preview-zeroed-middle.dng", "files/dng-preview.dng with the middle third of its preview JPEG (bytes "
        "%d..%d of the file; PreviewImageStart %d, PreviewImageLength %d, from exiftool -n) overwritten with zeros"
        % (start + length // 3, start + 2 * length // 3, start, length),
        "no crash; the JPEG headers are intact and zeros are valid entropy-coded bits, so libjpeg returns a %s "
        "image whose lower part is garbage, with only a warning (ImageMagick: 'Corrupt JPEG data: premature end of "
        "data segment'): the decoder should notice the warning and either demosaic the RAW instead or refuse with a "
        "reason; showing the damaged preview silently is a bug" % preview_size)
    head = bytearray(raw)
    head[start + 2:start + 2 + 600] = bytes(600)
    (out / "dng-preview-no-header.dng").write_bytes(bytes(head))
    add("dng-preview-no-header.dng", "files/dng-preview.dng with the 600 bytes after the preview's SOI marker "
        "zeroed (its APP0, DQT, SOF0 and DHT segments): the preview is not a decodable JPEG",
        "no crash; fall back to demosaicing the RAW (the mosaic is intact: LibRaw still decodes it) or refuse with "
        "a reason")

    (out / "psd-30000.psd").write_bytes(psd_header(30000, 30000))
    add("psd-30000.psd", "a 104-byte PSD whose header declares 30000 x 30000 RGB (900 megapixels), raw image data "
        "cut off after 64 bytes", REFUSE + " (declared size over the pixel limit); decide from the header")

    lines = ["# Hostile inputs", "",
             "Bad inputs for the decoder's refusal tests, built by `../build.py` (module `hostile.py`). None is in "
             "`../expected.json`. The rule for every file: no crash, no hang, no allocation sized by what the file "
             "declares; a refusal is an error that names the file and the reason.", "",
             "| file | bytes | what it is | what a decoder must do |", "|---|---|---|---|"]
    for r in rows:
        lines.append("| `%s` | %d | %s | %s |" % (r["file"], r["bytes"], r["what"], r["expect"]))
    lines += ["", "The SVG, MVG and PostScript files are harmless drawings of a red square: the test is that the name "
              "`.heic` and ImageMagick's content sniffing do not lead to a vector or PostScript coder (restrict the "
              "coders, e.g. a Magick.NET policy or an explicit format, and check the magic bytes first).",
              "`jpeg-named.heic` is a COCO photo (CC BY 2.0, "
              "http://farm9.staticflickr.com/8292/7866247804_e0486b75b8_z.jpg, as in data/samples/ATTRIBUTION.md).",
              ""]
    (out / "README.md").write_text("\n".join(lines))
    (out / "hostile.json").write_text(json.dumps(rows, indent=1) + "\n")
