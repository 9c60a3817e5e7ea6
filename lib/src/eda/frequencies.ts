/**
 * Frequencies of categorical columns: counts per level (missing counted apart), and a one-line summary per column.
 * Complexity: O(n + levels · log levels) per column.
 */
import { ValidationError } from '../core/errors';
import { getColumn, isCategorical, type CategoricalColumn, type Table } from '../data/table';

/** One level's frequency. */
export interface LevelCount {
  level: string;
  count: number;
  /** count / non-missing rows. */
  share: number;
}

/** Frequencies of one categorical column. */
export interface CategoryFrequencies {
  column: string;
  /** Levels by decreasing count (ties: level order). Levels with zero count are kept. */
  levels: LevelCount[];
  missing: number;
  count: number;
}

/** Per-column summary of a categorical column. */
export interface CategoricalSummary {
  name: string;
  kind: 'categorical' | 'id';
  count: number;
  missing: number;
  unique: number;
  top: string | null;
  topCount: number;
  topShare: number;
}

function countCodes(c: CategoricalColumn): { counts: Float64Array; missing: number } {
  const counts = new Float64Array(c.levels.length);
  let missing = 0;
  const codes = c.codes;
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i];
    if (k < 0) missing++;
    else counts[k]++;
  }
  return { counts, missing };
}

/**
 * Counts of each level of a categorical column.
 * @throws ValidationError when the column is absent or not categorical
 */
export function categoryFrequencies(table: Table, column: string): CategoryFrequencies {
  const c = getColumn(table, column);
  if (!isCategorical(c)) throw new ValidationError(`categoryFrequencies: column "${column}" is ${c.kind}, expected categorical`);
  const { counts, missing } = countCodes(c);
  const count = c.codes.length - missing;
  const levels = c.levels
    .map((level, k) => ({ level, count: counts[k], share: count ? counts[k] / count : NaN, k }))
    .sort((a, b) => b.count - a.count || a.k - b.k)
    .map(({ level, count: n, share }) => ({ level, count: n, share }));
  return { column, levels, missing, count };
}

/** A summary line per categorical/id column (count, missing, unique, most frequent level). */
export function summarizeCategorical(table: Table): CategoricalSummary[] {
  const out: CategoricalSummary[] = [];
  for (const c of table.columns) {
    if (!isCategorical(c)) continue;
    const { counts, missing } = countCodes(c);
    let top = -1;
    let unique = 0;
    for (let k = 0; k < counts.length; k++) {
      if (counts[k] > 0) unique++;
      if (top < 0 || counts[k] > counts[top]) top = k;
    }
    const count = c.codes.length - missing;
    const topCount = top >= 0 ? counts[top] : 0;
    out.push({
      name: c.name, kind: c.kind, count, missing, unique,
      top: top >= 0 && topCount > 0 ? c.levels[top] : null, topCount, topShare: count ? topCount / count : NaN,
    });
  }
  return out;
}
