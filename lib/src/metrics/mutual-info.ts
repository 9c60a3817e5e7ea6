/**
 * Normalized mutual information, as scikit-learn's `normalized_mutual_info_score` with its default arithmetic
 * normalization: NMI = MI(U, V) / ((H(U) + H(V)) / 2), natural logarithms (the ratio does not depend on the base).
 * 1 when both labellings have a single cluster (or are identical up to relabelling), 0 when MI = 0.
 *
 * Reference: N. X. Vinh, J. Epps, J. Bailey (2010), "Information theoretic measures for clusterings comparison",
 * JMLR 11:2837–2854.
 */
import { contingencyTable } from './contingency';

/**
 * Mutual information (nats) of two labellings of the same rows.
 * Complexity: O(n + ka·kb).
 * @example mutualInfo([0,0,1,1], [0,0,1,1]) // → ln 2 = 0.6931
 */
export function mutualInfo(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): number {
  const t = contingencyTable(labelsTrue, labelsPred);
  const n = t.n;
  let mi = 0;
  for (let i = 0; i < t.rows; i++) for (let j = 0; j < t.cols; j++) {
    const c = t.counts[i * t.cols + j];
    if (c > 0) mi += (c / n) * Math.log((c * n) / (t.rowSums[i] * t.colSums[j]));
  }
  return Math.max(0, mi);
}

function entropyOf(sums: Float64Array, n: number): number {
  let h = 0;
  for (let i = 0; i < sums.length; i++) if (sums[i] > 0) { const p = sums[i] / n; h -= p * Math.log(p); }
  return h;
}

/**
 * Normalized mutual information (arithmetic mean normalization).
 * Complexity: O(n + ka·kb).
 * @example normalizedMutualInfo([0,0,1,1], [0,0,0,0]) // → 0
 * @example normalizedMutualInfo([0,0,1,1], [0,0,1,2]) // → 0.8 (MI = ln 2, H = ln 2 and 1.5 ln 2)
 */
export function normalizedMutualInfo(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): number {
  const t = contingencyTable(labelsTrue, labelsPred);
  if ((t.rows === 1 && t.cols === 1) || (t.rows === 0 && t.cols === 0)) return 1;
  const mi = mutualInfo(labelsTrue, labelsPred);
  if (mi === 0) return 0;
  const hu = entropyOf(t.rowSums, t.n), hv = entropyOf(t.colSums, t.n);
  const norm = Math.max((hu + hv) / 2, Number.EPSILON);
  return mi / norm;
}
