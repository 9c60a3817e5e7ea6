import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Log1pTransformer } from '../../src/features/log1p-transformer';
import { QuantileClipper } from '../../src/features/quantile-clipper';
import { SentinelExpander } from '../../src/features/sentinel-expander';
import { columnSkewness } from '../../src/features/skewness';
import { ValidationError } from '../../src/core/errors';
import { assertUnchanged, close, frozen, num, roundTrip, snapshot, values } from './fixtures';

test('Log1pTransformer maps x to log(1 + x) and rejects values <= -1 unless signed', () => {
  const t = frozen(num('a', [0, Math.E - 1, NaN]));
  const snap = snapshot(t);
  close(values(new Log1pTransformer().fitTransform(t), 'a'), [0, 1, NaN]);
  assertUnchanged(t, snap);
  assert.throws(() => new Log1pTransformer().fitTransform(frozen(num('b', [-2]))), (e: Error) => e instanceof ValidationError && /"b" row 0 is -2/.test(e.message));
  // signed: −(e − 1) → −log(e) = −1
  close(values(new Log1pTransformer({ signed: true }).fitTransform(frozen(num('b', [-(Math.E - 1), 0]))), 'b'), [-1, 0]);
});

test('QuantileClipper clips to fitted linear-interpolated quantiles and reuses them', () => {
  // [1..5]: q0 = 1; q0.75 at position 3 → 4
  const c = new QuantileClipper({ lower: 0, upper: 0.75 }).fit(frozen(num('a', [5, 1, 2, 3, 4])));
  assert.deepEqual(values(c.transform(frozen(num('a', [0, 3, 9, NaN]))), 'a').slice(0, 3), [1, 3, 4]);
  assert.deepEqual(c.bounds.a, [1, 4]);
  const back = QuantileClipper.fromJSON(roundTrip(c));
  assert.deepEqual(values(back.transform(frozen(num('a', [0, 9]))), 'a'), [1, 4]);
  assert.throws(() => new QuantileClipper().fit(frozen(num('a', [NaN]))), ValidationError);
});

test('SentinelExpander turns pdays 999 into contacted_before 0 and days_since_contact NaN', () => {
  const t = frozen(num('age', [30, 40, 50]), num('pdays', [999, 6, 3]));
  const snap = snapshot(t);
  const out = new SentinelExpander().fitTransform(t);
  assert.deepEqual(out.columns.map((c) => c.name), ['age', 'contacted_before', 'days_since_contact']);
  assert.deepEqual(values(out, 'contacted_before'), [0, 1, 1]);
  close(values(out, 'days_since_contact'), [NaN, 6, 3]);
  assertUnchanged(t, snap);
});

test('SentinelExpander detects -1 when 999 is absent and fills with the fitted median of real values', () => {
  // real values 10, 20, 40 → median 20
  const e = new SentinelExpander({ fill: 'median' }).fit(frozen(num('pdays', [-1, 10, 20, 40])));
  assert.deepEqual(e.fittedValues, { sentinel: -1, fill: 20 });
  assert.deepEqual(values(e.transform(frozen(num('pdays', [-1, 5]))), 'days_since_contact'), [20, 5]);
  assert.deepEqual(values(SentinelExpander.fromJSON(roundTrip(e)).transform(frozen(num('pdays', [-1, 5]))), 'days_since_contact'), [20, 5]);
  assert.throws(() => new SentinelExpander({ fill: 'median' }).fit(frozen(num('pdays', [999, 999]))), ValidationError);
});

test('columnSkewness is the biased moment coefficient g1', () => {
  // [1, 2, 3, 10]: mean 4; deviations −3, −2, −1, 6; m2 = (9 + 4 + 1 + 36) / 4 = 12.5; m3 = (−27 − 8 − 1 + 216) / 4 = 45
  close([columnSkewness([1, 2, 3, 10])], [45 / Math.pow(12.5, 1.5)]);
  assert.equal(columnSkewness([4, 4, 4]), 0);
  close([columnSkewness([-1, 0, 1])], [0]);
});
