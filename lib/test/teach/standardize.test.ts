import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zScoreColumns } from '../../src/teach/standardize';
import { fromRows } from '../../src/core/matrix';

test('zScoreColumns maps [1, 2, 3] to ±√1.5 and 0 (population sd √(2/3)) and a constant column to 0', () => {
  const X = Object.freeze(fromRows([[1, 7], [2, 7], [3, 7]]));
  const z = zScoreColumns(X);
  const r = Math.sqrt(1.5); // (3 − 2)/√(2/3)
  const got = Array.from(z.X.data);
  [-r, 0, 0, 0, r, 0].forEach((v, i) => assert.ok(Math.abs(got[i] - v) < 1e-12, `${i}: ${got[i]}`));
  assert.deepEqual(Array.from(z.mean), [2, 7]);
  assert.ok(Math.abs(z.sd[0] - Math.sqrt(2 / 3)) < 1e-15);
  assert.equal(z.sd[1], 1);
  assert.deepEqual(Array.from(X.data), [1, 7, 2, 7, 3, 7]);
});
