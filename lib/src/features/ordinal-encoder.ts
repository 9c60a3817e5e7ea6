/**
 * OrdinalEncoder: an ordered categorical column (low < medium < high) becomes its rank, 0 for the lowest level, as
 * a numeric column (scikit-learn's `OrdinalEncoder` with explicit categories). Missing values and levels not in
 * the order become NaN, imputed later. The order is an option, so the step is plain data.
 */
import { ValidationError } from '../core/errors';
import type { Column, Table } from '../data/table';
import { expectType } from './json';
import type { StepJSON } from './types';
import { BaseStep, categoricalOf, spliceColumns } from './util';

/** Options of {@link OrdinalEncoder}. */
export interface OrdinalEncoderOptions {
  /** Per column, its levels from lowest to highest. */
  orders: Readonly<Record<string, readonly string[]>>;
}

/** Defaults of {@link OrdinalEncoderOptions}. */
export const DEFAULT_ORDINAL_ENCODER_OPTIONS: OrdinalEncoderOptions = { orders: {} };

/**
 * Ranks of ordered levels (see the module comment).
 * Complexity: O(n) per column.
 * @example new OrdinalEncoder({ orders: { tier: ['bronze', 'silver', 'gold'] } }) // tier 'gold' → 2, 'bronze' → 0
 */
export class OrdinalEncoder extends BaseStep {
  readonly stepName = 'OrdinalEncoder';
  readonly options: OrdinalEncoderOptions;

  constructor(options: Partial<OrdinalEncoderOptions> = {}) {
    super();
    this.options = { ...DEFAULT_ORDINAL_ENCODER_OPTIONS, ...options };
    for (const [k, v] of Object.entries(this.options.orders)) {
      if (!Array.isArray(v) || v.length < 2) throw new ValidationError(`OrdinalEncoder: the order of "${k}" should list at least two levels, got ${JSON.stringify(v)}`);
    }
  }

  fit(table: Table): this {
    this.checkTable(table);
    for (const name of Object.keys(this.options.orders)) categoricalOf(table, name, this.stepName);
    this.isFitted = true;
    return this;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const replace = new Map<string, Column[]>();
    for (const [name, order] of Object.entries(this.options.orders)) {
      const c = categoricalOf(table, name, this.stepName);
      const rank = c.levels.map((l) => { const r = order.indexOf(l); return r < 0 ? NaN : r; });
      const values = new Float64Array(c.codes.length);
      for (let i = 0; i < values.length; i++) { const k = c.codes[i]; values[i] = k < 0 ? NaN : rank[k]; }
      replace.set(name, [{ kind: 'numeric', name, values }]);
    }
    return spliceColumns(table, replace);
  }

  toJSON(): StepJSON { return { type: 'OrdinalEncoder', options: this.options, state: this.isFitted ? { fitted: true } : null }; }

  static fromJSON(json: StepJSON): OrdinalEncoder {
    expectType(json, 'OrdinalEncoder');
    const s = new OrdinalEncoder(json.options as OrdinalEncoderOptions);
    if (json.state) s.isFitted = true;
    return s;
  }
}
