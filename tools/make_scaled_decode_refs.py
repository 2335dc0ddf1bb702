#!/usr/bin/python3
"""Builds the scaled-decode reference data in tests/data/scaled-decode.

JPEGs whose size does not divide by libjpeg's scale (so the scaled size is rounded up), and for each EXIF
orientation of them the CLIP preprocessing Pillow gives as the reference:
  - `*.full.png`:  the full-resolution decode, EXIF-transposed, shorter side resized with Pillow's bicubic,
                   centre-cropped (what Hugging Face's CLIPImageProcessor computes, before normalising);
  - `*.draft.png`: the same geometry from a reduced decode: `draft()` at the scale the engine picks, then
                   `resize(..., box=(0, 0, W/s, H/s))`, the reference for mapping the resample onto the
                   reduced grid by the exact scale factor (where the orientation mirrors an axis, the box
                   is mirrored with it: libjpeg's rounded-up edge pixel is then first).
The crops are stored as 8-bit PNG (lossless): normalising them is the test's job. Cases go to cases.json.
Only the orientation-1 JPEG of each size is committed; the tests set the other orientations in its EXIF
(the pixels are the same bytes, as here).

Source: data/samples/000000000790.jpg (CC-BY 2.0, see data/samples/ATTRIBUTION.md), resized with Lanczos.
Build-time only (Debian's python3 with python3-pil):
    /usr/bin/python3 tools/make_scaled_decode_refs.py
"""
import json
import shutil
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "samples" / "000000000790.jpg"
OUT = ROOT / "tests" / "data" / "scaled-decode"
SWAPS_AXES = {5, 6, 7, 8}
# Whether each upright axis (x, y) runs backwards through the stored pixels: there, libjpeg's rounded-up
# last column or row lands first, so the full image's span starts after it.
REVERSES_AXES = {1: (False, False), 2: (True, False), 3: (True, True), 4: (False, True),
                 5: (False, False), 6: (True, False), 7: (True, True), 8: (False, True)}

# (stored width, stored height, model size, libjpeg scale the engine picks at ratio 2, orientations, JPEG quality)
CASES = [
    (500, 333, 64, 2, [1, 2, 3, 4, 5, 6, 7, 8], 90),
    (2048, 1365, 224, 2, [1, 6, 8], 80),
    (4000, 2250, 224, 4, [1], 70),
]


def resized_size(width, height, edge):
    """Hugging Face's shortest-edge rule: the longer side is floored."""
    if width <= height:
        return edge, int(edge * height / width)
    return int(edge * width / height), edge


def clip_crop(image, edge, upright_size, box=None):
    """Shorter side to `edge` (geometry from the full upright size), then the centre `edge` x `edge` crop."""
    new_w, new_h = resized_size(*upright_size, edge)
    resized = image.resize((new_w, new_h), Image.BICUBIC, box=box)
    left, top = (new_w - edge) // 2, (new_h - edge) // 2
    return resized.crop((left, top, left + edge, top + edge))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    source = Image.open(SOURCE).convert("RGB")
    cases = []
    scratch = Path(tempfile.mkdtemp())
    for width, height, edge, scale, orientations, quality in CASES:
        pixels = source.resize((width, height), Image.LANCZOS)
        committed = f"w{width}_h{height}.jpg"
        for orientation in orientations:
            name = f"w{width}_h{height}_o{orientation}"
            jpeg = (OUT / committed) if orientation == 1 else (scratch / f"{name}.jpg")
            exif = Image.Exif()
            exif[0x0112] = orientation
            pixels.save(jpeg, quality=quality, exif=exif.tobytes())

            with Image.open(jpeg) as full:
                upright = ImageOps.exif_transpose(full.convert("RGB"))
                clip_crop(upright, edge, upright.size).save(OUT / f"{name}.e{edge}.full.png")

            with Image.open(jpeg) as reduced:
                _, box = reduced.draft("RGB", (width // scale, height // scale))
                assert reduced.size == ((width + scale - 1) // scale, (height + scale - 1) // scale), reduced.size
                upright = ImageOps.exif_transpose(reduced.convert("RGB"))
                extent_x, extent_y = (box[3], box[2]) if orientation in SWAPS_AXES else (box[2], box[3])
                upright_size = (height, width) if orientation in SWAPS_AXES else (width, height)
                reverse_x, reverse_y = REVERSES_AXES[orientation]
                left = upright.size[0] - extent_x if reverse_x else 0
                top = upright.size[1] - extent_y if reverse_y else 0
                box = (left, top, left + extent_x, top + extent_y)
                clip_crop(upright, edge, upright_size, box).save(OUT / f"{name}.e{edge}.draft.png")

            cases.append({"jpeg": committed, "orientation": orientation, "size": edge, "scale": scale,
                          "full": f"{name}.e{edge}.full.png", "draft": f"{name}.e{edge}.draft.png"})

    shutil.rmtree(scratch)
    (OUT / "cases.json").write_text(json.dumps(cases, indent=1) + "\n")
    print(f"{len(cases)} cases in {OUT}")


if __name__ == "__main__":
    main()
