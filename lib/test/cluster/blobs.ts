/** Seeded Gaussian blobs for the cluster tests (test helper, not a test file). */
import type { Matrix } from '../../src/core/matrix';
import { Rng } from '../../src/core/random';

/** n rows around `centers` (array of d-vectors) with standard deviation sd; returns X and the planted labels. */
export function blobs(n: number, centers: number[][], sd: number, seed: number): { X: Matrix; y: Int32Array } {
  const rng = new Rng(seed);
  const d = centers[0].length;
  const data = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % centers.length;
    y[i] = c;
    for (let t = 0; t < d; t++) data[i * d + t] = centers[c][t] + rng.normal(0, sd);
  }
  return { X: { data, rows: n, cols: d }, y };
}
