import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows, type Matrix } from '../../../src/core/matrix';
import { Rng } from '../../../src/core/random';
import { LogisticRegression } from '../../../src/personas/eval/logistic';

function blobs(centers: number[][], n: number, sd: number, seed: number): { X: Matrix; y: Int32Array } {
  const rng = new Rng(seed);
  const rows: number[][] = [], y: number[] = [];
  centers.forEach((c, k) => { for (let i = 0; i < n; i++) { rows.push(c.map((v) => rng.normal(v, sd))); y.push(k); } });
  return { X: fromRows(rows), y: Int32Array.from(y) };
}

test('LogisticRegression separates two separable blobs perfectly', () => {
  const { X, y } = blobs([[0, 0], [6, 6]], 100, 1, 1);
  const before = Array.from(X.data);
  const m = new LogisticRegression().fit(Object.freeze(X), Object.freeze(Array.from(y)));
  assert.deepEqual(Array.from(X.data), before, 'X is not mutated');
  assert.deepEqual(Array.from(m.predict(X)), Array.from(y));
  const P = m.predictProba(X);
  for (let i = 0; i < P.rows; i++) assert.ok(Math.abs(P.data[2 * i] + P.data[2 * i + 1] - 1) < 1e-12);
});

test('LogisticRegression classifies three blobs', () => {
  const { X, y } = blobs([[0, 0], [8, 0], [0, 8]], 60, 1, 2);
  const m = new LogisticRegression().fit(X, y);
  const p = m.predict(X);
  let hit = 0;
  for (let i = 0; i < y.length; i++) if (p[i] === y[i]) hit++;
  assert.equal(hit, y.length);
});

test('LogisticRegression reaches the hand-derived optimum of a symmetric two-point problem', () => {
  // x = −1 (class 0), +1 (class 1); standardized x is the same. By symmetry b₀ = b₁ and w₀ = −w₁ = −a, so
  // L(a) = log(1 + e^(−2a)) + l2·a², and L'(a) = 0 ⇔ a·(1 + e^(2a)) = 1/l2. Solved by bisection (l2 = 1).
  let lo = 0, hi = 2;
  for (let i = 0; i < 200; i++) { const mid = (lo + hi) / 2; if (mid * (1 + Math.exp(2 * mid)) < 1) lo = mid; else hi = mid; }
  const a = (lo + hi) / 2;
  const m = new LogisticRegression({ l2: 1, tol: 1e-10 }).fit(fromRows([[-1], [1]]), Int32Array.from([0, 1]));
  const P = m.predictProba(fromRows([[1]]));
  assert.ok(Math.abs(P.data[1] - 1 / (1 + Math.exp(-2 * a))) < 1e-8, `${P.data[1]} vs ${1 / (1 + Math.exp(-2 * a))}`);
});

test('LogisticRegression round-trips through JSON and reports misuse clearly', () => {
  const { X, y } = blobs([[0, 0], [3, 3]], 30, 1.5, 3);
  const m = new LogisticRegression().fit(X, y);
  const back = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
  assert.deepEqual(Array.from(back.predictProba(X).data), Array.from(m.predictProba(X).data));
  assert.throws(() => new LogisticRegression().predict(X), /not fitted/);
  assert.throws(() => m.predict(fromRows([[1, 2, 3]])), /X has 3 columns, the model was fitted on 2/);
  assert.throws(() => new LogisticRegression().fit(X, new Int32Array(X.rows)), /needs at least 2/);
  assert.throws(() => new LogisticRegression({ l2: -1 }).fit(X, y), /l2=-1 should be >= 0/);
});
