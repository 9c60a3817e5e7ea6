import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StandardScaler } from '../../src/features/standard-scaler';
import { MinMaxScaler } from '../../src/features/min-max-scaler';
import { RobustScaler } from '../../src/features/robust-scaler';
import { NotFittedError, ValidationError } from '../../src/core/errors';
import { assertUnchanged, close, frozen, num, roundTrip, snapshot, values } from './fixtures';

test('StandardScaler uses the population standard deviation, as scikit-learn', () => {
  // [1, 2, 3]: mean 2, population variance (1 + 0 + 1) / 3 = 2/3, std 0.816497 → ±1/0.816497 = ±1.224745
  const t = frozen(num('a', [1, 2, 3]));
  const snap = snapshot(t);
  const out = new StandardScaler().fitTransform(t);
  close(values(out, 'a'), [-Math.sqrt(1.5), 0, Math.sqrt(1.5)]);
  assertUnchanged(t, snap);
});

test('StandardScaler gives a constant column scale 1 and lists it in constantColumns', () => {
  const s = new StandardScaler().fit(frozen(num('c', [5, 5, 5]), num('a', [0, 2, 4])));
  assert.deepEqual(values(s.transform(frozen(num('c', [5, 6, 5]), num('a', [0, 2, 4]))), 'c'), [0, 1, 0]);
  assert.deepEqual(s.constantColumns, ['c']);
  assert.equal(s.params.c.scale, 1);
});

test('StandardScaler ignores NaN at fit and keeps NaN at transform', () => {
  // observed 2, 4 → mean 3, std 1
  const out = new StandardScaler().fitTransform(frozen(num('a', [2, NaN, 4])));
  close(values(out, 'a'), [-1, NaN, 1]);
});

test('scalers reject an all-missing column with a message naming it', () => {
  assert.throws(() => new StandardScaler().fit(frozen(num('gone', [NaN, NaN]))), (e: Error) => e instanceof ValidationError && /"gone"/.test(e.message));
  assert.throws(() => new RobustScaler().fit(frozen(num('gone', [NaN]))), ValidationError);
  assert.throws(() => new MinMaxScaler().fit(frozen(num('gone', [NaN]))), ValidationError);
});

test('MinMaxScaler maps the fitted min and max onto the feature range', () => {
  // [2, 4, 6] → (x − 2) / 4 → [0, 0.5, 1]; range [−1, 1]: 2 × that − 1 → [−1, 0, 1]
  close(values(new MinMaxScaler().fitTransform(frozen(num('a', [2, 4, 6]))), 'a'), [0, 0.5, 1]);
  close(values(new MinMaxScaler({ featureRange: [-1, 1] }).fitTransform(frozen(num('a', [2, 4, 6]))), 'a'), [-1, 0, 1]);
});

test('RobustScaler centers on the median and divides by the IQR (linear-interpolated quantiles)', () => {
  // [1, 2, 3, 4, 100]: median 3; q25 at position 1 → 2, q75 at position 3 → 4; IQR 2 → (x − 3) / 2
  close(values(new RobustScaler().fitTransform(frozen(num('a', [1, 2, 3, 4, 100]))), 'a'), [-1, -0.5, 0, 0.5, 48.5]);
});

test('scalers throw NotFittedError before fit and round-trip through JSON bit for bit', () => {
  assert.throws(() => new StandardScaler().transform(frozen(num('a', [1]))), NotFittedError);
  const t = frozen(num('a', [0.1, 0.7, 1.3, 2.9]), num('b', [3, 3, 3, 3]));
  for (const s of [new StandardScaler().fit(t), new MinMaxScaler().fit(t), new RobustScaler().fit(t)]) {
    const back = s.constructor === StandardScaler ? StandardScaler.fromJSON(roundTrip(s))
      : s.constructor === MinMaxScaler ? MinMaxScaler.fromJSON(roundTrip(s)) : RobustScaler.fromJSON(roundTrip(s));
    const a = snapshot(s.transform(t));
    const b = snapshot(back.transform(t));
    assert.ok(a.every((col, j) => col.every((x, i) => Object.is(x, b[j][i]))), `${s.stepName} round trip differs`);
  }
});
