import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareEmbeddingClusterings, scoreLabelling } from '../../src/neural/embedding-comparison';
import { fromRows } from '../../src/core/matrix';
import { blobs } from './helpers';

test('scoreLabelling scores a labelling in its own space and in the reference space (hand-computed 1-D case)', () => {
  // Own space: points 0, 1 | 10, 11 (1-D). a(i) = 1 for all; b = mean distance to the other cluster = 10.5 for the
  // outer points 0 and 11, 9.5 for the inner points 1 and 10 → s = 1 − 1/10.5 and 1 − 1/9.5, mean of the four.
  // Reference: the same points ×2 → silhouette unchanged (scale-free), CH unchanged, DB unchanged.
  // CH: B = 2·(0.5−5.5)² + 2·(10.5−5.5)² = 100, W = 4·0.25 = 1 → (100/1)·(4−2)/(2−1) = 200.
  // DB: S = 0.5 for both clusters, centroid distance 10 → (0.5 + 0.5)/10 = 0.1.
  const X = fromRows([[0], [1], [10], [11]]);
  const R = fromRows([[0], [2], [20], [22]]);
  const labels = Int32Array.from([0, 0, 1, 1]);
  const s = scoreLabelling(X, labels, { reference: R, truth: [1, 1, 0, 0] });
  const want = (2 * (1 - 1 / 10.5) + 2 * (1 - 1 / 9.5)) / 4;
  assert.ok(Math.abs(s.silhouette - want) < 1e-12 && Math.abs(s.silhouetteRef - want) < 1e-12, `${s.silhouette} ${s.silhouetteRef}`);
  assert.ok(Math.abs(s.calinskiHarabasz - 200) < 1e-9 && Math.abs(s.calinskiHarabaszRef - 200) < 1e-9);
  assert.ok(Math.abs(s.daviesBouldin - 0.1) < 1e-12 && Math.abs(s.daviesBouldinRef - 0.1) < 1e-12);
  assert.equal(s.ari, 1); // same partition, other label names
});

test('compareEmbeddingClusterings runs K-Means per space and k, reference rows score as their own space', () => {
  const { X, y } = blobs(40, 3, 4, 5);
  const Z = { data: new Float64Array(X.rows * 2), rows: X.rows, cols: 2 };
  for (let i = 0; i < X.rows; i++) { Z.data[2 * i] = X.data[4 * i]; Z.data[2 * i + 1] = X.data[4 * i + 1] - X.data[4 * i + 2]; }
  const rows = compareEmbeddingClusterings([{ name: 'features', X }, { name: 'embedding', X: Z }], [2, 3], { reference: X, truth: y, seed: 1 });
  assert.deepEqual(rows.map((r) => `${r.space}:${r.k}:${r.dims}`), ['features:2:4', 'features:3:4', 'embedding:2:2', 'embedding:3:2']);
  assert.equal(rows[0].silhouetteRef, rows[0].silhouette);
  // three blobs 10 apart (in Z at (10, 0), (0, 10), (0, −10)): k=3 recovers them exactly in both spaces
  assert.equal(rows[1].ari, 1);
  assert.equal(rows[3].ari, 1);
  assert.equal(rows[3].labels.length, X.rows);
});

test('compareEmbeddingClusterings rejects spaces with other rows and k < 2', () => {
  const { X } = blobs(10, 2, 3, 1);
  const short = { data: X.data.subarray(0, 30), rows: 10, cols: 3 };
  assert.throws(() => compareEmbeddingClusterings([{ name: 'short', X: short }], [2], { reference: X }), /space "short" has 10 rows, the reference has 20/);
  assert.throws(() => compareEmbeddingClusterings([{ name: 'x', X }], [1], { reference: X }), /ks=\[1\]/);
});
