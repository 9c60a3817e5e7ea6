import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Matrix } from '../../src/core/matrix';
import { Rng } from '../../src/core/random';
import { silhouetteSamples } from '../../src/metrics/silhouette';
import { silhouetteSamplesReference } from '../../src/metrics/silhouette-reference';
import { silhouetteGemmAvailable, SILHOUETTE_PANEL } from '../../src/metrics/silhouette-gemm';

function randomData(n: number, d: number, k: number, seed: number, offset = 0): { X: Matrix; labels: Int32Array } {
  const rng = new Rng(seed);
  const labels = new Int32Array(n);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    labels[i] = rng.int(k);
    for (let t = 0; t < d; t++) data[i * d + t] = offset + rng.normal(labels[i] * (t % 2 === 0 ? 1.5 : 0), 1);
  }
  return { X: { data, rows: n, cols: d }, labels };
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test('the SIMD tile kernel equals the two-loop reference (n not a multiple of 4 or of the panel, d up to 63)', (t) => {
  if (!silhouetteGemmAvailable()) { t.skip('WebAssembly SIMD unavailable'); return; }
  // Second implementation: silhouetteSamplesReference recomputes every distance from the coordinates.
  for (const [n, d, k] of [[6, 1, 2], [301, 7, 4], [SILHOUETTE_PANEL + 3, 63, 5], [517, 2, 9]]) {
    const { X, labels } = randomData(n, d, k, n + d);
    labels[0] = 0; labels[1] = 1; // at least two clusters even for tiny n
    const ref = silhouetteSamplesReference(X, labels);
    const s = silhouetteSamples(X, labels, { kernel: 'gemm', threads: 1 });
    assert.ok(maxDiff(s, ref) <= 1e-12, `n=${n} d=${d} k=${k}: ${maxDiff(s, ref)}`);
  }
});

test('the SIMD tile kernel on two threads (shared WebAssembly memory) equals the reference', (t) => {
  if (!silhouetteGemmAvailable()) { t.skip('WebAssembly SIMD unavailable'); return; }
  const { X, labels } = randomData(1100, 11, 3, 4);
  const ref = silhouetteSamplesReference(X, labels);
  const s = silhouetteSamples(X, labels, { kernel: 'gemm', threads: 2, parallelMinRows: 0 });
  assert.ok(maxDiff(s, ref) <= 1e-12, `${maxDiff(s, ref)}`);
});

test('near-duplicate rows far from the origin are recomputed in the direct form (no Gram-form cancellation)', (t) => {
  if (!silhouetteGemmAvailable()) { t.skip('WebAssembly SIMD unavailable'); return; }
  // Every coordinate is offset by 1e4, so ‖x‖² ≈ 5e8 while squared distances are ≈ 1: the Gram form alone would
  // lose about 8 digits (5e8 · 1e-16 · d relative to 1). The reference computes Σ(x_t − y_t)² directly.
  const { X, labels } = randomData(203, 5, 3, 8, 1e4);
  const ref = silhouetteSamplesReference(X, labels);
  const s = silhouetteSamples(X, labels, { kernel: 'gemm', threads: 1 });
  assert.ok(maxDiff(s, ref) <= 1e-12, `${maxDiff(s, ref)}`);
});

test('the SIMD tile kernel gives 0 to singleton clusters and handles unsorted, gapped labels', (t) => {
  if (!silhouetteGemmAvailable()) { t.skip('WebAssembly SIMD unavailable'); return; }
  const { X, labels } = randomData(60, 3, 3, 2);
  labels[7] = 9; // a singleton cluster with a gap in the label values
  labels[59] = 5;
  const ref = silhouetteSamplesReference(X, labels);
  const s = silhouetteSamples(X, labels, { kernel: 'gemm', threads: 1 });
  assert.equal(s[7], 0);
  assert.equal(s[59], 0);
  assert.ok(maxDiff(s, ref) <= 1e-12, `${maxDiff(s, ref)}`);
});
