/**
 * Internal helpers shared by the metrics: validating a label vector against a matrix and re-coding arbitrary
 * integer labels to 0..k-1. Not re-exported from the public index.
 */
import { ValidationError } from '../core/errors';

/** Labels re-coded to 0..k-1 (noise rows, label -1, get code -1 when allowed). */
export interface EncodedLabels {
  /** Code per row, 0..k-1, or -1 for noise. */
  codes: Int32Array;
  /** Number of distinct non-noise labels. */
  k: number;
  /** The original label of each code, in increasing order. */
  levels: number[];
  /** Rows per code. */
  counts: Float64Array;
  /** Number of non-noise rows. */
  nValid: number;
}

/**
 * Validate and re-code a label vector: integers, length `n` when given; `-1` is noise when `allowNoise`.
 * Codes follow the sorted order of the original labels. O(n log k).
 * @throws ValidationError naming the argument, the row and the value.
 */
export function encodeLabels(labels: ArrayLike<number>, opts: { n?: number; name?: string; allowNoise?: boolean } = {}): EncodedLabels {
  const name = opts.name ?? 'labels';
  if (labels == null || typeof labels.length !== 'number') throw new ValidationError(`${name} should be an array of integer labels`);
  if (opts.n !== undefined && labels.length !== opts.n) {
    throw new ValidationError(`${name} has ${labels.length} values, expected ${opts.n} (one per row of X)`);
  }
  const seen = new Set<number>();
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (!Number.isInteger(v)) throw new ValidationError(`${name}[${i}] is ${v}, expected an integer label`);
    if (v < 0) {
      if (v === -1 && opts.allowNoise) continue;
      throw new ValidationError(`${name}[${i}] is ${v}: labels should be >= 0${opts.allowNoise ? ' (or -1 for noise)' : ''}`);
    }
    seen.add(v);
  }
  const levels = Array.from(seen).sort((a, b) => a - b);
  const map = new Map<number, number>();
  levels.forEach((v, c) => map.set(v, c));
  const codes = new Int32Array(labels.length);
  const counts = new Float64Array(levels.length);
  let nValid = 0;
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] === -1 && opts.allowNoise ? -1 : (map.get(labels[i]) as number);
    codes[i] = c;
    if (c >= 0) { counts[c]++; nValid++; }
  }
  return { codes, k: levels.length, levels, counts, nValid };
}

/**
 * Cluster means of X by code (rows with code -1 ignored): a k×d row-major Float64Array. O(n·d).
 */
export function clusterMeans(X: Float64Array, n: number, d: number, codes: Int32Array, k: number, counts: Float64Array): Float64Array {
  const C = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c < 0) continue;
    const oi = i * d, oc = c * d;
    for (let t = 0; t < d; t++) C[oc + t] += X[oi + t];
  }
  for (let c = 0; c < k; c++) {
    const inv = counts[c] > 0 ? 1 / counts[c] : 0;
    for (let t = 0; t < d; t++) C[c * d + t] *= inv;
  }
  return C;
}
