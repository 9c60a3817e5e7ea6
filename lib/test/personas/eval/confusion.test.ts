import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracyScore, classificationReport, confusionMatrix } from '../../../src/personas/eval/confusion';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

test('confusionMatrix counts true × predicted classes (hand-derived)', () => {
  const cm = confusionMatrix(Object.freeze([0, 0, 1, 1, 2, 2]), Object.freeze([0, 1, 1, 1, 2, 0]));
  // true 0 → predicted 0, 1; true 1 → 1, 1; true 2 → 2, 0.
  assert.equal(cm.k, 3);
  assert.deepEqual(Array.from(cm.counts), [1, 1, 0, 0, 2, 0, 1, 0, 1]);
});

test('classificationReport gives accuracy, per-class precision, recall, F1 and macro F1 (hand-derived)', () => {
  const r = classificationReport(confusionMatrix([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0]));
  close(r.accuracy, 4 / 6);
  // Precision = diagonal / column sum: 1/2, 2/3, 1/1. Recall = diagonal / row sum: 1/2, 2/2, 1/2.
  [0.5, 2 / 3, 1].forEach((v, c) => close(r.precision[c], v));
  [0.5, 1, 0.5].forEach((v, c) => close(r.recall[c], v));
  // F1 = 2PR/(P+R): 0.5, (4/3)/(5/3) = 0.8, 1/1.5 = 2/3; macro = (0.5 + 0.8 + 2/3)/3.
  [0.5, 0.8, 2 / 3].forEach((v, c) => close(r.f1[c], v));
  close(r.macroF1, (0.5 + 0.8 + 2 / 3) / 3);
  close(r.weightedF1, (0.5 + 0.8 + 2 / 3) / 3); // supports are equal
  assert.deepEqual(r.support, [2, 2, 2]);
});

test('classificationReport counts zero divisions as 0 and keeps absent classes in the macro average', () => {
  // K = 3 requested; class 1 is true once but never predicted, class 2 never occurs.
  const r = classificationReport(confusionMatrix([0, 1], [0, 0], 3));
  // Class 0: P = 1/2, R = 1 → F1 = 2/3. Class 1: P = 0/0 → 0, R = 0 → F1 0. Class 2: all 0.
  assert.deepEqual(r.precision, [0.5, 0, 0]);
  assert.deepEqual(r.recall, [1, 0, 0]);
  close(r.f1[0], 2 / 3);
  close(r.macroF1, 2 / 9);
  close(r.accuracy, 0.5);
});

test('confusionMatrix and accuracyScore validate their labels', () => {
  assert.throws(() => confusionMatrix([0, 1], [0]), /yPred has 1 values, expected 2/);
  assert.throws(() => confusionMatrix([0, 3], [0, 1], 2), /nClasses=2 is smaller than the largest label \+ 1 = 4/);
  assert.throws(() => confusionMatrix([0, -1], [0, 1]), /yTrue\[1\] is -1/);
  assert.equal(accuracyScore([0, 1, 1, 2], [0, 1, 2, 2]), 0.75);
});
