/**
 * SimpleImputer: fill missing values (NaN in numeric columns, code -1 in categorical ones) with a statistic learnt
 * at fit time — the mean, the median or the most frequent value — as scikit-learn's `SimpleImputer`.
 */
import { ValidationError } from '../core/errors';
import { isNumeric, type CategoricalColumn, type Column, type NumericColumn, type Table } from '../data/table';
import { decodeNumber, encodeNumber, expectType, type JsonNumber } from './json';
import type { ColumnSelector, StepJSON } from './types';
import { BaseStep, quantileSorted, resolveSelector, sortedFinite, spliceColumns, meanVar } from './util';

/** Options of {@link SimpleImputer}. */
export interface SimpleImputerOptions {
  /** Statistic to fill with. `mean`/`median` apply to numeric columns only; `most_frequent` to both kinds. */
  strategy: 'mean' | 'median' | 'most_frequent';
  /** Columns to impute. Default: every numeric column (mean/median) or every numeric and categorical column (most_frequent). */
  columns: ColumnSelector | null;
  /**
   * A column with no observed value at fit time: `'error'` (default) throws a ValidationError naming it;
   * `'drop'` removes it from the output (scikit-learn's `keep_empty_features=False`) and lists it in `droppedColumns`.
   */
  allMissing: 'error' | 'drop';
}

/** Defaults of {@link SimpleImputerOptions}. */
export const DEFAULT_SIMPLE_IMPUTER_OPTIONS: SimpleImputerOptions = { strategy: 'median', columns: null, allMissing: 'error' };

/** The fill value learnt for one column: a number (numeric) or a level string (categorical). */
export type ImputerFill = { column: string; kind: 'numeric'; value: number } | { column: string; kind: 'categorical'; value: string };

/**
 * Fill missing values with a per-column statistic learnt at fit time.
 * Ties of `most_frequent` go to the smallest number / the first level in sort order (as scikit-learn).
 * Complexity: fit O(n) per column for mean and most-frequent categorical, O(n log n) for median and most-frequent numeric; transform O(n) per column.
 * @example new SimpleImputer({strategy: 'mean'}).fitTransform(t) // NaN in [1, NaN, 3] → [1, 2, 3]
 */
export class SimpleImputer extends BaseStep {
  readonly stepName = 'SimpleImputer';
  readonly options: SimpleImputerOptions;
  private fills: ImputerFill[] = [];
  private dropped: string[] = [];

  constructor(options: Partial<SimpleImputerOptions> = {}) {
    super();
    this.options = { ...DEFAULT_SIMPLE_IMPUTER_OPTIONS, ...options };
    if (!['mean', 'median', 'most_frequent'].includes(this.options.strategy)) {
      throw new ValidationError(`SimpleImputer: strategy should be 'mean' | 'median' | 'most_frequent', got ${JSON.stringify(this.options.strategy)}`);
    }
  }

  /** The fill values learnt at fit time. */
  get fillValues(): readonly ImputerFill[] { this.checkFitted(); return this.fills; }
  /** Columns removed because they had no observed value (with `allMissing: 'drop'`). */
  get droppedColumns(): readonly string[] { this.checkFitted(); return this.dropped; }

