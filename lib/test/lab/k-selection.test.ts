import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareClusterings } from '../../src/lab/compare';
import { kSelection } from '../../src/lab/k-selection';
import { blobRepresentations } from './fixtures';

const { reps } = blobRepresentations();
const eng = reps[1];

test('kSelection recommends k = 3 on three separated blobs, with a knee at 3 and perfect stability there', () => {
  const s = kSelection(eng, { kMin: 2, kMax: 6, silhouetteSampleSize: null });
  assert.equal(s.recommendation.k, 3);
  assert.equal(s.knee, 3);
  const r3 = s.rows.find((r) => r.k === 3)!;
  assert.equal(r3.stability, 1);
  assert.equal(r3.seedAri, 1);
  assert.equal(r3.minJaccard, 1);
  assert.match(s.recommendation.reason, /^k = 3/);
  assert.equal(s.seedAriAtK.length, 9); // 3 seeds × 3 seeds
  assert.deepEqual(s.rows.map((r) => r.k), [2, 3, 4, 5, 6]);
});

test('kSelection reuses the K-Means cells of a comparison (same inertia and scores)', () => {
  const grid = compareClusterings(reps, { kMin: 2, kMax: 4, methods: ['kmeans'], silhouetteSampleSize: null });
  const s = kSelection(eng, { kMin: 2, kMax: 4, comparison: grid });
  for (const r of s.rows) {
    const c = grid.cells.find((x) => x.representation === 'engineered' && x.k === r.k)!;
    assert.equal(r.inertia, c.inertia);
    assert.equal(r.silhouette, c.own.silhouette);
  }
});

test('kSelection runs its stability fits on a subsample of stabilitySampleSize rows', () => {
  const s = kSelection(eng, { kMin: 2, kMax: 3, stabilitySampleSize: 60, nResamples: 2, seeds: [0, 1] });
  assert.equal(s.stabilityRows, 60);
  assert.throws(() => kSelection(eng, { kMin: 3, kMax: 2 }), /kMin=3 and kMax=2/);
});
