// face-api's face pipeline in plain JavaScript around the converted ONNX models (ONNX Runtime): the steps an
// engine must take to give face-api's answers, written out where face-api spreads them over its classes.
// check.mjs runs it against reference.mjs's output; the C# analyzer follows the same steps.
//
// An image is { width, height, rgb: Uint8Array HWC }. Boxes are { x, y, width, height } in image pixels.
// Numbers are JavaScript doubles except where face-api computes on float32 tensors (Math.fround there).

const f32 = Math.fround;

/** face-api's NetInput.toBatchTensor for one image region: crop (integers), pad to a square with zeros (centred:
 * the odd pixel before; else all after), bilinear resize to size x size (TF's resizeBilinear: no corner alignment,
 * no half-pixel centres, rows then columns, in double, stored as float32). Returns NHWC float32 [size*size*3]. */
export function regionTensor(img, crop, size, centred) {
  const { x: cx, y: cy, width: cw, height: ch } = crop;
  const side = Math.max(cw, ch);
  const diff = Math.abs(cw - ch);
  let offX = 0, offY = 0;
  if (centred && diff) {
    const after = Math.round(diff * 0.5);
    const before = diff - after;
    if (ch > cw) offX = before; else offY = before;
  }
  const sqW = cw === ch ? cw : side;
  const sqH = cw === ch ? ch : side;
  const px = (yy, xx, c) => {  // a pixel of the padded square
    const ix = xx - offX, iy = yy - offY;
    if (ix < 0 || iy < 0 || ix >= cw || iy >= ch) return 0;
    return img.rgb[((cy + iy) * img.width + (cx + ix)) * 3 + c];
  };
  const out = new Float32Array(size * size * 3);
  const rowRatio = sqH / size, colRatio = sqW / size;
  let o = 0;
  for (let r = 0; r < size; r++) {
    const fr = rowRatio * r;
    const r0 = Math.max(0, Math.floor(fr)), rf = fr - r0, r1 = Math.min(sqH - 1, Math.ceil(fr));
    for (let c = 0; c < size; c++) {
      const fc = colRatio * c;
      const c0 = Math.max(0, Math.floor(fc)), cf = fc - c0, c1 = Math.min(sqW - 1, Math.ceil(fc));
      for (let d = 0; d < 3; d++) {
        const tl = px(r0, c0, d), tr = px(r0, c1, d), bl = px(r1, c0, d), br = px(r1, c1, d);
        const top = tl + (tr - tl) * cf;
        const bottom = bl + (br - bl) * cf;
        out[o++] = top + (bottom - top) * rf;
      }
    }
  }
  return out;
}

/** Box.clipAtImageBorders: clip to the image, then floor x, y, width, height. */
export function clipAtImageBorders(box, width, height) {
  const x = Math.max(box.x, 0), y = Math.max(box.y, 0);
  const w = Math.min(box.x + box.width - x, width - x);
  const h = Math.min(box.y + box.height - y, height - y);
  return { x: Math.floor(x), y: Math.floor(y), width: Math.floor(w), height: Math.floor(h) };
}

function iou(b, i, j) {  // ssdMobilenetv1/nonMaxSuppression.ts IOU, boxes as [ymin, xmin, ymax, xmax]
  const yminI = Math.min(b[i * 4], b[i * 4 + 2]), xminI = Math.min(b[i * 4 + 1], b[i * 4 + 3]);
  const ymaxI = Math.max(b[i * 4], b[i * 4 + 2]), xmaxI = Math.max(b[i * 4 + 1], b[i * 4 + 3]);
  const yminJ = Math.min(b[j * 4], b[j * 4 + 2]), xminJ = Math.min(b[j * 4 + 1], b[j * 4 + 3]);
  const ymaxJ = Math.max(b[j * 4], b[j * 4 + 2]), xmaxJ = Math.max(b[j * 4 + 1], b[j * 4 + 3]);
  const areaI = (ymaxI - yminI) * (xmaxI - xminI), areaJ = (ymaxJ - yminJ) * (xmaxJ - xminJ);
  if (areaI <= 0 || areaJ <= 0) return 0;
  const inter = Math.max(Math.min(ymaxI, ymaxJ) - Math.max(yminI, yminJ), 0)
    * Math.max(Math.min(xmaxI, xmaxJ) - Math.max(xminI, xminJ), 0);
  return inter / (areaI + areaJ - inter);
}

/** face-api's greedy NMS: candidates above minConfidence by score (stable sort), IoU threshold 0.5. */
export function nonMaxSuppression(boxes, scores, maxResults, iouThreshold, minConfidence) {
  const candidates = Array.from(scores, (score, boxIndex) => ({ score, boxIndex }))
    .filter((c) => c.score > minConfidence).sort((a, b) => b.score - a.score);
  const selected = [];
  for (const c of candidates) {
    if (selected.length >= Math.min(maxResults, scores.length)) break;
    const original = c.score;
    for (let j = selected.length - 1; j >= 0; --j) {
      const v = iou(boxes, c.boxIndex, selected[j]);
      if (v === 0) continue;
      c.score *= v <= iouThreshold ? 1 : 0;
      if (c.score <= minConfidence) break;
    }
    if (original === c.score) selected.push(c.boxIndex);
  }
  return selected;
}

