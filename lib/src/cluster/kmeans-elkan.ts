/**
 * One K-Means run accelerated with Elkan's bounds, giving the SAME labels and centres as {@link lloydRun} from the
 * same initial centres: each row keeps an upper bound on the distance to its centre and a lower bound on the
 * distance to every centre; centre j is skipped for row i when the upper bound is below the lower bound for j or
 * below half the distance between the row's centre and j (triangle inequality). Distances that cannot be skipped use
 * the same kernel and the same tie rule (lower index wins) as Lloyd, and centres are updated by the same
 * incremental function in the
 * same order, so results are bit-identical. A safety margin (1e-10 of the data diameter) on every bound test sends
 * near-ties to the exact computation.
 * Reference: Elkan (2003), "Using the triangle inequality to accelerate k-means", ICML.
 * Complexity: O(n·k·d) worst case per iteration, typically far less; O(n·k + k²) memory for the bounds.
 */
import {
  KMeansRun, centerShifts, diameterScale, distancesToAll, inertiaOf, sqDistRC, centersFromSums, newCenterState, syncSums,
} from './kmeans-common';

/** Same contract as {@link lloydRun}. */
export function elkanRun(X: Float64Array, n: number, d: number, init: Float64Array, k: number, maxIter: number, tolAbs: number): KMeansRun {
  let C = Float64Array.from(init);
  let Cn = new Float64Array(k * d);
  const cs = newCenterState(n, k, d);
  const shift = new Float64Array(k);
  const hcc = new Float64Array(k * k);
  const s = new Float64Array(k);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n * k);
  const labels = new Int32Array(n).fill(-1);
  const margin = 1e-10 * diameterScale(X, n, d);

  const fullAssign = (): void => {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      const lo = i * k;
      distancesToAll(X, i, C, k, d, lower, lo);
      for (let j = 0; j < k; j++) {
        const dj = lower[lo + j];
        if (dj < bestD) { bestD = dj; best = j; }
        lower[lo + j] = Math.sqrt(dj);
      }
      labels[i] = best;
      upper[i] = Math.sqrt(bestD);
    }
  };

  const boundedAssign = (): void => {
    for (let j = 0; j < k; j++) {
      hcc[j * k + j] = 0;
      for (let j2 = j + 1; j2 < k; j2++) {
        const h = 0.5 * Math.sqrt(sqDistRC(C, j, C, j2, d));
        hcc[j * k + j2] = h;
        hcc[j2 * k + j] = h;
      }
    }
    for (let j = 0; j < k; j++) {
      let m = Infinity;
      for (let j2 = 0; j2 < k; j2++) if (j2 !== j && hcc[j * k + j2] < m) m = hcc[j * k + j2];
      s[j] = m;
    }
    for (let i = 0; i < n; i++) {
      let a = labels[i];
      let u = upper[i];
      if (u + margin < s[a]) continue;
      const lo = i * k;
      let tight = false;
      let ua2 = 0;
      for (let j = 0; j < k; j++) {
        if (j === a) continue;
        if (u + margin < lower[lo + j] || u + margin < hcc[a * k + j]) continue;
        if (!tight) {
          ua2 = sqDistRC(X, i, C, a, d);
          u = Math.sqrt(ua2);
          lower[lo + a] = u;
          tight = true;
          if (u + margin < lower[lo + j] || u + margin < hcc[a * k + j]) continue;
        }
        const dj2 = sqDistRC(X, i, C, j, d);
        const dj = Math.sqrt(dj2);
        lower[lo + j] = dj;
        if (dj2 < ua2 || (dj2 === ua2 && j < a)) { a = j; ua2 = dj2; u = dj; }
      }
      labels[i] = a;
      upper[i] = u;
    }
  };

  let strict = false;
  let converged = false;
  let it = 0;
  for (; it < maxIter; it++) {
    if (it === 0) fullAssign();
    else boundedAssign();
    const changed = syncSums(X, n, d, labels, cs.synced, cs.sums, cs.counts);
    centersFromSums(X, n, d, k, labels, cs.sums, cs.counts, C, Cn);
    const tot = centerShifts(C, Cn, k, d, shift);
    const t = C; C = Cn; Cn = t;
    for (let j = 0; j < k; j++) shift[j] = Math.sqrt(shift[j]);
    for (let i = 0; i < n; i++) {
      upper[i] += shift[labels[i]];
      const lo = i * k;
      for (let j = 0; j < k; j++) lower[lo + j] -= shift[j];
    }
    if (changed === 0) { strict = true; converged = true; break; }
    if (tot <= tolAbs) { converged = true; break; }
  }
  const nIter = Math.min(it + 1, maxIter);
  if (!strict) boundedAssign();
  return { labels, centers: C, inertia: inertiaOf(X, n, C, d, labels), nIter, converged };
}
