/**
 * Small dense linear algebra for the Gaussian mixture (internal): Cholesky factorization and triangular solves on
 * row-major d×d Float64Arrays.
 */

/**
 * Cholesky factor L (lower triangular, row-major d×d) of a symmetric positive definite matrix A: A = L·Lᵀ.
 * Complexity O(d³). Returns null when A is not positive definite.
 */
export function cholesky(A: Float64Array, d: number): Float64Array | null {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * d + j];
      for (let t = 0; t < j; t++) s -= L[i * d + t] * L[j * d + t];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * d + i] = Math.sqrt(s);
      } else {
        L[i * d + j] = s / L[j * d + j];
      }
    }
  }
  return L;
}

/** Squared norm of L⁻¹·v (forward substitution), using `z` (length d) as scratch. O(d²). */
export function mahalanobisSq(L: Float64Array, d: number, v: Float64Array, z: Float64Array): number {
  let q = 0;
  for (let i = 0; i < d; i++) {
    let s = v[i];
    const io = i * d;
    for (let t = 0; t < i; t++) s -= L[io + t] * z[t];
    const zi = s / L[io + i];
    z[i] = zi;
    q += zi * zi;
  }
  return q;
}

/** log det(A) = 2 Σ log L_ii from A's Cholesky factor. O(d). */
export function logDetFromCholesky(L: Float64Array, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += Math.log(L[i * d + i]);
  return 2 * s;
}
