/**
 * Internal base of the three scalers: each learns per-column `center` and `scale` and maps x → (x − center) / scale
 * + offset. Missing values (NaN) are ignored at fit time and stay NaN. A column whose spread is 0 gets scale 1
 * (as scikit-learn) and is listed in `constantColumns` so callers can say so.
 */
import { ValidationError } from '../core/errors';
import type { Column, NumericColumn, Table } from '../data/table';
import { decodeNumbers, encodeNumbers, type JsonNumber } from './json';
import type { ColumnSelector, StepJSON } from './types';
import { BaseStep, numericOf, resolveSelector, spliceColumns } from './util';

/** Fitted parameters of one column. */
export interface ScaleParams { center: number; scale: number }

export abstract class AffineScaler<O extends { columns: ColumnSelector }> extends BaseStep {
  readonly options: O;
  protected names: string[] = [];
  protected centers: Float64Array = new Float64Array(0);
  protected scales: Float64Array = new Float64Array(0);
  protected constants: string[] = [];

  constructor(defaults: O, options: Partial<O>) {
    super();
    this.options = { ...defaults, ...options };
  }

  /** Fitted (center, scale) per column name. */
  get params(): Record<string, ScaleParams> {
    this.checkFitted();
    const out: Record<string, ScaleParams> = {};
    this.names.forEach((n, j) => { out[n] = { center: this.centers[j], scale: this.scales[j] }; });
    return out;
  }

  /** Columns whose spread was 0 at fit time: they were given scale 1 (output = value − center). */
  get constantColumns(): readonly string[] { this.checkFitted(); return this.constants; }

  /** Offset added after scaling (0 except for min-max with a range not starting at 0). */
  protected offset(): number { return 0; }

  /** (center, spread) of a column's non-missing values; spread 0 means constant. NaN center means no value. */
  protected abstract columnParams(values: Float64Array): { center: number; spread: number };

  fit(table: Table): this {
    this.checkTable(table);
    const names = resolveSelector(table, this.options.columns, this.stepName);
    const centers = new Float64Array(names.length);
    const scales = new Float64Array(names.length);
    const constants: string[] = [];
    names.forEach((name, j) => {
      const c = numericOf(table, name, this.stepName);
      const { center, spread } = this.columnParams(c.values);
      if (Number.isNaN(center)) {
        throw new ValidationError(`${this.stepName}: column "${name}" has no observed value (all ${table.nRows} missing): impute or drop it first`);
      }
      centers[j] = center;
      if (spread === 0 || !Number.isFinite(spread)) { scales[j] = 1; constants.push(name); } else scales[j] = spread;
    });
    this.names = names;
    this.centers = centers;
    this.scales = scales;
    this.constants = constants;
    this.isFitted = true;
    return this;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const off = this.offset();
    const replace = new Map<string, Column[]>();
    this.names.forEach((name, j) => {
      const c = numericOf(table, name, this.stepName);
      const m = this.centers[j];
      const s = this.scales[j];
      const src = c.values;
      const v = new Float64Array(src.length);
      for (let i = 0; i < v.length; i++) v[i] = (src[i] - m) / s + off;
      replace.set(name, [{ kind: 'numeric', name, values: v } as NumericColumn]);
    });
    return spliceColumns(table, replace);
  }

  toJSON(): StepJSON {
    return {
      type: this.stepName,
      options: this.options,
      state: this.isFitted
        ? { names: this.names, centers: encodeNumbers(this.centers), scales: encodeNumbers(this.scales), constants: this.constants }
        : null,
    };
  }

  /** Load fitted state saved by `toJSON`. */
  protected loadState(state: unknown): this {
    const st = state as { names: string[]; centers: JsonNumber[]; scales: JsonNumber[]; constants: string[] } | null;
    if (st) {
      this.names = [...st.names];
      this.centers = decodeNumbers(st.centers);
      this.scales = decodeNumbers(st.scales);
      this.constants = [...st.constants];
      this.isFitted = true;
    }
    return this;
  }
}
