import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossTabulate } from '../../src/personas/crosstab';

test('crossTabulate counts persona × cluster pairs with row and column shares (hand-derived)', () => {
  const ct = crossTabulate(Object.freeze([0, 0, 1, 1, 1]), Object.freeze([1, 0, 1, 1, -1]), { rowNames: ['A', 'B'], colNames: ['c0', 'c1'] });
  assert.deepEqual(ct.rowLabels, [0, 1]);
  assert.deepEqual(ct.colLabels, [-1, 0, 1]);
  assert.deepEqual(ct.colNames, ['none', 'c0', 'c1']);
  assert.deepEqual(ct.rowNames, ['A', 'B']);
  // A: clusters 1, 0 → [0, 1, 1]; B: 1, 1, −1 → [1, 0, 2].
  assert.deepEqual(ct.counts, [[0, 1, 1], [1, 0, 2]]);
  assert.deepEqual(ct.rowShares, [[0, 0.5, 0.5], [1 / 3, 0, 2 / 3]]);
  assert.deepEqual(ct.colShares, [[0, 1, 1 / 3], [1, 0, 2 / 3]]);
  assert.deepEqual(ct.rowTotals, [2, 3]);
  assert.deepEqual(ct.colTotals, [1, 1, 3]);
  assert.equal(ct.n, 5);
});
