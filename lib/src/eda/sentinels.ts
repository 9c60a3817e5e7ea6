/**
 * Counts of sentinel values (a number or a category that stands for "not applicable" or "missing", such as
 * `pdays` = 999 or the category `unknown`).
 * Complexity: O(n) per sentinel.
 */
import { hasColumn, getColumn, isNumeric, type Table } from '../data/table';
import type { Sentinel } from '../data/registry';

/** How often a sentinel occurs. */
export interface SentinelCount extends Sentinel {
  count: number;
  /** count / rows. */
  share: number;
}

/**
 * Count each sentinel in the table (sentinels naming absent columns are skipped).
 * @example sentinelCounts(table, [{ column: 'pdays', value: 999, meaning: 'never contacted' }])
 */
export function sentinelCounts(table: Table, sentinels: readonly Sentinel[]): SentinelCount[] {
  const out: SentinelCount[] = [];
  for (const s of sentinels) {
    if (!hasColumn(table, s.column)) continue;
    const c = getColumn(table, s.column);
    let count = 0;
    if (isNumeric(c)) {
      const target = typeof s.value === 'number' ? s.value : Number(s.value);
      for (let i = 0; i < c.values.length; i++) if (c.values[i] === target) count++;
    } else {
      const k = c.levels.indexOf(String(s.value));
      if (k >= 0) for (let i = 0; i < c.codes.length; i++) if (c.codes[i] === k) count++;
    }
    out.push({ ...s, count, share: table.nRows ? count / table.nRows : NaN });
  }
  return out;
}
