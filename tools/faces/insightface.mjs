// insightface's face pipeline as immich's machine-learning service runs it on a face pack (buffalo_l, antelopev2, or
// the replica immich_replica.py builds), written out in plain JavaScript around ONNX Runtime: the executable spec the
// C# SCRFD + ArcFace reader follows, and the writer of its reference answers.
//
//   node tools/faces/insightface.mjs --models PACK --out refs.json [--min-score 0.7] PHOTOS/   (PNG: exact pixels)
//
// The steps (insightface model_zoo/retinaface.py detect + face_align.norm_crop + arcface_onnx.get_feat):
// - letterbox: the photo resized (OpenCV's INTER_LINEAR: half-pixel centres, edge pixels repeated, no antialiasing,
//   rounded to bytes) to fit 640 x 640 keeping its aspect (the new side int()-truncated), placed at the top left on black;
// - the detector's input: RGB, (x - 127.5) / 128, NCHW;
// - nine outputs, strides 8, 16, 32 with two anchors a cell (centres (column, row) x stride, each repeated twice):
//   scores, box distances x stride (x1 = cx - l, y1 = cy - t, x2 = cx + r, y2 = cy + b), five key points x stride
//   (cx + dx, cy + dy); those scoring at least the threshold (immich's minScore, 0.7) kept; boxes and points divided by
//   the letterbox scale (new height / height);
// - non-maximum suppression, best first, IoU over 0.4 dropped, areas with insightface's +1;
// - each face aligned: the similarity transform (rotation, uniform scale, shift: Umeyama's least squares, which in 2-D
//   is the closed form below) taking its five points onto ArcFace's 112 template; the 112 x 112 crop sampled through
//   it (OpenCV's warpAffine: bilinear, black outside), rounded to bytes;
// - the recognizer's input: RGB, (x - 127.5) / 127.5, NCHW, all of a photo's faces in one batch; its output the embedding.
// OpenCV computes its resize and warp in fixed point; these are the exact float forms rounded to bytes, which the C#
// reader repeats to the bit (OpenCV's own bytes may differ from them by a level).
import fs from 'node:fs';
import path from 'node:path';
import { decodeImage, listImages, parseArgs, requireFrom } from './common.mjs';

export const SIZE = 640;
export const STRIDES = [8, 16, 32];
export const ANCHORS = 2;
export const NMS = 0.4;
export const ARCFACE = [[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366], [41.5493, 92.3655], [70.7299, 92.2041]];

/** OpenCV INTER_LINEAR taps along one axis: source index pairs and the second's weight, for each output position. */
function taps(from, to) {
  const scale = from / to;
  const out = [];
  for (let d = 0; d < to; d++) {
    let f = (d + 0.5) * scale - 0.5;
    let s = Math.floor(f);
    f -= s;
    if (s < 0) { s = 0; f = 0; }
    if (s >= from - 1) { s = from - 1; f = 0; }
    out.push([s, Math.min(s + 1, from - 1), f]);
  }
  return out;
}

/** The letterboxed detector input (NCHW float32) and its scale. */
export function letterbox(img) {
  const ratio = img.height / img.width;
  let w, h;
  if (ratio > 1) { h = SIZE; w = Math.trunc(h / ratio); } else { w = SIZE; h = Math.trunc(w * ratio); }
  const xs = taps(img.width, w), ys = taps(img.height, h);
  const plane = SIZE * SIZE;
  const blob = new Float32Array(3 * plane).fill(-127.5 / 128);
  for (let y = 0; y < h; y++) {
    const [y0, y1, fy] = ys[y];
    for (let x = 0; x < w; x++) {
      const [x0, x1, fx] = xs[x];
      for (let c = 0; c < 3; c++) {
        const p = (yy, xx) => img.rgb[(yy * img.width + xx) * 3 + c];
        const top = p(y0, x0) * (1 - fx) + p(y0, x1) * fx;
        const bottom = p(y1, x0) * (1 - fx) + p(y1, x1) * fx;
        const v = Math.round(top * (1 - fy) + bottom * fy);
        blob[c * plane + y * SIZE + x] = (v - 127.5) / 128;
      }
    }
  }
  return { blob, scale: h / img.height };
}

/** The detector's nine outputs decoded: faces at or above minScore, in the photo's pixels, after NMS, best first. */
export function decode(outputs, scale, minScore) {
  const found = [];
  STRIDES.forEach((stride, level) => {
    const [scores, boxes, points] = [outputs[level], outputs[level + 3], outputs[level + 6]];
    const cells = SIZE / stride;
    for (let i = 0; i < cells * cells * ANCHORS; i++) {
      const score = scores[i];
      if (!(score >= minScore)) continue;
      const cell = Math.floor(i / ANCHORS);
      const cx = (cell % cells) * stride, cy = Math.floor(cell / cells) * stride;
      const b = [cx - boxes[i * 4] * stride, cy - boxes[i * 4 + 1] * stride, cx + boxes[i * 4 + 2] * stride, cy + boxes[i * 4 + 3] * stride];
      const k = [];
      for (let p = 0; p < 5; p++) k.push([(cx + points[i * 10 + 2 * p] * stride) / scale, (cy + points[i * 10 + 2 * p + 1] * stride) / scale]);
      found.push({ score, box: b.map(v => v / scale), points: k });
    }
  });
  found.sort((a, b) => b.score - a.score);
  const kept = [];
  for (const face of found) {
    if (kept.every(k => iou(k.box, face.box) <= NMS)) kept.push(face);
  }
  return kept;
}

