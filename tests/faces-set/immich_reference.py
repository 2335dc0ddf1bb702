#!/usr/bin/python3
"""Writes immich-reference.json: what insightface's pipeline (tools/faces/insightface.mjs, on ONNX Runtime) finds in every
file of the face set with the immich-layout replica (tools/faces/immich_replica.py) — the answers the C# SCRFD + ArcFace
reader must give.

Run from the project root with Debian 12's python3 (python3-pil, python3-onnx, python3-numpy) and Node with the packages
tools/faces/deps.sh installs:
    FACES_NODE_MODULES=$(sh tools/faces/deps.sh) /usr/bin/python3 tests/faces-set/immich_reference.py
The photos are decoded upright by Pillow and handed over as PNG (exact pixels; the engine's decode of these JPEGs gives
the same). Embeddings are kept to 7 significant digits. Deterministic.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

from PIL import Image, ImageOps

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MIN_SCORE = 0.7  # immich's default minScore


def main():
    modules = os.environ.get("FACES_NODE_MODULES")
    if not modules:
        sys.exit("set FACES_NODE_MODULES to the folder tools/faces/deps.sh printed")
    with tempfile.TemporaryDirectory() as temp:
        temp = pathlib.Path(temp)
        pack = temp / "buffalo_l-replica"
        subprocess.run([sys.executable, str(ROOT / "tools" / "faces" / "immich_replica.py"), str(pack)], check=True, stdout=subprocess.DEVNULL)
        names = {}
        for file in sorted((HERE / "photos").glob("*.jpg")) + sorted((HERE / "derived").glob("*.jpg")):
            png = f"{len(names):02d}.png"
            ImageOps.exif_transpose(Image.open(file)).convert("RGB").save(temp / png)
            names[png] = f"{file.parent.name}/{file.name}"
        out = temp / "refs.json"
        subprocess.run(["node", str(ROOT / "tools" / "faces" / "insightface.mjs"), "--models", str(pack), "--min-score", str(MIN_SCORE),
                        "--out", str(out), *(str(temp / png) for png in names)], check=True, env=dict(os.environ, FACES_NODE_MODULES=modules))
        refs = json.loads(out.read_text())
    images = {}
    for png, found in sorted(refs["images"].items(), key=lambda kv: names[kv[0]]):
        for face in found["faces"]:
            face["embedding"] = [float(f"{v:.7g}") for v in face["embedding"]]
        images[names[png]] = found
    refs["images"] = images
    refs["models"] = "tools/faces/immich_replica.py over data/models/faces/face-api"
    (HERE / "immich-reference.json").write_text(json.dumps(refs, indent=1) + "\n")


if __name__ == "__main__":
    main()
