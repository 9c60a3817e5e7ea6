import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OneHotEncoder } from '../../src/features/one-hot-encoder';
import { ValidationError } from '../../src/core/errors';
import { assertUnchanged, cat, frozen, num, roundTrip, snapshot, values } from './fixtures';

test('OneHotEncoder gives one 0/1 column per fitted level in sorted order, at the column position', () => {
  const t = frozen(num('x', [1, 2, 3]), cat('color', ['red', 'blue', 'red']));
  const snap = snapshot(t);
  const out = new OneHotEncoder().fitTransform(t);
  assert.deepEqual(out.columns.map((c) => c.name), ['x', 'color=blue', 'color=red']);
  assert.deepEqual(values(out, 'color=blue'), [0, 1, 0]);
  assert.deepEqual(values(out, 'color=red'), [1, 0, 1]);
  assertUnchanged(t, snap);
});

test('OneHotEncoder matches levels by name, not by code, so differently coded tables agree', () => {
  const enc = new OneHotEncoder().fit(frozen(cat('c', ['a', 'b'])));
  // new table's levels sorted: ['b'] only → code 0 means "b"
  assert.deepEqual(values(enc.transform(frozen(cat('c', ['b', 'b']))), 'c=b'), [1, 1]);
});

test('OneHotEncoder ignores an unseen level by default: all-zero row and a count to report', () => {
  const enc = new OneHotEncoder().fit(frozen(cat('c', ['a', 'b'])));
  const out = enc.transform(frozen(cat('c', ['a', 'z', 'z'])));
  assert.deepEqual(values(out, 'c=a'), [1, 0, 0]);
  assert.deepEqual(values(out, 'c=b'), [0, 0, 0]);
  assert.deepEqual(enc.lastUnknownCounts, { c: 2 });
});

test('OneHotEncoder with handleUnknown error names the column, level and row', () => {
  const enc = new OneHotEncoder({ handleUnknown: 'error' }).fit(frozen(cat('c', ['a', 'b'])));
  assert.throws(() => enc.transform(frozen(cat('c', ['a', 'z']))), (e: Error) => e instanceof ValidationError && /"c" row 1 has level "z"/.test(e.message));
});

test('OneHotEncoder with handleUnknown infrequent groups rare and unseen levels into one column', () => {
  // fit counts: a 3, b 1 → with minFrequency 2, b is infrequent
  const enc = new OneHotEncoder({ handleUnknown: 'infrequent', minFrequency: 2 }).fit(frozen(cat('c', ['a', 'a', 'a', 'b'])));
  const out = enc.transform(frozen(cat('c', ['a', 'b', 'z'])));
  assert.deepEqual(out.columns.map((c) => c.name), ['c=a', 'c=<infrequent>']);
  assert.deepEqual(values(out, 'c=<infrequent>'), [0, 1, 1]);
});

test('OneHotEncoder adds a missing indicator when the fit data had missing values; an all-missing column gives only that', () => {
  const out = new OneHotEncoder().fitTransform(frozen(cat('c', ['a', null])));
  assert.deepEqual(out.columns.map((c) => c.name), ['c=a', 'c=<missing>']);
  assert.deepEqual(values(out, 'c=<missing>'), [0, 1]);
  const all = new OneHotEncoder().fitTransform(frozen(cat('c', [null, null])));
  assert.deepEqual(all.columns.map((c) => c.name), ['c=<missing>']);
  assert.throws(() => new OneHotEncoder({ handleMissing: 'error' }).fit(frozen(cat('c', [null, 'a']))), ValidationError);
});

test('OneHotEncoder drop if_binary keeps one column for a two-level column', () => {
  const out = new OneHotEncoder({ drop: 'if_binary' }).fitTransform(frozen(cat('loan', ['no', 'yes', 'no']), cat('c', ['a', 'b', 'c'])));
  assert.deepEqual(out.columns.map((c) => c.name), ['loan=yes', 'c=a', 'c=b', 'c=c']);
  assert.deepEqual(values(out, 'loan=yes'), [0, 1, 0]);
});

test('OneHotEncoder round-trips through JSON', () => {
  const t = frozen(cat('c', ['a', 'b', null]), cat('d', ['x', 'y', 'x']));
  const enc = new OneHotEncoder({ drop: 'if_binary' }).fit(t);
  assert.deepEqual(snapshot(OneHotEncoder.fromJSON(roundTrip(enc)).transform(t)), snapshot(enc.transform(t)));
});
