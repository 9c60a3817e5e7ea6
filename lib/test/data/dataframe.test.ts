import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toDataFrame } from '../../src/data/dataframe';
import { parseCsv } from '../../src/data/csv';

test('toDataFrame gives a danfo DataFrame with the same shape, names, values and nulls', { timeout: 60_000 }, () => {
  const df = toDataFrame(parseCsv('x,label\n1,a\n,b\n3,\n'));
  assert.deepEqual(df.shape, [3, 2]);
  assert.deepEqual(df.columns, ['x', 'label']);
  assert.deepEqual(df['label'].values, ['a', 'b', null]);
  assert.equal(df['x'].values[0], 1);
  assert.ok(Number.isNaN(df['x'].values[1]));
});
