#!/usr/bin/python3
"""Builds the near-duplicate test set: edited copies of real photos, and hard negatives that must not pair.

Run from the project root with Debian's python3 and python3-pil:
    /usr/bin/python3 tests/duplicate-set/build.py
Writes tests/duplicate-set/images/ and tests/duplicate-set/manifest.json. The distinct photos are the real ones in
../shared (every COCO and Flickr8k photo there, referenced, not copied); the images written are
- copies: six edits of 16 COCO and 16 Flickr8k photos, what phones, messengers and exports do to a shot: half size,
  re-encoded at JPEG quality 55, cropped by 3-5 %, brightened and darkened by 12 %, and all of half size, a 4 %
  crop, +12 % and quality 55 at once;
- hard negatives, in pairs that must not pair: burst shots (two frames of one scene, the camera moved by a tenth of
  the frame and the subject by more) and the same place at another time (relit, a quarter of the scene changed,
  the camera moved a little). Their source photo is left out of the set.
Deterministic (seeded).
"""
import io
import json
import pathlib
import random

from PIL import Image, ImageEnhance

HERE = pathlib.Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
COCO = SHARED / "datasets" / "coco-train-mini" / "images"
FLICKR = SHARED / "datasets" / "flickr8k-224" / "images-partial"
OUT = HERE / "images"
random.seed(24)


def shared_name(path):
    return "shared:" + str(path.relative_to(SHARED))


def save(image, name, quality=90):
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    (OUT / name).write_bytes(buffer.getvalue())
    return name


def crop(image, fraction, rng):
    """Removes about `fraction` of the width and of the height, split at random between the two sides."""
    w, h = image.size
    dx, dy = round(w * fraction), round(h * fraction * rng.uniform(0.5, 1.0))
    left, top = rng.randint(0, dx), rng.randint(0, dy)
    return image.crop((left, top, w - (dx - left), h - (dy - top)))


def half(image):
    return image.resize((image.width // 2, image.height // 2), Image.LANCZOS)


EDITS = {
    "half": lambda im, rng: (half(im), 90),
    "q55": lambda im, rng: (im, 55),
    "crop": lambda im, rng: (crop(im, rng.uniform(0.03, 0.05), rng), 90),
    "bright": lambda im, rng: (ImageEnhance.Brightness(im).enhance(1.12), 92),
    "dark": lambda im, rng: (ImageEnhance.Brightness(im).enhance(0.88), 92),
    "all": lambda im, rng: (ImageEnhance.Brightness(crop(half(im), 0.04, rng)).enhance(1.12), 55),
}


def burst(source, rng):
    """Two frames a moment apart: the camera panned by a tenth of the frame, the middle of the scene moved further."""
    w, h = source.size
    pan, tilt = round(w * 0.1), round(h * 0.03)
    frames = [source.crop((0, tilt, w - pan, h)), source.crop((pan, 0, w, h - tilt))]
    second = frames[1]
    pw, ph = second.width // 4, second.height // 3
    x, y = second.width // 2 - pw // 2, second.height // 2 - ph // 2
    patch = second.crop((x, y, x + pw, y + ph))
    shift = round(pw * rng.uniform(0.4, 0.6))
    second.paste(patch, (x + shift, y + rng.randint(-ph // 8, ph // 8)))
    return frames


def another_time(source, other, rng):
    """The same place later: other light (gamma, colour, contrast), a quarter of the scene changed, a small pan."""
    w, h = source.size
    shift = round(w * 0.03)
    later = source.crop((shift, 0, w, h)).resize(source.size, Image.LANCZOS)
    gamma = rng.choice([0.6, 1.6])
    later = later.point(lambda v: round(255 * (v / 255) ** gamma))
    r, g, b = later.split()
    later = Image.merge("RGB", (r.point(lambda v: round(v * 0.85)), g, b.point(lambda v: min(255, round(v * 1.1)))))
    later = ImageEnhance.Contrast(later).enhance(0.8)
    pw, ph = w // 2, h // 2
    x, y = rng.randint(0, w - pw), rng.randint(0, h - ph)
    later.paste(other.resize(source.size).crop((x, y, x + pw, y + ph)), (x, y))
    return later


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    coco = sorted(COCO.glob("*.jpg"))
    flickr = sorted(FLICKR.glob("*.jpg"))
    edited = random.sample(coco[:36], 16) + random.sample(flickr, 16)
    negatives_from = coco[36:46]
    others = coco[46:]
    copies, negatives = [], []
    for original in edited:
        rng = random.Random(original.name)
        image = Image.open(original).convert("RGB")
        for edit, make in EDITS.items():
            result, quality = make(image, rng)
            name = save(result, f"{original.stem}-{edit}.jpg", quality)
            copies.append({"file": name, "original": shared_name(original), "edit": edit})
    for i, source in enumerate(negatives_from):
        rng = random.Random(source.name)
        image = Image.open(source).convert("RGB")
        if i % 2 == 0:
            a, b = burst(image, rng)
            kind = "burst"
        else:
            a, b = image, another_time(image, Image.open(others[i % len(others)]).convert("RGB"), rng)
            kind = "another-time"
        negatives.append({"a": save(a, f"{source.stem}-{kind}-a.jpg"), "b": save(b, f"{source.stem}-{kind}-b.jpg"), "kind": kind})
    distinct = [shared_name(p) for p in coco + flickr if p not in negatives_from]
    manifest = {"copies": copies, "negatives": negatives, "distinct": distinct}
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"{len(copies)} copies of {len(edited)} photos, {len(negatives)} negative pairs, {len(distinct)} distinct photos")


if __name__ == "__main__":
    main()
