import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KPrototypes, type CodeMatrix } from '../../src/cluster/kprototypes';
import { fromRows } from '../../src/core/matrix';
import { NotFittedError } from '../../src/core/errors';

const codes = (rows: number[][]): CodeMatrix => ({ data: Int32Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });

test('KPrototypes on a hand-sized mixed data set: means, modes and cost by hand', () => {
  // numeric 0, 1, 10, 11; category 0, 0, 1, 0; gamma = 2.
  // Clusters {0,1} and {10,11}: means 0.5 and 10.5; modes 0 and (tie 1 vs 0 → lowest code) 0.
  // Cost = numeric 4 × 0.25 = 1, plus gamma × 1 mismatch (row 2) = 2 → 3. Row 2 stays: 0.25 + 2 < 90.25 + 2.
  for (const init of ['huang', 'cao'] as const) {
    const kp = new KPrototypes({ k: 2, gamma: 2, init, seed: 1 }).fit(fromRows([[0], [1], [10], [11]]), codes([[0], [0], [1], [0]]));
    const a = kp.numericCentroids.data[0] < 5 ? 0 : 1;
    assert.deepEqual(Array.from(kp.numericCentroids.data).sort((x, y) => x - y), [0.5, 10.5]);
    assert.deepEqual(Array.from(kp.categoricalModes.data), [0, 0]);
    assert.equal(kp.cost, 3);
    assert.deepEqual(Array.from(kp.labels), [a, a, 1 - a, 1 - a]);
  }
});

test('KPrototypes default gamma is half the mean population std of the numeric columns', () => {
  // Column [0, 1, 10, 11]: mean 5.5, variance (30.25 + 20.25 + 20.25 + 30.25)/4 = 25.25; gamma = sqrt(25.25)/2.
  const kp = new KPrototypes({ k: 2, seed: 0 }).fit(fromRows([[0], [1], [10], [11]]), codes([[0], [0], [1], [1]]));
  assert.ok(Math.abs(kp.gamma - Math.sqrt(25.25) / 2) < 1e-12);
});

test('KPrototypes lets categories decide when numeric columns do not separate', () => {
  // Numeric noise around 0 for everyone; two categorical columns carry the groups.
  const num: number[][] = [];
  const cat: number[][] = [];
  for (let i = 0; i < 40; i++) { num.push([(i % 5) * 0.01]); cat.push(i < 20 ? [0, 2] : [1, 3]); }
  const kp = new KPrototypes({ k: 2, seed: 4 }).fit(fromRows(num), codes(cat));
  for (let i = 1; i < 40; i++) assert.equal(kp.labels[i] === kp.labels[0], i < 20);
  assert.deepEqual(kp.predict(fromRows([[0], [0]]), codes([[0, 2], [1, 3]])), Int32Array.from([kp.labels[0], kp.labels[39]]));
});

test('KPrototypes repeats with a seed, round-trips through JSON, and gives clear errors', () => {
  const num = fromRows([[0, 1], [1, 1], [9, 8], [10, 9], [5, 5], [4, 6]]);
  const cat = codes([[0], [0], [1], [1], [2], [-1]]);
  const a = new KPrototypes({ k: 3, seed: 9 }).fit(num, cat);
  const b = new KPrototypes({ k: 3, seed: 9 }).fit(num, cat);
  assert.deepEqual(a.labels, b.labels);
  const back = KPrototypes.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
  assert.deepEqual(back.predict(num, cat), a.predict(num, cat));
  assert.throws(() => new KPrototypes({ k: 2 }).predict(num, cat), NotFittedError);
  assert.throws(() => new KPrototypes({ k: 2 }).fit(num, codes([[0], [1]])), /categorical has 2 rows, numeric has 6/);
  assert.throws(() => new KPrototypes({ k: 2 }).fit(num, codes([[0], [0], [1], [1], [-2], [0]])), /code -2 at row 4/);
  assert.throws(() => new KPrototypes({ k: 3 }).fit(fromRows([[1], [1], [1]]), codes([[0], [0], [0]])), /fewer than k=3 distinct rows/);
});
