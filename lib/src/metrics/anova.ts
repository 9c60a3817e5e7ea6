/**
 * One-way ANOVA F-test of each feature across clusters (scipy's `f_oneway` per column), with eta² effect sizes:
 * F = [SSB / (k − 1)] / [SSW / (n − k)], p = P(F_{k−1, n−k} > F), η² = SSB / SST (share of the feature's variance
 * explained by the clusters). Note: when the clusters were fitted on these same features the p-values are not a
 * valid test (the groups were chosen to differ); read them as a ranking of which features separate the clusters.
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { encodeLabels } from './labels';
import { fDistributionSf } from './special-functions';

/** Result of a one-way ANOVA on one feature. */
export interface AnovaResult {
  /** Feature name (column name or `x<j>`). */
  feature: string;
  /** F statistic (NaN when the within-cluster sum of squares is 0 and the between one too). */
  F: number;
  /** Upper-tail p-value. */
  pValue: number;
  /** η² = SSB / SST in [0, 1]. */
  etaSquared: number;
  /** Degrees of freedom (k − 1, n − k). */
  df1: number;
  df2: number;
}

/**
 * One-way ANOVA of one sample split in groups.
 * Complexity: O(n).
 * @param values n values; @param groups n integer group labels (-1 rows excluded).
 * @example oneWayAnova([1,2,3, 4,5,6], [0,0,0,1,1,1]).F // → 13.5 (SSB = 13.5, SSW = 4, df 1 and 4)
 */
export function oneWayAnova(values: ArrayLike<number>, groups: ArrayLike<number>, feature = 'x'): AnovaResult {
  const { codes, k, counts, nValid } = encodeLabels(groups, { n: values.length, name: 'groups', allowNoise: true });
  if (k < 2) throw new ValidationError(`ANOVA needs at least 2 groups, got ${k}`);
  if (nValid <= k) throw new ValidationError(`ANOVA needs more rows (${nValid}) than groups (${k})`);
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const c = codes[i];
    if (c < 0) continue;
    const v = values[i];
    if (!Number.isFinite(v)) throw new ValidationError(`${feature}: value ${v} at row ${i} is not finite`);
    sums[c] += v;
    total += v;
  }
  const grand = total / nValid;
  let ssw = 0, sst = 0;
  for (let i = 0; i < values.length; i++) {
    const c = codes[i];
    if (c < 0) continue;
    const m = sums[c] / counts[c];
    ssw += (values[i] - m) ** 2;
    sst += (values[i] - grand) ** 2;
  }
  let ssb = 0;
  for (let c = 0; c < k; c++) ssb += counts[c] * (sums[c] / counts[c] - grand) ** 2;
  const df1 = k - 1, df2 = nValid - k;
  const F = ssw > 0 ? (ssb / df1) / (ssw / df2) : ssb > 0 ? Infinity : NaN;
  return { feature, F, pValue: fDistributionSf(F, df1, df2), etaSquared: sst > 0 ? ssb / sst : NaN, df1, df2 };
}

/**
 * ANOVA of every column of X across the clusters of `labels`.
 * Complexity: O(n·d).
 * @param columns optional column names (length d).
 */
export function anovaByCluster(X: Matrix, labels: ArrayLike<number>, columns?: readonly string[]): AnovaResult[] {
  checkMatrix(X, { name: 'X' });
  if (columns && columns.length !== X.cols) throw new ValidationError(`columns has ${columns.length} names, X has ${X.cols} columns`);
  const out: AnovaResult[] = [];
  const col = new Float64Array(X.rows);
  for (let j = 0; j < X.cols; j++) {
    for (let i = 0; i < X.rows; i++) col[i] = X.data[i * X.cols + j];
    out.push(oneWayAnova(col, labels, columns ? columns[j] : `x${j}`));
  }
  return out;
}
