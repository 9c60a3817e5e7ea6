/**
 * Target rate by category: for each level of a categorical column, the share of rows whose target equals the
 * positive class (descriptive, no model). Rows with a missing category or target are left out.
 * Complexity: O(n).
 */
import { ValidationError } from '../core/errors';
import { categoricalColumn, type Table } from '../data/table';

/** One level's target rate. */
export interface TargetRate {
  level: string;
  count: number;
  positives: number;
  /** positives / count (NaN for an empty level). */
  rate: number;
}

/** Target rates of one column. */
export interface TargetRateByCategory {
  column: string;
  target: string;
  positive: string;
  /** Overall rate over rows with both values present. */
  overall: number;
  /** Levels by decreasing rate (empty levels last). */
  levels: TargetRate[];
}

/**
 * Share of the positive class per level of `column`.
 * @throws ValidationError when a column is absent or not categorical, or the positive class is not a level of the target
 */
export function targetRateByCategory(table: Table, column: string, target: string, positive = 'yes'): TargetRateByCategory {
  const c = categoricalColumn(table, column);
  const t = categoricalColumn(table, target);
  const pos = t.levels.indexOf(positive);
  if (pos < 0) throw new ValidationError(`targetRateByCategory: positive="${positive}" is not a level of "${target}" (${t.levels.join(', ')})`);
  const n = new Float64Array(c.levels.length);
  const y = new Float64Array(c.levels.length);
  let all = 0, allPos = 0;
  for (let i = 0; i < table.nRows; i++) {
    const k = c.codes[i], tk = t.codes[i];
    if (k < 0 || tk < 0) continue;
    n[k]++;
    all++;
    if (tk === pos) { y[k]++; allPos++; }
  }
  const levels = c.levels
    .map((level, k) => ({ level, count: n[k], positives: y[k], rate: n[k] ? y[k] / n[k] : NaN }))
    .sort((a, b) => (b.rate === b.rate ? b.rate : -1) - (a.rate === a.rate ? a.rate : -1));
  return { column, target, positive, overall: all ? allPos / all : NaN, levels };
}
