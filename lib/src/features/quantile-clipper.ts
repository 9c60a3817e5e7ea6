/**
 * QuantileClipper: clip each column to its [lower, upper] quantiles learnt at fit time (winsorizing), so that a few
 * extreme values do not dominate scaling and distances.
 */
import { ValidationError } from '../core/errors';
import type { Column, Table } from '../data/table';
import { decodeNumbers, encodeNumbers, expectType, type JsonNumber } from './json';
import type { ColumnSelector, StepJSON } from './types';
import { BaseStep, numericOf, quantileSorted, resolveSelector, sortedFinite, spliceColumns } from './util';

/** Options of {@link QuantileClipper}. */
export interface QuantileClipperOptions {
  /** Columns to clip. Default every numeric column. */
  columns: ColumnSelector;
  /** Lower quantile in [0, 1). Default 0.01. */
  lower: number;
  /** Upper quantile in (lower, 1]. Default 0.99. */
  upper: number;
}

/** Defaults of {@link QuantileClipperOptions}. */
export const DEFAULT_QUANTILE_CLIPPER_OPTIONS: QuantileClipperOptions = { columns: 'numeric', lower: 0.01, upper: 0.99 };

/**
 * Clip to fitted quantile bounds (linear interpolation between order statistics, as numpy). NaN stays NaN.
 * Complexity: fit O(n log n) per column, transform O(n).
 * @throws ValidationError for a column with no observed value.
 * @example new QuantileClipper({lower: 0, upper: 0.75}).fitTransform(t) // [1, 2, 3, 4, 5] → bound 4 → [1, 2, 3, 4, 4]
 */
export class QuantileClipper extends BaseStep {
  readonly stepName = 'QuantileClipper';
  readonly options: QuantileClipperOptions;
  private names: string[] = [];
  private lo: Float64Array = new Float64Array(0);
  private hi: Float64Array = new Float64Array(0);

  constructor(options: Partial<QuantileClipperOptions> = {}) {
    super();
    this.options = { ...DEFAULT_QUANTILE_CLIPPER_OPTIONS, ...options };
    const { lower, upper } = this.options;
    if (!(lower >= 0 && lower < upper && upper <= 1)) throw new ValidationError(`QuantileClipper: need 0 <= lower < upper <= 1, got lower=${lower}, upper=${upper}`);
  }

  /** Fitted [low, high] bounds per column. */
  get bounds(): Record<string, [number, number]> {
    this.checkFitted();
    return Object.fromEntries(this.names.map((n, j) => [n, [this.lo[j], this.hi[j]]]));
  }

  fit(table: Table): this {
    this.checkTable(table);
    const names = resolveSelector(table, this.options.columns, this.stepName);
    this.lo = new Float64Array(names.length);
    this.hi = new Float64Array(names.length);
    names.forEach((n, j) => {
      const s = sortedFinite(numericOf(table, n, this.stepName).values);
      if (s.length === 0) throw new ValidationError(`QuantileClipper: column "${n}" has no observed value (all ${table.nRows} missing)`);
      this.lo[j] = quantileSorted(s, this.options.lower);
      this.hi[j] = quantileSorted(s, this.options.upper);
    });
    this.names = names;
    this.isFitted = true;
    return this;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const replace = new Map<string, Column[]>();
    this.names.forEach((name, j) => {
      const src = numericOf(table, name, this.stepName).values;
      const lo = this.lo[j];
      const hi = this.hi[j];
      const v = new Float64Array(src.length);
      for (let i = 0; i < v.length; i++) { const x = src[i]; v[i] = x < lo ? lo : x > hi ? hi : x; }
      replace.set(name, [{ kind: 'numeric', name, values: v }]);
    });
    return spliceColumns(table, replace);
  }

  toJSON(): StepJSON {
    return {
      type: 'QuantileClipper', options: this.options,
      state: this.isFitted ? { names: this.names, lo: encodeNumbers(this.lo), hi: encodeNumbers(this.hi) } : null,
    };
  }

  static fromJSON(json: StepJSON): QuantileClipper {
    expectType(json, 'QuantileClipper');
    const c = new QuantileClipper(json.options as QuantileClipperOptions);
    const st = json.state as { names: string[]; lo: JsonNumber[]; hi: JsonNumber[] } | null;
    if (st) { c.names = [...st.names]; c.lo = decodeNumbers(st.lo); c.hi = decodeNumbers(st.hi); c.isFitted = true; }
    return c;
  }
}
