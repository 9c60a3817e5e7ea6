/**
 * EDA summaries of a large dataset computed in SQL, in the shapes of the in-memory EDA: per numeric column
 * count, missing, mean, std (n − 1), min, quartiles (linear interpolation, as numpy/pandas), max, pandas'
 * bias-corrected skewness and excess kurtosis, zeros and distinct values; per categorical column the levels with
 * their counts, missing values and the most frequent level (for an id column: count, missing and DuckDB's
 * estimate of the distinct values, no level list).
 *
 * Complexity: two scans for the moments (mean first, then central moments, as the in-memory two-pass), one
 * aggregate per column for the quantiles and distinct counts, one GROUP BY per categorical column.
 */
import type { NumericSummary } from '../eda/summary';
import { queryRows } from './duckdb';
import { groupedValueCounts } from './value-counts';
import { sqlIdent, type LargeDataset } from './open-dataset';

/** Summary of one categorical (or id) column. */
export interface LargeCategoricalSummary {
  name: string;
  kind: 'categorical' | 'id';
  count: number;
  missing: number;
  /** Distinct non-missing values. */
  unique: number;
  /** Levels by decreasing count (ties by level), at most `maxLevels`. */
  levels: Array<{ level: string; count: number }>;
  /** The most frequent level (ties: the first in sort order), or null when all missing. */
  mode: string | null;
}

/** The summaries of a large dataset. */
export interface LargeSummary {
  rows: number;
  numeric: NumericSummary[];
  categorical: LargeCategoricalSummary[];
}

/** Options of {@link summarizeLarge}. */
export interface SummarizeLargeOptions {
  /** Levels listed per categorical column. Default 50. */
  maxLevels: number;
}

/** Defaults of {@link SummarizeLargeOptions}. */
export const DEFAULT_SUMMARIZE_LARGE_OPTIONS: SummarizeLargeOptions = { maxLevels: 50 };

const num = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));

/**
 * Summaries of every column of `ds` (see the module comment).
 * @example (await summarizeLarge(ds)).numeric.find((s) => s.name === 'age').median
 */
export async function summarizeLarge(ds: LargeDataset, options: Partial<SummarizeLargeOptions> = {}): Promise<LargeSummary> {
  const o = { ...DEFAULT_SUMMARIZE_LARGE_OPTIONS, ...options };
  const conn = ds.session.conn;
  const numeric = ds.columns.filter((c) => c.kind === 'numeric');
  const out: LargeSummary = { rows: ds.nRows, numeric: [], categorical: [] };
  if (numeric.length) {
    const first = numeric.map((c, j) => {
      const x = sqlIdent(c.name);
      return [
        `count(${x}) AS n${j}`, `avg(${x}) AS m${j}`, `min(${x}) AS lo${j}`, `max(${x}) AS hi${j}`,
        `quantile_cont(${x}, [0.25, 0.5, 0.75]) AS q${j}`, `count(DISTINCT ${x}) AS u${j}`, `count(*) FILTER (WHERE ${x} = 0) AS z${j}`,
      ].join(', ');
    });
    const r1 = (await queryRows(conn, `SELECT ${first.join(', ')} FROM src`))[0];
    const means = numeric.map((_, j) => num(r1[`m${j}`]));
    const second = numeric.map((c, j) => {
      const dx = `(${sqlIdent(c.name)} - ${Number.isFinite(means[j]) ? means[j] : 0})`;
      return `sum(${dx} * ${dx}) AS s2_${j}, sum(${dx} * ${dx} * ${dx}) AS s3_${j}, sum(${dx} * ${dx} * ${dx} * ${dx}) AS s4_${j}`;
    });
    const r2 = (await queryRows(conn, `SELECT ${second.join(', ')} FROM src`))[0];
    numeric.forEach((c, j) => {
      const n = num(r1[`n${j}`]);
      const q = (r1[`q${j}`] as number[] | null) ?? [NaN, NaN, NaN];
      const m2 = num(r2[`s2_${j}`]), m3 = num(r2[`s3_${j}`]), m4 = num(r2[`s4_${j}`]);
      const unique = num(r1[`u${j}`]);
      let skewness = NaN;
      let kurtosis = NaN;
      if (n >= 3) skewness = m2 === 0 || unique === 1 ? 0 : (Math.sqrt(n * (n - 1)) / (n - 2)) * ((m3 / n) / Math.pow(m2 / n, 1.5));
      if (n >= 4) {
        if (m2 === 0 || unique === 1) kurtosis = 0;
        else {
          const g2 = (m4 / n) / Math.pow(m2 / n, 2) - 3;
          kurtosis = (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
        }
      }
      out.numeric.push({
        name: c.name, kind: 'numeric', count: n, missing: ds.nRows - n, mean: means[j], std: n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN,
        min: num(r1[`lo${j}`]), p25: num(q[0]), median: num(q[1]), p75: num(q[2]), max: num(r1[`hi${j}`]),
        skewness, kurtosis, zeros: num(r1[`z${j}`]), unique,
      });
    });
  }
  const text = ds.columns.filter((x) => x.kind !== 'numeric');
  const counts = await groupedValueCounts(conn, (sel) => `SELECT ${sel.join(', ')} FROM src`, text.filter((c) => c.kind === 'categorical').map((c) => sqlIdent(c.name)), Infinity);
  let k = 0;
  for (const c of text) {
    const x = sqlIdent(c.name);
    let levels: Array<{ level: string; count: number }>;
    let n: number;
    let unique: number;
    if (c.kind === 'categorical') {
      const vc = counts[k++] ?? [];
      const all = vc.filter((p) => p[0] !== null).map((p) => ({ level: String(p[0]), count: p[1] }));
      all.sort((a, b) => b.count - a.count || (a.level < b.level ? -1 : a.level > b.level ? 1 : 0));
      n = all.reduce((a, b) => a + b.count, 0);
      unique = all.length;
      levels = all.slice(0, o.maxLevels);
    } else {
      // an id: values are (nearly) all distinct, so no level list; the distinct count is DuckDB's estimate
      const stats = (await queryRows(conn, `SELECT count(${x}) AS n, approx_count_distinct(${x}) AS u FROM src`))[0];
      n = num(stats.n);
      unique = num(stats.u);
      levels = [];
    }
    out.categorical.push({
      name: c.name, kind: c.kind === 'id' ? 'id' : 'categorical', count: n, missing: ds.nRows - n, unique,
      levels, mode: levels.length ? levels[0].level : null,
    });
  }
  return out;
}
