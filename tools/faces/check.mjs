#!/usr/bin/env node
// Checks the converted models against the original (reference.mjs's JSON), through ONNX Runtime (onnxruntime-node):
//
//   FACES_NODE_MODULES=DIR node tools/faces/check.mjs --models data/models/faces/face-api --refs refs.json \
//       [--nets N] [--identities identities.json] [--json out.json] IMAGE_FOLDER...
//
// 1. The pipeline (pipeline.mjs, ONNX Runtime) on every image of the reference: the same faces, detection boxes
//    within 1 px, landmarks and aligned boxes, and every descriptor's cosine with the original's >= 0.999.
// 2. --nets N: each net alone on the first N images, TensorFlow.js (face-api's nets) against ONNX Runtime on the
//    very same input tensors: largest absolute difference of the raw outputs, and the descriptors' cosine.
// 3. --identities FILE ({"image file": "person"}): the verification and clustering numbers of the converted models
//    (see measure in README.md): every pair of labelled photos judged same / different at the threshold.
// Exits 1 when a check of 1 or 2 fails.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, requireFrom, listImages, decodeImage } from './common.mjs';
import { FacePipeline, regionTensor } from './pipeline.mjs';

const args = parseArgs(process.argv.slice(2), {
  models: 'value', refs: 'value', deps: 'value', nets: 'value', identities: 'value', json: 'value', threshold: 'value',
});
if (!args.models || !args.refs || args._.length === 0) {
  console.error('usage: check.mjs --models DIR --refs refs.json [--nets N] [--identities FILE] IMAGE_FOLDER...');
  process.exit(2);
}
const require = requireFrom(args.deps);
const ort = require('onnxruntime-node');
const refs = JSON.parse(fs.readFileSync(args.refs, 'utf8'));
const files = new Map(listImages(args._).map((f) => [path.basename(f), f]));
const pipeline = await FacePipeline.load(ort, args.models);

const cosine = (a, b) => {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
  return ab / Math.sqrt(aa * bb);
};
const failures = [];
const report = { images: 0, faces: 0, minCosine: 1, maxBoxDiff: 0, maxLandmarkDiff: 0, alignedBoxMismatches: 0, ms: [] };
const ours = {};

