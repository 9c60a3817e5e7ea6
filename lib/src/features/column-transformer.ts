/**
 * ColumnTransformer: route named groups of columns through their own chain of steps (numeric columns to an imputer
 * and a scaler, categorical ones to a one-hot encoder…), then pass the other columns through or drop them, as
 * scikit-learn's `ColumnTransformer`.
 */
import { ValidationError } from '../core/errors';
import { selectColumns, type Column, type Table } from '../data/table';
import { expectType } from './json';
import { stepFromJSON } from './registry';
import type { ColumnSelector, StepJSON, TableStep } from './types';
import { BaseStep, resolveSelector } from './util';

/** One route: the columns it takes and the steps they go through, in order. */
export interface ColumnRoute {
  /** A label for reports and error messages. */
  readonly name: string;
  /** The columns this route takes (resolved at fit time; a column may belong to one route only). */
  readonly columns: ColumnSelector;
  /** The steps, applied in order to the route's sub-table. An empty list passes the columns through. */
  readonly steps: readonly TableStep[];
}

/** Options of {@link ColumnTransformer}. */
export interface ColumnTransformerOptions {
  /** The routes, in output order. */
  routes: readonly ColumnRoute[];
  /** Columns claimed by no route: `'passthrough'` (default, appended after the routes' outputs) or `'drop'`. */
  remainder: 'passthrough' | 'drop';
}

/** Defaults of {@link ColumnTransformerOptions}. */
export const DEFAULT_COLUMN_TRANSFORMER_OPTIONS: ColumnTransformerOptions = { routes: [], remainder: 'passthrough' };

/**
 * Apply each route's steps to its columns; output = the routes' outputs in route order, then the remainder.
 * Complexity: the sum of the routes' steps.
 * @example new ColumnTransformer({routes: [{name: 'num', columns: ['age'], steps: [new StandardScaler()]}], remainder: 'drop'})
 */
export class ColumnTransformer extends BaseStep {
  readonly stepName = 'ColumnTransformer';
  readonly options: ColumnTransformerOptions;
  private routeColumns: string[][] = [];
  private remainderColumns: string[] = [];

  constructor(options: Partial<ColumnTransformerOptions> = {}) {
    super();
    this.options = { ...DEFAULT_COLUMN_TRANSFORMER_OPTIONS, ...options };
    const names = new Set<string>();
    for (const r of this.options.routes) {
      if (names.has(r.name)) throw new ValidationError(`ColumnTransformer: two routes are named "${r.name}"`);
      names.add(r.name);
    }
  }

  /** The columns each route took at fit time, by route name. */
  get routedColumns(): Record<string, readonly string[]> {
    this.checkFitted();
    return Object.fromEntries(this.options.routes.map((r, k) => [r.name, this.routeColumns[k]]));
  }

  fit(table: Table): this {
    this.fitTransformInner(table);
    return this;
  }

  override fitTransform(table: Table): Table {
    return this.fitTransformInner(table);
  }

  private fitTransformInner(table: Table): Table {
    this.checkTable(table);
    const claimed = new Map<string, string>();
    const routeColumns: string[][] = [];
    for (const r of this.options.routes) {
      const cols = resolveSelector(table, r.columns, `ColumnTransformer route "${r.name}"`).filter((c) => {
        // selectors like 'numeric' skip columns an explicit route already claimed; explicit overlaps are errors
        if (!claimed.has(c)) return true;
        if (Array.isArray(r.columns)) throw new ValidationError(`ColumnTransformer: column "${c}" is claimed by routes "${claimed.get(c)}" and "${r.name}"`);
        return false;
      });
      for (const c of cols) claimed.set(c, r.name);
      routeColumns.push(cols);
    }
    this.routeColumns = routeColumns;
    this.remainderColumns = this.options.remainder === 'passthrough' ? table.columns.map((c) => c.name).filter((n) => !claimed.has(n)) : [];
    const parts = this.options.routes.map((r, k) => {
      let t = selectColumns(table, routeColumns[k]);
      for (const s of r.steps) t = s.fitTransform(t);
      return t;
    });
    this.isFitted = true;
    return this.assemble(table, parts);
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const parts = this.options.routes.map((r, k) => {
      let t = selectColumns(table, this.routeColumns[k]);
      for (const s of r.steps) t = s.transform(t);
      return t;
    });
    return this.assemble(table, parts);
  }

  private assemble(table: Table, parts: Table[]): Table {
    const cols: Column[] = [];
    for (const p of parts) cols.push(...p.columns);
    cols.push(...selectColumns(table, this.remainderColumns).columns);
    const seen = new Set<string>();
    for (const c of cols) {
      if (seen.has(c.name)) throw new ValidationError(`ColumnTransformer: output column "${c.name}" is produced twice`);
      seen.add(c.name);
    }
    return { nRows: table.nRows, columns: cols, source: table.source };
  }

  toJSON(): StepJSON {
    return {
      type: 'ColumnTransformer',
      options: {
        remainder: this.options.remainder,
        routes: this.options.routes.map((r) => ({ name: r.name, columns: r.columns, steps: r.steps.map((s) => s.toJSON()) })),
      },
      state: this.isFitted ? { routeColumns: this.routeColumns, remainderColumns: this.remainderColumns } : null,
    };
  }

  static fromJSON(json: StepJSON): ColumnTransformer {
    expectType(json, 'ColumnTransformer');
    const o = json.options as { remainder: 'passthrough' | 'drop'; routes: Array<{ name: string; columns: ColumnSelector; steps: StepJSON[] }> };
    const ct = new ColumnTransformer({
      remainder: o.remainder,
      routes: o.routes.map((r) => ({ name: r.name, columns: r.columns, steps: r.steps.map((s) => stepFromJSON(s)) })),
    });
    const st = json.state as { routeColumns: string[][]; remainderColumns: string[] } | null;
    if (st) { ct.routeColumns = st.routeColumns.map((c) => [...c]); ct.remainderColumns = [...st.remainderColumns]; ct.isFitted = true; }
    return ct;
  }
}
