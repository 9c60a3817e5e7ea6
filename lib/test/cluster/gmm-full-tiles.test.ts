import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/core/random';
import { cholesky } from '../../src/cluster/gmm-linalg';
import { FullGmmTiles } from '../../src/cluster/gmm-full-tiles';
import { wasmGemmAvailable } from '../../src/neural/wasm-gemm';

/** Inverse of a symmetric positive definite matrix by Gauss–Jordan elimination (independent of the Cholesky path). */
function inverse(A: Float64Array, d: number): Float64Array {
  const M = Float64Array.from(A);
  const I = new Float64Array(d * d);
  for (let i = 0; i < d; i++) I[i * d + i] = 1;
  for (let c = 0; c < d; c++) {
    const p = M[c * d + c];
    for (let t = 0; t < d; t++) { M[c * d + t] /= p; I[c * d + t] /= p; }
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = M[r * d + c];
      for (let t = 0; t < d; t++) { M[r * d + t] -= f * M[c * d + t]; I[r * d + t] -= f * I[c * d + t]; }
    }
  }
  return I;
}

/** log det by Gaussian elimination (product of pivots). */
function logDet(A: Float64Array, d: number): number {
  const M = Float64Array.from(A);
  let s = 0;
  for (let c = 0; c < d; c++) {
    s += Math.log(M[c * d + c]);
    for (let r = c + 1; r < d; r++) {
      const f = M[r * d + c] / M[c * d + c];
      for (let t = c; t < d; t++) M[r * d + t] -= f * M[c * d + t];
    }
  }
  return s;
}

function problem(n: number, d: number, k: number, seed: number) {
  const rng = new Rng(seed);
  const X = new Float64Array(n * d);
  for (let i = 0; i < X.length; i++) X[i] = rng.normal();
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const covs: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    weights[j] = (j + 1) / ((k * (k + 1)) / 2);
    for (let t = 0; t < d; t++) means[j * d + t] = rng.normal();
    const A = new Float64Array(d * d);
    for (let t = 0; t < A.length; t++) A[t] = 0.5 * rng.normal();
    const S = new Float64Array(d * d);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) {
      let s = a === b ? 1 : 0;
      for (let t = 0; t < d; t++) s += A[a * d + t] * A[b * d + t];
      S[a * d + b] = s;
    }
    covs.push(S);
  }
  return { X, weights, means, covs, chol: covs.map((S) => cholesky(S, d) as Float64Array) };
}

/** log w_j + log N(x | μ_j, Σ_j) from the textbook formula with an explicit inverse. */
function naiveLogProb(X: Float64Array, n: number, d: number, k: number, w: Float64Array, mu: Float64Array, covs: Float64Array[]): Float64Array {
  const out = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const inv = inverse(covs[j], d);
    const ld = logDet(covs[j], d);
    for (let i = 0; i < n; i++) {
      let q = 0;
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) q += (X[i * d + a] - mu[j * d + a]) * inv[a * d + b] * (X[i * d + b] - mu[j * d + b]);
      out[i * k + j] = Math.log(w[j]) - 0.5 * (d * Math.log(2 * Math.PI) + ld + q);
    }
  }
  return out;
}

const close = (a: number, b: number, tol: number, msg: string): void => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${msg}: ${a} vs ${b}`);

test('the full-covariance kernel gives the textbook log-densities, responsibilities sums and covariance sums', (t) => {
  if (!wasmGemmAvailable()) { t.skip('WebAssembly SIMD unavailable'); return; }
  const [n, d, k] = [700, 9, 3];
  const { X, weights, means, covs, chol } = problem(n, d, k, 1);
  const g = FullGmmTiles.create(X, n, d, k, 1)!;
  g.setParams(weights, means, chol);
  const want = naiveLogProb(X, n, d, k, weights, means, covs);
  const got = g.weightedLogProb();
  for (let i = 0; i < n * k; i++) close(got[i], want[i], 1e-10, `log prob ${i}`);
  const e = g.eStep();
  // Reference sums from the naive log-probabilities.
  let ll = 0;
  const nk = new Float64Array(k), srx = new Float64Array(k * d), resp = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const m = Math.max(...Array.from(want.subarray(i * k, i * k + k)));
    let s = 0;
    for (let j = 0; j < k; j++) s += Math.exp(want[i * k + j] - m);
    const lse = m + Math.log(s);
    ll += lse;
    for (let j = 0; j < k; j++) {
      const r = Math.exp(want[i * k + j] - lse);
      resp[i * k + j] = r;
      nk[j] += r;
      for (let a = 0; a < d; a++) srx[j * d + a] += r * X[i * d + a];
    }
  }
  close(e.meanLogLik, ll / n, 1e-12, 'mean log-likelihood');
  for (let j = 0; j < k; j++) close(e.nk[j], nk[j], 1e-10, `nk ${j}`);
  for (let t = 0; t < k * d; t++) close(e.sumRespX[t], srx[t], 1e-9, `sum resp x ${t}`);
  const cov = g.covarianceSums(means);
  for (let j = 0; j < k; j++) {
    for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += resp[i * k + j] * (X[i * d + a] - means[j * d + a]) * (X[i * d + b] - means[j * d + b]);
      close(cov[j * d * d + a * d + b], s, 1e-9, `cov ${j} ${a} ${b}`);
    }
  }
});

test('the full-covariance kernel gives bit-identical sums on one and on two threads (unit-order reduction)', (t) => {
  if (!wasmGemmAvailable()) { t.skip('WebAssembly SIMD unavailable'); return; }
  const [n, d, k] = [1900, 7, 4];
  const { X, weights, means, chol } = problem(n, d, k, 2);
  const run = (threads: number) => {
    const g = FullGmmTiles.create(X, n, d, k, threads)!;
    g.setParams(weights, means, chol);
    const e = g.eStep();
    return { e, cov: g.covarianceSums(means), resp: g.responsibilities() };
  };
  const a = run(1), b = run(2);
  assert.equal(a.e.meanLogLik, b.e.meanLogLik);
  assert.deepEqual(a.e.nk, b.e.nk);
  assert.deepEqual(a.e.sumRespX, b.e.sumRespX);
  assert.deepEqual(a.cov, b.cov);
  assert.deepEqual(a.resp, b.resp);
});
