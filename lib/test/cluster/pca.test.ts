import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PCA } from '../../src/cluster/pca';
import { symmetricEigen } from '../../src/cluster/pca-jacobi';
import { fromRows, type Matrix } from '../../src/core/matrix';
import { NotFittedError } from '../../src/core/errors';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, eps = 1e-12): void => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < eps, `index ${i}: ${a[i]} vs ${b[i]}`);
};

test('PCA on axis-aligned points: variances 8/3 and 2/3, ratios 0.8 and 0.2, axes x then y', () => {
  // X = (2,0), (-2,0), (0,1), (0,-1): mean 0; sample covariance (n-1 = 3) = diag(8/3, 2/3).
  const X = Object.freeze(fromRows([[2, 0], [-2, 0], [0, 1], [0, -1]])) as Matrix;
  const pca = new PCA().fit(X);
  close(pca.explainedVariance, [8 / 3, 2 / 3]);
  close(pca.explainedVarianceRatio, [0.8, 0.2]);
  close(pca.components.data, [1, 0, 0, 1]);
  close(pca.mean, [0, 0]);
  close(pca.transform(X).data, [2, 0, -2, 0, 0, 1, 0, -1]);
});

test('PCA on rotated points finds the rotated axes with the documented sign (largest |entry| positive)', () => {
  // Points ±2u and ±1v with u = (0.6, 0.8), v = (-0.8, 0.6) (orthonormal), shifted by (5, -3).
  // Covariance eigenvalues 8/3 along u and 2/3 along v. Sign rule: u's largest entry 0.8 is already positive;
  // v's largest |entry| is -0.8, so the second component is -v = (0.8, -0.6).
  const u = [0.6, 0.8];
  const v = [-0.8, 0.6];
  const pts = [[2, u], [-2, u], [1, v], [-1, v]].map(([a, w]) => [5 + (a as number) * (w as number[])[0], -3 + (a as number) * (w as number[])[1]]);
  const pca = new PCA({ nComponents: 2 }).fit(fromRows(pts));
  close(pca.components.data, [0.6, 0.8, 0.8, -0.6]);
  close(pca.explainedVariance, [8 / 3, 2 / 3]);
  close(pca.mean, [5, -3]);
  // First point (5,-3)+2u projects to (2, 0).
  close(pca.transform(fromRows([pts[0]])).data, [2, 0]);
});

test('symmetricEigen reproduces A = Vᵀ·diag(λ)·V on a 4×4 symmetric matrix', () => {
  const A = new Float64Array([4, 1, 2, 0.5, 1, 3, 0, 1, 2, 0, 5, 1.5, 0.5, 1, 1.5, 2]);
  const { values, vectors } = symmetricEigen(A, 4);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
    let s = 0;
    for (let r = 0; r < 4; r++) s += vectors[r * 4 + i] * values[r] * vectors[r * 4 + j];
    assert.ok(Math.abs(s - A[i * 4 + j]) < 1e-10);
  }
  for (let r = 1; r < 4; r++) assert.ok(values[r - 1] >= values[r]);
});

test('PCA keeps nComponents, round-trips through JSON, and refuses use before fit', () => {
  const X = fromRows([[1, 2, 3], [2, 1, 0], [3, 5, 1], [0, 0, 2], [4, 2, 2]]);
  assert.throws(() => new PCA().transform(X), NotFittedError);
  const pca = new PCA({ nComponents: 2 }).fit(X);
  assert.equal(pca.components.rows, 2);
  const back = PCA.fromJSON(JSON.parse(JSON.stringify(pca.toJSON())));
  close(back.transform(X).data, pca.transform(X).data);
  assert.throws(() => new PCA({ nComponents: 4 }).fit(X), /nComponents=4 should be an integer in 1..min\(nSamples, nFeatures\)=3/);
});