// 1. the pipeline against the reference
for (const [name, ref] of Object.entries(refs.images)) {
  const file = files.get(name);
  if (!file) { failures.push(`${name}: image not found`); continue; }
  const img = decodeImage(require, file);
  const started = performance.now();
  const faces = await pipeline.analyse(img, refs.minConfidence);
  report.ms.push(performance.now() - started);
  ours[name] = faces;
  report.images++;
  if (faces.length !== ref.faces.length) {
    failures.push(`${name}: ${faces.length} faces, the original ${ref.faces.length}`);
    continue;
  }
  faces.forEach((f, i) => {
    const r = ref.faces[i];
    report.faces++;
    const boxDiff = Math.max(...[f.box.x, f.box.y, f.box.width, f.box.height].map((v, k) => Math.abs(v - r.box[k])));
    const lmDiff = Math.max(...f.landmarks.map((p, k) => Math.max(Math.abs(p[0] - r.landmarks[k][0]), Math.abs(p[1] - r.landmarks[k][1]))));
    const a = f.alignedBox;
    if ([a.x, a.y, a.width, a.height].some((v, k) => v !== r.alignedBox[k])) report.alignedBoxMismatches++;
    const cos = cosine(f.descriptor, r.descriptor);
    report.maxBoxDiff = Math.max(report.maxBoxDiff, boxDiff);
    report.maxLandmarkDiff = Math.max(report.maxLandmarkDiff, lmDiff);
    report.minCosine = Math.min(report.minCosine, cos);
    if (boxDiff > 1) failures.push(`${name} face ${i}: box differs by ${boxDiff.toFixed(3)} px`);
    if (cos < 0.999) failures.push(`${name} face ${i}: descriptor cosine ${cos.toFixed(5)}`);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`pipeline: ${report.images} images, ${report.faces} faces; largest box difference ${report.maxBoxDiff.toFixed(4)} px, `
  + `largest landmark difference ${report.maxLandmarkDiff.toFixed(4)} px, aligned boxes differing ${report.alignedBoxMismatches}, `
  + `lowest descriptor cosine ${report.minCosine.toFixed(6)}; median ${median(report.ms).toFixed(0)} ms an image (ONNX Runtime ${ort.env.versions?.common ?? ''})`);

// 2. each net alone, TF.js against ONNX Runtime on the same tensors
if (args.nets) {
  const tf = require('@tensorflow/tfjs');
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  await tf.setBackend('cpu');
  const modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  const maxAbs = (a, b) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
  const nets = { detection: [0, 0], landmarks: [0], recognition: [0, 1] };
  for (const [name, ref] of Object.entries(refs.images).slice(0, Number(args.nets))) {
    const img = decodeImage(require, files.get(name));
    const t512 = regionTensor(img, { x: 0, y: 0, width: img.width, height: img.height }, 512, false);
    const tfOut = await faceapi.nets.ssdMobilenetv1.forward(tf.tensor4d(t512, [1, 512, 512, 3]));
    const ortOut = await pipeline.run('detection', t512, 512);
    nets.detection[0] = Math.max(nets.detection[0], maxAbs(tfOut.boxes[0].dataSync(), ortOut.boxes.data));
    nets.detection[1] = Math.max(nets.detection[1], maxAbs(tfOut.scores[0].dataSync(), ortOut.scores.data));
    for (const f of ours[name] || []) {
      const crop = { x: Math.max(0, Math.floor(f.box.x)), y: Math.max(0, Math.floor(f.box.y)) };
      crop.width = Math.min(Math.floor(f.box.width), img.width - crop.x);
      crop.height = Math.min(Math.floor(f.box.height), img.height - crop.y);
      const t112 = regionTensor(img, crop, 112, true);
      const netInput = await faceapi.toNetInput(tf.tensor4d(t112, [1, 112, 112, 3]));
      const tfLm = faceapi.nets.faceLandmark68Net.runNet(netInput).dataSync();
      const ortLm = (await pipeline.run('landmarks', t112, 112)).landmarks.data;
      nets.landmarks[0] = Math.max(nets.landmarks[0], maxAbs(tfLm, ortLm));
      const t150 = regionTensor(img, crop, 150, true);
      const tfDesc = (await faceapi.nets.faceRecognitionNet.forward(tf.tensor4d(t150, [1, 150, 150, 3]))).dataSync();
      const ortDesc = (await pipeline.run('recognition', t150, 150)).embedding.data;
      nets.recognition[0] = Math.max(nets.recognition[0], maxAbs(tfDesc, ortDesc));
      nets.recognition[1] = Math.min(nets.recognition[1], cosine(tfDesc, ortDesc));
    }
  }
  console.log(`nets alone (first ${args.nets} images): detection boxes max |diff| ${nets.detection[0].toExponential(2)}, `
    + `scores ${nets.detection[1].toExponential(2)}; landmarks ${nets.landmarks[0].toExponential(2)}; `
    + `descriptors ${nets.recognition[0].toExponential(2)}, lowest cosine ${nets.recognition[1].toFixed(7)}`);
  if (nets.recognition[1] < 0.999) failures.push(`net-level descriptor cosine ${nets.recognition[1]}`);
  if (nets.detection[0] * 512 > 1) failures.push(`net-level box difference ${nets.detection[0] * 512} px`);
  report.nets = nets;
}

// 3. identities: verification over all pairs of labelled photos with exactly one face
if (args.identities) {
  const ids = JSON.parse(fs.readFileSync(args.identities, 'utf8'));
  const threshold = Number(args.threshold || 0.6);
  const one = Object.keys(ids).filter((n) => ours[n] && ours[n].length >= 1)
    .map((n) => ({ name: n, person: ids[n], d: [...ours[n]].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0].descriptor }));
  const labelled = Object.keys(ids).filter((n) => ours[n]);
  let same = 0, sameOk = 0, diff = 0, diffOk = 0;
  for (let i = 0; i < one.length; i++) {
    for (let j = i + 1; j < one.length; j++) {
      const dist = Math.sqrt(one[i].d.reduce((s, v, k) => s + (v - one[j].d[k]) ** 2, 0));
      if (one[i].person === one[j].person) { same++; if (dist < threshold) sameOk++; } else { diff++; if (dist >= threshold) diffOk++; }
    }
  }
  const found = labelled.filter((n) => ours[n].length >= 1).length;
  const v = { threshold, photos: labelled.length, facesFound: found, samePairs: same, sameCorrect: sameOk, differentPairs: diff,
    differentCorrect: diffOk, accuracy: (sameOk + diffOk) / (same + diff) };
  console.log(`identities: faces found in ${found} of ${labelled.length} labelled photos; pairs: same ${sameOk}/${same}, `
    + `different ${diffOk}/${diff}, accuracy ${(100 * v.accuracy).toFixed(2)} % (Euclidean < ${threshold})`);
  report.identities = v;
}
if (args.json) fs.writeFileSync(args.json, JSON.stringify({ report, failures, faces: ours }, (k, v) => (v instanceof Float32Array ? Array.from(v) : v)));
for (const f of failures) console.log(`FAIL ${f}`);
console.log(failures.length ? `${failures.length} checks failed` : 'all checks passed');
process.exit(failures.length ? 1 : 0);
