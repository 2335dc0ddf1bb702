"""Writes a small synthetic DNG (Adobe DNG 1.4 layout) from an RGB photo, so the set holds a RAW made here.

Layout, as cameras and Adobe's converter write it:
  IFD0   NewSubFileType 1: a 160 px 8-bit RGB thumbnail, Make/Model, DNG colour tags, Orientation, Exif and GPS IFDs,
         SubIFDs -> [raw IFD, optional preview IFD]
  raw    NewSubFileType 0: one 16-bit strip of an RGGB Bayer mosaic (Photometric CFA), BlackLevel 256, WhiteLevel 4095
  preview NewSubFileType 1: a full-size baseline JPEG (Compression 7, YCbCr), PreviewColorSpace sRGB
The mosaic holds linear light: camera RGB is linear sRGB (ColorMatrix1 is the XYZ(D65) -> linear sRGB matrix, neutral
AsShotNeutral), so a raw converter's output looks like the photo up to its own tone curve and brightening.
"""
import io
import struct

import numpy as np
from PIL import Image

# IEC 61966-2-1 sRGB: XYZ (D65) -> linear sRGB.
XYZ_TO_SRGB = [[3.2406, -1.5372, -0.4986], [-0.9689, 1.8758, 0.0415], [0.0557, -0.2040, 1.0570]]
BLACK, WHITE = 256, 4095
SHORT, LONG, ASCII, RATIONAL, UNDEFINED, SRATIONAL, BYTE = 3, 4, 2, 5, 7, 10, 1


def srgb_to_linear(a):
    a = a / 255.0
    return np.where(a <= 0.04045, a / 12.92, ((a + 0.055) / 1.055) ** 2.4)


def mosaic(stored):
    """RGGB mosaic of an 8-bit RGB image, as 16-bit raw values (scene white at 80 % of the range)."""
    lin = srgb_to_linear(np.asarray(stored, dtype=np.float64))
    h, w, _ = lin.shape
    cfa = np.empty((h, w), dtype=np.float64)
    cfa[0::2, 0::2] = lin[0::2, 0::2, 0]
    cfa[0::2, 1::2] = lin[0::2, 1::2, 1]
    cfa[1::2, 0::2] = lin[1::2, 0::2, 1]
    cfa[1::2, 1::2] = lin[1::2, 1::2, 2]
    return np.round(BLACK + cfa * 0.8 * (WHITE - BLACK)).astype("<u2")


def rational(value, denominator=10000):
    return (int(round(value * denominator)), denominator)


class Ifd:
    def __init__(self):
        self.entries = {}  # tag -> (type, values) ; values: list, bytes or str

    def add(self, tag, kind, values):
        self.entries[tag] = (kind, values)


def _encode_values(kind, values):
    if kind == ASCII:
        raw = values.encode("ascii") + b"\0"
        return raw, len(raw)
    if kind in (UNDEFINED, BYTE):
        return bytes(values), len(values)
    if kind == SHORT:
        return struct.pack("<%dH" % len(values), *values), len(values)
    if kind == LONG:
        return struct.pack("<%dI" % len(values), *values), len(values)
    if kind in (RATIONAL, SRATIONAL):
        fmt = "<%d%s" % (2 * len(values), "i" if kind == SRATIONAL else "I")
        return struct.pack(fmt, *[x for pair in values for x in pair]), len(values)
    raise ValueError(kind)


