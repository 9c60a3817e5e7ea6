/** Small synthetic data sets for the neural tests (seeded). */
import type { Matrix } from '../../src/core/matrix';
import { Rng } from '../../src/core/random';

/**
 * n rows in d columns that lie near a rank-2 plane: x = A·z + noise, z ~ N(0, I₂), noise sd `noise`.
 * A perfect 2-unit code reconstructs x up to the noise, so its MSE is ≈ noise² per cell.
 */
export function lowRankData(n: number, d: number, seed: number, noise = 0.05): Matrix {
  const rng = new Rng(seed);
  const A = new Float64Array(2 * d);
  for (let k = 0; k < A.length; k++) A[k] = rng.normal();
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const z0 = rng.normal();
    const z1 = rng.normal();
    for (let j = 0; j < d; j++) data[i * d + j] = A[j] * z0 + A[d + j] * z1 + noise * rng.normal();
  }
  return { data, rows: n, cols: d };
}

/** k well-separated Gaussian blobs in d dimensions (centres 10 apart on the axes, sd 1); labels in order. */
export function blobs(nPer: number, k: number, d: number, seed: number, sep = 10): { X: Matrix; y: Int32Array } {
  const rng = new Rng(seed);
  const n = nPer * k;
  const data = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let c = 0; c < k; c++) {
    for (let r = 0; r < nPer; r++) {
      const i = c * nPer + r;
      y[i] = c;
      for (let j = 0; j < d; j++) data[i * d + j] = rng.normal() + (j === c % d ? sep : 0) + (c >= d && j === (c + 1) % d ? sep : 0);
    }
  }
  return { X: { data, rows: n, cols: d }, y };
}

/** Adjusted Rand index (Hubert & Arabie 1985), computed from the contingency table. */
export function adjustedRand(a: Int32Array, b: Int32Array): number {
  const n = a.length;
  const ka = Math.max(...a) + 1;
  const kb = Math.max(...b) + 1;
  const table = new Float64Array(ka * kb);
  for (let i = 0; i < n; i++) table[a[i] * kb + b[i]]++;
  const c2 = (x: number): number => (x * (x - 1)) / 2;
  let sumCells = 0;
  for (const v of table) sumCells += c2(v);
  let sumA = 0;
  for (let i = 0; i < ka; i++) { let s = 0; for (let j = 0; j < kb; j++) s += table[i * kb + j]; sumA += c2(s); }
  let sumB = 0;
  for (let j = 0; j < kb; j++) { let s = 0; for (let i = 0; i < ka; i++) s += table[i * kb + j]; sumB += c2(s); }
  const expected = (sumA * sumB) / c2(n);
  const max = (sumA + sumB) / 2;
  return max === expected ? 1 : (sumCells - expected) / (max - expected);
}
