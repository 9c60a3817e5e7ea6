import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows, type Matrix } from '../../src/core/matrix';
import { Rng } from '../../src/core/random';
import { ValidationError } from '../../src/core/errors';
import { silhouetteSamples, silhouetteScore } from '../../src/metrics/silhouette';
import { silhouetteSamplesReference } from '../../src/metrics/silhouette-reference';

function frozen(m: Matrix): Matrix {
  return Object.freeze({ data: m.data, rows: m.rows, cols: m.cols });
}

function close(a: number, b: number, tol = 1e-12, msg = ''): void {
  assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b}`);
}

test('silhouetteSamples matches the hand-derived values on four points on a line', () => {
  // X = 0, 1, 4, 5 with clusters {0,1} and {4,5}.
  // row 0: a = 1, b = (4 + 5)/2 = 4.5, s = 3.5/4.5 = 7/9;  row 1: a = 1, b = (3 + 4)/2 = 3.5, s = 2.5/3.5 = 5/7.
  // By symmetry rows 3 and 2 mirror rows 0 and 1. Mean = (7/9 + 5/7)/2 = 47/63.
  const X = frozen(fromRows([[0], [1], [4], [5]]));
  const labels = Object.freeze([0, 0, 1, 1]);
  const s = silhouetteSamples(X, labels);
  const want = [7 / 9, 5 / 7, 5 / 7, 7 / 9];
  want.forEach((w, i) => close(s[i], w, 1e-15, `row ${i}`));
  close(silhouetteScore(X, labels), 47 / 63, 1e-15);
});

test('silhouetteSamples gives 0 for a singleton cluster and keeps the others', () => {
  // X = 0, 1, 10 with clusters {0,1}, {10}. row 0: a = 1, b = 10, s = 0.9; row 1: a = 1, b = 9, s = 8/9; row 2: 0.
  const s = silhouetteSamples(fromRows([[0], [1], [10]]), [0, 0, 1]);
  close(s[0], 0.9, 1e-15);
  close(s[1], 8 / 9, 1e-15);
  assert.equal(s[2], 0);
});

test('silhouetteSamples gives 0 when a = b = 0 (duplicate points in both clusters)', () => {
  // Both clusters hold the same point twice: every distance is 0, scikit-learn's nan_to_num gives 0.
  const s = silhouetteSamples(fromRows([[1, 1], [1, 1], [1, 1], [1, 1]]), [0, 0, 1, 1]);
  assert.deepEqual(Array.from(s), [0, 0, 0, 0]);
});

test('silhouette excludes noise rows labelled -1: NaN per row, the score averages the others', () => {
  // The noise point at 100 must not change the values of the four points of the first case.
  const X = fromRows([[0], [1], [100], [4], [5]]);
  const s = silhouetteSamples(X, [0, 0, -1, 1, 1]);
  assert.ok(Number.isNaN(s[2]));
  close(s[0], 7 / 9, 1e-15);
  close(s[4], 7 / 9, 1e-15);
  close(silhouetteScore(X, [0, 0, -1, 1, 1]), 47 / 63, 1e-15);
});

test('silhouette rejects fewer than 2 or more than n-1 clusters with a clear error', () => {
  const X = fromRows([[0], [1], [2]]);
  assert.throws(() => silhouetteScore(X, [0, 0, 0]), (e: unknown) => e instanceof ValidationError && /number of clusters is 1/.test(e.message));
  assert.throws(() => silhouetteScore(X, [0, 1, 2]), (e: unknown) => e instanceof ValidationError && /2\.\.2/.test(e.message));
  assert.throws(() => silhouetteScore(X, [0, 1]), /labels has 2 values, expected 3/);
  assert.throws(() => silhouetteScore(fromRows([[0], [NaN], [1]]), [0, 1, 1]), /non-finite/);
});

function randomData(n: number, d: number, k: number, seed: number): { X: Matrix; labels: Int32Array } {
  const rng = new Rng(seed);
  const labels = new Int32Array(n);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    labels[i] = rng.int(k);
    for (let t = 0; t < d; t++) data[i * d + t] = rng.normal(labels[i] * (t % 2 === 0 ? 1.5 : 0), 1);
  }
  return { X: { data, rows: n, cols: d }, labels };
}

test('the blocked kernel equals the straightforward reference for several block sizes (n not a multiple of 3)', () => {
  // Second implementation: silhouetteSamplesReference recomputes every distance in two nested loops.
  const { X, labels } = randomData(301, 7, 4, 3);
  const ref = silhouetteSamplesReference(X, labels);
  for (const chunkRows of [1, 2, 5, 64, 192, 1000]) {
    const s = silhouetteSamples(X, labels, { chunkRows, threads: 1 });
    for (let i = 0; i < X.rows; i++) close(s[i], ref[i], 1e-12, `chunkRows=${chunkRows} row ${i}`);
  }
});

test('the threaded path (worker_threads) equals the single-threaded one', () => {
  const { X, labels } = randomData(1000, 5, 3, 9);
  const one = silhouetteSamples(X, labels, { threads: 1 });
  const two = silhouetteSamples(X, labels, { threads: 2, parallelMinRows: 0, chunkRows: 30 });
  for (let i = 0; i < X.rows; i++) close(two[i], one[i], 1e-12, `row ${i}`);
});

test('silhouetteScore with sampleSize is reproducible by seed and equals the exact score when sampleSize = n', () => {
  const { X, labels } = randomData(200, 3, 3, 5);
  const exact = silhouetteScore(X, labels);
  close(silhouetteScore(X, labels, { sampleSize: 200, seed: 4 }), exact, 1e-12);
  const a = silhouetteScore(X, labels, { sampleSize: 50, seed: 1 });
  const b = silhouetteScore(X, labels, { sampleSize: 50, seed: 1 });
  assert.equal(a, b);
  assert.throws(() => silhouetteScore(X, labels, { sampleSize: 1 }), /sampleSize=1/);
});

test('silhouette does not mutate its inputs', () => {
  const { X, labels } = randomData(50, 2, 2, 8);
  const before = Float64Array.from(X.data);
  const lab = Int32Array.from(labels);
  silhouetteSamples(frozen(X), labels);
  assert.deepEqual(X.data, before);
  assert.deepEqual(labels, lab);
});
