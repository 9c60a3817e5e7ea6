/**
 * Range checks from the training data: a model bundle remembers the smallest and largest value of every numeric
 * input column, and scoring reports the values of new data that lie far outside anything seen (a negative credit
 * limit, an age of 400). Such rows are still scored (the pipeline clips or extrapolates) but reported, because
 * their segment is an extrapolation and the value is often a data error.
 *
 * "Far outside": below min − margin·(max − min) or above max + margin·(max − min) (margin 0.1 by default), or
 * negative in a column whose training values were all ≥ 0.
 *
 * Complexity: O(rows · columns) time, O(columns) memory.
 */
import { getColumn, hasColumn, isNumeric, type Table } from '../data/table';

/** The training range of one numeric input column. */
export interface ColumnRange {
  name: string;
  min: number;
  max: number;
}

/** Options of {@link outOfRange}. */
export interface OutOfRangeOptions {
  /** Tolerance beyond the training range, as a share of its width. Default 0.1. */
  margin?: number;
}

/** Defaults of {@link outOfRange}. */
export const DEFAULT_OUT_OF_RANGE_OPTIONS: Required<OutOfRangeOptions> = { margin: 0.1 };

/** Values of one column far outside its training range. */
export interface OutOfRangeColumn {
  column: string;
  /** Rows with such a value. */
  rows: number;
  /** The training range. */
  min: number;
  max: number;
  /** The most extreme such value and its row (CSV line, the header being line 1). */
  example: { row: number; value: number };
}

/** The finite min and max of every numeric column among `columns` (columns without a finite value are left out). */
export function trainingRanges(table: Table, columns: readonly string[]): ColumnRange[] {
  const out: ColumnRange[] = [];
  for (const name of columns) {
    if (!hasColumn(table, name)) continue;
    const c = getColumn(table, name);
    if (!isNumeric(c) || c.kind !== 'numeric') continue;
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < c.values.length; i++) {
      const v = c.values[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (Number.isFinite(min) && Number.isFinite(max)) out.push({ name, min, max });
  }
  return out;
}

/** The columns of `table` with values far outside their training `ranges`. */
export function outOfRange(table: Table, ranges: readonly ColumnRange[], opts: OutOfRangeOptions = {}): OutOfRangeColumn[] {
  const margin = opts.margin ?? DEFAULT_OUT_OF_RANGE_OPTIONS.margin;
  const out: OutOfRangeColumn[] = [];
  for (const r of ranges) {
    if (!hasColumn(table, r.name)) continue;
    const c = getColumn(table, r.name);
    if (!isNumeric(c)) continue;
    const width = r.max - r.min;
    const lo = r.min >= 0 ? Math.max(0, r.min - margin * width) : r.min - margin * width;
    const hi = r.max + margin * width;
    let rows = 0, worst = -1, worstBy = -Infinity;
    for (let i = 0; i < c.values.length; i++) {
      const v = c.values[i];
      if (!(v < lo || v > hi)) continue; // NaN passes: missing values are the imputer's business
      rows++;
      const by = v < lo ? lo - v : v - hi;
      if (by > worstBy) { worstBy = by; worst = i; }
    }
    if (rows) out.push({ column: r.name, rows, min: r.min, max: r.max, example: { row: worst + 2, value: c.values[worst] } });
  }
  return out;
}
