/**
 * One K-Means run accelerated with Hamerly's bounds, giving the SAME labels and centres as {@link lloydRun} from the
 * same initial centres: each row keeps an upper bound on the distance to its centre and one lower bound on the
 * distance to every other centre; a row whose upper bound is below max(lower bound, half the distance from its centre
 * to the nearest other centre) cannot change cluster and is skipped. Rows that cannot be skipped get all k distances
 * with the same kernel and tie rule as Lloyd, and centres are updated by the same
 * incremental function in the same order, so results
 * are bit-identical. A small safety margin (1e-10 of the data diameter) on every bound test sends near-ties (and
 * exact ties, where Lloyd takes the lower index) to the exact computation.
 * Reference: Hamerly (2010), "Making k-means even faster", SIAM SDM.
 * Complexity: O(n·k·d) worst case per iteration, typically O(n·d + k²·d) once the centres settle; O(n + k·d) memory.
 */
import {
  KMeansRun, centerShifts, diameterScale, inertiaOf, sqDistRC, centersFromSums, newCenterState, shiftHamerlyBounds, syncSums,
} from './kmeans-common';

/** Same contract as {@link lloydRun}. */
export function hamerlyRun(X: Float64Array, n: number, d: number, init: Float64Array, k: number, maxIter: number, tolAbs: number): KMeansRun {
  let C = Float64Array.from(init);
  let Cn = new Float64Array(k * d);
  const cs = newCenterState(n, k, d);
  const shift2 = new Float64Array(k);
  const s = new Float64Array(k);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const labels = new Int32Array(n).fill(-1);
  const margin = 1e-10 * diameterScale(X, n, d);

  const fullAssign = (i: number): void => {
    let b1 = Infinity;
    let b2 = Infinity;
    let i1 = 0;
    for (let j = 0; j < k; j++) {
      const dj = sqDistRC(X, i, C, j, d);
      if (dj < b1) { b2 = b1; b1 = dj; i1 = j; } else if (dj < b2) b2 = dj;
    }
    labels[i] = i1;
    upper[i] = Math.sqrt(b1);
    lower[i] = Math.sqrt(b2);
  };

  const boundedAssign = (): void => {
    for (let j = 0; j < k; j++) {
      let m = Infinity;
      for (let j2 = 0; j2 < k; j2++) {
        if (j2 === j) continue;
        const v = sqDistRC(C, j, C, j2, d);
        if (v < m) m = v;
      }
      s[j] = 0.5 * Math.sqrt(m);
    }
    for (let i = 0; i < n; i++) {
      const a = labels[i];
      const li = lower[i];
      const m = s[a] > li ? s[a] : li;
      if (upper[i] + margin < m) continue;
      upper[i] = Math.sqrt(sqDistRC(X, i, C, a, d));
      if (upper[i] + margin < m) continue;
      fullAssign(i);
    }
  };

  let strict = false;
  let converged = false;
  let it = 0;
  for (; it < maxIter; it++) {
    if (it === 0) for (let i = 0; i < n; i++) fullAssign(i);
    else boundedAssign();
    const changed = syncSums(X, n, d, labels, cs.synced, cs.sums, cs.counts);
    centersFromSums(X, n, d, k, labels, cs.sums, cs.counts, C, Cn);
    const tot = centerShifts(C, Cn, k, d, shift2);
    const t = C; C = Cn; Cn = t;
    shiftHamerlyBounds(shift2, k, labels, upper, lower, n);
    if (changed === 0) { strict = true; converged = true; break; }
    if (tot <= tolAbs) { converged = true; break; }
  }
  const nIter = Math.min(it + 1, maxIter);
  if (!strict) boundedAssign();
  return { labels, centers: C, inertia: inertiaOf(X, n, C, d, labels), nIter, converged };
}
