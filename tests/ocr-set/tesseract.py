#!/usr/bin/python3
"""Tesseract on the OCR test set, the anchor OCR is compared with: words found and time per photo, by kind.

    apt-get install tesseract-ocr tesseract-ocr-chi-sim && /usr/bin/python3 tests/ocr-set/tesseract.py
A word counts as found when the recognised text holds it (case and spaces ignored), the same rule as
`dotnet run -c Release --project tests/Retrieval.Benchmarks -- ocr` applies to ours.
"""
import json
import pathlib
import subprocess
import time

HERE = pathlib.Path(__file__).resolve().parent
version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))["images"]
stats = {}
for entry in manifest:
    start = time.perf_counter()
    text = subprocess.run(["tesseract", str(HERE / "images" / entry["file"]), "stdout", "-l", "eng+chi_sim"], capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    flat = "".join(text.split()).lower()
    held, found, total = stats.get(entry["kind"], (0, 0, 0.0))
    stats[entry["kind"]] = (held + len(entry["words"]), found + sum("".join(w.split()).lower() in flat for w in entry["words"]), total + seconds)
    count = sum(1 for e in manifest if e["kind"] == entry["kind"])
for kind, (held, found, total) in stats.items():
    count = sum(1 for e in manifest if e["kind"] == kind)
    print(f"| {version} | {kind} | {found} of {held} words | {1000 * total / count:.0f} ms a photo |")
