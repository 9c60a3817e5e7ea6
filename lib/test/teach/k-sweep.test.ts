import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kmeansKSweep } from '../../src/teach/k-sweep';
import { Rng } from '../../src/core/random';
import { fromRows, type Matrix } from '../../src/core/matrix';

/** Three tight, far-apart blobs (sd 0.3 around (0,0), (10,0), (0,10)): the elbow and the silhouette both say 3. */
function threeBlobs(): Matrix {
  const rng = new Rng(1);
  const centres = [[0, 0], [10, 0], [0, 10]];
  return fromRows(Array.from({ length: 90 }, (_, i) => [centres[i % 3][0] + rng.normal(0, 0.3), centres[i % 3][1] + rng.normal(0, 0.3)]));
}

test('kmeansKSweep finds the elbow and the best silhouette at 3 on three separated blobs', () => {
  const X = threeBlobs();
  const s = kmeansKSweep(X, [1, 2, 3, 4, 5, 6], { seed: 0, nInit: 3 });
  assert.equal(s.knee, 3);
  assert.equal(s.bestSilhouetteK, 3);
  assert.ok(Number.isNaN(s.silhouette[0]));
  for (let i = 1; i < s.inertia.length; i++) assert.ok(s.inertia[i] < s.inertia[i - 1]);
  assert.equal(s.labels.length, 6);
  // k = 1: the inertia is the total sum of squares about the grand mean (computed here directly).
  let mx = 0, my = 0;
  for (let i = 0; i < X.rows; i++) { mx += X.data[2 * i]; my += X.data[2 * i + 1]; }
  mx /= X.rows; my /= X.rows;
  let tss = 0;
  for (let i = 0; i < X.rows; i++) tss += (X.data[2 * i] - mx) ** 2 + (X.data[2 * i + 1] - my) ** 2;
  assert.ok(Math.abs(s.inertia[0] - tss) < 1e-9 * tss);
});

test('kmeansKSweep rejects fewer than 3 ks and ks that do not increase', () => {
  const X = threeBlobs();
  assert.throws(() => kmeansKSweep(X, [2, 3]), /ks has 2 values/);
  assert.throws(() => kmeansKSweep(X, [2, 4, 3]), /ks should increase: ks\[2\]=3 after 4/);
  assert.throws(() => kmeansKSweep(X, [0, 1, 2]), /ks\[0\]=0 should be an integer in 1\.\.89/);
});
