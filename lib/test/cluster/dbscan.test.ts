import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows, type Matrix } from '../../src/core/matrix';
import { Rng } from '../../src/core/random';
import { NotFittedError } from '../../src/core/errors';
import { DBSCAN } from '../../src/cluster/dbscan';
import { suggestEps } from '../../src/cluster/dbscan-suggest-eps';
import { buildNeighborIndex } from '../../src/cluster/neighbors';
import { adjustedRandIndex } from '../../src/metrics/adjusted-rand';

test('DBSCAN on a hand-made line: two clusters, a border point and noise (hand-derived)', () => {
  // eps = 1.5, minSamples = 3 (self included). Neighbourhoods: 0:{0,1} 1:{0,1,2} 2:{1,2,3} 3:{2,3} → core 1, 2;
  // 10:{10,11} 11:{10,11,12} 12:{11,12} → only 11 is core; 30 alone → noise. Rows 0 and 3 are border points of
  // cluster 0, rows 10 and 12 border points of cluster 1.
  const X = Object.freeze(fromRows([[0], [1], [2], [3], [10], [11], [12], [30]]));
  const m = new DBSCAN({ eps: 1.5, minSamples: 3 }).fit(X);
  assert.deepEqual(Array.from(m.labels), [0, 0, 0, 0, 1, 1, 1, -1]);
  assert.deepEqual(Array.from(m.coreSampleIndices), [1, 2, 5]);
  assert.equal(m.nClusters, 2);
});

test('DBSCAN predict gives the nearest core point\'s label within eps, else -1', () => {
  const m = new DBSCAN({ eps: 1.5, minSamples: 3 }).fit(fromRows([[0], [1], [2], [3], [10], [11], [12], [30]]));
  // 3.4: nearest core is 2 at 1.4 ≤ 1.5 → 0. 4: nearest core 2 at 2 > 1.5 → -1 (even though row 3 is near: border).
  // 12.4: core 11 at 1.4 → 1. 13.2: core 11 at 2.2 → -1. 30: no core near → -1.
  assert.deepEqual(Array.from(m.predict(fromRows([[3.4], [4], [12.4], [13.2], [30]]))), [0, -1, 1, -1, -1]);
  const back = DBSCAN.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
  assert.deepEqual(Array.from(back.predict(fromRows([[3.4], [12.4]]))), [0, 1]);
  assert.throws(() => new DBSCAN().predict(fromRows([[0]])), NotFittedError);
});

function blobsWithNoise(seed: number): { X: Matrix; truth: Int32Array } {
  const rng = new Rng(seed);
  const rows: number[][] = [];
  const truth: number[] = [];
  const centers = [[0, 0], [6, 0], [3, 6]];
  for (let c = 0; c < 3; c++) for (let i = 0; i < 100; i++) { rows.push([centers[c][0] + 0.4 * rng.normal(), centers[c][1] + 0.4 * rng.normal()]); truth.push(c); }
  // Noise far from the blobs on a ring of radius 15.
  for (let i = 0; i < 10; i++) { const a = (2 * Math.PI * i) / 10; rows.push([3 + 15 * Math.cos(a), 2 + 15 * Math.sin(a)]); truth.push(-1); }
  return { X: fromRows(rows), truth: Int32Array.from(truth) };
}

test('DBSCAN recovers three blobs and marks the far points as noise, identically with tree and brute force', () => {
  const { X, truth } = blobsWithNoise(3);
  const tree = new DBSCAN({ eps: 0.8, minSamples: 5, neighbors: 'kdtree' }).fit(X);
  const brute = new DBSCAN({ eps: 0.8, minSamples: 5, neighbors: 'brute' }).fit(X);
  assert.deepEqual(tree.labels, brute.labels);
  for (let i = 300; i < 310; i++) assert.equal(tree.labels[i], -1);
  assert.equal(tree.nClusters, 3);
  assert.equal(adjustedRandIndex(truth, tree.labels), 1);
});

/** Two interleaving half circles as scikit-learn's make_moons, with Gaussian noise. */
function moons(n: number, noise: number, seed: number): { X: Matrix; truth: Int32Array } {
  const rng = new Rng(seed);
  const half = n / 2;
  const data = new Float64Array(n * 2);
  const truth = new Int32Array(n);
  for (let i = 0; i < half; i++) {
    const t = (Math.PI * i) / (half - 1);
    data[4 * i] = Math.cos(t) + noise * rng.normal();
    data[4 * i + 1] = Math.sin(t) + noise * rng.normal();
    data[4 * i + 2] = 1 - Math.cos(t) + noise * rng.normal();
    data[4 * i + 3] = 0.5 - Math.sin(t) + noise * rng.normal();
    truth[2 * i] = 0; truth[2 * i + 1] = 1;
  }
  return { X: { data, rows: n, cols: 2 }, truth };
}

test('DBSCAN recovers two moons (ARI 1) where a centroid method cannot', () => {
  const { X, truth } = moons(400, 0.05, 1);
  const m = new DBSCAN({ eps: 0.2, minSamples: 5 }).fit(X);
  assert.equal(m.nClusters, 2);
  assert.equal(adjustedRandIndex(truth, m.labels), 1);
});

test('suggestEps takes the knee of the k-distance curve; its eps recovers the blobs', () => {
  const { X, truth } = blobsWithNoise(5);
  const s = suggestEps(X, 5);
  assert.equal(s.kDistances.length, X.rows);
  for (let i = 1; i < s.kDistances.length; i++) assert.ok(s.kDistances[i] >= s.kDistances[i - 1]);
  assert.ok(s.kneeIndex > 250 && s.kneeIndex < 310, `knee at ${s.kneeIndex}`);
  const m = new DBSCAN({ eps: s.eps, minSamples: 5 }).fit(X);
  const inBlobs = Array.from(m.labels.subarray(0, 300));
  assert.equal(adjustedRandIndex(truth.subarray(0, 300), inBlobs), 1);
  assert.throws(() => suggestEps(X, 1), /minSamples=1/);
});

test('k-d tree and brute force agree on radius and k-NN queries in 3-D', () => {
  const rng = new Rng(7);
  const X: Matrix = { data: Float64Array.from({ length: 500 * 3 }, () => rng.normal()), rows: 500, cols: 3 };
  const tree = buildNeighborIndex(X, 'kdtree');
  const brute = buildNeighborIndex(X, 'brute');
  for (const qi of [0, 17, 499]) {
    const a: number[] = [], b: number[] = [];
    tree.radius(X.data, qi, 0.7, (j) => a.push(j));
    brute.radius(X.data, qi, 0.7, (j) => b.push(j));
    assert.deepEqual(a.sort((x, y) => x - y), b);
    assert.deepEqual(tree.knn(X.data, qi, 6).sq, brute.knn(X.data, qi, 6).sq);
  }
});

test('DBSCAN validates eps and minSamples and does not mutate X', () => {
  const X = fromRows([[0], [1]]);
  assert.throws(() => new DBSCAN({ eps: 0 }).fit(X), /eps=0/);
  assert.throws(() => new DBSCAN({ minSamples: 0 }).fit(X), /minSamples=0/);
  const before = Float64Array.from(X.data);
  new DBSCAN({ eps: 2, minSamples: 1 }).fit(Object.freeze(X));
  assert.deepEqual(X.data, before);
});
