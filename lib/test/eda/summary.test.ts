import { before, test } from 'node:test';
import assert from 'node:assert/strict';

// simple-statistics is an ES module: loaded once, dynamically, as the second implementation
type Stat = (x: number[]) => number;
let ss: { mean: Stat; median: Stat; min: Stat; max: Stat; sampleStandardDeviation: Stat; sampleSkewness: Stat; sampleKurtosis: Stat; sampleCorrelation: (x: number[], y: number[]) => number };
before(async () => {
  ss = (await import('simple-statistics')) as unknown as typeof ss;
});
import { summarize } from '../../src/eda/summary';
import { quantileSorted } from '../../src/eda/quantile';
import { makeTable } from '../../src/data/table';
import { Rng } from '../../src/core/random';

const close = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('quantileSorted interpolates linearly like pandas: [1,2,3,4] → p25 1.75, median 2.5, p75 3.25', () => {
  // h = (n−1)p = 0.75 → 1 + 0.75·(2−1) = 1.75; h = 1.5 → 2.5; h = 2.25 → 3.25
  const x = Float64Array.of(1, 2, 3, 4);
  assert.equal(quantileSorted(x, 0.25), 1.75);
  assert.equal(quantileSorted(x, 0.5), 2.5);
  assert.equal(quantileSorted(x, 0.75), 3.25);
});

test('summarize on a hand-worked column: count, missing, mean, std, zeros, quartiles', () => {
  // values 0, 2, 4, 6 (+ one NaN): mean 3, sample variance (9+1+1+9)/3 = 20/3
  const values = Float64Array.of(0, 2, NaN, 4, 6); // typed arrays cannot be frozen: check it is unchanged instead
  const t = makeTable([{ kind: 'numeric', name: 'x', values }]);
  const [s] = summarize(t);
  assert.deepEqual(Array.from(values), [0, 2, NaN, 4, 6]);
  assert.equal(s.count, 4);
  assert.equal(s.missing, 1);
  assert.equal(s.mean, 3);
  close(s.std, Math.sqrt(20 / 3));
  assert.equal(s.zeros, 1);
  assert.deepEqual([s.min, s.p25, s.median, s.p75, s.max], [0, 1.5, 3, 4.5, 6]);
  assert.equal(s.skewness, 0); // symmetric
  // by hand: deviations ±1, ±3 (×2 = ±2, ±6 in x units /2…): m2 = (9+1+1+9)·4/4 → use units of 2: d = −3,−1,1,3
  // Σd² = 20, Σd⁴ = 164; g2 = n·Σd⁴/(Σd²)² − 3 = 4·164/400 − 3 = −1.36; G2 = ((n+1)g2 + 6)(n−1)/((n−2)(n−3))
  // = (5·(−1.36) + 6)·3/2 = −1.2 (pandas Series([0,2,4,6]).kurt() = −1.2)
  close(s.kurtosis, ss.sampleKurtosis([0, 2, 4, 6]));
  close(s.kurtosis, -1.2);
});

test('summarize matches simple-statistics (a second implementation) on skewed random data', () => {
  const r = new Rng(3);
  const v = Float64Array.from({ length: 5000 }, () => Math.exp(r.normal(0, 1)));
  const [s] = summarize(makeTable([{ kind: 'numeric', name: 'x', values: v }]));
  const a = Array.from(v);
  close(s.mean, ss.mean(a));
  close(s.std, ss.sampleStandardDeviation(a));
  close(s.skewness, ss.sampleSkewness(a), 1e-9);
  close(s.kurtosis, ss.sampleKurtosis(a), 1e-9);
  close(s.median, ss.median(a));
  assert.equal(s.min, ss.min(a));
  assert.equal(s.max, ss.max(a));
  assert.ok(s.skewness > 2); // lognormal(0,1) is strongly right-skewed
});

test('summarize gives 0 skewness and kurtosis for a constant column and NaN when too few values', () => {
  const [c] = summarize(makeTable([{ kind: 'numeric', name: 'c', values: Float64Array.of(5, 5, 5, 5) }]));
  assert.equal(c.skewness, 0);
  assert.equal(c.kurtosis, 0);
  const [d] = summarize(makeTable([{ kind: 'numeric', name: 'd', values: Float64Array.of(1, 2) }]));
  assert.ok(Number.isNaN(d.skewness) && Number.isNaN(d.kurtosis));
});
