import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../../../src/core/matrix';
import { Rng } from '../../../src/core/random';
import { rocAuc, rocCurve, rocOneVsRest } from '../../../src/personas/eval/roc';

test('rocAuc is the share of positive–negative pairs ordered correctly (hand-derived)', () => {
  // Positives 0.35, 0.8; negatives 0.1, 0.4: pairs won 0.8>0.1, 0.8>0.4, 0.35>0.1 → 3/4.
  assert.equal(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75);
  // With a tie: positives 0.5, 0.9; negatives 0.5, 0.2: 0.5~0.5 counts ½, 0.5>0.2, 0.9>both → 3.5/4.
  assert.equal(rocAuc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1]), 0.875);
  assert.ok(Number.isNaN(rocAuc([0.1, 0.2], [1, 1])));
});

test('rocCurve moves diagonally through ties and its trapezoid area equals the rank AUC (hand-derived)', () => {
  const c = rocCurve([0.5, 0.5, 0.2, 0.9], [true, false, false, true]);
  // Thresholds 0.9 (one positive), 0.5 (a positive and a negative together), 0.2 (the last negative).
  assert.deepEqual(c.fpr, [0, 0, 0.5, 1]);
  assert.deepEqual(c.tpr, [0, 0.5, 1, 1]);
  assert.deepEqual(c.thresholds, [Infinity, 0.9, 0.5, 0.2]);
  assert.equal(c.auc, 0.875); // 0.5·(0.5 + 1)/2 + 0.5·1
});

test('rocCurve area agrees with the pair-counting definition on random scores with ties', () => {
  const rng = new Rng(3);
  const s = Array.from({ length: 300 }, () => Math.round(rng.random() * 20) / 20);
  const y = s.map((v) => (rng.random() < 0.3 + 0.4 * v ? 1 : 0));
  // Second implementation: O(n²) pair counting.
  let won = 0, pairs = 0;
  for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) {
    if (y[i] === 1 && y[j] === 0) { pairs++; won += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0; }
  }
  assert.ok(Math.abs(rocAuc(s, y) - won / pairs) < 1e-12);
  assert.ok(Math.abs(rocCurve(s, y).auc - won / pairs) < 1e-12);
});

test('rocOneVsRest scores each class against the rest and averages the defined AUCs', () => {
  const P = fromRows([[0.8, 0.1, 0.1], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.3, 0.4, 0.3]]);
  const r = rocOneVsRest([0, 0, 1, 1], P);
  // Class 0: positives 0.8, 0.6 vs 0.2, 0.3 → 1. Class 1: positives 0.7, 0.4 vs 0.1, 0.3 → 1. Class 2: no positive → NaN.
  assert.equal(r.auc[0], 1);
  assert.equal(r.auc[1], 1);
  assert.ok(Number.isNaN(r.auc[2]));
  assert.equal(r.macroAuc, 1);
  assert.throws(() => rocOneVsRest([0, 3, 1, 1], P), /label 3 but proba has 3 columns/);
});
