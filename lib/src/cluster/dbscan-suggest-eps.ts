/**
 * A data-driven eps for DBSCAN: the knee of the sorted k-distance curve (Ester et al. 1996's "sorted k-dist
 * graph", with the knee found by Kneedle, Satopää et al. 2011, convex increasing).
 *
 * k-distance of a row = distance to its minSamples-th nearest row counting the row itself (so the row is core
 * exactly when its k-distance ≤ eps: the suggested eps makes the rows left of the knee core).
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { kneedle } from '../metrics/kneedle';
import { buildNeighborIndex, KDTREE_MAX_DIM } from './neighbors';
import { kthNeighborSqDistances } from './knn-tiles';
import { availableThreads } from './worker-pool';

/** Result of {@link suggestEps}. */
export interface EpsSuggestion {
  /** Suggested eps: the k-distance at the knee (the median k-distance when no knee is found). */
  eps: number;
  /** k-distances sorted increasingly (the curve to plot). */
  kDistances: Float64Array;
  /** Index of the knee in kDistances (-1 when none was found). */
  kneeIndex: number;
  /** The k used (= minSamples). */
  k: number;
}

/**
 * Suggest eps from the k-distance knee.
 * Complexity: n k-NN queries (k-d tree for d ≤ 15, else O(n²·d) brute force on SIMD distance tiles over all cores,
 * `knn-tiles.ts`) + O(n log n) sort.
 * @throws ValidationError when minSamples is not in 2..n.
 */
export function suggestEps(X: Matrix, minSamples: number, opts: { S?: number; neighbors?: 'auto' | 'kdtree' | 'brute' } = {}): EpsSuggestion {
  checkMatrix(X, { name: 'X' });
  if (!Number.isInteger(minSamples) || minSamples < 2 || minSamples > X.rows) {
    throw new ValidationError(`minSamples=${minSamples} should be an integer in 2..${X.rows} (the number of rows)`);
  }
  const kind = opts.neighbors ?? 'auto';
  const brute = kind === 'brute' || (kind === 'auto' && X.cols > KDTREE_MAX_DIM);
  const sq = brute ? kthNeighborSqDistances(X.data, X.rows, X.cols, minSamples, X.rows >= 2000 ? availableThreads() : 1) : null;
  const kd = new Float64Array(X.rows);
  if (sq) for (let i = 0; i < X.rows; i++) kd[i] = Math.sqrt(sq[i]);
  else {
    const index = buildNeighborIndex(X, kind);
    for (let i = 0; i < X.rows; i++) {
      const nn = index.knn(X.data, i, minSamples);
      kd[i] = Math.sqrt(nn.sq[minSamples - 1]);
    }
  }
  kd.sort();
  const xs = Float64Array.from({ length: kd.length }, (_, i) => i);
  let kneeIndex = -1;
  let eps = kd[Math.floor(kd.length / 2)];
  if (kd.length >= 3 && kd[kd.length - 1] > kd[0]) {
    const r = kneedle(xs, kd, { curve: 'convex', direction: 'increasing', S: opts.S ?? 1 });
    if (r.knee !== null) { kneeIndex = r.kneeIndex; eps = kd[kneeIndex]; }
  }
  if (!(eps > 0)) {
    // Many duplicate rows: fall back to the smallest positive k-distance.
    const pos = kd.find((v) => v > 0);
    if (pos === undefined) throw new ValidationError('every row has minSamples identical copies: eps cannot be suggested');
    eps = pos;
  }
  return { eps, kDistances: kd, kneeIndex, k: minSamples };
}
