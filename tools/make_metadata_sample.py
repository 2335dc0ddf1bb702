#!/usr/bin/python3
"""Writes tests/data/metadata/tagged.jpg: a small JPEG carrying every kind of metadata the indexer reads.

EXIF: ImageDescription, Make, Model, Orientation, DateTimeOriginal, GPS; XMP: dc:description, dc:subject;
IPTC (in Photoshop's APP13): caption and keywords. Pixels: data/samples/000000107438.jpg (CC-BY 2.0, see
data/samples/ATTRIBUTION.md), reduced. Build-time only (Debian's python3 with python3-pil):
    /usr/bin/python3 tools/make_metadata_sample.py
"""
import io
import struct
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "samples" / "000000107438.jpg"
OUT = ROOT / "tests" / "data" / "metadata" / "tagged.jpg"

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">A red bicycle leaning on a lamp post by the canal</rdf:li></rdf:Alt></dc:description>
   <dc:subject><rdf:Bag><rdf:li>bicycle</rdf:li><rdf:li>Amsterdam</rdf:li></rdf:Bag></dc:subject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def iptc_record(dataset, value):
    data = value.encode("utf-8")
    return struct.pack(">BBBH", 0x1C, 2, dataset, len(data)) + data


def app13():
    iptc = struct.pack(">BBBH", 0x1C, 1, 90, 3) + b"\x1b%G"  # coded character set: UTF-8
    iptc += iptc_record(120, "Evening ride along the Prinsengracht")
    iptc += iptc_record(25, "canal") + iptc_record(25, "evening")
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    if len(iptc) % 2:
        resource += b"\x00"
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def app1_xmp():
    payload = b"http://ns.adobe.com/xap/1.0/\x00" + XMP.encode("utf-8")
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def main():
    image = Image.open(SOURCE).convert("RGB").resize((160, 106), Image.LANCZOS)
    exif = Image.Exif()
    exif[0x010E] = "Bicycle by the canal at dusk"
    exif[0x010F] = "FUJIFILM"
    exif[0x0110] = "X-T3"
    exif[0x0112] = 1
    # Nested IFDs as dicts: Pillow writes them as the EXIF sub-IFD and the GPS IFD.
    exif[0x8769] = {0x9003: "2021:07:04 18:30:05"}
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 12.0), 3: "E", 4: (4.0, 53.0, 24.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif.tobytes())
    jpeg = buffer.getvalue()
    # Insert XMP and IPTC after the first segment (SOI, then Pillow's first APPn).
    exif_length = struct.unpack(">H", jpeg[4:6])[0]
    at = 4 + exif_length
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(jpeg[:at] + app1_xmp() + app13() + jpeg[at:])
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
