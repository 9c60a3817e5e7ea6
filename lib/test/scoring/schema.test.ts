import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSchema, conformToSchema, schemaOf } from '../../src/scoring/schema';
import { makeTable, categoricalColumn } from '../../src/data/table';
import { DataError } from '../../src/core/errors';

const train = makeTable([
  { kind: 'numeric', name: 'age', values: new Float64Array([30, 40]) },
  { kind: 'categorical', name: 'job', codes: new Int32Array([0, 1]), levels: ['admin.', 'student'] },
]);

test('conformToSchema re-encodes categories to the training levels and turns unseen ones into missing values', () => {
  const fresh = makeTable([
    { kind: 'categorical', name: 'job', codes: new Int32Array([0, 1, 2, -1]), levels: ['student', 'pilot', 'admin.'] },
    { kind: 'numeric', name: 'age', values: new Float64Array([1, 2, 3, 4]) },
    { kind: 'id', name: 'id', codes: new Int32Array([0, 1, 2, 3]), levels: ['a', 'b', 'c', 'd'] },
  ]);
  const { table, check } = conformToSchema(fresh, schemaOf(train));
  const job = categoricalColumn(table, 'job');
  assert.deepEqual(job.levels, ['admin.', 'student']);
  assert.deepEqual(Array.from(job.codes), [1, -1, 0, -1]);
  assert.deepEqual(check.unseen, [{ column: 'job', values: ['pilot'], rows: 1 }]);
  // exactly the schema's columns, in its order: extra columns (the id) stay out of the model's table
  assert.deepEqual(table.columns.map((c) => c.name), ['age', 'job']);
});

test('missing columns and wrong types are reported together in one error', () => {
  const bad = makeTable([{ kind: 'categorical', name: 'age', codes: new Int32Array([0]), levels: ['old'] }]);
  const check = checkSchema(bad, schemaOf(train));
  assert.deepEqual(check.missing, ['job']);
  assert.deepEqual(check.wrongType, [{ column: 'age', expected: 'numeric', got: 'categorical' }]);
  assert.throws(() => conformToSchema(bad, schemaOf(train), 'new.csv'), (e: Error) =>
    e instanceof DataError && /new\.csv does not match/.test(e.message) && /missing column\(s\): job/.test(e.message) && /"age" is categorical, expected numeric/.test(e.message));
});
