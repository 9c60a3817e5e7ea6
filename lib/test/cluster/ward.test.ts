import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows, type Matrix } from '../../src/core/matrix';
import { Rng } from '../../src/core/random';
import { NotFittedError } from '../../src/core/errors';
import { Ward } from '../../src/cluster/ward';
import { wardDendrogram } from '../../src/cluster/ward-dendrogram';
import { wardLinkage } from '../../src/cluster/ward-linkage';
import { adjustedRandIndex } from '../../src/metrics/adjusted-rand';

const near = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('Ward linkage of four points matches the hand computation with scipy\'s sqrt(2Δ) heights', () => {
  // A(0,0) B(2,0) C(10,0) D(10,3). Δ(A,B) = ½·4 = 2 → height √4 = 2. Then Δ(C,D) = ½·9 = 4.5 → height 3
  // (cheaper than Δ({A,B}, C) = (2·1/3)·81 = 54). Last: centroids (1,0) and (10,1.5), sizes 2 and 2:
  // Δ = (4/4)·(81 + 2.25) = 83.25 → height √166.5 = 12.9035. scipy: [[0,1,2,2],[2,3,3,2],[4,5,12.9035,4]].
  const w = new Ward({ nClusters: 2 }).fit(Object.freeze(fromRows([[0, 0], [2, 0], [10, 0], [10, 3]])));
  const L = w.linkage;
  assert.deepEqual(Array.from(L.a), [0, 2, 4]);
  assert.deepEqual(Array.from(L.b), [1, 3, 5]);
  near(L.height[0], 2); near(L.height[1], 3); near(L.height[2], Math.sqrt(166.5));
  assert.deepEqual(Array.from(L.size), [2, 2, 4]);
  assert.deepEqual(Array.from(w.labels), [0, 0, 1, 1]);
  assert.deepEqual(Array.from(w.centers.data), [1, 0, 10, 1.5]);
});

// Ten points; expected linkage from scipy 1.17 `linkage(X, 'ward')` (independent implementation).
const TEN = [[1.0, 2.0], [1.5, 1.8], [5.0, 8.0], [8.0, 8.0], [1.0, 0.6], [9.0, 11.0], [8.0, 2.0], [10.0, 2.0], [9.0, 3.0], [4.0, 7.5]];
const SCIPY_Z = [
  [0, 1, 0.53851648, 2], [2, 9, 1.11803399, 2], [6, 8, 1.41421356, 2], [4, 10, 1.52861593, 3], [7, 12, 1.82574186, 3],
  [3, 5, 3.16227766, 2], [11, 15, 6.17454452, 4], [14, 16, 12.53590083, 7], [13, 17, 15.99700567, 10],
];

test('Ward linkage equals scipy\'s on ten points, and the 3-cluster cut equals scipy\'s fcluster', () => {
  const w = new Ward({ nClusters: 3 }).fit(fromRows(TEN));
  const L = w.linkage;
  SCIPY_Z.forEach(([a, b, h, s], i) => {
    assert.equal(L.a[i], a); assert.equal(L.b[i], b); near(L.height[i], h, 1e-7); assert.equal(L.size[i], s);
  });
  // scipy fcluster(Z, 3, 'maxclust') = [1 1 3 3 1 3 2 2 2 3]: same partition, our numbering by first row.
  assert.deepEqual(Array.from(w.labels), [0, 0, 1, 1, 0, 1, 2, 2, 2, 1]);
  assert.deepEqual(Array.from(w.labelsFor(2)), [0, 0, 1, 1, 0, 1, 1, 1, 1, 1]);
});

test('wardDendrogram reproduces scipy\'s leaf order and ⊓ coordinates', () => {
  const w = new Ward({ nClusters: 3 }).fit(fromRows(TEN));
  const dd = wardDendrogram(w.linkage);
  assert.deepEqual(dd.leafLabels, ['4', '0', '1', '7', '6', '8', '2', '9', '3', '5']);
  // scipy icoord (same order: post-order of merges).
  assert.deepEqual(dd.icoord, [[15, 15, 25, 25], [5, 5, 20, 20], [45, 45, 55, 55], [35, 35, 50, 50], [65, 65, 75, 75],
    [85, 85, 95, 95], [70, 70, 90, 90], [42.5, 42.5, 80, 80], [12.5, 12.5, 61.25, 61.25]]);
  near(dd.dcoord[8][1], 15.99700567, 1e-7);
  near(dd.dcoord[1][3], 0.53851648, 1e-7);
  const top = wardDendrogram(w.linkage, { truncateTo: 3 });
  assert.equal(top.leafX.length, 3);
  // scipy dendrogram(Z, truncate_mode='lastp', p=3): ivl ['(3)', '(3)', '(4)'], icoord [[15,15,25,25],[5,5,20,20]].
  assert.deepEqual(top.leafLabels, ['(3)', '(3)', '(4)']);
  assert.deepEqual(top.icoord, [[15, 15, 25, 25], [5, 5, 20, 20]]);
  assert.equal(top.icoord.length, 2);
});

