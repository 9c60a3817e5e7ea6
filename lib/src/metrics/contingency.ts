/**
 * Contingency table of two labellings (scikit-learn's `contingency_matrix`): entry (i, j) counts the rows with the
 * i-th distinct label of `a` and the j-th distinct label of `b` (distinct labels in increasing order).
 */
import { ValidationError } from '../core/errors';
import { encodeLabels } from './labels';

/** A dense contingency table. */
export interface ContingencyTable {
  /** rows × cols counts, row-major. */
  counts: Float64Array;
  /** Number of distinct labels of `a`. */
  rows: number;
  /** Number of distinct labels of `b`. */
  cols: number;
  /** Distinct labels of `a` (row order). */
  rowLabels: number[];
  /** Distinct labels of `b` (column order). */
  colLabels: number[];
  /** Row sums. */
  rowSums: Float64Array;
  /** Column sums. */
  colSums: Float64Array;
  /** Number of rows n. */
  n: number;
}

/**
 * Build the contingency table of two labellings of the same rows (any integer labels; -1 is treated as an
 * ordinary label here).
 *
 * Complexity: O(n + ka·kb) time and memory.
 * @throws ValidationError on different lengths or non-integer labels.
 * @example contingencyTable([0,0,1,1], [5,5,5,7]).counts // → [2,0, 1,1]
 */
export function contingencyTable(a: ArrayLike<number>, b: ArrayLike<number>): ContingencyTable {
  if (a.length !== b.length) throw new ValidationError(`labelsTrue has ${a.length} values but labelsPred has ${b.length}`);
  const shift = (x: ArrayLike<number>): Int32Array => {
    const out = new Int32Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = x[i] + 1; // -1 → 0 so that it is an ordinary label
    return out;
  };
  const ea = encodeLabels(shift(a), { name: 'labelsTrue' });
  const eb = encodeLabels(shift(b), { name: 'labelsPred' });
  const counts = new Float64Array(ea.k * eb.k);
  for (let i = 0; i < a.length; i++) counts[ea.codes[i] * eb.k + eb.codes[i]]++;
  return {
    counts, rows: ea.k, cols: eb.k,
    rowLabels: ea.levels.map((v) => v - 1), colLabels: eb.levels.map((v) => v - 1),
    rowSums: ea.counts, colSums: eb.counts, n: a.length,
  };
}
