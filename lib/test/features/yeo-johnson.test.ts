import { test } from 'node:test';
import assert from 'node:assert/strict';
import { YeoJohnsonTransformer, yeoJohnson, yeoJohnsonLambda, yeoJohnsonLogLikelihood } from '../../src/features/yeo-johnson';
import { ValidationError } from '../../src/core/errors';
import { assertUnchanged, close, frozen, num, roundTrip, snapshot, values } from './fixtures';

test('yeoJohnson follows the four branches of the definition', () => {
  // x ≥ 0, λ = 0.5: ((3 + 1)^0.5 − 1) / 0.5 = (2 − 1) / 0.5 = 2
  close([yeoJohnson(3, 0.5)], [2]);
  // x ≥ 0, λ = 0: log1p(e − 1) = 1
  close([yeoJohnson(Math.E - 1, 0)], [1]);
  // x < 0, λ = 0: −((1 + 3)^2 − 1) / 2 = −7.5
  close([yeoJohnson(-3, 0)], [-7.5]);
  // x < 0, λ = 2: −log1p(3) = −log 4
  close([yeoJohnson(-3, 2)], [-Math.log(4)]);
  // λ = 1 is the identity
  close([yeoJohnson(-2.5, 1), yeoJohnson(7, 1)], [-2.5, 7]);
});

test('yeoJohnsonLambda is 1 for symmetric data (hand derivation)', () => {
  // For x symmetric about 0: Σ sign(x)·log1p|x| = 0, and at λ = 1 ψ = x (odd) while ∂ψ/∂λ = (1 + |x|)·log(1 + |x|) − |x|
  // (even), so ∂σ²/∂λ = 2·cov(x, even function of x) = 0: ℓ'(1) = 0, λ = 1 is the stationary point (the maximum).
  close([yeoJohnsonLambda([-3, -1, -0.5, 0, 0.5, 1, 3])], [1], 1e-6);
});

test('yeoJohnsonLambda matches an independent grid search of the log-likelihood', () => {
  const x = [0.2, 0.5, 1, 1.5, 2, 3, 5, 8, 13, 40];
  // independent implementation of ℓ(λ) = −n/2·log var(ψ) + (λ − 1)·Σ sign(x) log1p|x|, two-pass variance
  const ll = (l: number) => {
    const t = x.map((v) => (Math.abs(l) < 1e-12 ? Math.log(1 + v) : (Math.pow(1 + v, l) - 1) / l));
    const m = t.reduce((a, b) => a + b, 0) / t.length;
    const v = t.reduce((a, b) => a + (b - m) ** 2, 0) / t.length;
    return (-t.length / 2) * Math.log(v) + (l - 1) * x.reduce((a, b) => a + Math.log1p(b), 0);
  };
  let best = 0;
  for (let l = -3; l <= 3; l += 1e-4) if (ll(l) > ll(best)) best = l;
  const lambda = yeoJohnsonLambda(x);
  assert.ok(Math.abs(lambda - best) < 2e-4, `λ = ${lambda}, grid argmax ${best}`);
  close([yeoJohnsonLogLikelihood(x, 0.3)], [ll(0.3)], 1e-9);
  assert.ok(lambda < 1, 'a right-skewed sample needs λ < 1');
});

test('YeoJohnsonTransformer standardizes the transformed column and reduces skew', () => {
  const x = [0, 1, 1, 2, 2, 3, 5, 9, 20, 60];
  const t = frozen(num('a', x));
  const snap = snapshot(t);
  const yj = new YeoJohnsonTransformer();
  const out = values(yj.fitTransform(t), 'a');
  const mean = out.reduce((a, b) => a + b, 0) / out.length;
  const sd = Math.sqrt(out.reduce((a, b) => a + (b - mean) ** 2, 0) / out.length);
  close([mean, sd], [0, 1], 1e-9);
  assertUnchanged(t, snap);
});

test('YeoJohnsonTransformer with minAbsSkew leaves symmetric and binary columns alone', () => {
  const t = frozen(num('skewed', [0, 0, 0, 1, 1, 2, 3, 50]), num('sym', [-2, -1, 0, 1, 2, -2, 2, 0]), num('flag', [0, 1, 0, 1, 0, 0, 1, 0]));
  const yj = new YeoJohnsonTransformer({ minAbsSkew: 0.75, standardize: false }).fit(t);
  assert.deepEqual(Object.keys(yj.lambdas), ['skewed']);
  assert.deepEqual(yj.skippedColumns, ['sym', 'flag']);
  assert.deepEqual(values(yj.transform(t), 'sym'), [-2, -1, 0, 1, 2, -2, 2, 0]);
});

test('YeoJohnsonTransformer rejects an all-missing column and round-trips bit for bit', () => {
  assert.throws(() => new YeoJohnsonTransformer().fit(frozen(num('a', [NaN, NaN]))), ValidationError);
  const t = frozen(num('a', [0.3, 1.7, 2.2, 9.1, 40, NaN]));
  const yj = new YeoJohnsonTransformer().fit(t);
  const a = values(yj.transform(t), 'a');
  const b = values(YeoJohnsonTransformer.fromJSON(roundTrip(yj)).transform(t), 'a');
  assert.ok(a.every((v, i) => Object.is(v, b[i])));
});
