/**
 * Eigen-decomposition of a small symmetric matrix by the cyclic Jacobi method (internal helper of PCA).
 * Reference: Golub & Van Loan, Matrix Computations, §8.5. Complexity: O(d³) per sweep, typically < 10 sweeps.
 */

/**
 * Eigenvalues (descending) and eigenvectors (rows of `vectors`, row-major d×d, unit length) of symmetric A (d×d,
 * not modified).
 */
export function symmetricEigen(A: Float64Array, d: number, maxSweeps = 100): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(A);
  const V = new Float64Array(d * d);
  for (let i = 0; i < d; i++) V[i * d + i] = 1;
  let scale = 0;
  for (let i = 0; i < d * d; i++) scale += a[i] * a[i];
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] * a[p * d + q];
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (apq === 0) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A' = Jᵀ A J on rows/columns p and q.
        for (let r = 0; r < d; r++) {
          const arp = a[r * d + p];
          const arq = a[r * d + q];
          a[r * d + p] = c * arp - s * arq;
          a[r * d + q] = s * arp + c * arq;
        }
        for (let r = 0; r < d; r++) {
          const apr = a[p * d + r];
          const aqr = a[q * d + r];
          a[p * d + r] = c * apr - s * aqr;
          a[q * d + r] = s * apr + c * aqr;
        }
        // Accumulate eigenvectors as columns of V.
        for (let r = 0; r < d; r++) {
          const vrp = V[r * d + p];
          const vrq = V[r * d + q];
          V[r * d + p] = c * vrp - s * vrq;
          V[r * d + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => a[j * d + j] - a[i * d + i] || i - j);
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  order.forEach((col, r) => {
    values[r] = a[col * d + col];
    for (let t = 0; t < d; t++) vectors[r * d + t] = V[t * d + col];
  });
  return { values, vectors };
}
