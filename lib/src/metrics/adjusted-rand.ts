/**
 * Adjusted Rand index (Hubert & Arabie 1985), as scikit-learn's `adjusted_rand_score`: the Rand index corrected
 * for chance, 1 for identical partitions (up to relabelling), about 0 for independent ones, possibly negative.
 * Computed from the pair confusion matrix: ARI = 2(tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)),
 * and 1 when fn = fp = 0 (e.g. both labellings put everything in one cluster).
 *
 * Reference: L. Hubert, P. Arabie (1985), "Comparing partitions", J. Classification 2:193–218.
 */
import { contingencyTable } from './contingency';

/**
 * Adjusted Rand index of two labellings of the same rows.
 *
 * Complexity: O(n + ka·kb).
 * @example adjustedRandIndex([0,0,1,1], [1,1,0,0]) // → 1
 * @example adjustedRandIndex([0,0,1,1], [0,0,1,2]) // → 0.5714 (= 4/7)
 */
export function adjustedRandIndex(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): number {
  const t = contingencyTable(labelsTrue, labelsPred);
  const n = t.n;
  let sumSq = 0;
  for (let i = 0; i < t.counts.length; i++) sumSq += t.counts[i] * t.counts[i];
  let sumRow = 0, sumCol = 0;
  for (let i = 0; i < t.rows; i++) sumRow += t.rowSums[i] * t.rowSums[i];
  for (let j = 0; j < t.cols; j++) sumCol += t.colSums[j] * t.colSums[j];
  // Ordered-pair counts as in scikit-learn's pair_confusion_matrix.
  const tp = sumSq - n;
  const fp = sumCol - sumSq; // pairs together in labelsPred only (scikit-learn's C[0,1])
  const fn = sumRow - sumSq; // pairs together in labelsTrue only (C[1,0])
  const tn = n * n - fp - fn - sumSq;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}