  fit(table: Table): this {
    this.checkTable(table);
    const { strategy, allMissing } = this.options;
    const selector = this.options.columns ?? (strategy === 'most_frequent' ? 'all' : 'numeric');
    const names = resolveSelector(table, selector, this.stepName);
    const fills: ImputerFill[] = [];
    const dropped: string[] = [];
    for (const name of names) {
      const c = table.columns.find((x) => x.name === name)!;
      if (c.kind === 'id') continue;
      if (isNumeric(c)) {
        const v = numericFill(c, strategy);
        if (Number.isNaN(v)) {
          if (allMissing === 'drop') { dropped.push(name); continue; }
          throw new ValidationError(`SimpleImputer: column "${name}" has no observed value (all ${table.nRows} missing): cannot compute its ${strategy}; drop it or use allMissing: 'drop'`);
        }
        fills.push({ column: name, kind: 'numeric', value: v });
      } else {
        if (strategy !== 'most_frequent') {
          if (Array.isArray(this.options.columns)) throw new ValidationError(`SimpleImputer: strategy '${strategy}' needs numeric columns, but "${name}" is categorical; use 'most_frequent'`);
          continue;
        }
        const level = mostFrequentLevel(c);
        if (level === null) {
          if (allMissing === 'drop') { dropped.push(name); continue; }
          throw new ValidationError(`SimpleImputer: column "${name}" has no observed value (all ${table.nRows} missing): cannot compute its most frequent level`);
        }
        fills.push({ column: name, kind: 'categorical', value: level });
      }
    }
    this.fills = fills;
    this.dropped = dropped;
    this.isFitted = true;
    return this;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const replace = new Map<string, Column[]>();
    for (const d of this.dropped) if (table.columns.some((c) => c.name === d)) replace.set(d, []);
    for (const f of this.fills) {
      const c = table.columns.find((x) => x.name === f.column);
      if (!c) throw new ValidationError(`SimpleImputer: column "${f.column}" seen at fit time is missing from the table`);
      if (f.kind === 'numeric') {
        if (!isNumeric(c)) throw new ValidationError(`SimpleImputer: column "${f.column}" was numeric at fit time, is ${c.kind} now`);
        replace.set(f.column, [fillNumeric(c, f.value)]);
      } else {
        if (isNumeric(c)) throw new ValidationError(`SimpleImputer: column "${f.column}" was categorical at fit time, is ${c.kind} now`);
        replace.set(f.column, [fillCategorical(c, f.value)]);
      }
    }
    return spliceColumns(table, replace);
  }

  toJSON(): StepJSON {
    const state = this.isFitted
      ? { fills: this.fills.map((f) => (f.kind === 'numeric' ? { ...f, value: encodeNumber(f.value) } : f)), dropped: this.dropped }
      : null;
    return { type: 'SimpleImputer', options: this.options, state };
  }

  static fromJSON(json: StepJSON): SimpleImputer {
    expectType(json, 'SimpleImputer');
    const s = new SimpleImputer(json.options as SimpleImputerOptions);
    const st = json.state as { fills: Array<{ column: string; kind: string; value: JsonNumber | string }>; dropped: string[] } | null;
    if (st) {
      s.fills = st.fills.map((f) => (f.kind === 'numeric'
        ? { column: f.column, kind: 'numeric' as const, value: decodeNumber(f.value) }
        : { column: f.column, kind: 'categorical' as const, value: String(f.value) }));
      s.dropped = [...st.dropped];
      s.isFitted = true;
    }
    return s;
  }
}

function numericFill(c: NumericColumn, strategy: SimpleImputerOptions['strategy']): number {
  if (strategy === 'mean') return meanVar(c.values).mean;
  const sorted = sortedFinite(c.values);
  if (sorted.length === 0) return NaN;
  if (strategy === 'median') return quantileSorted(sorted, 0.5);
  // most frequent: longest run in the sorted values; the first (smallest) run wins ties
  let best = sorted[0];
  let bestRun = 0;
  let run = 0;
  for (let i = 0; i < sorted.length; i++) {
    run = i > 0 && sorted[i] === sorted[i - 1] ? run + 1 : 1;
    if (run > bestRun) { bestRun = run; best = sorted[i]; }
  }
  return best;
}

function mostFrequentLevel(c: CategoricalColumn): string | null {
  const counts = new Float64Array(c.levels.length);
  let any = false;
  for (let i = 0; i < c.codes.length; i++) {
    const k = c.codes[i];
    if (k >= 0) { counts[k]++; any = true; }
  }
  if (!any) return null;
  let best: string | null = null;
  let bestCount = -1;
  for (let k = 0; k < counts.length; k++) {
    const lv = c.levels[k];
    if (counts[k] > bestCount || (counts[k] === bestCount && best !== null && lv < best)) { best = lv; bestCount = counts[k]; }
  }
  return best;
}

function fillNumeric(c: NumericColumn, value: number): NumericColumn {
  const v = new Float64Array(c.values.length);
  for (let i = 0; i < v.length; i++) { const x = c.values[i]; v[i] = Number.isNaN(x) ? value : x; }
  return { kind: c.kind, name: c.name, values: v };
}

function fillCategorical(c: CategoricalColumn, level: string): CategoricalColumn {
  let k = c.levels.indexOf(level);
  const levels = k >= 0 ? c.levels : [...c.levels, level];
  if (k < 0) k = levels.length - 1;
  const codes = new Int32Array(c.codes.length);
  for (let i = 0; i < codes.length; i++) codes[i] = c.codes[i] < 0 ? k : c.codes[i];
  return { kind: c.kind, name: c.name, codes, levels };
}
