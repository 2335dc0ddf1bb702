#!/usr/bin/env node
// The original: face-api (@vladmandic/face-api 1.7.15) on TensorFlow.js 4.22.0's pure-JS CPU backend, with the
// weights from the package's model/ folder, run over photos: every face's detection, 68 landmarks, aligned box
// and 128-d descriptor, written as JSON. check.mjs compares the converted ONNX models against this file.
//
//   FACES_NODE_MODULES=DIR node tools/faces/reference.mjs [--min-confidence 0.5] [--backend cpu|wasm] --out refs.json IMAGE|FOLDER...
//
// DIR is the folder deps.sh installed the npm packages into. The pipeline is face-api's own
// detectAllFaces(SsdMobilenetv1) .withFaceLandmarks() .withFaceDescriptors(), on the decoded pixels as a
// tensor (PNG: exact everywhere; JPEG: as jpeg-js decodes it).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, requireFrom, listImages, decodeImage } from './common.mjs';

const args = parseArgs(process.argv.slice(2), {
  out: 'value', deps: 'value', 'min-confidence': 'value', 'model-dir': 'value', backend: 'value',
});
if (!args.out || args._.length === 0) {
  console.error('usage: reference.mjs --out refs.json [--min-confidence 0.5] IMAGE|FOLDER...');
  process.exit(2);
}
const require = requireFrom(args.deps);
const tf = require('@tensorflow/tfjs');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
await tf.setBackend(args.backend || 'cpu');  // 'wasm' (@tensorflow/tfjs-backend-wasm): the same ops, ~10x faster
await tf.ready();
const modelDir = args['model-dir'] || path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
const minConfidence = Number(args['min-confidence'] || 0.5);
const options = new faceapi.SsdMobilenetv1Options({ minConfidence, maxResults: 100 });

const round = (v, d = 4) => Number(v.toFixed(d));
const result = {
  original: `@vladmandic/face-api ${faceapi.version}, @tensorflow/tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`,
  minConfidence,
  images: {},
};
for (const file of listImages(args._)) {
  const { width, height, rgb } = decodeImage(require, file);
  const tensor = tf.tensor3d(rgb, [height, width, 3], 'int32');
  const started = Date.now();
  const faces = await faceapi.detectAllFaces(tensor, options).withFaceLandmarks().withFaceDescriptors();
  const ms = Date.now() - started;
  tensor.dispose();
  result.images[path.basename(file)] = {
    width, height, ms,
    faces: faces.map((f) => {
      const b = f.detection.box;
      const aligned = f.landmarks.align(null, { useDlibAlignment: true });
      return {
        score: round(f.detection.score, 6),
        box: [b.x, b.y, b.width, b.height].map((v) => round(v)),
        landmarks: f.landmarks.positions.map((p) => [round(p.x, 3), round(p.y, 3)]),
        alignedBox: [aligned.x, aligned.y, aligned.width, aligned.height],
        descriptor: Array.from(f.descriptor, (v) => round(v, 7)),
      };
    }),
  };
  console.error(`${path.basename(file)}: ${faces.length} faces, ${ms} ms`);
}
fs.writeFileSync(args.out, JSON.stringify(result));
console.error(`wrote ${args.out}`);
