import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stratifiedKFold, stratifiedSplit } from '../../../src/personas/eval/split';

const y: readonly number[] = Object.freeze([...new Array(50).fill(0), ...new Array(30).fill(1), ...new Array(7).fill(2)]);

test('stratifiedKFold puts every row in exactly one test fold with balanced class counts', () => {
  const folds = stratifiedKFold(y, 5, 42);
  assert.equal(folds.length, 5);
  const seen = new Uint8Array(y.length);
  for (const f of folds) {
    for (const i of f.test) seen[i]++;
    assert.equal(f.train.length + f.test.length, y.length);
    const inTest = new Set(f.test);
    for (const i of f.train) assert.ok(!inTest.has(i));
    // 50 / 5 = 10 of class 0 and 30 / 5 = 6 of class 1 in every fold; class 2 (7 rows) gives 1 or 2.
    const count = (c: number) => Array.from(f.test).filter((i) => y[i] === c).length;
    assert.equal(count(0), 10);
    assert.equal(count(1), 6);
    assert.ok(count(2) === 1 || count(2) === 2);
  }
  assert.ok(seen.every((v) => v === 1));
  const sizes = folds.map((f) => f.test.length);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
});

test('stratifiedKFold is reproducible from its seed and changes with it', () => {
  const a = stratifiedKFold(y, 5, 1).map((f) => Array.from(f.test));
  assert.deepEqual(stratifiedKFold(y, 5, 1).map((f) => Array.from(f.test)), a);
  assert.notDeepEqual(stratifiedKFold(y, 5, 2).map((f) => Array.from(f.test)), a);
  assert.throws(() => stratifiedKFold(y, 1), /k=1 should be an integer >= 2/);
  assert.throws(() => stratifiedKFold([0, 1], 3), /k=3 should be <= the number of rows 2/);
});

test('stratifiedSplit gives 70/15/15 per class, disjoint and complete', () => {
  const s = stratifiedSplit(y, { seed: 9 });
  // Class 0: round(7.5) = 8 test, 8 validation, 34 train; class 1: 4.5 → 5, 5, 20; class 2: round(1.05) = 1, 1, 5.
  const count = (idx: Int32Array, c: number) => Array.from(idx).filter((i) => y[i] === c).length;
  assert.deepEqual([0, 1, 2].map((c) => count(s.test, c)), [8, 5, 1]);
  assert.deepEqual([0, 1, 2].map((c) => count(s.validation, c)), [8, 5, 1]);
  assert.deepEqual([0, 1, 2].map((c) => count(s.train, c)), [34, 20, 5]);
  const all = [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);
  assert.deepEqual(all, Array.from({ length: y.length }, (_, i) => i));
  assert.throws(() => stratifiedSplit(y, { validation: 0.5, test: 0.5 }), /validation \+ test = 1 should be < 1/);
});
