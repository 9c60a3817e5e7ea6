/**
 * Column standardization of a small matrix for the scaling lesson: z = (x − mean) / sd with the population
 * standard deviation (ddof 0, as scikit-learn's StandardScaler). For tables and pipelines use `StandardScaler`
 * in `features/`.
 */
import { checkMatrix, type Matrix } from '../core/matrix';

/** Result of {@link zScoreColumns}. */
export interface ZScored {
  /** The standardized n×d matrix (a new matrix; the input is not modified). */
  X: Matrix;
  /** Column means. */
  mean: Float64Array;
  /** Column population standard deviations (a constant column gets 1, so it maps to 0). */
  sd: Float64Array;
}

/**
 * Standardize every column to mean 0 and standard deviation 1. O(n·d).
 * @example zScoreColumns(fromRows([[1],[2],[3]])).X.data // → [-1.2247, 0, 1.2247]  (sd = √(2/3))
 */
export function zScoreColumns(X: Matrix): ZScored {
  checkMatrix(X, { name: 'X', minRows: 1 });
  const { data, rows: n, cols: d } = X;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += data[i * d + t];
  for (let t = 0; t < d; t++) mean[t] /= n;
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) { const v = data[i * d + t] - mean[t]; sd[t] += v * v; }
  for (let t = 0; t < d; t++) { sd[t] = Math.sqrt(sd[t] / n); if (!(sd[t] > 0)) sd[t] = 1; }
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) out[i * d + t] = (data[i * d + t] - mean[t]) / sd[t];
  return { X: { data: out, rows: n, cols: d }, mean, sd };
}
