/**
 * The relation model of the SQL translation: a query is a chain of projections (common table expressions), each
 * computing named columns from the columns of the one before. Step translators only see the feature columns;
 * the chain also carries reserved columns (row identifiers, persona scores) through every stage unchanged.
 */
import { ValidationError } from '../core/errors';
import type { SqlDialect } from './dialect';

/** The kind of a column in the SQL relation (as the JS Table's column kinds). */
export type SqlColumnKind = 'numeric' | 'categorical' | 'id';

/** A column of a stage: its name (an identifier in the query) and kind. */
export interface SqlColumn {
  readonly name: string;
  readonly kind: SqlColumnKind;
}

/** A column computed by a stage: `expr` reads the previous stage's columns by their quoted names. */
export interface SqlOutput extends SqlColumn {
  readonly expr: string;
}

/** One projection: the feature columns of the next stage, in order. */
export type SqlStage = readonly SqlOutput[];

/** Prefix of the reserved (carried) column names; feature names may not start with it. */
export const RESERVED_PREFIX = '__';

/** An unchanged column of the previous stage. */
export function passthrough(c: SqlColumn, d: SqlDialect): SqlOutput {
  return { name: c.name, kind: c.kind, expr: d.ident(c.name) };
}

/** A stage passing every input column through except those in `replace` (by name, at their position). */
export function spliceStage(input: readonly SqlColumn[], replace: ReadonlyMap<string, readonly SqlOutput[]>, d: SqlDialect, append: readonly SqlOutput[] = []): SqlOutput[] {
  const out: SqlOutput[] = [];
  for (const c of input) {
    const r = replace.get(c.name);
    if (r) out.push(...r);
    else out.push(passthrough(c, d));
  }
  out.push(...append);
  checkUnique(out);
  return out;
}

/** @throws ValidationError when a name appears twice or uses the reserved prefix. */
export function checkUnique(cols: readonly SqlColumn[]): void {
  const seen = new Set<string>();
  for (const c of cols) {
    const key = c.name.toLowerCase(); // DuckDB and Spark resolve identifiers case-insensitively
    if (seen.has(key)) throw new ValidationError(`SQL export: column "${c.name}" would appear twice (names are compared ignoring letter case in SQL)`);
    if (c.name.startsWith(RESERVED_PREFIX)) throw new ValidationError(`SQL export: column "${c.name}" starts with the reserved prefix "${RESERVED_PREFIX}"; rename it`);
    seen.add(key);
  }
}

/**
 * A chain of CTEs `s0, s1, …` over a source relation. Each `add` projects the carried columns plus the stage's
 * outputs from the previous CTE.
 */
export class CteChain {
  private readonly ctes: string[] = [];
  private cols: SqlColumn[] = [];
  private carried: string[] = [];

  constructor(private readonly d: SqlDialect) {}

  /** The feature columns of the last stage. */
  get columns(): readonly SqlColumn[] { return this.cols; }
  /** The name of the last CTE (or null before the first stage). */
  get last(): string | null { return this.ctes.length ? `s${this.ctes.length - 1}` : null; }

  /**
   * The first stage, reading `from` (a table name or a parenthesized subquery): `carried` are reserved columns
   * (name → expression over the source), `outputs` the feature columns.
   */
  start(from: string, carried: ReadonlyArray<{ name: string; expr: string }>, outputs: SqlStage): this {
    if (this.ctes.length) throw new ValidationError('CteChain.start called twice');
    for (const c of carried) if (!c.name.startsWith(RESERVED_PREFIX)) throw new ValidationError(`carried column "${c.name}" should start with "${RESERVED_PREFIX}"`);
    checkUnique(outputs);
    const items = [...carried.map((c) => `${c.expr} AS ${this.d.ident(c.name)}`), ...outputs.map((o) => `${o.expr} AS ${this.d.ident(o.name)}`)];
    this.ctes.push(`s0 AS (\n  SELECT\n    ${items.join(',\n    ')}\n  FROM ${from}\n)`);
    this.carried = carried.map((c) => c.name);
    this.cols = outputs.map((o) => ({ name: o.name, kind: o.kind }));
    return this;
  }

  /** Add reserved columns computed from the current feature columns (carried from then on). */
  carry(extra: ReadonlyArray<{ name: string; expr: string }>): this {
    const prev = this.requireLast();
    for (const c of extra) if (!c.name.startsWith(RESERVED_PREFIX)) throw new ValidationError(`carried column "${c.name}" should start with "${RESERVED_PREFIX}"`);
    const items = [
      ...this.carried.map((n) => this.d.ident(n)),
      ...this.cols.map((c) => this.d.ident(c.name)),
      ...extra.map((c) => `${c.expr} AS ${this.d.ident(c.name)}`),
    ];
    this.push(items, prev);
    this.carried = [...this.carried, ...extra.map((c) => c.name)];
    return this;
  }

  /** Add one projection stage. */
  add(outputs: SqlStage): this {
    const prev = this.requireLast();
    checkUnique(outputs);
    const items = [...this.carried.map((n) => this.d.ident(n)), ...outputs.map((o) => (o.expr === this.d.ident(o.name) ? o.expr : `${o.expr} AS ${this.d.ident(o.name)}`))];
    this.push(items, prev);
    this.cols = outputs.map((o) => ({ name: o.name, kind: o.kind }));
    return this;
  }

  /** The whole query: `WITH s0 AS (…), … SELECT <select> FROM <last>`. */
  sql(select: readonly string[]): string {
    const prev = this.requireLast();
    return `WITH\n${this.ctes.join(',\n')}\nSELECT\n  ${select.join(',\n  ')}\nFROM ${prev}`;
  }

  private push(items: string[], prev: string): void {
    this.ctes.push(`s${this.ctes.length} AS (\n  SELECT\n    ${items.join(',\n    ')}\n  FROM ${prev}\n)`);
  }

  private requireLast(): string {
    const l = this.last;
    if (!l) throw new ValidationError('CteChain: call start() first');
    return l;
  }
}
