/**
 * Missing values per column (NaN in numeric columns, code -1 in categorical ones).
 * Complexity: O(n · columns).
 */
import { isNumeric, type Table } from '../data/table';

/** Missing values of one column. */
export interface MissingCount {
  column: string;
  missing: number;
  /** missing / rows. */
  share: number;
}

/** Missing values of every column, in table order. */
export function missingCounts(table: Table): MissingCount[] {
  return table.columns.map((c) => {
    let m = 0;
    if (isNumeric(c)) { for (let i = 0; i < c.values.length; i++) if (c.values[i] !== c.values[i]) m++; }
    else for (let i = 0; i < c.codes.length; i++) if (c.codes[i] < 0) m++;
    return { column: c.name, missing: m, share: table.nRows ? m / table.nRows : NaN };
  });
}
