#!/bin/sh
# Installs the npm packages that reference.mjs and check.mjs need into DIR (default: a folder under /tmp), pinned,
# never into the repository, and prints the folder: FACES_NODE_MODULES=$(sh tools/faces/deps.sh) node ...
# onnxruntime-node's install script is skipped: the package ships its CPU binaries for linux-x64 itself (the
# script only fetches CUDA ones).
set -eu
dir="${1:-${TMPDIR:-/tmp}/retrieval-faces-node}"
mkdir -p "$dir"
npm install --prefix "$dir" --no-audit --no-fund --ignore-scripts --silent \
  @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0 @vladmandic/face-api@1.7.15 \
  onnxruntime-node@1.30.0 pngjs@7.0.0 jpeg-js@0.4.4 >&2
echo "$dir"
