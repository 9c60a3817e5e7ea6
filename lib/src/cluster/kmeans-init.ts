/**
 * K-Means initializations: greedy k-means++ (scikit-learn's `_kmeans_plusplus`) and uniform random rows.
 */
import type { Matrix } from '../core/matrix';
import type { Rng } from '../core/random';
import { kmeansPlusPlusFast, prepareFast } from './kmeans-fast';

/**
 * Greedy k-means++ seeding: the first centre is a uniformly drawn row; each next centre is the best (lowest
 * resulting potential) of `2 + floor(ln k)` candidates drawn with probability proportional to the squared distance to
 * the nearest centre chosen so far, as in scikit-learn. The candidates of a step are evaluated together on the SIMD
 * dot kernel with direct-form recomputation wherever a candidate may be closer (kmeans-fast.ts), so potentials and
 * centres are exactly those of the textbook direct-form loop.
 * Reference: Arthur & Vassilvitskii (2007), "k-means++: the advantages of careful seeding", SODA.
 * Complexity: O(n·d·k·(2+ln k)) time, O(n·(2+ln k)) extra memory plus a padded copy of X in the kernel.
 * @param X n×d data (trusted: validated by the caller).
 * @param k number of centres, 1 ≤ k ≤ n.
 * @param rng random source (advanced by exactly 1 + (k−1)·nLocalTrials draws).
 * @param nLocalTrials candidates per step; default 2 + floor(ln k).
 * @returns k×d centres, row-major.
 * @throws ValidationError when X has fewer than k distinct rows (the potential reaches 0 before k centres are chosen).
 */
export function kmeansPlusPlusInit(X: Matrix, k: number, rng: Rng, nLocalTrials?: number): Float64Array {
  const trials = nLocalTrials ?? 2 + Math.floor(Math.log(k));
  const f = prepareFast(X.data, X.rows, X.cols, Math.max(k, trials));
  return kmeansPlusPlusFast(f, k, rng, trials);
}

/**
 * k distinct rows drawn uniformly (scikit-learn's init='random': the first k of a random permutation).
 * Complexity: O(n + k·d).
 */
export function kmeansRandomInit(X: Matrix, k: number, rng: Rng): Float64Array {
  const { data, rows: n, cols: d } = X;
  const perm = rng.permutation(n);
  const centers = new Float64Array(k * d);
  for (let c = 0; c < k; c++) centers.set(data.subarray(perm[c] * d, perm[c] * d + d), c * d);
  return centers;
}
