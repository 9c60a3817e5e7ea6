/**
 * Summary statistics of the numeric columns of a table, in one pass for the moments plus one sort per column for
 * the quantiles: count, missing, mean, std (n − 1, as pandas), min, p25, median, p75, max (linear quantiles),
 * skewness and excess kurtosis with pandas' bias-corrected definitions, and the number of zeros.
 *
 * Reference: pandas `Series.skew` / `Series.kurt` (adjusted Fisher–Pearson G1; G2 = ((n+1)·g2 + 6)·(n−1)/((n−2)(n−3))).
 * Complexity: O(n log n) per column (the sort), O(n) extra memory per column at a time.
 */
import { ValidationError } from '../core/errors';
import { getColumn, isNumeric, type NumericColumn, type Table } from '../data/table';
import { quantileSorted } from './quantile';

/** Summary of one numeric column. */
export interface NumericSummary {
  name: string;
  kind: 'numeric' | 'date';
  /** Non-missing values. */
  count: number;
  missing: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  std: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  max: number;
  /** Bias-corrected sample skewness (pandas); NaN when count < 3; 0 for a constant column. */
  skewness: number;
  /** Bias-corrected excess kurtosis (pandas); NaN when count < 4; 0 for a constant column. */
  kurtosis: number;
  zeros: number;
  /** Distinct non-missing values. */
  unique: number;
}

/** Options of `summarize`. */
export interface SummarizeOptions {
  /** Columns to summarize (default: every numeric and date column). */
  columns?: readonly string[];
}

/** Moments of one column (internal kernel; trusts its input). */
export function summarizeValues(name: string, kind: 'numeric' | 'date', v: Float64Array): NumericSummary {
  const n0 = v.length;
  const sorted = new Float64Array(n0);
  let k = 0;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < n0; i++) {
    const x = v[i];
    if (x === x) {
      sorted[k++] = x;
      sum += x;
      if (x === 0) zeros++;
    }
  }
  const n = k;
  const xs = sorted.subarray(0, n).sort();
  const mean = n ? sum / n : NaN;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  let unique = n ? 1 : 0;
  for (let i = 1; i < n; i++) if (xs[i] !== xs[i - 1]) unique++;
  const std = n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN;
  // pandas treats a variance below ~1e-14 relative scale as zero; exact zero here
  let skewness = NaN;
  let kurtosis = NaN;
  if (n >= 3) {
    if (m2 === 0 || unique === 1) skewness = 0;
    else {
      const g1 = (m3 / n) / Math.pow(m2 / n, 1.5);
      skewness = (Math.sqrt(n * (n - 1)) / (n - 2)) * g1;
    }
  }
  if (n >= 4) {
    if (m2 === 0 || unique === 1) kurtosis = 0;
    else {
      const g2 = (m4 / n) / ((m2 / n) * (m2 / n)) - 3;
      kurtosis = (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
    }
  }
  return {
    name, kind, count: n, missing: n0 - n, mean, std,
    min: n ? xs[0] : NaN, p25: quantileSorted(xs, 0.25), median: quantileSorted(xs, 0.5), p75: quantileSorted(xs, 0.75),
    max: n ? xs[n - 1] : NaN, skewness, kurtosis, zeros, unique,
  };
}

/**
 * Summary statistics of the numeric (and date) columns.
 * @throws ValidationError when a requested column is absent or not numeric
 * @example summarize(makeTable([{kind:'numeric', name:'x', values: Float64Array.of(1, 2, 3, 4)}]))[0].p25 // 1.75
 */
export function summarize(table: Table, opts: SummarizeOptions = {}): NumericSummary[] {
  const cols: NumericColumn[] = [];
  if (opts.columns) {
    for (const name of opts.columns) {
      const c = getColumn(table, name);
      if (!isNumeric(c)) throw new ValidationError(`summarize: column "${name}" is ${c.kind}, expected numeric`);
      cols.push(c);
    }
  } else for (const c of table.columns) if (isNumeric(c)) cols.push(c);
  return cols.map((c) => summarizeValues(c.name, c.kind, c.values));
}