function iou(a, b) {
  const area = r => (r[2] - r[0] + 1) * (r[3] - r[1] + 1);
  const w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]) + 1);
  const h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]) + 1);
  const inter = w * h;
  return inter / (area(a) + area(b) - inter);
}

/** The similarity [a, -b, tx; b, a, ty] taking points src onto dst in the least-squares sense (Umeyama, 2-D). */
export function similarity(src, dst) {
  const mean = ps => [ps.reduce((s, p) => s + p[0], 0) / ps.length, ps.reduce((s, p) => s + p[1], 0) / ps.length];
  const [sx, sy] = mean(src), [dx, dy] = mean(dst);
  let dot = 0, cross = 0, norm = 0;
  src.forEach((p, i) => {
    const [x, y] = [p[0] - sx, p[1] - sy], [u, v] = [dst[i][0] - dx, dst[i][1] - dy];
    dot += x * u + y * v;
    cross += x * v - y * u;
    norm += x * x + y * y;
  });
  const a = dot / norm, b = cross / norm;
  return [a, -b, dx - (a * sx - b * sy), b, a, dy - (b * sx + a * sy)];
}

/** The 112 x 112 aligned crop of the face with key points `points`, as the recognizer's input (NCHW float32). */
export function alignedInput(img, points, target, offset) {
  const [a, , tx, b, , ty] = similarity(points, ARCFACE);
  // The inverse of [a -b; b a]: [a b; -b a] / (a² + b²).
  const det = a * a + b * b;
  const plane = 112 * 112;
  for (let y = 0; y < 112; y++) {
    for (let x = 0; x < 112; x++) {
      const [u, v] = [x - tx, y - ty];
      const sx = (a * u + b * v) / det, sy = (-b * u + a * v) / det;
      const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const p = (yy, xx) => (yy < 0 || xx < 0 || yy >= img.height || xx >= img.width ? 0 : img.rgb[(yy * img.width + xx) * 3 + c]);
        const top = p(y0, x0) * (1 - fx) + p(y0, x0 + 1) * fx;
        const bottom = p(y0 + 1, x0) * (1 - fx) + p(y0 + 1, x0 + 1) * fx;
        const value = Math.round(top * (1 - fy) + bottom * fy);
        target[offset + c * plane + y * 112 + x] = (value - 127.5) / 127.5;
      }
    }
  }
}

export class InsightFacePipeline {
  static async load(ort, folder) {
    const open = f => ort.InferenceSession.create(path.join(folder, f, 'model.onnx'), { intraOpNumThreads: 2 });
    const p = new InsightFacePipeline();
    p.ort = ort;
    p.detector = await open('detection');
    p.recognizer = await open('recognition');
    if (p.detector.outputNames.length !== 9) throw new Error(`detector has ${p.detector.outputNames.length} outputs, not SCRFD's 9`);
    return p;
  }

  async detect(img, minScore) {
    const { blob, scale } = letterbox(img);
    const out = await this.detector.run({ [this.detector.inputNames[0]]: new this.ort.Tensor('float32', blob, [1, 3, SIZE, SIZE]) });
    return decode(this.detector.outputNames.map(n => out[n].data), scale, minScore);
  }

  async describe(img, faces) {
    if (faces.length === 0) return [];
    const input = new Float32Array(faces.length * 3 * 112 * 112);
    faces.forEach((f, i) => alignedInput(img, f.points, input, i * 3 * 112 * 112));
    const out = await this.recognizer.run({ [this.recognizer.inputNames[0]]: new this.ort.Tensor('float32', input, [faces.length, 3, 112, 112]) });
    const data = out[this.recognizer.outputNames[0]].data;
    const dim = data.length / faces.length;
    return faces.map((_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { models: 'value', out: 'value', 'min-score': 'value', deps: 'value' });
  const require = requireFrom(args.deps);
  const pipeline = await InsightFacePipeline.load(require('onnxruntime-node'), args.models);
  const minScore = Number(args['min-score'] ?? 0.7);
  const images = {};
  for (const file of listImages(args._)) {
    const img = decodeImage(require, file);
    const faces = await pipeline.detect(img, minScore);
    const embeddings = await pipeline.describe(img, faces);
    images[path.basename(file)] = {
      faces: faces.map((f, i) => ({
        score: f.score,
        box: [f.box[0], f.box[1], f.box[2] - f.box[0], f.box[3] - f.box[1]],
        points: f.points,
        embedding: embeddings[i],
      })),
    };
  }
  const result = { pipeline: 'insightface (SCRFD 640, NMS 0.4, norm_crop 112, ArcFace) on ONNX Runtime (onnxruntime-node)', minScore, images };
  fs.writeFileSync(args.out, JSON.stringify(result));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
