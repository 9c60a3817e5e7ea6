/**
 * Log1pTransformer: x → log(1 + x) for right-skewed non-negative columns (counts, amounts), or the signed variant
 * sign(x)·log(1 + |x|) for columns that can be negative (an account balance).
 */
import { ValidationError } from '../core/errors';
import type { Column, Table } from '../data/table';
import { expectType } from './json';
import type { ColumnSelector, StepJSON } from './types';
import { BaseStep, numericOf, resolveSelector, spliceColumns } from './util';

/** Options of {@link Log1pTransformer}. */
export interface Log1pTransformerOptions {
  /** Columns to transform. Default every numeric column. */
  columns: ColumnSelector;
  /** Use sign(x)·log1p(|x|) (defined for every x). Default false: plain log1p, which rejects values <= −1. */
  signed: boolean;
}

/** Defaults of {@link Log1pTransformerOptions}. */
export const DEFAULT_LOG1P_TRANSFORMER_OPTIONS: Log1pTransformerOptions = { columns: 'numeric', signed: false };

/**
 * Stateless apart from the column list fixed at fit time. NaN stays NaN.
 * Complexity: O(n) per column.
 * @throws ValidationError (unsigned) when a value is <= −1, naming the column, the row and the value.
 * @example new Log1pTransformer().fitTransform(t) // [0, e − 1] → [0, 1]
 */
export class Log1pTransformer extends BaseStep {
  readonly stepName = 'Log1pTransformer';
  readonly options: Log1pTransformerOptions;
  private names: string[] = [];

  constructor(options: Partial<Log1pTransformerOptions> = {}) {
    super();
    this.options = { ...DEFAULT_LOG1P_TRANSFORMER_OPTIONS, ...options };
  }

  fit(table: Table): this {
    this.checkTable(table);
    this.names = resolveSelector(table, this.options.columns, this.stepName);
    for (const n of this.names) numericOf(table, n, this.stepName);
    this.isFitted = true;
    return this;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const replace = new Map<string, Column[]>();
    for (const name of this.names) {
      const src = numericOf(table, name, this.stepName).values;
      const v = new Float64Array(src.length);
      if (this.options.signed) {
        for (let i = 0; i < v.length; i++) { const x = src[i]; v[i] = x < 0 ? -Math.log1p(-x) : Math.log1p(x); }
      } else {
        for (let i = 0; i < v.length; i++) {
          const x = src[i];
          if (x <= -1) throw new ValidationError(`Log1pTransformer: column "${name}" row ${i} is ${x}, log1p needs values > -1 (use signed: true)`);
          v[i] = Math.log1p(x);
        }
      }
      replace.set(name, [{ kind: 'numeric', name, values: v }]);
    }
    return spliceColumns(table, replace);
  }

  toJSON(): StepJSON {
    return { type: 'Log1pTransformer', options: this.options, state: this.isFitted ? { names: this.names } : null };
  }

  static fromJSON(json: StepJSON): Log1pTransformer {
    expectType(json, 'Log1pTransformer');
    const t = new Log1pTransformer(json.options as Log1pTransformerOptions);
    const st = json.state as { names: string[] } | null;
    if (st) { t.names = [...st.names]; t.isFitted = true; }
    return t;
  }
}
