/**
 * SentinelExpander: split a numeric column that uses a sentinel for "never" (bank `pdays`: 999 in
 * bank-additional-full, −1 in the Kaggle bank.csv) into a 0/1 flag (`contacted_before`) and the value where it is
 * meaningful (`days_since_contact`), filled for the sentinel rows by a stated policy.
 */
import { ValidationError } from '../core/errors';
import type { Column, Table } from '../data/table';
import { decodeNumber, encodeNumber, expectType, type JsonNumber } from './json';
import type { StepJSON } from './types';
import { BaseStep, numericOf, quantileSorted, sortedFinite, spliceColumns } from './util';

/** Options of {@link SentinelExpander}. */
export interface SentinelExpanderOptions {
  /** The column holding the sentinel. Default `'pdays'`. */
  column: string;
  /** The sentinel value, or `'auto'`: 999 if present at fit time, else −1. Default `'auto'`. */
  sentinel: number | 'auto';
  /** Name of the 0/1 flag (1 = value present, i.e. not the sentinel). Default `'contacted_before'`. */
  flagName: string;
  /** Name of the value column. Default `'days_since_contact'`. */
  valueName: string;
  /**
   * What the value column holds on sentinel rows: `'nan'` (default; impute later), the fit-time `'median'` or
   * `'max'` of the real values, or a fixed number.
   */
  fill: 'nan' | 'median' | 'max' | number;
  /** Keep the original column too. Default false (it is replaced by the two new columns). */
  keepOriginal: boolean;
}

/** Defaults of {@link SentinelExpanderOptions}. */
export const DEFAULT_SENTINEL_EXPANDER_OPTIONS: SentinelExpanderOptions = {
  column: 'pdays', sentinel: 'auto', flagName: 'contacted_before', valueName: 'days_since_contact', fill: 'nan', keepOriginal: false,
};

/**
 * Expand a sentinel-coded column into flag + value (see the module comment). Missing (NaN) inputs give NaN in both.
 * Complexity: O(n) (O(n log n) at fit for `fill: 'median'`).
 * @example // pdays [999, 6, 3] → contacted_before [0, 1, 1], days_since_contact [NaN, 6, 3]
 */
export class SentinelExpander extends BaseStep {
  readonly stepName = 'SentinelExpander';
  readonly options: SentinelExpanderOptions;
  private sentinelValue = NaN;
  private fillValue = NaN;

  constructor(options: Partial<SentinelExpanderOptions> = {}) {
    super();
    this.options = { ...DEFAULT_SENTINEL_EXPANDER_OPTIONS, ...options };
    const f = this.options.fill;
    if (!(f === 'nan' || f === 'median' || f === 'max' || typeof f === 'number')) {
      throw new ValidationError(`SentinelExpander: fill should be 'nan' | 'median' | 'max' | a number, got ${JSON.stringify(f)}`);
    }
  }

  /** The sentinel in use and the fill value for sentinel rows (NaN for `fill: 'nan'`). */
  get fittedValues(): { sentinel: number; fill: number } { this.checkFitted(); return { sentinel: this.sentinelValue, fill: this.fillValue }; }

  fit(table: Table): this {
    this.checkTable(table);
    const v = numericOf(table, this.options.column, this.stepName).values;
    let sentinel: number;
    if (this.options.sentinel === 'auto') sentinel = v.includes(999) ? 999 : -1;
    else sentinel = this.options.sentinel;
    const real = new Float64Array(v.length);
    let n = 0;
    for (let i = 0; i < v.length; i++) if (v[i] !== sentinel && !Number.isNaN(v[i])) real[n++] = v[i];
    const f = this.options.fill;
    let fill = NaN;
    if (typeof f === 'number') fill = f;
    else if (f !== 'nan') {
      if (n === 0) throw new ValidationError(`SentinelExpander: column "${this.options.column}" holds only the sentinel ${sentinel} (or missing values): no real value to compute the fill '${f}' from`);
      const s = sortedFinite(real.subarray(0, n));
      fill = f === 'median' ? quantileSorted(s, 0.5) : s[s.length - 1];
    }
    this.sentinelValue = sentinel;
    this.fillValue = fill;
    this.isFitted = true;
    return this;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const { column, flagName, valueName, keepOriginal } = this.options;
    const v = numericOf(table, column, this.stepName).values;
    const flag = new Float64Array(v.length);
    const value = new Float64Array(v.length);
    const s = this.sentinelValue;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (Number.isNaN(x)) { flag[i] = NaN; value[i] = NaN; }
      else if (x === s) { flag[i] = 0; value[i] = this.fillValue; }
      else { flag[i] = 1; value[i] = x; }
    }
    const orig = table.columns.find((c) => c.name === column)!;
    const cols: Column[] = [{ kind: 'numeric', name: flagName, values: flag }, { kind: 'numeric', name: valueName, values: value }];
    return spliceColumns(table, new Map([[column, keepOriginal ? [orig, ...cols] : cols]]));
  }

  toJSON(): StepJSON {
    return {
      type: 'SentinelExpander', options: this.options,
      state: this.isFitted ? { sentinel: encodeNumber(this.sentinelValue), fill: encodeNumber(this.fillValue) } : null,
    };
  }

  static fromJSON(json: StepJSON): SentinelExpander {
    expectType(json, 'SentinelExpander');
    const e = new SentinelExpander(json.options as SentinelExpanderOptions);
    const st = json.state as { sentinel: JsonNumber; fill: JsonNumber } | null;
    if (st) { e.sentinelValue = decodeNumber(st.sentinel); e.fillValue = decodeNumber(st.fill); e.isFitted = true; }
    return e;
  }
}
