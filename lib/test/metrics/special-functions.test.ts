import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chiSquareSf, fDistributionSf, logGamma, regularizedGammaP, regularizedGammaQ, regularizedIncompleteBeta,
} from '../../src/metrics/special-functions';

const near = (a: number, b: number, tol: number, msg = ''): void => assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b}`);

test('logGamma gives ln((n−1)!) at integers and ln √π at 1/2', () => {
  near(logGamma(1), 0, 1e-14);
  near(logGamma(5), Math.log(24), 1e-13);
  near(logGamma(11), Math.log(3628800), 1e-12);
  near(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-13);
  near(logGamma(0.1), Math.log(9.513507698668732), 1e-12); // Γ(0.1), A&S table 6.1 via Γ(1.1)/0.1
});

test('regularizedIncompleteBeta matches closed forms I_x(a,1) = x^a and I_x(1,b) = 1 − (1−x)^b', () => {
  for (const x of [0.01, 0.3, 0.5, 0.9, 0.999]) {
    near(regularizedIncompleteBeta(x, 3.5, 1), x ** 3.5, 1e-13, `x=${x}`);
    near(regularizedIncompleteBeta(x, 1, 7), 1 - (1 - x) ** 7, 1e-13, `x=${x}`);
  }
  near(regularizedIncompleteBeta(0.5, 2, 2), 0.5, 1e-15); // symmetry
  // I_x(2,2) = 3x² − 2x³ (hand: ∫0^x 6t(1−t) dt)
  near(regularizedIncompleteBeta(0.2, 2, 2), 3 * 0.04 - 2 * 0.008, 1e-14);
});

test('regularized incomplete gamma matches P(1,x) = 1 − e^−x and P(2,x) = 1 − (1+x)e^−x', () => {
  for (const x of [0.1, 1, 3, 10, 40]) {
    near(regularizedGammaP(1, x), 1 - Math.exp(-x), 1e-14, `x=${x}`);
    near(regularizedGammaQ(2, x), (1 + x) * Math.exp(-x), 1e-14, `x=${x}`);
  }
});

test('F upper tail matches table values and the closed form for 2 numerator degrees of freedom', () => {
  // Table: F_{0.05}(2, 10) = 4.10, F_{0.05}(3, 20) = 3.10, F_{0.01}(4, 30) = 4.02 (two or three digits).
  near(fDistributionSf(4.10, 2, 10), 0.05, 5e-4);
  near(fDistributionSf(3.10, 3, 20), 0.05, 5e-4);
  near(fDistributionSf(4.02, 4, 30), 0.01, 2e-4);
  // Closed form for d1 = 2: P(F > f) = (1 + 2f/d2)^(−d2/2).
  for (const f of [0.5, 2, 7.3]) near(fDistributionSf(f, 2, 9), (1 + (2 * f) / 9) ** -4.5, 1e-13, `f=${f}`);
});

test('chi-square upper tail matches table values and e^(−x/2) for 2 degrees of freedom', () => {
  // Table: χ²_{0.05}(1) = 3.841, χ²_{0.05}(4) = 9.488, χ²_{0.001}(10) = 29.588.
  near(chiSquareSf(3.841, 1), 0.05, 2e-4);
  near(chiSquareSf(9.488, 4), 0.05, 2e-4);
  near(chiSquareSf(29.588, 10), 0.001, 2e-5);
  for (const x of [0.3, 4, 25]) near(chiSquareSf(x, 2), Math.exp(-x / 2), 1e-14, `x=${x}`);
});
