import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimpleImputer } from '../../src/features/simple-imputer';
import { NotFittedError, ValidationError } from '../../src/core/errors';
import { categoricalColumn, categoryAt } from '../../src/data/table';
import { assertUnchanged, cat, frozen, num, roundTrip, snapshot, values } from './fixtures';

test('SimpleImputer mean fills NaN with the mean of the observed values', () => {
  // observed 1, 3, 8 → mean 12 / 3 = 4
  const t = frozen(num('a', [1, NaN, 3, 8]));
  const snap = snapshot(t);
  const out = new SimpleImputer({ strategy: 'mean' }).fitTransform(t);
  assert.deepEqual(values(out, 'a'), [1, 4, 3, 8]);
  assertUnchanged(t, snap);
});

test('SimpleImputer median uses the middle of the sorted observed values (mean of the two middle ones when even)', () => {
  // observed sorted 1, 2, 10, 20 → median (2 + 10) / 2 = 6
  const out = new SimpleImputer({ strategy: 'median' }).fitTransform(frozen(num('a', [10, NaN, 1, 20, 2])));
  assert.deepEqual(values(out, 'a'), [10, 6, 1, 20, 2]);
});

test('SimpleImputer most_frequent fills numeric (smallest value on ties) and categorical columns', () => {
  // numeric: 5 twice, 7 twice → tie → smallest 5; categorical: "b" twice, "a" once → "b"
  const t = frozen(num('n', [7, 5, NaN, 7, 5]), cat('c', ['a', 'b', null, 'b', null]));
  const out = new SimpleImputer({ strategy: 'most_frequent' }).fitTransform(t);
  assert.deepEqual(values(out, 'n'), [7, 5, 5, 7, 5]);
  const c = categoricalColumn(out, 'c');
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => categoryAt(c, i)), ['a', 'b', 'b', 'b', 'b']);
});

test('SimpleImputer reuses the fitted value on new rows', () => {
  const imp = new SimpleImputer({ strategy: 'mean' }).fit(frozen(num('a', [2, 4])));
  assert.deepEqual(values(imp.transform(frozen(num('a', [NaN, 100]))), 'a'), [3, 100]);
});

test('SimpleImputer rejects an all-missing column by default and drops it with allMissing: drop', () => {
  const t = frozen(num('a', [1, 2]), num('empty', [NaN, NaN]));
  assert.throws(() => new SimpleImputer({ strategy: 'mean' }).fit(t), (e: Error) => e instanceof ValidationError && /"empty" has no observed value/.test(e.message));
  const imp = new SimpleImputer({ strategy: 'mean', allMissing: 'drop' });
  const out = imp.fitTransform(t);
  assert.deepEqual(out.columns.map((c) => c.name), ['a']);
  assert.deepEqual(imp.droppedColumns, ['empty']);
});

test('SimpleImputer throws NotFittedError before fit and round-trips through JSON', () => {
  assert.throws(() => new SimpleImputer().transform(frozen(num('a', [1]))), NotFittedError);
  const t = frozen(num('a', [1, NaN, 4]), cat('c', ['x', null, 'x']));
  const imp = new SimpleImputer({ strategy: 'most_frequent' }).fit(t);
  const back = SimpleImputer.fromJSON(roundTrip(imp));
  assert.deepEqual(snapshot(back.transform(t)), snapshot(imp.transform(t)));
});
