import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows, checkMatrix, toRows, takeRows, fromColumns } from '../../src/core/matrix';
import { ValidationError } from '../../src/core/errors';

test('fromRows lays rows out row-major and toRows gives them back', () => {
  const m = fromRows([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(Array.from(m.data), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(toRows(m), [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(toRows(fromColumns([[1, 4], [2, 5], [3, 6]])), [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(toRows(takeRows(m, [1, 1, 0])), [[4, 5, 6], [4, 5, 6], [1, 2, 3]]);
});

test('fromRows rejects ragged rows naming the row', () => {
  assert.throws(() => fromRows([[1, 2], [3]]), (e: Error) => e instanceof ValidationError && /row 1 has 1 values/.test(e.message));
});

test('checkMatrix rejects NaN naming row and column, and too few rows', () => {
  assert.throws(() => checkMatrix(fromRows([[1, 2], [3, NaN]])), /row 1, column 1/);
  assert.throws(() => checkMatrix(fromRows([[1, 2]]), { minRows: 2 }), /at least 2/);
  assert.doesNotThrow(() => checkMatrix(fromRows([[1, NaN]]), { allowNaN: true }));
});
