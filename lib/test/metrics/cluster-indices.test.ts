import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../../src/core/matrix';
import { daviesBouldinScore } from '../../src/metrics/davies-bouldin';
import { calinskiHarabaszScore } from '../../src/metrics/calinski-harabasz';
import { inertia } from '../../src/metrics/inertia';

const X = Object.freeze(fromRows([[0, 0], [2, 0], [10, 0], [12, 0], [11, 3]]));
const labels = Object.freeze([0, 0, 1, 1, 1]);
// Centroids: c0 = (1, 0), c1 = (11, 1). Grand mean = (35/5, 3/5) = (7, 0.6).

test('daviesBouldinScore matches the hand-derived value', () => {
  // s0 = mean(1, 1) = 1. s1 = mean(|(−1,−1)|, |(1,−1)|, |(0,2)|) = (2√2 + 2)/3. ||c0 − c1|| = √(100 + 1) = √101.
  // Two clusters: DB = (s0 + s1)/√101 for both, so the mean is the same.
  const s1 = (2 * Math.SQRT2 + 2) / 3;
  const want = (1 + s1) / Math.sqrt(101);
  assert.ok(Math.abs(daviesBouldinScore(X, labels) - want) < 1e-14);
});

test('daviesBouldinScore is 0 when every cluster is a point cloud of one location', () => {
  assert.equal(daviesBouldinScore(fromRows([[0], [0], [3], [3]]), [0, 0, 1, 1]), 0);
});

test('calinskiHarabaszScore matches the hand-derived value', () => {
  // B = 2·||(1,0)−(7,0.6)||² + 3·||(11,1)−(7,0.6)||² = 2·(36 + 0.36) + 3·(16 + 0.16) = 72.72 + 48.48 = 121.2.
  // W = 1 + 1 + (1+1) + (1+1) + (0+4) = 10. CH = (121.2/1)/(10/3) = 36.36.
  assert.ok(Math.abs(calinskiHarabaszScore(X, labels) - 36.36) < 1e-12);
});

test('calinskiHarabaszScore is 1 when the within-cluster dispersion is 0 (scikit-learn convention)', () => {
  assert.equal(calinskiHarabaszScore(fromRows([[0], [0], [3], [3]]), [0, 0, 1, 1]), 1);
});

test('inertia is the within-cluster sum of squares, with means or with given centres', () => {
  assert.equal(inertia(X, labels), 10); // W above
  // With centres (0,0) and (10,0): 0 + 4 + 0 + 4 + (1 + 9) = 18.
  assert.equal(inertia(X, labels, fromRows([[0, 0], [10, 0]])), 18);
});

test('the indices reject a single cluster and ignore noise rows', () => {
  assert.throws(() => daviesBouldinScore(X, [0, 0, 0, 0, 0]), /number of clusters is 1/);
  assert.throws(() => calinskiHarabaszScore(X, [0, 0, 0, 0, 0]), /number of clusters is 1/);
  const withNoise = fromRows([[0, 0], [2, 0], [10, 0], [12, 0], [11, 3], [500, 500]]);
  assert.equal(calinskiHarabaszScore(withNoise, [0, 0, 1, 1, 1, -1]), calinskiHarabaszScore(X, labels));
  assert.equal(inertia(withNoise, [0, 0, 1, 1, 1, -1]), 10);
});
