/**
 * Inertia: the within-cluster sum of squared Euclidean distances of rows to their cluster's centre
 * (scikit-learn's `KMeans.inertia_`). With no centres given, each cluster's centre is its mean (the minimum for
 * that partition).
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { clusterMeans, encodeLabels } from './labels';

/**
 * Within-cluster sum of squares. Rows labelled -1 are excluded.
 *
 * Complexity: O(n·d) time, O(k·d) memory.
 * @param X n×d matrix; @param labels n labels (0..k-1 when `centers` is given: label l uses row l of centers).
 * @param centers optional k×d centres; default the cluster means.
 * @example inertia(fromRows([[0],[2],[10],[12]]), [0,0,1,1]) // → 4  (1+1+1+1)
 */
export function inertia(X: Matrix, labels: ArrayLike<number>, centers?: Matrix): number {
  checkMatrix(X, { name: 'X' });
  const n = X.rows, d = X.cols, x = X.data;
  let C: Float64Array;
  let codes: Int32Array;
  if (centers) {
    checkMatrix(centers, { name: 'centers' });
    if (centers.cols !== d) throw new ValidationError(`centers has ${centers.cols} columns, X has ${d}`);
    if (labels.length !== n) throw new ValidationError(`labels has ${labels.length} values, expected ${n}`);
    codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      if (!Number.isInteger(l) || l < -1 || l >= centers.rows) throw new ValidationError(`labels[${i}] is ${l}, expected an integer in 0..${centers.rows - 1} (or -1)`);
      codes[i] = l;
    }
    C = centers.data;
  } else {
    const enc = encodeLabels(labels, { n, allowNoise: true });
    codes = enc.codes;
    C = clusterMeans(x, n, d, codes, enc.k, enc.counts);
  }
  let W = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c < 0) continue;
    for (let t = 0; t < d; t++) { const q = x[i * d + t] - C[c * d + t]; W += q * q; }
  }
  return W;
}
