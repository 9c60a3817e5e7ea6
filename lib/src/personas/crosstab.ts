/**
 * Cross-tabulation of two labellings of the same customers (e.g. personas × clusters): counts, row shares and
 * column shares, with names. Built on the metrics contingency table; label −1 is kept as its own row/column.
 */
import { contingencyTable } from '../metrics/contingency';

/** Names for labels; −1 defaults to "none". */
export interface CrossTabOptions {
  /** Names of the row labels, by label (index = label). Default `<label>`. */
  rowNames?: readonly string[];
  /** Names of the column labels. */
  colNames?: readonly string[];
  /** Name of label −1. Default "none". */
  noneName?: string;
}

/** A named cross-tabulation. */
export interface CrossTab {
  readonly rowLabels: readonly number[];
  readonly colLabels: readonly number[];
  readonly rowNames: readonly string[];
  readonly colNames: readonly string[];
  /** counts[r][c]. */
  readonly counts: readonly number[][];
  /** counts / row total (each row sums to 1). */
  readonly rowShares: readonly number[][];
  /** counts / column total (each column sums to 1). */
  readonly colShares: readonly number[][];
  readonly rowTotals: readonly number[];
  readonly colTotals: readonly number[];
  readonly n: number;
}

/**
 * Cross-tabulate `rows` × `cols` (only labels that occur appear, in increasing order).
 * Complexity: O(n + R·C).
 * @throws ValidationError on different lengths or non-integer labels.
 * @example crossTabulate([0,0,1], [1,1,1]).counts // → [[2], [1]]
 */
export function crossTabulate(rows: ArrayLike<number>, cols: ArrayLike<number>, options: CrossTabOptions = {}): CrossTab {
  const t = contingencyTable(rows, cols);
  const none = options.noneName ?? 'none';
  const counts: number[][] = [], rowShares: number[][] = [], colShares: number[][] = [];
  for (let r = 0; r < t.rows; r++) {
    const c = Array.from(t.counts.subarray(r * t.cols, (r + 1) * t.cols));
    counts.push(c);
    rowShares.push(c.map((v) => v / t.rowSums[r]));
    colShares.push(c.map((v, j) => v / t.colSums[j]));
  }
  const name = (names: readonly string[] | undefined, l: number) => (l < 0 ? none : names?.[l] ?? String(l));
  return {
    rowLabels: t.rowLabels, colLabels: t.colLabels,
    rowNames: t.rowLabels.map((l) => name(options.rowNames, l)), colNames: t.colLabels.map((l) => name(options.colNames, l)),
    counts, rowShares, colShares, rowTotals: Array.from(t.rowSums), colTotals: Array.from(t.colSums), n: t.n,
  };
}
