import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/core/random';
import { dbscanTiles } from '../../src/cluster/dbscan-tiles';
import { wasmGemmAvailable } from '../../src/neural/wasm-gemm';

/**
 * Independent reference: DBSCAN straight from the definition as scikit-learn's `dbscan_inner` runs it — full
 * neighbour lists (direct-form distances, ≤ eps, self included), core = list size ≥ minSamples, clusters grown
 * depth-first from core rows in row order, a row labelled when first reached.
 */
function referenceDbscan(X: Float64Array, n: number, d: number, eps: number, minSamples: number): Int32Array {
  const nb: number[][] = [];
  for (let i = 0; i < n; i++) {
    const l: number[] = [];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) { const v = X[i * d + t] - X[j * d + t]; s += v * v; }
      if (s <= eps * eps) l.push(j);
    }
    nb.push(l);
  }
  const core = nb.map((l) => l.length >= minSamples);
  const labels = new Int32Array(n).fill(-1);
  let label = 0;
  for (let i0 = 0; i0 < n; i0++) {
    if (labels[i0] !== -1 || !core[i0]) continue;
    const stack = [i0];
    while (stack.length) {
      const i = stack.pop() as number;
      if (labels[i] !== -1) continue;
      labels[i] = label;
      if (core[i]) for (const j of nb[i]) if (labels[j] === -1) stack.push(j);
    }
    label++;
  }
  return labels;
}

/** Gaussian blobs in d dimensions with a few far points, some rows duplicated. */
function data(n: number, d: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = rng.int(4);
    for (let t = 0; t < d; t++) X[i * d + t] = (i % 97 === 0 ? 12 : 0) + (t % 4 === c ? 10 : 0) + rng.normal();
  }
  for (let i = 5; i < n; i += 50) X.copyWithin(i * d, (i - 5) * d, (i - 4) * d); // exact duplicates
  return X;
}

test('dbscanTiles gives exactly the labels of the definition (row-order expansion), with border rows and noise', (t) => {
  if (!wasmGemmAvailable()) { t.skip('WebAssembly SIMD unavailable'); return; }
  for (const [n, d, eps, ms] of [[300, 20, 6.25, 8], [613, 17, 5.75, 8], [97, 33, 7.75, 4]] as const) {
    const X = data(n, d, n);
    const want = referenceDbscan(X, n, d, eps, ms);
    const got = dbscanTiles(X, n, d, eps, ms, 1)!;
    assert.deepEqual(Array.from(got.labels), Array.from(want), `n=${n} d=${d}`);
    const clusters = new Set(want);
    let border = 0;
    for (let i = 0; i < n; i++) if (!got.isCore[i] && want[i] >= 0) border++;
    assert.ok(clusters.has(-1) && clusters.size >= 4 && border > 0, `the case should have noise, border rows and ≥ 3 clusters (${clusters.size}, ${border})`);
  }
});

test('dbscanTiles on two threads (shared WebAssembly memory, pooled workers) equals the definition', (t) => {
  if (!wasmGemmAvailable()) { t.skip('WebAssembly SIMD unavailable'); return; }
  const [n, d, eps, ms] = [1100, 18, 6.0, 8];
  const X = data(n, d, 5);
  const want = referenceDbscan(X, n, d, eps, ms);
  const got = dbscanTiles(X, n, d, eps, ms, 2)!;
  assert.deepEqual(Array.from(got.labels), Array.from(want));
});
