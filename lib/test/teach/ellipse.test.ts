import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covarianceEllipse } from '../../src/teach/ellipse';

const near = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('the 2-sigma ellipse of diag(4, 1) has semi-axes 4 and 2 along x and y', () => {
  const e = covarianceEllipse([0, 0], [[4, 0], [0, 1]], 2, 40);
  assert.equal(e.x.length, 41);
  near(e.x[0], 4); near(e.y[0], 0);
  near(e.x[10], 0); near(e.y[10], 2); // a quarter turn later
  for (let i = 0; i < e.x.length; i++) near(e.x[i] ** 2 / 16 + e.y[i] ** 2 / 4, 1);
});

test('every point of a correlated ellipse is at Mahalanobis distance nSigma from the mean, and it closes', () => {
  // Σ = [[2, 1], [1, 2]]: det 3, Σ⁻¹ = (1/3)[[2, −1], [−1, 2]]; major axis (1,1)/√2 with eigenvalue 3.
  const mu = [1, -1];
  const e = covarianceEllipse(mu, [[2, 1], [1, 2]], 1.5, 64);
  for (let i = 0; i < e.x.length; i++) {
    const u = e.x[i] - mu[0], v = e.y[i] - mu[1];
    near((2 * u * u - 2 * u * v + 2 * v * v) / 3, 2.25);
  }
  near(e.x[0], 1 + 1.5 * Math.sqrt(3) / Math.SQRT2); near(e.y[0], -1 + 1.5 * Math.sqrt(3) / Math.SQRT2);
  assert.equal(e.x[64], e.x[0]);
  assert.equal(e.y[64], e.y[0]);
});

test('covarianceEllipse rejects asymmetric or indefinite covariances', () => {
  assert.throws(() => covarianceEllipse([0, 0], [[1, 0.5], [0, 1]]), /not symmetric/);
  assert.throws(() => covarianceEllipse([0, 0], [[1, 2], [2, 1]]), /not positive semi-definite/); // eigenvalues 3, −1
  assert.throws(() => covarianceEllipse([0, 0], [[1, 0], [0, 1]], -1), /nSigma=-1/);
});