const mean = (pts) => {  // getCenterPoint
  let x = 0, y = 0;
  for (const p of pts) { x += p[0]; y += p[1]; }
  return [x / pts.length, y / pts.length];
};

export class FacePipeline {
  constructor(ort, sessions) { this.ort = ort; this.s = sessions; }

  static async load(ort, modelDir, options = {}) {
    const opts = { intraOpNumThreads: options.threads || 0, graphOptimizationLevel: 'all' };
    const s = {};
    for (const net of ['detection', 'landmarks', 'recognition']) {
      s[net] = await ort.InferenceSession.create(`${modelDir}/${net}/model.onnx`, opts);
    }
    return new FacePipeline(ort, s);
  }

  async run(net, data, size) {
    const input = new this.ort.Tensor('float32', data, [1, size, size, 3]);
    return this.s[net].run({ input });
  }

  /** SsdMobilenetv1.locateFaces: [{ score, box }] in image pixels. */
  async detect(img, minConfidence = 0.5, maxResults = 100) {
    const { width: W, height: H } = img;
    const t = regionTensor(img, { x: 0, y: 0, width: W, height: H }, 512, false);
    const out = await this.run('detection', t, 512);
    const boxes = out.boxes.data, scores = out.scores.data;
    const picked = nonMaxSuppression(boxes, scores, maxResults, 0.5, minConfidence);
    const scale = 512 / Math.max(H, W);  // computeReshapedDimensions
    const padX = 512 / Math.round(W * scale), padY = 512 / Math.round(H * scale);
    return picked.map((i) => {
      const top = Math.max(0, boxes[i * 4]) * padY, bottom = Math.min(1, boxes[i * 4 + 2]) * padY;
      const left = Math.max(0, boxes[i * 4 + 1]) * padX, right = Math.min(1, boxes[i * 4 + 3]) * padX;
      const box = { x: left * W, y: top * H, width: (right - left) * W, height: (bottom - top) * H };
      return { score: scores[i], box };
    });
  }

  /** FaceLandmark68Net on the detection's box, shifted into image pixels as extendWithFaceLandmarks does. */
  async landmarks(img, box) {
    const { width: W, height: H } = img;
    // detection.forSize(W, H).box: twice through relative coordinates and back, as face-api's classes go
    let b = box;
    for (let k = 0; k < 2; k++) {
      const r = { x: b.x * (1 / W), y: b.y * (1 / H), width: b.width * (1 / W), height: b.height * (1 / H) };
      b = { x: r.x * W, y: r.y * H, width: r.width * W, height: r.height * H };
    }
    const crop = clipAtImageBorders(b, W, H);
    if (crop.width <= 0 || crop.height <= 0) return null;
    const out = (await this.run('landmarks', regionTensor(img, crop, 112, true), 112)).landmarks.data;
    const s = 112 / Math.max(crop.height, crop.width);  // FaceLandmark68NetBase.postProcess, on float32 tensors
    const w = crop.width * s, h = crop.height * s;
    const padX = w < h ? Math.abs(w - h) / 2 : 0, padY = h < w ? Math.abs(w - h) / 2 : 0;
    const points = [];
    for (let i = 0; i < 68; i++) {
      const rx = f32(f32(f32(out[2 * i] * 112) - f32(padX)) / f32(w));
      const ry = f32(f32(f32(out[2 * i + 1] * 112) - f32(padY)) / f32(h));
      const px = rx * crop.width, py = ry * crop.height;             // FaceLandmarks68 on the crop
      points.push([(px / crop.width) * crop.width + box.x, (py / crop.height) * crop.height + box.y]);  // shiftBy
    }
    return { points, crop };
  }

  /** FaceLandmarks.alignDlib: the square the descriptor is computed on (image pixels, integers). */
  static alignDlib(points, crop) {
    const leftEye = mean(points.slice(36, 42)), rightEye = mean(points.slice(42, 48)), mouth = mean(points.slice(48, 68));
    const dist = (p) => Math.sqrt((mouth[0] - p[0]) ** 2 + (mouth[1] - p[1]) ** 2);
    const size = Math.floor((dist(leftEye) + dist(rightEye)) / 2 / 0.45);
    const ref = mean([leftEye, rightEye, mouth]);
    const x = Math.floor(Math.max(0, ref[0] - 0.5 * size));
    const y = Math.floor(Math.max(0, ref[1] - 0.43 * size));
    return { x, y, width: Math.min(size, crop.width + x), height: Math.min(size, crop.height + y) };
  }

  /** FaceRecognitionNet.computeFaceDescriptor on the aligned box. */
  async descriptor(img, aligned) {
    const crop = clipAtImageBorders(aligned, img.width, img.height);
    if (crop.width <= 0 || crop.height <= 0) return null;
    return (await this.run('recognition', regionTensor(img, crop, 150, true), 150)).embedding.data;
  }

  /** detectAllFaces().withFaceLandmarks().withFaceDescriptors() */
  async analyse(img, minConfidence = 0.5) {
    const faces = [];
    for (const det of await this.detect(img, minConfidence)) {
      const lm = await this.landmarks(img, det.box);
      if (!lm) continue;
      const alignedBox = FacePipeline.alignDlib(lm.points, lm.crop);
      const descriptor = await this.descriptor(img, alignedBox);
      faces.push({ score: det.score, box: det.box, landmarks: lm.points, alignedBox, descriptor });
    }
    return faces;
  }
}
