/**
 * Plain on-disk format of the neural models (internal): a folder with `model.json` (kind, format version, options,
 * shapes of the weight arrays, caller-attached `preprocessing`, history) and `weights.bin` (the float32 weight
 * arrays concatenated, little-endian). Files are written to a temporary name then renamed, so a crash never
 * leaves a half-written model. No tfjs IO handlers needed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ValidationError } from '../core/errors';
import { writeFileAtomic } from '../core/temp-files';

/** Format version written to `model.json`. */
export const NEURAL_MODEL_FORMAT = 1;

/** What `model.json` holds beyond the caller's fields. */
export interface ModelManifest {
  kind: string;
  format: number;
  /** Shape of each weight array in `weights.bin`, in order. */
  weightShapes: number[][];
  [key: string]: unknown;
}

/** Write a model folder (created if missing). */
export function writeModelDir(dir: string, manifest: ModelManifest, weights: readonly Float32Array[]): void {
  fs.mkdirSync(dir, { recursive: true });
  const total = weights.reduce((s, w) => s + w.length, 0);
  const all = new Float32Array(total);
  let o = 0;
  for (const w of weights) { all.set(w, o); o += w.length; }
  const bytes = new Uint8Array(all.buffer);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('big-endian platforms are not supported');
  writeFileAtomic(path.join(dir, 'weights.bin'), bytes);
  writeFileAtomic(path.join(dir, 'model.json'), JSON.stringify(manifest, null, 2));
}

/**
 * Read a model folder written by {@link writeModelDir}, checking its kind, that `weights.bin` holds exactly the
 * arrays `model.json` describes, and that every weight is finite.
 * @throws ValidationError naming the file and what is wrong with it
 */
export function readModelDir(dir: string, kind: string): { manifest: ModelManifest; weights: Float32Array[] } {
  const mfile = path.join(dir, 'model.json');
  const wfile = path.join(dir, 'weights.bin');
  if (!fs.existsSync(mfile) || !fs.existsSync(wfile)) {
    throw new ValidationError(`dir="${dir}" does not hold a saved model (model.json and weights.bin expected)`);
  }
  let manifest: ModelManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(mfile, 'utf8')) as ModelManifest;
  } catch (e) {
    throw new ValidationError(`${mfile} is not readable JSON (${(e as Error).message}): the model is damaged; save it again`);
  }
  if (!manifest || typeof manifest !== 'object' || !Array.isArray(manifest.weightShapes)) {
    throw new ValidationError(`${mfile} does not describe a model (no weightShapes): the model is damaged; save it again`);
  }
  if (manifest.kind !== kind) throw new ValidationError(`dir="${dir}" holds a ${manifest.kind}, not a ${kind}`);
  if (manifest.format !== NEURAL_MODEL_FORMAT) {
    throw new ValidationError(`dir="${dir}": model format ${manifest.format} is not supported (expected ${NEURAL_MODEL_FORMAT})`);
  }
  const buf = fs.readFileSync(wfile);
  if (buf.byteLength % 4 !== 0) throw new ValidationError(`${wfile} has ${buf.byteLength} bytes, not a whole number of float32 values: the file is damaged`);
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const weights: Float32Array[] = [];
  let o = 0;
  for (const shape of manifest.weightShapes) {
    if (!Array.isArray(shape) || !shape.every((x) => Number.isInteger(x) && x >= 0)) {
      throw new ValidationError(`${mfile}: weight shape ${JSON.stringify(shape)} is not a list of sizes: the model is damaged; save it again`);
    }
    const n = shape.reduce((a, b) => a * b, 1);
    if (o + n > all.length) throw new ValidationError(`dir="${dir}": weights.bin is shorter than model.json describes`);
    weights.push(all.slice(o, o + n));
    o += n;
  }
  if (o !== all.length) throw new ValidationError(`dir="${dir}": weights.bin has ${all.length} values, model.json describes ${o}`);
  for (let i = 0; i < all.length; i++) {
    if (!Number.isFinite(all[i])) {
      throw new ValidationError(`${wfile} holds a non-finite weight (${all[i]}) at value ${i} of ${all.length}: the model is damaged or diverged in training; train and save it again`);
    }
  }
  return { manifest, weights };
}
