/**
 * The input schema a model bundle was trained on, and the check of a new table against it: missing columns,
 * wrong types and unseen categories are collected and reported together, never one at a time.
 * Fallback (documented): an unseen category is treated as a missing value, which the fitted pipeline imputes; a
 * column left entirely empty is treated as missing in every row (and reported), whatever its kind.
 * Only the schema's columns reach the model: extra input columns (ids, notes, a column that happens to share the
 * name of an engineered feature) never do.
 */
import { DataError } from '../core/errors';
import { getColumn, hasColumn, isCategorical, isNumeric, type Column, type Table } from '../data/table';

/** One column of a training schema. */
export interface SchemaColumn {
  name: string;
  kind: Column['kind'];
  /** Levels seen in training (categorical columns). */
  levels?: string[];
}

export interface TableSchema {
  columns: SchemaColumn[];
}

/** The schema of `table` restricted to `columns` (default all). */
export function schemaOf(table: Table, columns?: readonly string[]): TableSchema {
  const names = columns ?? table.columns.map((c) => c.name);
  return {
    columns: names.map((n) => {
      const c = getColumn(table, n);
      return isCategorical(c) && c.kind === 'categorical' ? { name: n, kind: c.kind, levels: [...c.levels] } : { name: n, kind: c.kind };
    }),
  };
}

/** What a check found. */
export interface SchemaCheck {
  missing: string[];
  wrongType: Array<{ column: string; expected: string; got: string }>;
  unseen: Array<{ column: string; values: string[]; rows: number }>;
  /** Schema columns present but empty in every row (imputed; reported). */
  empty: string[];
}

/** True when every value of the column is missing. */
function allMissing(c: Column): boolean {
  if (isNumeric(c)) { for (let i = 0; i < c.values.length; i++) if (c.values[i] === c.values[i]) return false; return true; }
  for (let i = 0; i < c.codes.length; i++) if (c.codes[i] >= 0) return false;
  return true;
}

/** Compare a table with a training schema. */
export function checkSchema(table: Table, schema: TableSchema): SchemaCheck {
  const out: SchemaCheck = { missing: [], wrongType: [], unseen: [], empty: [] };
  for (const sc of schema.columns) {
    if (!hasColumn(table, sc.name)) {
      out.missing.push(sc.name);
      continue;
    }
    const c = getColumn(table, sc.name);
    if (table.nRows > 0 && allMissing(c)) {
      out.empty.push(sc.name);
      continue;
    }
    // kinds must match exactly: a numeric column that arrived as dates must not be read as epoch milliseconds
    const ok = sc.kind === 'categorical' || sc.kind === 'id' ? isCategorical(c) : c.kind === sc.kind;
    if (!ok) {
      out.wrongType.push({ column: sc.name, expected: sc.kind, got: c.kind });
      continue;
    }
    if (sc.kind === 'categorical' && isCategorical(c) && sc.levels) {
      const known = new Set(sc.levels);
      const seen = new Map<string, number>();
      for (let i = 0; i < c.codes.length; i++) {
        const k = c.codes[i];
        if (k < 0) continue;
        const v = c.levels[k];
        if (!known.has(v)) seen.set(v, (seen.get(v) ?? 0) + 1);
      }
      if (seen.size) out.unseen.push({ column: sc.name, values: [...seen.keys()].slice(0, 10), rows: [...seen.values()].reduce((a, b) => a + b, 0) });
    }
  }
  return out;
}

/** One message listing every blocking problem (missing columns, wrong types), or null when there is none. */
export function schemaErrorMessage(check: SchemaCheck, file = 'input'): string | null {
  const lines: string[] = [];
  if (check.missing.length) lines.push(`missing column(s): ${check.missing.join(', ')}`);
  for (const w of check.wrongType) lines.push(`column "${w.column}" is ${w.got}, expected ${w.expected}`);
  return lines.length ? `${file} does not match the model's input schema:\n  - ${lines.join('\n  - ')}` : null;
}

/**
 * A copy of the table with exactly the schema's columns, in its order, categorical columns using the training
 * levels (in training order); values never seen in training become missing (-1), an entirely empty column becomes
 * missing in every row. Throws a DataError listing every blocking problem.
 */
export function conformToSchema(table: Table, schema: TableSchema, file = 'input'): { table: Table; check: SchemaCheck } {
  const check = checkSchema(table, schema);
  const msg = schemaErrorMessage(check, file);
  if (msg) throw new DataError(msg, file);
  const empty = new Set(check.empty);
  const columns: Column[] = schema.columns.map((sc) => {
    const c = getColumn(table, sc.name);
    if (empty.has(sc.name)) {
      return sc.kind === 'categorical' || sc.kind === 'id'
        ? { kind: 'categorical', name: sc.name, codes: new Int32Array(table.nRows).fill(-1), levels: sc.levels ?? [] }
        : { kind: sc.kind, name: sc.name, values: new Float64Array(table.nRows).fill(NaN) };
    }
    if (sc.kind !== 'categorical' || !isCategorical(c) || !sc.levels) return c;
    const index = new Map(sc.levels.map((l, i) => [l, i]));
    const remap = c.levels.map((l) => index.get(l) ?? -1);
    const codes = new Int32Array(c.codes.length);
    for (let i = 0; i < codes.length; i++) codes[i] = c.codes[i] < 0 ? -1 : remap[c.codes[i]];
    return { kind: 'categorical', name: sc.name, codes, levels: sc.levels };
  });
  // only the schema's columns: an extra column must never stand in for an engineered feature or a persona score
  return { table: { nRows: table.nRows, columns, source: table.source }, check };
}