test('Ward with a distance threshold applies the merges below it (scikit-learn rule)', () => {
  const w = new Ward({ distanceThreshold: 5 }).fit(fromRows(TEN));
  // heights below 5: the first 6 merges → 10 − 6 = 4 clusters.
  assert.equal(new Set(w.labels).size, 4);
});

function blobs(n: number, seed: number): { X: Matrix; truth: Int32Array } {
  const rng = new Rng(seed);
  const centers = [[0, 0, 0], [8, 0, 0], [0, 8, 0]];
  const data = new Float64Array(n * 3);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3; truth[i] = c;
    for (let t = 0; t < 3; t++) data[i * 3 + t] = centers[c][t] + rng.normal();
  }
  return { X: { data, rows: n, cols: 3 }, truth };
}

test('Ward recovers three separated blobs exactly, predicts new points to the nearest centroid, and round-trips JSON', () => {
  const { X, truth } = blobs(600, 2);
  const before = Float64Array.from(X.data);
  const w = new Ward({ nClusters: 3 }).fit(X);
  assert.deepEqual(X.data, before);
  assert.equal(adjustedRandIndex(truth, w.labels), 1);
  assert.deepEqual(Array.from(w.predict(X)), Array.from(w.labels));
  const back = Ward.fromJSON(JSON.parse(JSON.stringify(w.toJSON())));
  assert.deepEqual(back.predict(fromRows([[8, 0.5, 0], [0, 0, 0]])), w.predict(fromRows([[8, 0.5, 0], [0, 0, 0]])));
  assert.throws(() => new Ward().predict(X), NotFittedError);
});

test('Ward switches to the two-stage method above maxExactRows and still recovers the blobs', () => {
  const { X, truth } = blobs(900, 4);
  const w = new Ward({ nClusters: 3, maxExactRows: 300, microClusters: 60, seed: 1 }).fit(X);
  assert.equal(w.method, 'two-stage');
  assert.equal(w.linkage.n <= 60, true);
  assert.ok(adjustedRandIndex(truth, w.labels) > 0.99);
  assert.equal(w.labelsFor(3).length, 900);
});

test('Ward validates nClusters and NaN input', () => {
  assert.throws(() => new Ward({ nClusters: 5 }).fit(fromRows([[0], [1]])), /nClusters=5 should be <= nSamples=2/);
  assert.throws(() => new Ward({ nClusters: 0 }).fit(fromRows([[0], [1]])), /nClusters=0/);
  assert.throws(() => new Ward().fit(fromRows([[0], [NaN]])), /non-finite/);
  // Duplicate points merge at height 0 (documented behaviour, no error).
  assert.equal(new Ward({ nClusters: 1 }).fit(fromRows([[1], [1], [1]])).linkage.height[1], 0);
});

/**
 * Independent reference: the classical greedy Ward algorithm (Ward 1963) — at each step evaluate Δ(A, B) =
 * |A||B|/(|A|+|B|)·‖c_A − c_B‖² for every pair of current clusters and merge the cheapest. O(n³·d).
 */
function greedyWardHeights(X: Float64Array, n: number, d: number): number[] {
  const cent: number[][] = [];
  const size: number[] = [];
  for (let i = 0; i < n; i++) { cent.push(Array.from(X.subarray(i * d, i * d + d))); size.push(1); }
  const alive = new Set<number>(Array.from({ length: n }, (_, i) => i));
  const heights: number[] = [];
  while (alive.size > 1) {
    let best = Infinity, ba = -1, bb = -1;
    const ids = Array.from(alive);
    for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) {
      const a = ids[x], b = ids[y];
      let s = 0;
      for (let t = 0; t < d; t++) s += (cent[a][t] - cent[b][t]) ** 2;
      const c = ((size[a] * size[b]) / (size[a] + size[b])) * s;
      if (c < best) { best = c; ba = a; bb = b; }
    }
    const st = size[ba] + size[bb];
    cent[ba] = cent[ba].map((v, t) => (size[ba] * v + size[bb] * cent[bb][t]) / st);
    size[ba] = st;
    alive.delete(bb);
    heights.push(Math.sqrt(2 * best));
  }
  return heights.sort((p, q) => p - q);
}

test('Ward linkage (nearest-neighbour chain, SIMD scan) has the merge heights of the greedy algorithm on 150 points in 13-D', () => {
  const rng = new Rng(11);
  const [n, d] = [150, 13];
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) X[i * d + t] = rng.normal((i % 3) * 2, 1);
  const want = greedyWardHeights(X, n, d);
  const got = wardLinkage(X, n, d);
  assert.equal(got.height.length, n - 1);
  for (let i = 0; i < n - 1; i++) assert.ok(Math.abs(got.height[i] - want[i]) <= 1e-12 * want[i], `merge ${i}: ${got.height[i]} vs ${want[i]}`);
});
