// Shared by reference.mjs and check.mjs: the npm packages (installed by deps.sh into a folder outside the
// repository, named by FACES_NODE_MODULES or --deps) and image decoding that gives both scripts the same pixels.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

export function parseArgs(argv, spec) {
  const args = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const key = a.slice(2);
      if (!(key in spec)) throw new Error(`unknown option ${a}`);
      args[key] = spec[key] === 'flag' ? true : argv[++i];
    } else args._.push(a);
  }
  return args;
}

export function requireFrom(depsDir) {
  const dir = depsDir || process.env.FACES_NODE_MODULES;
  if (!dir) throw new Error('set FACES_NODE_MODULES (or --deps) to the folder deps.sh installed into');
  return createRequire(path.join(path.resolve(dir), 'node_modules') + path.sep);
}

/** Image files (PNG, JPEG) given as files or folders, sorted by path. */
export function listImages(inputs) {
  const out = [];
  for (const p of inputs) {
    if (fs.statSync(p).isDirectory()) {
      for (const f of fs.readdirSync(p).sort()) if (/\.(png|jpe?g)$/i.test(f)) out.push(path.join(p, f));
    } else out.push(p);
  }
  return out;
}

/** Decodes a PNG (pngjs, exact) or JPEG (jpeg-js) to { width, height, rgb: Uint8Array (HWC) }. */
export function decodeImage(require, file) {
  const buf = fs.readFileSync(file);
  let width, height, data, channels;
  if (/\.png$/i.test(file)) {
    const { PNG } = require('pngjs');
    const png = PNG.sync.read(buf);
    ({ width, height, data } = png);
    channels = 4;
  } else {
    const jpeg = require('jpeg-js');
    const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 2048 });
    ({ width, height, data } = img);
    channels = data.length / (width * height);
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    rgb[i * 3] = data[j];
    rgb[i * 3 + 1] = data[j + 1];
    rgb[i * 3 + 2] = data[j + 2];
  }
  return { width, height, rgb };
}
