import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contingencyTable } from '../../src/metrics/contingency';
import { adjustedRandIndex } from '../../src/metrics/adjusted-rand';
import { mutualInfo, normalizedMutualInfo } from '../../src/metrics/mutual-info';

test('contingencyTable counts label pairs with labels in increasing order', () => {
  const t = contingencyTable(Object.freeze([0, 0, 1, 1]), Object.freeze([5, 5, 5, 7]));
  assert.deepEqual(Array.from(t.counts), [2, 0, 1, 1]);
  assert.deepEqual(t.rowLabels, [0, 1]);
  assert.deepEqual(t.colLabels, [5, 7]);
});

test('adjustedRandIndex is 1 for the same partition under relabelling', () => {
  assert.equal(adjustedRandIndex([0, 0, 1, 1, 2], [2, 2, 0, 0, 1]), 1);
  assert.equal(adjustedRandIndex([0, 0, 0], [1, 1, 1]), 1);
});

test('adjustedRandIndex matches the hand-derived 4/7 for a split cluster', () => {
  // Contingency [[2,0,0],[0,1,1]]: Σn²=6, Σa²=8, Σb²=6, n=4 → tp=2, fp=0, fn=2, tn=8;
  // ARI = 2(2·8 − 0)/((2+2)(2+8) + (2+0)(0+8)) = 32/56 = 4/7.
  assert.ok(Math.abs(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]) - 4 / 7) < 1e-15);
});

test('adjustedRandIndex can be negative (hand-derived −0.5)', () => {
  // [0,0,1,1] vs [0,1,0,1]: contingency all 1 → Σn²=4, Σa²=8, Σb²=8: tp=0, fp=4, fn=4, tn=4;
  // ARI = 2(0 − 16)/((0+4)(4+4) + (0+4)(4+4)) = −32/64 = −0.5.
  assert.equal(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]), -0.5);
});

test('normalizedMutualInfo uses the arithmetic mean of the entropies (hand-derived 0.8)', () => {
  // MI = ln 2, H(U) = ln 2, H(V) = 1.5 ln 2 → NMI = ln 2 / (1.25 ln 2) = 0.8.
  assert.ok(Math.abs(mutualInfo([0, 0, 1, 1], [0, 0, 1, 2]) - Math.LN2) < 1e-15);
  assert.ok(Math.abs(normalizedMutualInfo([0, 0, 1, 1], [0, 0, 1, 2]) - 0.8) < 1e-15);
});

test('normalizedMutualInfo is 1 for identical partitions, 1 for two single clusters, 0 for independence', () => {
  assert.ok(Math.abs(normalizedMutualInfo([0, 0, 1, 1], [1, 1, 0, 0]) - 1) < 1e-15);
  assert.equal(normalizedMutualInfo([0, 0, 0], [3, 3, 3]), 1);
  assert.equal(normalizedMutualInfo([0, 0, 1, 1], [0, 0, 0, 0]), 0);
  assert.equal(normalizedMutualInfo([0, 0, 1, 1], [0, 1, 0, 1]), 0);
});
