/**
 * ColumnDropper: remove named columns (targets, identifiers, post-call fields) inside a pipeline.
 */
import type { Table } from '../data/table';
import { dropColumns } from '../data/table';
import { expectType } from './json';
import type { StepJSON } from './types';
import { BaseStep } from './util';

/** Options of {@link ColumnDropper}. */
export interface ColumnDropperOptions {
  /** Columns to remove; absent ones are ignored. */
  columns: readonly string[];
  /** Also remove every column of kind 'id'. Default true. */
  dropIds: boolean;
}

/** Defaults of {@link ColumnDropperOptions}. */
export const DEFAULT_COLUMN_DROPPER_OPTIONS: ColumnDropperOptions = { columns: [], dropIds: true };

/**
 * Drop columns by name (and id columns). Stateless; `fit` only marks it fitted.
 * Complexity: O(columns).
 */
export class ColumnDropper extends BaseStep {
  readonly stepName = 'ColumnDropper';
  readonly options: ColumnDropperOptions;
  constructor(options: Partial<ColumnDropperOptions> = {}) { super(); this.options = { ...DEFAULT_COLUMN_DROPPER_OPTIONS, ...options }; }
  fit(table: Table): this { this.checkTable(table); this.isFitted = true; return this; }
  transform(table: Table): Table {
    this.checkFitted();
    const ids = this.options.dropIds ? table.columns.filter((c) => c.kind === 'id').map((c) => c.name) : [];
    return dropColumns(table, [...this.options.columns, ...ids]);
  }
  toJSON(): StepJSON { return { type: 'ColumnDropper', options: this.options, state: this.isFitted ? { fitted: true } : null }; }
  static fromJSON(json: StepJSON): ColumnDropper {
    expectType(json, 'ColumnDropper');
    const d = new ColumnDropper(json.options as ColumnDropperOptions);
    if (json.state) d.isFitted = true;
    return d;
  }
}
