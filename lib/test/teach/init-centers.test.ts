import { test } from 'node:test';
import assert from 'node:assert/strict';
import { badInitCenters, kmeansPlusPlusCenters, randomBoxCenters } from '../../src/teach/init-centers';
import { fromRows, toRows } from '../../src/core/matrix';

test('badInitCenters takes the k rows nearest the row with the smallest first coordinate', () => {
  // Smallest x is row 1 (0,0); nearest rows to it: itself (0), then (1,0) at 1, then (5,0) at 25.
  const X = Object.freeze(fromRows([[5, 0], [0, 0], [1, 0], [9, 0]]));
  assert.deepEqual(toRows(badInitCenters(X, 2)), [[0, 0], [1, 0]]);
  assert.deepEqual(toRows(badInitCenters(X, 3)), [[0, 0], [1, 0], [5, 0]]);
  assert.throws(() => badInitCenters(X, 5), /k=5 should be <= nSamples=4/);
});

test('kmeansPlusPlusCenters picks k rows of X, one per far-apart pair, the same for the same seed', () => {
  // Three tight pairs 100 apart: after a first centre, a row of the same pair has probability ~1e-10 of being drawn.
  const X = fromRows([[0, 0], [0, 0.01], [100, 0], [100, 0.01], [0, 100], [0.01, 100]]);
  for (const seed of [0, 1, 2, 3]) {
    const C = toRows(kmeansPlusPlusCenters(X, 3, seed));
    const pairs = C.map((c) => X.data.findIndex((_, i) => i % 2 === 0 && X.data[i] === c[0] && X.data[i + 1] === c[1]) / 4 | 0);
    assert.deepEqual([...pairs].sort(), [0, 1, 2], `seed ${seed}: ${JSON.stringify(C)}`);
    assert.deepEqual(C, toRows(kmeansPlusPlusCenters(X, 3, seed)));
  }
  assert.throws(() => kmeansPlusPlusCenters(X, 0), /k=0 should be an integer >= 1/);
});

test('randomBoxCenters draws k centres inside the bounding box, the same for the same seed', () => {
  const X = Object.freeze(fromRows([[0, 5], [10, 7], [4, 6]]));
  for (let seed = 0; seed < 20; seed++) {
    const C = randomBoxCenters(X, 3, seed);
    assert.equal(C.rows, 3);
    for (let c = 0; c < 3; c++) {
      assert.ok(C.data[2 * c] >= 0 && C.data[2 * c] < 10);
      assert.ok(C.data[2 * c + 1] >= 5 && C.data[2 * c + 1] < 7);
    }
    assert.deepEqual(C.data, randomBoxCenters(X, 3, seed).data);
    assert.notDeepEqual(C.data, randomBoxCenters(X, 3, seed + 1).data);
  }
  assert.throws(() => randomBoxCenters(X, 4), /k=4 should be <= nSamples=3/);
});
