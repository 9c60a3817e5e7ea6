/**
 * Internal helpers shared by the preprocessing steps (not exported from the package index): column selection,
 * column replacement that keeps the table's column order, quantiles of the non-missing values.
 */
import { NotFittedError, ValidationError } from '../core/errors';
import { isCategorical, isNumeric, type CategoricalColumn, type Column, type NumericColumn, type Table } from '../data/table';
import type { ColumnSelector, StepJSON, TableStep } from './types';

/** The names a selector picks in `table` (explicit names are checked to exist). */
export function resolveSelector(table: Table, selector: ColumnSelector, step: string): string[] {
  if (selector === 'all') return table.columns.map((c) => c.name);
  if (selector === 'numeric') return table.columns.filter((c) => isNumeric(c)).map((c) => c.name);
  if (selector === 'categorical') return table.columns.filter((c) => c.kind === 'categorical').map((c) => c.name);
  if (!Array.isArray(selector)) throw new ValidationError(`${step}: columns should be an array of names or 'numeric' | 'categorical' | 'all', got ${JSON.stringify(selector)}`);
  requireColumns(table, selector, step);
  return [...selector];
}

/** @throws ValidationError naming every missing column and the step. */
export function requireColumns(table: Table, names: readonly string[], step: string): void {
  const have = new Set(table.columns.map((c) => c.name));
  const missing = names.filter((n) => !have.has(n));
  if (missing.length) {
    throw new ValidationError(`${step}: column(s) ${missing.map((m) => `"${m}"`).join(', ')} not in the table (it has: ${[...have].join(', ')})`);
  }
}

/** The numeric column `name`, or a ValidationError naming the step. */
export function numericOf(table: Table, name: string, step: string): NumericColumn {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new ValidationError(`${step}: column "${name}" not in the table`);
  if (!isNumeric(c)) throw new ValidationError(`${step}: column "${name}" is ${c.kind}, expected numeric`);
  return c;
}

/** The categorical column `name`, or a ValidationError naming the step. */
export function categoricalOf(table: Table, name: string, step: string): CategoricalColumn {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new ValidationError(`${step}: column "${name}" not in the table`);
  if (!isCategorical(c)) throw new ValidationError(`${step}: column "${name}" is ${c.kind}, expected categorical`);
  return c;
}

/**
 * A new table where each column named in `replace` is replaced (at its position) by the given columns
 * (an empty list removes it); `append` columns go at the end. Never mutates `table`.
 */
export function spliceColumns(table: Table, replace: ReadonlyMap<string, readonly Column[]>, append: readonly Column[] = []): Table {
  const out: Column[] = [];
  for (const c of table.columns) {
    const r = replace.get(c.name);
    if (r) out.push(...r);
    else out.push(c);
  }
  out.push(...append);
  const seen = new Set<string>();
  for (const c of out) {
    if (seen.has(c.name)) throw new ValidationError(`column name "${c.name}" would appear twice after the step`);
    seen.add(c.name);
  }
  return { nRows: table.nRows, columns: out, source: table.source };
}

/** The non-missing values of `v`, sorted ascending. O(n log n). */
export function sortedFinite(v: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i])) out[k++] = v[i];
  return out.sort();
}

/** Quantile `q` of sorted values with linear interpolation (numpy's default, "type 7"). NaN when empty. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean and population variance of the non-missing values (two-pass). count 0 gives NaN. */
export function meanVar(v: Float64Array): { mean: number; variance: number; count: number } {
  let s = 0;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (!Number.isNaN(x)) { s += x; n++; }
  }
  if (n === 0) return { mean: NaN, variance: NaN, count: 0 };
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (!Number.isNaN(x)) { const d = x - mean; ss += d * d; }
  }
  return { mean, variance: ss / n, count: n };
}

/** Shared plumbing of the steps: fitted flag, `fitTransform`, the not-fitted check. */
export abstract class BaseStep implements TableStep {
  protected isFitted = false;
  abstract readonly stepName: string;
  abstract fit(table: Table): this;
  abstract transform(table: Table): Table;
  abstract toJSON(): StepJSON;
  get fitted(): boolean { return this.isFitted; }
  fitTransform(table: Table): Table { return this.fit(table).transform(table); }
  protected checkFitted(): void { if (!this.isFitted) throw new NotFittedError(this.stepName); }
  protected checkTable(table: Table, arg = 'table'): void {
    if (table == null || !Array.isArray(table.columns) || !Number.isInteger(table.nRows)) {
      throw new ValidationError(`${this.stepName}: ${arg} should be a Table {nRows, columns}, got ${table === null ? 'null' : typeof table}`);
    }
  }
}

/** Whether a column is categorical (not an id). */
export function isPlainCategorical(c: Column): boolean {
  return isCategorical(c) && c.kind === 'categorical';
}
