/**
 * Conversion of a Table to a danfo.js DataFrame, for display only (danfo is slow on large data; the library computes
 * on typed arrays). danfojs-node is required lazily inside the function because it takes seconds to load.
 *
 * Complexity: O(rows · columns).
 */
import { isNumeric, type Table } from './table';

/**
 * A danfo DataFrame with the table's columns: numbers (NaN for missing), strings (null for missing), dates as ISO
 * strings.
 * @param maxRows convert only the first `maxRows` rows (default: all)
 * @returns a `danfojs-node` DataFrame (typed `any` to keep danfo's types out of the library's public surface)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function toDataFrame(table: Table, maxRows?: number): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require('danfojs-node');
  const n = Math.min(table.nRows, maxRows ?? table.nRows);
  const obj: Record<string, unknown[]> = {};
  for (const c of table.columns) {
    const out = new Array(n);
    if (isNumeric(c)) {
      for (let i = 0; i < n; i++) {
        const v = c.values[i];
        out[i] = c.kind === 'date' ? (v === v ? new Date(v).toISOString() : null) : v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const k = c.codes[i];
        out[i] = k < 0 ? null : c.levels[k];
      }
    }
    obj[c.name] = out;
  }
  return new dfd.DataFrame(obj);
}
