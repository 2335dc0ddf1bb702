#!/bin/sh
# Rebuilds the default face models (data/models/faces/face-api) from the npm package @vladmandic/face-api 1.7.15:
#   sh tools/faces/build.sh [OUT_DIR]        (needs npm, sha256sum, and Debian's python3 with python3-onnx)
# Packs the package (npm pack: the registry's tarball, checked by its SHA-256), converts its TF.js weights with
# convert.py and checks the three graphs against data/models/faces/face-api/SHA256SUMS (the conversion is
# deterministic). OUT_DIR defaults to data/models/faces/face-api; the README, LICENSE and SHA256SUMS there are ours.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out="${1:-$root/data/models/faces/face-api}"
python="${PYTHON:-/usr/bin/python3}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @vladmandic/face-api@1.7.15 > /dev/null
echo "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031  vladmandic-face-api-1.7.15.tgz" | sha256sum -c -
tar xzf vladmandic-face-api-1.7.15.tgz package/model package/LICENSE
"$python" "$root/tools/faces/convert.py" package/model "$work/converted"
(cd "$work/converted" && sha256sum -c "$root/data/models/faces/face-api/SHA256SUMS")
for net in detection landmarks recognition; do
  mkdir -p "$out/$net"
  cp "$work/converted/$net/model.onnx" "$out/$net/model.onnx"
done
echo "face-api models in $out"