def write_tiff(ifds, blobs):
    """ifds: list of (name, Ifd); Ifd values may name ('ifd', name) or ('blob', key) to be resolved to offsets.
    blobs: {key: bytes}. The first IFD is IFD0; the others are reached through pointer tags. Returns the file bytes."""
    # Lay out: header, blobs, then each IFD with its out-of-line values.
    out = bytearray(b"II*\0\0\0\0\0")
    blob_at = {}
    for key, data in blobs.items():
        if len(out) % 2:
            out += b"\0"
        blob_at[key] = len(out)
        out += data
    # Sizes of each IFD (entries + out-of-line data) are fixed, so offsets can be assigned before writing.
    ifd_at = {}
    pos = len(out) + (len(out) % 2)
    encoded = {}
    for name, ifd in ifds:
        ifd_at[name] = pos
        extra = 0
        rows = []
        for tag in sorted(ifd.entries):
            kind, values = ifd.entries[tag]
            if isinstance(values, tuple) and values and values[0] in ("ifd", "blob", "blobs", "ifds"):
                count = 1 if values[0] in ("ifd", "blob") else len(values[1])
                rows.append((tag, kind, values, None, count))
                if 4 * count > 4:
                    extra += 4 * count
                continue
            raw, count = _encode_values(kind, values)
            rows.append((tag, kind, None, raw, count))
            if len(raw) > 4:
                extra += len(raw) + (len(raw) % 2)
        encoded[name] = rows
        pos += 2 + 12 * len(rows) + 4 + extra
    struct.pack_into("<I", out, 4, ifd_at[ifds[0][0]])
    for name, _ in ifds:
        while len(out) < ifd_at[name]:
            out += b"\0"
        rows = encoded[name]
        table = bytearray(struct.pack("<H", len(rows)))
        data_pos = ifd_at[name] + 2 + 12 * len(rows) + 4
        tail = bytearray()
        for tag, kind, ref, raw, count in rows:
            if ref is not None:
                what, target = ref
                if what == "ifd":
                    raw = struct.pack("<I", ifd_at[target])
                elif what == "blob":
                    raw = struct.pack("<I", blob_at[target])
                elif what == "ifds":
                    raw = b"".join(struct.pack("<I", ifd_at[t]) for t in target)
                else:
                    raw = b"".join(struct.pack("<I", blob_at[t]) for t in target)
            if len(raw) <= 4:
                table += struct.pack("<HHI", tag, kind, count) + raw.ljust(4, b"\0")
            else:
                table += struct.pack("<HHII", tag, kind, count, data_pos + len(tail))
                tail += raw + (b"\0" if len(raw) % 2 else b"")
        table += struct.pack("<I", 0)  # no next IFD: pages other than IFD0 hang off SubIFDs
        out += table + tail
    return bytes(out)


