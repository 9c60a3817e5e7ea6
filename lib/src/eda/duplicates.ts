/**
 * Exact duplicate rows: rows equal, column by column, to an earlier row (missing equals missing). Rows are hashed
 * (FNV-1a over the numeric bits and category codes) and equal hashes are compared exactly, so collisions cannot
 * produce false duplicates.
 * Complexity: O(n · columns) expected time, O(n) memory.
 */
import { isNumeric, type Table } from '../data/table';

/** Result of `duplicateRows`. */
export interface DuplicateRows {
  /** Rows that repeat an earlier row (pandas `df.duplicated().sum()`). */
  duplicates: number;
  /** Distinct rows. */
  unique: number;
  /** Indices of the duplicate rows (the later copies). */
  indices: Int32Array;
}

/**
 * Count the exact duplicate rows of a table.
 * @param columns compare only these columns (default: all)
 */
export function duplicateRows(table: Table, columns?: readonly string[]): DuplicateRows {
  const cols = columns ? table.columns.filter((c) => columns.includes(c.name)) : table.columns;
  const n = table.nRows;
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  const hashes = new Uint32Array(n).fill(0x811c9dc5);
  for (const c of cols) {
    if (isNumeric(c)) {
      const v = c.values;
      for (let i = 0; i < n; i++) {
        const x = v[i];
        f64[0] = x === x ? (x === 0 ? 0 : x) : NaN; // -0 equals 0; one NaN
        let h = hashes[i];
        h = Math.imul(h ^ u32[0], 0x01000193);
        h = Math.imul(h ^ u32[1], 0x01000193);
        hashes[i] = h >>> 0;
      }
    } else {
      const codes = c.codes;
      for (let i = 0; i < n; i++) hashes[i] = Math.imul(hashes[i] ^ (codes[i] + 1), 0x01000193) >>> 0;
    }
  }
  const equal = (a: number, b: number): boolean => {
    for (const c of cols) {
      if (isNumeric(c)) {
        const x = c.values[a], y = c.values[b];
        if (x !== y && !(x !== x && y !== y)) return false;
      } else if (c.codes[a] !== c.codes[b]) return false;
    }
    return true;
  };
  const firstByHash = new Map<number, number[]>();
  const dup: number[] = [];
  for (let i = 0; i < n; i++) {
    const h = hashes[i];
    const bucket = firstByHash.get(h);
    if (!bucket) {
      firstByHash.set(h, [i]);
      continue;
    }
    let found = false;
    for (const j of bucket) if (equal(i, j)) { found = true; break; }
    if (found) dup.push(i);
    else bucket.push(i);
  }
  return { duplicates: dup.length, unique: n - dup.length, indices: Int32Array.from(dup) };
}
