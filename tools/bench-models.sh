#!/usr/bin/env bash
# Builds the benchmark models into benchmarks-data/ (git-ignored, about 850 MB): a ViT-B/32-sized random
# CLIP in fp32 and its dynamically quantized int8 copy. Needs Debian's python3-torch and python3-onnx.
set -euo pipefail
cd "$(dirname "$0")/.."
python=/usr/bin/python3
[ -d benchmarks-data/vit-b32-random ] || "$python" tools/make_model.py vit-b32
[ -d benchmarks-data/vit-b32-random-int8 ] || "$python" tools/quantize_model.py benchmarks-data/vit-b32-random benchmarks-data/vit-b32-random-int8
