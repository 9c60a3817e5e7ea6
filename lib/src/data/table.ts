/**
 * The column-oriented table the loaders produce and the feature pipeline consumes.
 * Numeric columns are `Float64Array` with NaN for missing; categoricals are dictionary-encoded
 * (`codes[i]` indexes `levels`, -1 for missing). Tables are treated as immutable: steps return new ones.
 */
import { ValidationError } from '../core/errors';

/** A numeric column; NaN marks a missing value. `kind: 'date'` holds epoch milliseconds. */
export interface NumericColumn {
  readonly kind: 'numeric' | 'date';
  readonly name: string;
  readonly values: Float64Array;
}

/** A dictionary-encoded categorical column; code -1 marks a missing value. `kind: 'id'` for identifiers. */
export interface CategoricalColumn {
  readonly kind: 'categorical' | 'id';
  readonly name: string;
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn;

/** A column-oriented table. */
export interface Table {
  readonly nRows: number;
  readonly columns: readonly Column[];
  /** Where it came from (a file path, a data set id, "synthetic:…"): shown by every notebook. */
  readonly source?: string;
}

export function isNumeric(c: Column): c is NumericColumn {
  return c.kind === 'numeric' || c.kind === 'date';
}

export function isCategorical(c: Column): c is CategoricalColumn {
  return c.kind === 'categorical' || c.kind === 'id';
}

/** Build a table, checking that every column has `nRows` values and names are unique. */
export function makeTable(columns: readonly Column[], source?: string): Table {
  const nRows = columns.length ? (isNumeric(columns[0]) ? columns[0].values.length : columns[0].codes.length) : 0;
  const seen = new Set<string>();
  for (const c of columns) {
    const n = isNumeric(c) ? c.values.length : c.codes.length;
    if (n !== nRows) throw new ValidationError(`column "${c.name}" has ${n} values, expected ${nRows}`);
    if (seen.has(c.name)) throw new ValidationError(`duplicate column name "${c.name}"`);
    seen.add(c.name);
  }
  return { nRows, columns, source };
}

/** The column called `name`. @throws ValidationError listing the available names. */
export function getColumn(t: Table, name: string): Column {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new ValidationError(`no column "${name}"; the table has: ${t.columns.map((x) => x.name).join(', ')}`);
  return c;
}

export function hasColumn(t: Table, name: string): boolean {
  return t.columns.some((x) => x.name === name);
}

/** The numeric column called `name`. */
export function numericColumn(t: Table, name: string): Float64Array {
  const c = getColumn(t, name);
  if (!isNumeric(c)) throw new ValidationError(`column "${name}" is ${c.kind}, expected numeric`);
  return c.values;
}

/** The categorical column called `name`. */
export function categoricalColumn(t: Table, name: string): CategoricalColumn {
  const c = getColumn(t, name);
  if (!isCategorical(c)) throw new ValidationError(`column "${name}" is ${c.kind}, expected categorical`);
  return c;
}

/** The value of a categorical cell as a string (null when missing). */
export function categoryAt(c: CategoricalColumn, i: number): string | null {
  const k = c.codes[i];
  return k < 0 ? null : c.levels[k];
}

/** A new table with rows `idx` (in that order). */
export function takeTableRows(t: Table, idx: ArrayLike<number>): Table {
  const cols: Column[] = t.columns.map((c) => {
    if (isNumeric(c)) {
      const v = new Float64Array(idx.length);
      for (let r = 0; r < idx.length; r++) v[r] = c.values[idx[r]];
      return { kind: c.kind, name: c.name, values: v };
    }
    const codes = new Int32Array(idx.length);
    for (let r = 0; r < idx.length; r++) codes[r] = c.codes[idx[r]];
    return { kind: c.kind, name: c.name, codes, levels: c.levels };
  });
  return { nRows: idx.length, columns: cols, source: t.source };
}

/** A new table with only the named columns (in the given order). */
export function selectColumns(t: Table, names: readonly string[]): Table {
  return { nRows: t.nRows, columns: names.map((n) => getColumn(t, n)), source: t.source };
}

/** A new table without the named columns (names that are absent are ignored). */
export function dropColumns(t: Table, names: readonly string[]): Table {
  const drop = new Set(names);
  return { nRows: t.nRows, columns: t.columns.filter((c) => !drop.has(c.name)), source: t.source };
}