def build_dng(upright, orientation, with_preview, make, model, taken, gps=None, jpeg_quality=90, modified=None):
    """upright: the RGB photo as it should be displayed. The mosaic and preview are stored as a camera stores them:
    turned so that applying the EXIF `orientation` (1, 3, 6 or 8) displays them upright."""
    inverse = {1: None, 3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}
    stored = upright.transpose(inverse[orientation]) if inverse[orientation] else upright
    w, h = stored.size
    raw = mosaic(stored)
    thumb = stored.copy()
    thumb.thumbnail((160, 160), Image.LANCZOS)
    blobs = {"raw": raw.tobytes(), "thumb": thumb.tobytes()}
    if with_preview:
        buffer = io.BytesIO()
        stored.save(buffer, "JPEG", quality=jpeg_quality)
        blobs["preview"] = buffer.getvalue()

    ifd0 = Ifd()
    ifd0.add(254, LONG, [1])
    ifd0.add(256, LONG, [thumb.width])
    ifd0.add(257, LONG, [thumb.height])
    ifd0.add(258, SHORT, [8, 8, 8])
    ifd0.add(259, SHORT, [1])
    ifd0.add(262, SHORT, [2])
    ifd0.add(271, ASCII, make)
    ifd0.add(272, ASCII, model)
    ifd0.add(273, LONG, ("blob", "thumb"))
    ifd0.add(274, SHORT, [orientation])
    ifd0.add(277, SHORT, [3])
    ifd0.add(278, LONG, [thumb.height])
    ifd0.add(279, LONG, [len(blobs["thumb"])])
    ifd0.add(284, SHORT, [1])
    ifd0.add(305, ASCII, "tests/formats-set/dng.py")
    ifd0.add(306, ASCII, modified or taken)  # DateTime: when the file was last changed, not when the photo was taken
    ifd0.add(330, LONG, ("ifds", ["raw", "preview"] if with_preview else ["raw"]))
    ifd0.add(34665, LONG, ("ifd", "exif"))
    if gps:
        ifd0.add(34853, LONG, ("ifd", "gps"))
    ifd0.add(50706, BYTE, [1, 4, 0, 0])  # DNGVersion
    ifd0.add(50707, BYTE, [1, 1, 0, 0])  # DNGBackwardVersion
    ifd0.add(50708, ASCII, "%s %s" % (make, model))  # UniqueCameraModel
    ifd0.add(50721, SRATIONAL, [rational(v) for row in XYZ_TO_SRGB for v in row])  # ColorMatrix1
    ifd0.add(50728, RATIONAL, [(1, 1), (1, 1), (1, 1)])  # AsShotNeutral
    ifd0.add(50778, SHORT, [21])  # CalibrationIlluminant1: D65

    rawifd = Ifd()
    rawifd.add(254, LONG, [0])
    rawifd.add(256, LONG, [w])
    rawifd.add(257, LONG, [h])
    rawifd.add(258, SHORT, [16])
    rawifd.add(259, SHORT, [1])
    rawifd.add(262, SHORT, [32803])  # CFA
    rawifd.add(273, LONG, ("blob", "raw"))
    rawifd.add(277, SHORT, [1])
    rawifd.add(278, LONG, [h])
    rawifd.add(279, LONG, [len(blobs["raw"])])
    rawifd.add(284, SHORT, [1])
    rawifd.add(33421, SHORT, [2, 2])  # CFARepeatPatternDim
    rawifd.add(33422, BYTE, [0, 1, 1, 2])  # CFAPattern: R G / G B
    rawifd.add(50710, BYTE, [0, 1, 2])  # CFAPlaneColor
    rawifd.add(50711, SHORT, [1])  # CFALayout: rectangular
    rawifd.add(50714, LONG, [BLACK])  # BlackLevel
    rawifd.add(50717, LONG, [WHITE])  # WhiteLevel

    ifds = [("ifd0", ifd0), ("raw", rawifd)]
    if with_preview:
        prev = Ifd()
        prev.add(254, LONG, [1])
        prev.add(256, LONG, [w])
        prev.add(257, LONG, [h])
        prev.add(258, SHORT, [8, 8, 8])
        prev.add(259, SHORT, [7])
        prev.add(262, SHORT, [6])
        prev.add(273, LONG, ("blob", "preview"))
        prev.add(277, SHORT, [3])
        prev.add(278, LONG, [h])
        prev.add(279, LONG, [len(blobs["preview"])])
        prev.add(284, SHORT, [1])
        prev.add(50970, LONG, [2])  # PreviewColorSpace: sRGB
        ifds.append(("preview", prev))

    exif = Ifd()
    exif.add(36864, UNDEFINED, list(b"0231"))
    exif.add(36867, ASCII, taken)  # DateTimeOriginal
    exif.add(36868, ASCII, taken)  # CreateDate
    ifds.append(("exif", exif))
    if gps:
        lat, lon = gps
        g = Ifd()
        g.add(0, BYTE, [2, 3, 0, 0])
        g.add(1, ASCII, "N" if lat >= 0 else "S")
        g.add(2, RATIONAL, _dms(abs(lat)))
        g.add(3, ASCII, "E" if lon >= 0 else "W")
        g.add(4, RATIONAL, _dms(abs(lon)))
        ifds.append(("gps", g))
    return write_tiff(ifds, blobs)


def _dms(value):
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = (value - degrees - minutes / 60) * 3600
    return [(degrees, 1), (minutes, 1), (int(round(seconds * 10000)), 10000)]
