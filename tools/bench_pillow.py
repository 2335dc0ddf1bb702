#!/usr/bin/python3
"""The reference for decode + CLIP preprocessing speed: Pillow (as Hugging Face's CLIPImageProcessor uses
it) on the same inputs the C# benchmark reads, one core, median of many runs.

    /usr/bin/python3 tools/bench_pillow.py [RUNS]

Run the C# DecodePreprocessBenchmarks first: they write benchmarks-data/photo-224.jpg and mosaic-12mp.jpg.
"""
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

DATA = Path(__file__).resolve().parent.parent / "benchmarks-data"
SIZE = 224
MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)


def preprocess(path, draft):
    image = Image.open(path)
    if draft:
        # Pillow's reduced-scale JPEG decode: the largest DCT scaling that keeps the image >= draft x draft.
        image.draft("RGB", (draft, draft))
    image = ImageOps.exif_transpose(image).convert("RGB")
    w, h = image.size
    short, long = (w, h) if w <= h else (h, w)
    size = (SIZE, int(SIZE * long / short)) if w <= h else (int(SIZE * long / short), SIZE)
    image = image.resize(size, Image.BICUBIC)
    left, top = (size[0] - SIZE) // 2, (size[1] - SIZE) // 2
    image = image.crop((left, top, left + SIZE, top + SIZE))
    pixels = (np.asarray(image, dtype=np.float32) / 255.0 - MEAN) / STD
    return np.ascontiguousarray(pixels.transpose(2, 0, 1))


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    for name in ("photo-224.jpg", "mosaic-12mp.jpg", "upscaled-12mp.jpg"):
        path = DATA / name
        if not path.exists():
            sys.exit(f"{path} is missing: run the C# DecodePreprocessBenchmarks first")
        # SIZE: what CLIPImageProcessor users get from draft(); 2 * SIZE: our default ratio, same accuracy as ours.
        for draft in (0, SIZE, 2 * SIZE):
            preprocess(path, draft)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                preprocess(path, draft)
                times.append((time.perf_counter() - start) * 1000)
            mode = f"draft({draft}) reduced-scale decode" if draft else "full decode"
            print(f"Pillow {Image.__version__} {name:16} {mode:29} median {statistics.median(times):7.2f} ms  ({runs} runs)")


if __name__ == "__main__":
    main()
