import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GaussianMixture } from '../../src/cluster/gmm';
import { fromRows, type Matrix } from '../../src/core/matrix';
import { NotFittedError } from '../../src/core/errors';
import { blobs } from './blobs';

const near = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) < eps, `${a} vs ${b}`);

test('GaussianMixture on two far 1-D groups recovers the group means, variances (+regCovar) and weights', () => {
  // Groups {0,1,2} and {100,101,102,103}: responsibilities are 0/1 (the other density is ~exp(-7000)), so EM's fixed
  // point is the group statistics: means 1 and 101.5, population variances 2/3 and 5/4 (+1e-6), weights 3/7 and 4/7.
  for (const covarianceType of ['full', 'diag'] as const) {
    const X = Object.freeze(fromRows([[0], [1], [2], [100], [101], [102], [103]])) as Matrix;
    const gm = new GaussianMixture({ k: 2, covarianceType, seed: 1 }).fit(X);
    const a = gm.means.data[0] < gm.means.data[1] ? 0 : 1;
    const b = 1 - a;
    near(gm.means.data[a], 1);
    near(gm.means.data[b], 101.5);
    const cov = gm.covariances;
    const va = Array.isArray(cov) ? cov[a].data[0] : cov.data[a];
    const vb = Array.isArray(cov) ? cov[b].data[0] : cov.data[b];
    near(va, 2 / 3 + 1e-6);
    near(vb, 5 / 4 + 1e-6);
    near(gm.weights[a], 3 / 7);
    near(gm.weights[b], 4 / 7);
    assert.ok(gm.converged);
    assert.deepEqual(Array.from(gm.labels), [a, a, a, b, b, b, b]);
  }
});

test('GaussianMixture full covariance equals the 2-D group covariance by hand', () => {
  // Group B: (100,100), (101,102), (102,101), (103,103): mean (101.5,101.5); var x = var y = (2.25+.25+.25+2.25)/4
  // = 1.25; cov = (2.25 - .25 - .25 + 2.25)/4 = 1. Group A: square (0,0),(2,0),(0,2),(2,2): mean (1,1), cov I.
  const X = fromRows([[0, 0], [2, 0], [0, 2], [2, 2], [100, 100], [101, 102], [102, 101], [103, 103]]);
  const gm = new GaussianMixture({ k: 2, seed: 3 }).fit(X);
  const cov = gm.covariances as Matrix[];
  const b = gm.means.data[0] > 50 ? 0 : 1;
  const r = 1e-6;
  [1.25 + r, 1, 1, 1.25 + r].forEach((v, i) => near(cov[b].data[i], v));
  [1 + r, 0, 0, 1 + r].forEach((v, i) => near(cov[1 - b].data[i], v));
});

test('GaussianMixture score, BIC and AIC follow the formulas on the fitted 1-D model', () => {
  // Model after fit: weights 1/2, means 1 and 101, variance s2 = 2/3 + 1e-6 each (groups {0,1,2} and {100,101,102}).
  // Each row's log-likelihood ≈ log(1/2) - ½ log(2π s2) - (x-μ)²/(2 s2) (the far component adds ~e^-7000).
  // Σ (x-μ)² = 4 over the 6 rows. Parameters (full, d=1): k·d(d+1)/2 + k·d + k-1 = 2 + 2 + 1 = 5.
  const X = fromRows([[0], [1], [2], [100], [101], [102]]);
  const gm = new GaussianMixture({ k: 2, seed: 0 }).fit(X);
  const s2 = 2 / 3 + 1e-6;
  const ll = 6 * Math.log(0.5) - 3 * Math.log(2 * Math.PI * s2) - 4 / (2 * s2);
  near(gm.score(X) * 6, ll, 1e-8);
  assert.equal(gm.nParameters(), 5);
  near(gm.bic(X), -2 * ll + 5 * Math.log(6), 1e-8);
  near(gm.aic(X), -2 * ll + 10, 1e-8);
  const diag = new GaussianMixture({ k: 3, covarianceType: 'diag' }).fit(fromRows([[0, 1], [1, 0], [5, 5], [6, 5], [9, 0], [9, 1]]));
  assert.equal(diag.nParameters(), 3 * 2 + 3 * 2 + 2); // diag: k·d variances + k·d means + k-1 weights
});

test('GaussianMixture posteriors sum to one, predict agrees with fit labels, JSON round trip, seeds repeat', () => {
  const { X } = blobs(300, [[0, 0], [4, 0], [0, 4]], 1, 2);
  const gm = new GaussianMixture({ k: 3, seed: 7 }).fit(X);
  const P = gm.predictProba(X);
  for (let i = 0; i < P.rows; i++) near(P.data[i * 3] + P.data[i * 3 + 1] + P.data[i * 3 + 2], 1, 1e-12);
  assert.deepEqual(gm.predict(X), gm.labels);
  const back = GaussianMixture.fromJSON(JSON.parse(JSON.stringify(gm.toJSON())));
  near(back.score(X), gm.score(X), 1e-12);
  assert.deepEqual(back.predict(X), gm.predict(X));
  const again = new GaussianMixture({ k: 3, seed: 7 }).fit(X);
  assert.deepEqual(again.labels, gm.labels);
  assert.throws(() => new GaussianMixture({ k: 2 }).predict(X), NotFittedError);
  assert.throws(() => new GaussianMixture({ k: 2 }).fit(fromRows([[1], [NaN]])), /non-finite/);
  assert.throws(() => new GaussianMixture({ k: 4 }).fit(fromRows([[1], [2]])), /nSamples=2 should be >= k=4/);
});
