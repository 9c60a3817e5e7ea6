/**
 * Counts of sentinel values (a number or a category that stands for "not applicable" or "missing", such as
 * `pdays` = 999 or the category `unknown`).
 * Complexity: O(n) per sentinel.
 */
import { hasColumn, getColumn, isNumeric, type Column, type Table } from '../data/table';
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

/**
 * A copy of the table where numeric sentinel values (such as `pdays` = 999, "never contacted") read as missing
 * (NaN), so that means and medians describe the customers the column applies to. Categorical sentinels such as
 * `unknown` stay a level: their share is itself informative. The input table is not modified; columns without a
 * numeric sentinel are shared, not copied.
 * @example maskNumericSentinels(table, loaded.spec.sentinels) // pdays 999 → NaN
 */
export function maskNumericSentinels(table: Table, sentinels: readonly Sentinel[]): Table {
  const byColumn = new Map<string, number[]>();
  for (const s of sentinels) {
    const v = typeof s.value === 'number' ? s.value : Number(s.value);
    if (!Number.isFinite(v) || !hasColumn(table, s.column) || !isNumeric(getColumn(table, s.column))) continue;
    byColumn.set(s.column, [...(byColumn.get(s.column) ?? []), v]);
  }
  if (byColumn.size === 0) return table;
  const columns: Column[] = table.columns.map((c) => {
    const values = byColumn.get(c.name);
    if (!values || !isNumeric(c)) return c;
    const out = Float64Array.from(c.values);
    for (let i = 0; i < out.length; i++) if (values.includes(out[i])) out[i] = NaN;
    return { kind: c.kind, name: c.name, values: out };
  });
  return { ...table, columns };
}
