#!/usr/bin/python3
"""Builds the face test set from real COCO photos, and the original face-api's answers for it.

Run from the project root with Debian 12's python3, python3-pil and ffmpeg, and Node with the packages tools/faces/deps.sh
installs (it prints the folder to name):
    FACES_NODE_MODULES=$(sh tools/faces/deps.sh) /usr/bin/python3 tests/faces-set/build.py
Writes, under tests/faces-set/:
  photos/         COCO photos with faces (one to twelve; tiny, small, tilted, one person at three sizes) and two without,
                  their JPEG bytes unmodified (those also in data/samples are the same files)
  derived/        made from those photos: a face cut by the frame's edge, the same photo stored turned with an EXIF
                  orientation, a "painted" and a "stone" rendering of a face, and person.mp4 (6 s, three 2-second
                  scenes: the person photo, a plate of food, the person photo again; H.264, FFmpeg's libx264)
  reference.json  what face-api 1.7.15 on TensorFlow.js (tools/faces/reference.mjs, wasm backend) finds in every file
                  of photos/ and derived/, on Pillow's upright decode (boxes, 68 landmarks, aligned boxes, descriptors)
The 200-face photo is made by the test itself from photos/000000256353.jpg. Deterministic: no randomness, no clock.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

from PIL import Image, ImageFilter, ImageOps

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
COCO = HERE.parents[2] / "shared" / "datasets" / "coco-train-mini" / "images"
PHOTOS, DERIVED = HERE / "photos", HERE / "derived"

# With faces (reference counts at face-api's 0.5): 3 at a table, one person at three sizes (a tilted face), two, one
# each (clear, small, borderline score), two and twelve tiny ones; without: a plate of food, a street.
WITH_FACES = ["000000000790", "000000256353", "000000442450", "000000234748", "000000349860", "000000165518",
              "000000433998", "000000397133", "000000129648", "000000174375"]
WITHOUT_FACES = ["000000062554", "000000078499"]
PERSON = "000000256353"  # the large face at the top left: 21, 22, 129 x 114


def derive():
    person = Image.open(COCO / f"{PERSON}.jpg").convert("RGB")
    # A face cut by the left edge: a quarter of the large face is outside the frame.
    person.crop((50, 0, person.width, person.height)).save(DERIVED / "edge-cut.jpg", quality=95)
    # Stored turned a quarter anticlockwise with EXIF orientation 6 ("turn clockwise to view"): upright, the same photo.
    exif = Image.Exif()
    exif[0x0112] = 6
    person.transpose(Image.Transpose.ROTATE_90).save(DERIVED / "turned-exif-6.jpg", quality=95, exif=exif)
    portrait = person.crop((0, 0, 320, 320))
    # A painting: flat patches of few colours (an oil-paint look); a statue: grey-green stone, low contrast, embossed.
    portrait.filter(ImageFilter.ModeFilter(9)).filter(ImageFilter.SMOOTH_MORE).quantize(24).convert("RGB").save(DERIVED / "painted.jpg", quality=95)
    grey = ImageOps.autocontrast(ImageOps.grayscale(portrait), cutoff=2)
    stone = Image.blend(grey.convert("RGB"), grey.filter(ImageFilter.EMBOSS).convert("RGB"), 0.35)
    ImageOps.colorize(ImageOps.grayscale(stone), black=(58, 64, 52), white=(196, 200, 184)).save(DERIVED / "statue.jpg", quality=95)
    video(person)


def video(person):
    """Three hard cuts, so each scene's first frame is picked: faces at 0 s and 4 s, none at 2 s."""
    size = (person.width - person.width % 2, person.height - person.height % 2)
    food = Image.open(COCO / f"{WITHOUT_FACES[0]}.jpg").convert("RGB").resize(size, Image.Resampling.BICUBIC)
    with tempfile.TemporaryDirectory() as temp:
        stills = []
        for i, still in enumerate((person.crop((0, 0) + size), food, person.crop((0, 0) + size))):
            stills.append(pathlib.Path(temp) / f"{i}.png")
            still.save(stills[-1])
        inputs = [arg for still in stills for arg in ("-loop", "1", "-framerate", "10", "-t", "2", "-i", str(still))]
        subprocess.run(["ffmpeg", "-y", "-loglevel", "error", *inputs, "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1[v]",
                        "-map", "[v]", "-c:v", "libx264", "-preset", "fast", "-crf", "30", "-pix_fmt", "yuv420p", "-threads", "1",
                        "-x264-params", "keyint=10", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1",
                        str(DERIVED / "person.mp4")], check=True)


def reference():
    modules = os.environ.get("FACES_NODE_MODULES")
    if not modules:
        sys.exit("set FACES_NODE_MODULES to the folder tools/faces/deps.sh printed")
    with tempfile.TemporaryDirectory() as temp:
        upright = pathlib.Path(temp)
        names = {}
        for file in sorted(PHOTOS.glob("*.jpg")) + sorted(DERIVED.glob("*.jpg")):
            key = f"{file.parent.name}/{file.name}"
            png = f"{len(names):02d}.png"
            ImageOps.exif_transpose(Image.open(file)).convert("RGB").save(upright / png)
            names[png] = key
        out = upright / "refs.json"
        subprocess.run(["node", str(ROOT / "tools" / "faces" / "reference.mjs"), "--backend", "wasm", "--out", str(out), str(upright)],
                       check=True, env=dict(os.environ, FACES_NODE_MODULES=modules))
        refs = json.loads(out.read_text())
        refs["images"] = {names[png]: found for png, found in sorted(refs["images"].items(), key=lambda kv: names[kv[0]])}
        for found in refs["images"].values():
            del found["ms"]  # the run's time: not a property of the photo
        (HERE / "reference.json").write_text(json.dumps(refs, indent=1) + "\n")


def main():
    for folder in (PHOTOS, DERIVED):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    for name in WITH_FACES + WITHOUT_FACES:
        shutil.copyfile(COCO / f"{name}.jpg", PHOTOS / f"{name}.jpg")
    derive()
    reference()


if __name__ == "__main__":
    main()
