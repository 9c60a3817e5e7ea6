/**
 * One run of Lloyd's algorithm from given initial centres, step for step as scikit-learn's `_kmeans_single_lloyd`:
 * assign every row to its nearest centre, update the means (per-cluster sums moved row by row for the rows whose
 * label changed; empty clusters relocated), stop when the labels no
 * longer change ("strict convergence") or when the total squared centre shift is at most `tolAbs`; after a stop on
 * the shift, the labels are recomputed against the final centres.
 * Reference: Lloyd (1982), "Least squares quantization in PCM".
 * Complexity: O(n·k·d) per iteration, O(n + k·d) memory.
 */
import {
  KMeansRun, assignAll, centerShifts, inertiaOf, centersFromSums, newCenterState, syncSums,
} from './kmeans-common';

/**
 * @param X row-major n×d data (trusted: finite).  @param init k×d initial centres (not modified).
 * @param tolAbs absolute tolerance on the total squared centre shift.
 */
export function lloydRun(X: Float64Array, n: number, d: number, init: Float64Array, k: number, maxIter: number, tolAbs: number): KMeansRun {
  let C = Float64Array.from(init);
  let Cn = new Float64Array(k * d);
  const cs = newCenterState(n, k, d);
  const shift2 = new Float64Array(k);
  const labels = new Int32Array(n).fill(-1);
  let strict = false;
  let converged = false;
  let it = 0;
  for (; it < maxIter; it++) {
    assignAll(X, n, C, k, d, labels);
    const changed = syncSums(X, n, d, labels, cs.synced, cs.sums, cs.counts);
    centersFromSums(X, n, d, k, labels, cs.sums, cs.counts, C, Cn);
    const tot = centerShifts(C, Cn, k, d, shift2);
    const t = C; C = Cn; Cn = t;
    if (changed === 0) { strict = true; converged = true; break; }
    if (tot <= tolAbs) { converged = true; break; }
  }
  const nIter = Math.min(it + 1, maxIter);
  if (!strict) assignAll(X, n, C, k, d, labels);
  return { labels, centers: C, inertia: inertiaOf(X, n, C, d, labels), nIter, converged };
}
