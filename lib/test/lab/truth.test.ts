import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareClusterings } from '../../src/lab/compare';
import { truthAgreement } from '../../src/lab/truth';
import { blobRepresentations } from './fixtures';

test('truthAgreement gives ARI 1 and NMI 1 to every k = 3 labelling of the planted blobs, best first', () => {
  const { reps, truth } = blobRepresentations(20);
  const grid = compareClusterings(reps, { kMin: 2, kMax: 3, methods: ['kmeans', 'ward'] });
  const rows = truthAgreement(grid, truth);
  assert.equal(rows.length, 8);
  for (const r of rows.filter((x) => x.k === 3)) { assert.equal(r.ARI, 1); assert.ok(Math.abs(r.NMI - 1) < 1e-12); }
  assert.ok(rows.slice(0, 4).every((r) => r.k === 3));
  assert.throws(() => truthAgreement(grid, truth.subarray(0, 5)), /truth has 5 labels/);
});
