import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/core/random';
import { kthNeighborSqDistances } from '../../src/cluster/knn-tiles';
import { wasmGemmAvailable } from '../../src/neural/wasm-gemm';

/** Independent reference: all direct-form squared distances of a row (itself included), sorted, the k-th. */
function referenceKth(X: Float64Array, n: number, d: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const all: number[] = [];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) { const v = X[j * d + t] - X[i * d + t]; s += v * v; }
      all.push(s);
    }
    all.sort((a, b) => a - b);
    out[i] = all[k - 1];
  }
  return out;
}

function data(n: number, d: number, seed: number, offset = 0): Float64Array {
  const rng = new Rng(seed);
  const X = new Float64Array(n * d);
  for (let i = 0; i < X.length; i++) X[i] = offset + rng.normal();
  return X;
}

test('kthNeighborSqDistances equals the sorted direct-form distances exactly (k = 1, 5, 40; n not a multiple of 4)', (t) => {
  if (!wasmGemmAvailable()) { t.skip('WebAssembly SIMD unavailable'); return; }
  const [n, d] = [523, 21];
  const X = data(n, d, 1);
  for (const k of [1, 5, 40]) assert.deepEqual(Array.from(kthNeighborSqDistances(X, n, d, k, 1)!), Array.from(referenceKth(X, n, d, k)), `k=${k}`);
});

test('kthNeighborSqDistances is exact with many duplicate rows far from the origin (near ties, direct rescans)', (t) => {
  if (!wasmGemmAvailable()) { t.skip('WebAssembly SIMD unavailable'); return; }
  // Offset 1e3: the Gram form's error (≈ 1e-16 · d · 2e6) is far above the gaps between duplicates' distances (0),
  // and 80 copies of one row overflow an owner's near-tie list, forcing the exact rescan path.
  const [n, d, k] = [300, 16, 30];
  const X = data(n, d, 2, 1e3);
  for (let i = 1; i <= 80; i++) X.copyWithin(i * d, 0, d);
  assert.deepEqual(Array.from(kthNeighborSqDistances(X, n, d, k, 1)!), Array.from(referenceKth(X, n, d, k)));
});

test('kthNeighborSqDistances on two threads equals the reference', (t) => {
  if (!wasmGemmAvailable()) { t.skip('WebAssembly SIMD unavailable'); return; }
  const [n, d, k] = [900, 19, 12];
  const X = data(n, d, 3);
  assert.deepEqual(Array.from(kthNeighborSqDistances(X, n, d, k, 2)!), Array.from(referenceKth(X, n, d, k)));
});
