/**
 * The whole descriptive EDA of a table in one call: shape, types, missing values, sentinels, duplicates, numeric
 * summaries, categorical frequencies, correlations and target rates (when the data set has a target).
 * Complexity: O(n · p² + n log n · p) for p numeric columns (correlation and sorting dominate).
 */
import { getColumn, hasColumn, isCategorical, type Table } from '../data/table';
import { dateDaysName, type DatasetSpec } from '../data/registry';
import { summarize, type NumericSummary } from './summary';
import { categoryFrequencies, summarizeCategorical, type CategoricalSummary, type CategoryFrequencies } from './frequencies';
import { duplicateRows } from './duplicates';
import { maskNumericSentinels, sentinelCounts, type SentinelCount } from './sentinels';
import { correlationMatrix, type CorrelationMatrix } from './correlation';
import { targetRateByCategory, type TargetRateByCategory } from './target-rate';
import { missingCounts, type MissingCount } from './missing';

/** Everything `edaReport` computes. */
export interface EdaReport {
  source: string;
  rows: number;
  columns: number;
  types: Array<{ name: string; kind: string; role: string | null }>;
  missing: MissingCount[];
  sentinels: SentinelCount[];
  duplicates: number;
  numeric: NumericSummary[];
  categorical: CategoricalSummary[];
  frequencies: CategoryFrequencies[];
  correlation: CorrelationMatrix;
  target: string | null;
  positiveClass: string | null;
  /** Target rate by each categorical column (empty without a target). */
  targetRates: TargetRateByCategory[];
}

/**
 * Compute the descriptive EDA of a table.
 * @param spec the data set spec (roles, sentinels, target) when known; the synthetic truth column is left out
 */
export function edaReport(table: Table, spec?: DatasetSpec | null): EdaReport {
  const role = (name: string): string | null =>
    spec?.columns.find((c) => c.name === name || (c.role === 'date' && dateDaysName(c.name) === name))?.role ?? null;
  const skip = new Set(spec?.truth ? [spec.truth] : []);
  const cols = table.columns.filter((c) => !skip.has(c.name));
  const t: Table = { nRows: table.nRows, columns: cols, source: table.source };
  const target = spec?.target && hasColumn(t, spec.target) ? spec.target : null;
  // rates need a categorical target with the positive class among its levels (a multi-class target is described only)
  const tc = target ? getColumn(t, target) : null;
  const positive = spec?.positiveClass ?? 'yes';
  const rated = tc && isCategorical(tc) && tc.levels.includes(positive) ? target : null;
  const categorical = summarizeCategorical(t);
  // numeric sentinels (pdays 999 / -1 = never contacted) are counted as such, then left out of the statistics and
  // correlations: a mean or an r computed with them describes the code, not the customers
  const masked = maskNumericSentinels(t, spec?.sentinels ?? []);
  const freqCols = categorical.filter((c) => c.kind === 'categorical').map((c) => c.name);
  return {
    source: table.source ?? '(unnamed table)',
    rows: t.nRows,
    columns: cols.length,
    types: cols.map((c) => ({ name: c.name, kind: c.kind, role: role(c.name) })),
    missing: missingCounts(t),
    sentinels: sentinelCounts(t, spec?.sentinels ?? []),
    duplicates: duplicateRows(t).duplicates,
    numeric: summarize(masked),
    categorical,
    frequencies: freqCols.map((c) => categoryFrequencies(t, c)),
    correlation: correlationMatrix(masked),
    target,
    positiveClass: rated ? positive : null,
    targetRates: rated
      ? freqCols.filter((c) => c !== rated).map((c) => targetRateByCategory(t, c, rated, positive))
      : [],
  };
}
