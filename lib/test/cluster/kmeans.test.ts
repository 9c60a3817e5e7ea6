import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KMeans } from '../../src/cluster/kmeans';
import { kmeansPlusPlusInit } from '../../src/cluster/kmeans-init';
import { lloydRun } from '../../src/cluster/kmeans-lloyd';
import { elkanRun } from '../../src/cluster/kmeans-elkan';
import { hamerlyRun } from '../../src/cluster/kmeans-hamerly';
import { hamerlyFastRun, lloydFastRun, prepareFast } from '../../src/cluster/kmeans-fast';
import { DotKernel, dotErrorScale } from '../../src/cluster/kmeans-dot-kernel';
import { kmeansWorkerCount } from '../../src/cluster/kmeans-pool';
import { sqDistRC } from '../../src/cluster/kmeans-common';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fromRows, toRows, type Matrix } from '../../src/core/matrix';
import { Rng } from '../../src/core/random';
import { NotFittedError, ValidationError } from '../../src/core/errors';
import { ccGeneralStandardized } from '../../src/bench/fixtures';
import { dataDir } from '../../src/data/datadir';
import { blobs } from './blobs';

const frozen = (m: Matrix): Matrix => Object.freeze({ ...m });

test('KMeans on 1-D [0, 1, 10, 11] with k=2 finds centres 0.5 and 10.5 and inertia 1', () => {
  // Hand derivation: the only sensible split is {0,1} | {10,11}; means 0.5 and 10.5; inertia = 4 × 0.5² = 1.
  const km = new KMeans({ k: 2, seed: 3 }).fit(fromRows([[0], [1], [10], [11]]));
  const c = Array.from(km.centers.data).sort((a, b) => a - b);
  assert.deepEqual(c, [0.5, 10.5]);
  assert.equal(km.inertia, 1);
  assert.equal(km.labels[0], km.labels[1]);
  assert.equal(km.labels[2], km.labels[3]);
  assert.notEqual(km.labels[0], km.labels[2]);
});

test('KMeans relocates an empty cluster to the farthest row, as scikit-learn does', () => {
  // X = 0, 1, 2, 10; init centres 0 and 100. Iteration 1: every row is nearer 0, cluster 1 is empty, so it takes the
  // row farthest from its centre (10, at distance² 100); cluster 0's sum loses it: (0+1+2)/3 = 1. Iteration 2:
  // 0,1,2 → centre 1, 10 → centre 10: the labels changed but the centres did not move (shift 0 ≤ tol), so the run
  // stops after 2 iterations. Final centres 1 and 10, inertia 1 + 0 + 1 + 0 = 2.
  for (const algorithm of ['lloyd', 'elkan', 'hamerly'] as const) {
    const km = new KMeans({ k: 2, init: fromRows([[0], [100]]), algorithm }).fit(fromRows([[0], [1], [2], [10]]));
    assert.deepEqual(Array.from(km.centers.data), [1, 10], algorithm);
    assert.deepEqual(Array.from(km.labels), [0, 0, 0, 1], algorithm);
    assert.equal(km.inertia, 2, algorithm);
    assert.equal(km.nIter, 2, algorithm);
  }
});

test('Elkan, Hamerly and the SIMD-kernel Lloyd and Hamerly give exactly the same result as Lloyd from the same init', () => {
  const { X } = blobs(600, [[0, 0, 0], [3, 0, 1], [0, 3, 2], [3, 3, 0], [1.5, 1.5, 1.5]], 1.2, 7);
  const rng = new Rng(11);
  for (let r = 0; r < 5; r++) {
    const k = 2 + r * 2;
    const init = kmeansPlusPlusInit(X, k, rng);
    const a = lloydRun(X.data, X.rows, X.cols, init, k, 300, 0);
    const f = prepareFast(X.data, X.rows, X.cols, k);
    const fastLloyd = (Xd: Float64Array, n: number, d: number, C: Float64Array, kk: number, it: number, tol: number) => lloydFastRun(f, C, kk, it, tol);
    const fastHamerly = (Xd: Float64Array, n: number, d: number, C: Float64Array, kk: number, it: number, tol: number) => hamerlyFastRun(f, C, kk, it, tol);
    for (const run of [elkanRun, hamerlyRun, fastLloyd, fastHamerly]) {
      const b = run(X.data, X.rows, X.cols, init, k, 300, 0);
      assert.deepEqual(b.labels, a.labels);
      assert.deepEqual(b.centers, a.centers);
      assert.equal(b.nIter, a.nIter);
      assert.equal(b.inertia, a.inertia);
    }
  }
});

