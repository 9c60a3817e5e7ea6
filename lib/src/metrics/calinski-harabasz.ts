/**
 * Calinski–Harabasz index (variance ratio criterion, Caliński & Harabasz 1974), as scikit-learn's
 * `calinski_harabasz_score`: CH = [B / (k − 1)] / [W / (n − k)] with B = Σ_c n_c ||c_c − x̄||² (between-cluster
 * dispersion) and W = Σ_i ||x_i − c_{l(i)}||² (within). Higher is better; 1 when W = 0 (scikit-learn's convention).
 *
 * Reference: T. Caliński, J. Harabasz (1974), Communications in Statistics 3(1):1–27.
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { clusterMeans, encodeLabels } from './labels';

/**
 * Calinski–Harabasz score (rows labelled -1 are excluded).
 *
 * Complexity: O(n·d) time, O(k·d) memory.
 * @throws ValidationError when the number of clusters is not in 2..n-1.
 * @example calinskiHarabaszScore(fromRows([[0],[2],[10],[12]]), [0,0,1,1]) // → 50  (B = 2·5² + 2·5² = 100, W = 4: (100/1)/(4/2))
 */
export function calinskiHarabaszScore(X: Matrix, labels: ArrayLike<number>): number {
  checkMatrix(X, { name: 'X' });
  const { codes, k, counts, nValid } = encodeLabels(labels, { n: X.rows, allowNoise: true });
  if (k < 2 || k > nValid - 1) throw new ValidationError(`number of clusters is ${k} among ${nValid} rows; Calinski–Harabasz needs 2..${nValid - 1}`);
  const n = X.rows, d = X.cols, x = X.data;
  const C = clusterMeans(x, n, d, codes, k, counts);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) if (codes[i] >= 0) for (let t = 0; t < d; t++) mean[t] += x[i * d + t];
  for (let t = 0; t < d; t++) mean[t] /= nValid;
  let W = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c < 0) continue;
    for (let t = 0; t < d; t++) { const q = x[i * d + t] - C[c * d + t]; W += q * q; }
  }
  let B = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let t = 0; t < d; t++) { const q = C[c * d + t] - mean[t]; s += q * q; }
    B += counts[c] * s;
  }
  if (W === 0) return 1;
  return (B * (nValid - k)) / (W * (k - 1));
}
