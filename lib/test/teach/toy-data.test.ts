import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CUSTOMER_SEGMENTS, ageIncomeData, concentricRings, customerBlobs, ellipticalBlobs, twoMoons, uniformSquare,
} from '../../src/teach/toy-data';
import { ValidationError } from '../../src/core/errors';
import type { Matrix } from '../../src/core/matrix';

const near = (a: number, b: number, tol: number, what = ''): void => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b} (tol ${tol})`);

function groupMoments(X: Matrix, truth: Int32Array, g: number): { mx: number; my: number; sxx: number; sxy: number; syy: number } {
  let n = 0, mx = 0, my = 0;
  for (let i = 0; i < X.rows; i++) if (truth[i] === g) { n++; mx += X.data[2 * i]; my += X.data[2 * i + 1]; }
  mx /= n; my /= n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < X.rows; i++) {
    if (truth[i] !== g) continue;
    const a = X.data[2 * i] - mx, b = X.data[2 * i + 1] - my;
    sxx += a * a; sxy += a * b; syy += b * b;
  }
  return { mx, my, sxx: sxx / n, sxy: sxy / n, syy: syy / n };
}

test('every generator is deterministic per seed and differs between seeds', () => {
  for (const gen of [customerBlobs, ageIncomeData, ellipticalBlobs, uniformSquare, twoMoons, concentricRings]) {
    const a = gen({ n: 40, seed: 3 }), b = gen({ n: 40, seed: 3 }), c = gen({ n: 40, seed: 4 });
    assert.deepEqual(a.X.data, b.X.data, gen.name);
    assert.deepEqual(a.truth, b.truth, gen.name);
    assert.notDeepEqual(a.X.data, c.X.data, gen.name);
    assert.equal(a.X.rows, 40);
    assert.equal(a.X.cols, 2);
    assert.equal(a.columns.length, 2);
  }
});

test('customerBlobs plants four segments round-robin around their stated centres, never negative', () => {
  const d = customerBlobs({ n: 8000, seed: 1 });
  assert.deepEqual(Array.from(d.truth.subarray(0, 6)), [0, 1, 2, 3, 0, 1]);
  assert.ok(d.X.data.every((v) => v >= 0));
  CUSTOMER_SEGMENTS.forEach((s, g) => {
    const m = groupMoments(d.X, d.truth, g);
    // 2000 rows per group: the standard error of a mean is sd/√2000 ≤ 1.2/44.7 ≈ 0.027; allow 5 standard errors.
    near(m.mx, s.spend, 0.14, `${s.name} spend`);
    near(m.my, s.visits, 0.14, `${s.name} visits`);
  });
  assert.deepEqual(d.groupNames, CUSTOMER_SEGMENTS.map((s) => s.name));
});

test('ageIncomeData has an income spread hundreds of times the age spread', () => {
  const d = ageIncomeData({ seed: 2 });
  const sd = (col: number): number => {
    let m = 0;
    for (let i = 0; i < d.X.rows; i++) m += d.X.data[2 * i + col];
    m /= d.X.rows;
    let s = 0;
    for (let i = 0; i < d.X.rows; i++) s += (d.X.data[2 * i + col] - m) ** 2;
    return Math.sqrt(s / d.X.rows);
  };
  assert.ok(sd(1) / sd(0) > 300, `ratio ${sd(1) / sd(0)}`);
  assert.equal(d.columns[0], 'age (years)');
});

test('ellipticalBlobs groups have the covariance of the shear map: A·diag(1.5², 0.7²)·Aᵀ', () => {
  // A = [[0.6, −0.64], [−0.4, 0.85]], D = diag(2.25, 0.49):
  // Σ11 = 0.36·2.25 + 0.4096·0.49 = 1.010704; Σ12 = −0.24·2.25 − 0.544·0.49 = −0.80656;
  // Σ22 = 0.16·2.25 + 0.7225·0.49 = 0.714025.
  const d = ellipticalBlobs({ n: 30000, seed: 5 });
  for (let g = 0; g < 3; g++) {
    const m = groupMoments(d.X, d.truth, g);
    near(m.sxx, 1.010704, 0.05, 'Σ11');
    near(m.sxy, -0.80656, 0.05, 'Σ12');
    near(m.syy, 0.714025, 0.04, 'Σ22');
  }
  // Mean of group 0: A·(−7.2, −2.4) = (−4.32 + 1.536, 2.88 − 2.04) = (−2.784, 0.84).
  const m0 = groupMoments(d.X, d.truth, 0);
  near(m0.mx, -2.784, 0.03, 'mean x');
  near(m0.my, 0.84, 0.03, 'mean y');
});

test('twoMoons without noise puts the points exactly on the two half circles', () => {
  const d = twoMoons({ n: 41, noise: 0, seed: 0 });
  let upper = 0;
  for (let i = 0; i < d.X.rows; i++) {
    const x = d.X.data[2 * i], y = d.X.data[2 * i + 1];
    if (d.truth[i] === 0) { upper++; near(x * x + y * y, 1, 1e-12); assert.ok(y >= -1e-12); }
    else { near((x - 1) ** 2 + (y - 0.5) ** 2, 1, 1e-12); assert.ok(y <= 0.5 + 1e-12); }
  }
  assert.equal(upper, 21); // ⌈41/2⌉
  // First upper point is t = 0 → (1, 0); last lower point is t = π → (2, 0.5).
  near(d.X.data[0], 1, 1e-12); near(d.X.data[1], 0, 1e-12);
  near(d.X.data[80], 2, 1e-12); near(d.X.data[81], 0.5, 1e-12);
});

test('concentricRings without noise puts the points on radius 1 and radius factor', () => {
  const d = concentricRings({ n: 30, noise: 0, factor: 0.3 });
  for (let i = 0; i < d.X.rows; i++) {
    near(Math.hypot(d.X.data[2 * i], d.X.data[2 * i + 1]), d.truth[i] === 0 ? 1 : 0.3, 1e-12);
  }
  assert.throws(() => concentricRings({ factor: 1 }), /factor=1 should be in \(0, 1\)/);
});

test('uniformSquare stays in [0, 1) with a mean near 1/2', () => {
  const d = uniformSquare({ n: 5000, seed: 9 });
  let s = 0;
  for (const v of d.X.data) { assert.ok(v >= 0 && v < 1); s += v; }
  // Standard error of the mean of 10,000 U(0,1) values: √(1/12)/100 ≈ 0.0029.
  near(s / d.X.data.length, 0.5, 0.015);
});

test('generators reject a bad row count or negative noise, naming the value', () => {
  assert.throws(() => customerBlobs({ n: 2 }), (e: unknown) => e instanceof ValidationError && /n=2 should be an integer >= 4/.test(e.message));
  assert.throws(() => twoMoons({ n: 10.5 }), /n=10.5/);
  assert.throws(() => twoMoons({ noise: -1 }), /noise=-1 should be >= 0/);
});