test('Elkan and Hamerly keep Lloyd\'s lower-index rule on exact ties (integer grid data)', () => {
  // Points on an integer grid with centres placed so many points are exactly equidistant from two centres.
  const rows: number[][] = [];
  for (let x = 0; x < 9; x++) for (let y = 0; y < 9; y++) rows.push([x, y]);
  const X = fromRows(rows);
  const init = new Float64Array([2, 2, 6, 2, 4, 6, 2, 6]);
  const a = lloydRun(X.data, X.rows, X.cols, init, 4, 300, 0);
  const f = prepareFast(X.data, X.rows, X.cols, 4);
  const fastLloyd = (Xd: Float64Array, n: number, d: number, C: Float64Array, kk: number, it: number, tol: number) => lloydFastRun(f, C, kk, it, tol);
  const fastHamerly = (Xd: Float64Array, n: number, d: number, C: Float64Array, kk: number, it: number, tol: number) => hamerlyFastRun(f, C, kk, it, tol);
  for (const run of [elkanRun, hamerlyRun, fastLloyd, fastHamerly]) {
    const b = run(X.data, X.rows, X.cols, init, 4, 300, 0);
    assert.deepEqual(b.labels, a.labels);
    assert.deepEqual(b.centers, a.centers);
  }
});

test('KMeans matches ml-kmeans (an independent implementation) from the same initial centres', async () => {
  const { kmeans } = await import('ml-kmeans');
  const { X } = blobs(400, [[0, 0, 0, 0], [4, 0, 0, 1], [0, 4, 1, 0], [4, 4, 4, 4]], 1.5, 5);
  const rng = new Rng(2);
  for (const k of [3, 4, 6]) {
    const init = kmeansPlusPlusInit(X, k, rng);
    const initRows = toRows({ data: init, rows: k, cols: X.cols });
    const ref = kmeans(toRows(X), k, { initialization: initRows, maxIterations: 1000, tolerance: 0 });
    const ours = new KMeans({ k, init: { data: init, rows: k, cols: X.cols }, tol: 0 }).fit(X);
    assert.deepEqual(Array.from(ours.labels), ref.clusters);
    const c = ours.centers.data;
    ref.centroids.forEach((row: number[], j: number) => row.forEach((v, t) => assert.ok(Math.abs(v - c[j * X.cols + t]) < 1e-9)));
  }
});

test('KMeans with a seed gives identical labels run to run and never mutates its input', () => {
  const { X } = blobs(500, [[0, 0], [5, 5], [0, 5]], 1, 1);
  const copy = Float64Array.from(X.data);
  const a = new KMeans({ k: 3, seed: 42 }).fit(frozen(X));
  const b = new KMeans({ k: 3, seed: 42 }).fit(frozen(X));
  assert.deepEqual(a.labels, b.labels);
  assert.deepEqual(a.centers.data, b.centers.data);
  assert.deepEqual(X.data, copy);
});

test('KMeans recovers three well-separated planted blobs (k-means++ and random init)', () => {
  const { X, y } = blobs(300, [[0, 0], [10, 0], [0, 10]], 0.5, 9);
  for (const init of ['k-means++', 'random'] as const) {
    const km = new KMeans({ k: 3, seed: 1, init }).fit(X);
    // Same partition as the planted one: label pairs map one to one.
    const map = new Map<number, number>();
    for (let i = 0; i < X.rows; i++) {
      if (!map.has(y[i])) map.set(y[i], km.labels[i]);
      assert.equal(km.labels[i], map.get(y[i]));
    }
    assert.equal(new Set(map.values()).size, 3);
  }
});

test('KMeans.predict gives the nearest centre and transform the Euclidean distances', () => {
  const km = new KMeans({ k: 2, init: fromRows([[0, 0], [10, 0]]) }).fit(fromRows([[0, 0], [0, 1], [10, 0], [10, 1]]));
  // centres (0, 0.5) and (10, 0.5)
  assert.deepEqual(Array.from(km.predict(fromRows([[1, 0], [9, 9]]))), [0, 1]);
  const D = km.transform(fromRows([[3, 4.5]]));
  assert.ok(Math.abs(D.data[0] - 5) < 1e-12); // 3-4-5 triangle
  assert.ok(Math.abs(D.data[1] - Math.hypot(7, 4)) < 1e-12);
});

test('KMeans survives a JSON round trip with the same centres and predictions', () => {
  const { X } = blobs(200, [[0, 0], [5, 5]], 1, 4);
  const km = new KMeans({ k: 2, seed: 5 }).fit(X);
  const back = KMeans.fromJSON(JSON.parse(JSON.stringify(km.toJSON())));
  assert.deepEqual(back.centers.data, km.centers.data);
  assert.deepEqual(back.predict(X), km.predict(X));
  assert.equal(back.inertia, km.inertia);
  assert.deepEqual(back.labels, km.labels);
});

