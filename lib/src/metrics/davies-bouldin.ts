/**
 * Davies–Bouldin index (Davies & Bouldin 1979), as scikit-learn's `davies_bouldin_score`: with centroids c_i and
 * s_i = mean Euclidean distance of cluster i's rows to c_i, DB = mean_i max_{j≠i} (s_i + s_j) / ||c_i − c_j||.
 * Lower is better; 0 when every s_i is 0 or every centroid distance is 0; a pair with coincident centroids is
 * skipped (scikit-learn sets its distance to ∞).
 *
 * Reference: D. L. Davies, D. W. Bouldin (1979), IEEE PAMI 1(2):224–227; scikit-learn `_unsupervised.py`.
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { clusterMeans, encodeLabels } from './labels';

/**
 * Davies–Bouldin score of a labelling (rows labelled -1 are excluded).
 *
 * Complexity: O(n·d + k²·d) time, O(k·d) memory.
 * @param X n×d matrix; @param labels n integer labels.
 * @throws ValidationError when the number of clusters is not in 2..n-1.
 * @example daviesBouldinScore(fromRows([[0],[2],[10],[12]]), [0,0,1,1]) // → 0.2
 */
export function daviesBouldinScore(X: Matrix, labels: ArrayLike<number>): number {
  checkMatrix(X, { name: 'X' });
  const { codes, k, counts, nValid } = encodeLabels(labels, { n: X.rows, allowNoise: true });
  if (k < 2 || k > nValid - 1) throw new ValidationError(`number of clusters is ${k} among ${nValid} rows; Davies–Bouldin needs 2..${nValid - 1}`);
  const n = X.rows, d = X.cols, x = X.data;
  const C = clusterMeans(x, n, d, codes, k, counts);
  const intra = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c < 0) continue;
    let s = 0;
    for (let t = 0; t < d; t++) { const q = x[i * d + t] - C[c * d + t]; s += q * q; }
    intra[c] += Math.sqrt(s);
  }
  let allIntraZero = true;
  for (let c = 0; c < k; c++) { intra[c] /= counts[c]; if (intra[c] !== 0) allIntraZero = false; }
  const cd = new Float64Array(k * k);
  let allCentroidZero = true;
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) {
    let s = 0;
    for (let t = 0; t < d; t++) { const q = C[a * d + t] - C[b * d + t]; s += q * q; }
    cd[a * k + b] = cd[b * k + a] = Math.sqrt(s);
    if (s !== 0) allCentroidZero = false;
  }
  if (allIntraZero || allCentroidZero) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let best = 0;
    for (let b = 0; b < k; b++) {
      if (b === a || cd[a * k + b] === 0) continue;
      const r = (intra[a] + intra[b]) / cd[a * k + b];
      if (r > best) best = r;
    }
    total += best;
  }
  return total / k;
}
