/**
 * Variance inflation factors: VIF_j = 1 / (1 − R²_j), R²_j the coefficient of determination of the least-squares
 * regression (with intercept) of column j on all the other columns. Computed for all j at once as the diagonal of
 * the inverse correlation matrix (an identity of least squares: [R⁻¹]_jj = 1 / (1 − R²_j)), by Gauss–Jordan sweeps.
 */
import type { Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';

/** A pivot below this (a residual variance share after regressing on earlier columns) means exact collinearity. */
const COLLINEAR_TOL = 1e-10;

/**
 * VIF of every column given their correlation matrix. A column that is (numerically) an exact linear combination of
 * columns earlier in the order gets VIF = Infinity; the earlier ones get VIFs computed without it.
 * Complexity: O(d³) time, O(d²) memory.
 * @param R d × d correlation matrix (e.g. from `featureCorrelation`).
 * @returns d VIFs (>= 1, or Infinity).
 * @example vifFromCorrelation(fromRows([[1, 0.5], [0.5, 1]])) // R² = 0.25 each → [1.3333, 1.3333]
 */
export function vifFromCorrelation(R: Matrix): Float64Array {
  const d = R.rows;
  if (R.cols !== d) throw new ValidationError(`vifFromCorrelation: R should be square, got ${R.rows}×${R.cols}`);
  const A = Float64Array.from(R.data);
  const swept = new Uint8Array(d);
  for (let k = 0; k < d; k++) {
    const p = A[k * d + k];
    if (!(p > COLLINEAR_TOL)) continue;
    swept[k] = 1;
    const inv = 1 / p;
    for (let i = 0; i < d; i++) {
      if (i === k) continue;
      const aik = A[i * d + k];
      if (aik === 0) continue;
      const f = aik * inv;
      const ri = i * d;
      const rk = k * d;
      for (let j = 0; j < d; j++) if (j !== k) A[ri + j] -= f * A[rk + j];
    }
    for (let j = 0; j < d; j++) if (j !== k) { A[k * d + j] *= inv; A[j * d + k] *= inv; }
    A[k * d + k] = -inv;
  }
  const out = new Float64Array(d);
  for (let k = 0; k < d; k++) out[k] = swept[k] ? Math.max(1, -A[k * d + k]) : Infinity;
  return out;
}