test('KMeans gives clear errors: not fitted, k out of range, NaN, too few distinct rows, bad init shape', () => {
  const X = fromRows([[0], [1], [2]]);
  assert.throws(() => new KMeans({ k: 2 }).predict(X), NotFittedError);
  assert.throws(() => new KMeans({ k: 5 }).fit(X), /nSamples=3 should be >= k=5/);
  assert.throws(() => new KMeans({ k: 0 }).fit(X), /k=0 should be an integer >= 1/);
  assert.throws(() => new KMeans({ k: 1.5 }).fit(X), ValidationError);
  assert.throws(() => new KMeans({ k: 2 }).fit(fromRows([[0], [NaN], [1]])), /non-finite value NaN at row 1/);
  assert.throws(() => new KMeans({ k: 4 }).fit(fromRows([[1], [1], [2], [2], [3], [3]])), /only 3 distinct rows, fewer than k=4/);
  assert.throws(() => new KMeans({ k: 2, init: fromRows([[0, 0], [1, 1]]) }).fit(X), /init has shape 2×2, expected k×d = 2×1/);
  const fitted = new KMeans({ k: 2 }).fit(X);
  assert.throws(() => fitted.predict(fromRows([[1, 2]])), /X has 2 columns, the model was fitted on 1/);
});

test('KMeans with k = n and distinct rows puts every row in its own cluster (inertia 0)', () => {
  const km = new KMeans({ k: 4, seed: 0 }).fit(fromRows([[0, 0], [1, 0], [0, 1], [5, 5]]));
  assert.equal(km.inertia, 0);
  assert.equal(new Set(km.labels).size, 4);
});

test('KMeans on CC GENERAL (k=2, nInit=10) reaches scikit-learn 1.2\'s inertia 127,784.9 within 0.1%', (t) => {
  const cc = ccGeneralStandardized(dataDir());
  if (!cc) { t.skip(`cc-general.csv not found in data dir ${dataDir()}`); return; }
  const km = new KMeans({ k: 2, nInit: 10, seed: 42 }).fit(cc.X);
  // Published reference: /work/shared/data/SOURCES.md and seed 001 (scikit-learn 1.2, random_state=42).
  assert.ok(Math.abs(km.inertia - 127784.9) / 127784.9 < 1e-3, `inertia ${km.inertia}`);
});

/**
 * Second implementation of greedy k-means++ for the tests: the textbook loop, one direct-form distance at a time, the
 * same draw order (first = ⌊u·n⌋, then 2+⌊ln k⌋ draws per step, candidate = first index whose cumulative potential
 * reaches u·pot, the lowest resulting potential wins, the first on ties).
 */
function plainKMeansPlusPlus(X: Matrix, k: number, rng: Rng): Float64Array {
  const { data, rows: n, cols: d } = X;
  const trials = 2 + Math.floor(Math.log(k));
  const C = new Float64Array(k * d);
  const first = rng.int(n);
  C.set(data.subarray(first * d, first * d + d));
  let closest = Array.from({ length: n }, (_, i) => sqDistRC(data, i, C, 0, d));
  for (let c = 1; c < k; c++) {
    const pot = closest.reduce((s, v) => s + v, 0);
    let best: number[] | null = null;
    let bestPot = Infinity;
    let bestId = -1;
    for (let t = 0; t < trials; t++) {
      const target = rng.random() * pot;
      let acc = 0;
      let id = n - 1;
      for (let i = 0; i < n; i++) { acc += closest[i]; if (acc >= target) { id = i; break; } }
      const next = closest.map((v, i) => Math.min(v, sqDistRC(data, i, data, id, d)));
      const p = next.reduce((s, v) => s + v, 0);
      if (p < bestPot) { bestPot = p; best = next; bestId = id; }
    }
    closest = best as number[];
    C.set(data.subarray(bestId * d, bestId * d + d), c * d);
  }
  return C;
}

test('kmeansPlusPlusInit on the SIMD kernel picks exactly the centres of the plain direct-form k-means++', () => {
  const { X } = blobs(700, [[0, 0, 0, 0, 0], [2, 1, 0, 3, 1], [0, 3, 2, 1, 0], [3, 3, 0, 0, 2]], 1.3, 21);
  for (const k of [2, 5, 9]) {
    const a = kmeansPlusPlusInit(X, k, new Rng(k));
    const b = plainKMeansPlusPlus(X, k, new Rng(k));
    assert.deepEqual(a, b, `k=${k}`);
  }
});

test('the dot kernel (SIMD or JavaScript) stays within its stated error bound of the direct squared distance', () => {
  const { X } = blobs(300, [[0, 0, 0, 0, 0, 0, 0], [5, -3, 2, 0, 1, 4, -2]], 2, 13);
  const { data, rows: n, cols: d } = X;
  const kern = new DotKernel();
  kern.setData(data, n, d, 6);
  const C = data.slice(0, 6 * d); // 6 centres = 2 blocks of 4 with 2 empty slots
  kern.setCenters(C, 6);
  for (let r = 0; r < n; r++) kern.idx[r] = n - 1 - r; // any order of rows
  kern.run(n);
  const eps = dotErrorScale(d);
  for (let r = 0; r < n; r++) {
    const i = n - 1 - r;
    const xn = sqDistRC(data, i, new Float64Array(d), 0, d);
    for (let j = 0; j < 6; j++) {
      const cn = sqDistRC(C, j, new Float64Array(d), 0, d);
      const est = xn + cn - 2 * kern.out[r * kern.stride + j];
      const g = Math.sqrt(xn) + Math.sqrt(cn);
      assert.ok(Math.abs(est - sqDistRC(data, i, C, j, d)) <= eps * g * g, `row ${i} centre ${j}`);
    }
  }
});

test('KMeans gives identical labels, centres and inertia with 1 and 2 threads, and reuses its worker', () => {
  const { X } = blobs(6000, [[0, 0, 0, 0], [3, 0, 1, 0], [0, 3, 0, 2], [3, 3, 2, 2], [1, 1, 4, 1]], 1.4, 3);
  for (const k of [3, 6]) {
    const one = new KMeans({ k, nInit: 8, seed: 7, nThreads: 1 }).fit(frozen(X));
    const two = new KMeans({ k, nInit: 8, seed: 7, nThreads: 2 }).fit(frozen(X));
    assert.equal(one.threadsUsed, 1);
    assert.equal(two.threadsUsed, 2);
    assert.deepEqual(two.labels, one.labels);
    assert.deepEqual(two.centers.data, one.centers.data);
    assert.equal(two.inertia, one.inertia);
    assert.equal(two.nIter, one.nIter);
  }
  assert.equal(kmeansWorkerCount(), 1);
});

test('KMeans results do not depend on the algorithm, and equal a sequential loop of nInit reference runs', () => {
  // Reference: nInit sequential (k-means++ init from one Rng, direct-form Lloyd) runs, keeping the first lowest inertia.
  const { X } = blobs(900, [[0, 0, 0], [4, 0, 0], [0, 4, 0], [0, 0, 4]], 1.5, 17);
  const rng = new Rng(5);
  const tolAbs = 0;
  let ref: ReturnType<typeof lloydRun> | null = null;
  for (let r = 0; r < 4; r++) {
    const res = lloydRun(X.data, X.rows, X.cols, plainKMeansPlusPlus(X, 4, rng), 4, 300, tolAbs);
    if (ref === null || res.inertia < ref.inertia) ref = res;
  }
  for (const algorithm of ['auto', 'lloyd', 'elkan', 'hamerly'] as const) {
    for (const nThreads of [1, 2]) {
      const km = new KMeans({ k: 4, nInit: 4, seed: 5, tol: 0, algorithm, nThreads }).fit(X);
      assert.deepEqual(km.labels, ref!.labels, `${algorithm} ${nThreads}`);
      assert.deepEqual(km.centers.data, ref!.centers, `${algorithm} ${nThreads}`);
    }
  }
});

test('KMeans rejects a bad nThreads and reports the k-means++ error from a threaded fit', () => {
  assert.throws(() => new KMeans({ k: 2, nThreads: 0 }).fit(fromRows([[0], [1], [2]])), /nThreads=0 should be an integer >= 1 or 'auto'/);
  const dup = fromRows([[1], [1], [2], [2], [3], [3]]);
  assert.throws(() => new KMeans({ k: 4, nThreads: 2, nInit: 3 }).fit(dup), /only 3 distinct rows, fewer than k=4/);
});

test('a process that fitted with worker threads exits on its own, and the JavaScript kernel gives the same result', () => {
  // The child fits with 2 threads (SIMD kernel, then the JavaScript fallback in a second child) and prints a digest;
  // it must exit without terminate() (the pooled workers are unref'd).
  const lib = path.resolve(__dirname, '../../src/cluster/kmeans.js');
  const script = `const { KMeans } = require(${JSON.stringify(lib)});
    const n = 3000, d = 5, X = new Float64Array(n * d);
    for (let i = 0; i < X.length; i++) X[i] = Math.sin(i * 12.9898) * 43758.5453 % 1;
    const km = new KMeans({ k: 5, nInit: 4, seed: 1, nThreads: 2 }).fit({ data: X, rows: n, cols: d });
    console.log(km.threadsUsed, km.inertia, Array.from(km.labels).join(''));`;
  const outs = ['0', '1'].map((noWasm) => {
    const r = spawnSync(process.execPath, ['-e', script], { timeout: 30000, encoding: 'utf8', env: { ...process.env, SEGLAB_NO_WASM: noWasm } });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  });
  assert.match(outs[0], /^2 /);
  assert.equal(outs[1], outs[0]);
});
