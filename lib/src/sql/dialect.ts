/**
 * SQL dialects of the scoring export: how identifiers, strings, numbers and types are written for DuckDB, Spark SQL
 * and a conservative ANSI subset. The generated SQL uses only the functions listed in {@link SQL_FUNCTIONS_USED},
 * each of which exists with the same meaning in DuckDB and Spark SQL.
 *
 * Numbers are written as approximate-numeric literals in exponent form (`4.857E0`): every engine reads those as
 * DOUBLE (a plain `0.1` is a DECIMAL in DuckDB and Spark, and converting a long decimal to double is not always
 * correctly rounded), and the digits are JavaScript's shortest round-trip form, so the engine reads back exactly the
 * double the model holds.
 */
import { ValidationError } from '../core/errors';

/** The SQL dialects the exporter writes. */
export type SqlDialectName = 'duckdb' | 'spark' | 'ansi';

/** The dialect names, for command-line checks. */
export const SQL_DIALECTS: readonly SqlDialectName[] = ['duckdb', 'spark', 'ansi'];

/**
 * Functions and operators the generated SQL may use: every one exists in DuckDB and in Spark SQL with the same
 * meaning on DOUBLE and string values (LEAST is not used by the `ansi` dialect, which writes a CASE instead; the
 * date functions are used only for date columns, which the `ansi` dialect refuses).
 */
export const SQL_FUNCTIONS_USED: readonly string[] = [
  'CASE WHEN … THEN … ELSE … END', 'CAST(… AS DOUBLE | VARCHAR/STRING)', 'COALESCE', 'TRIM', 'LOWER', 'LN', 'EXP',
  'SQRT', 'ABS', 'LEAST (duckdb, spark)', 'IS [NOT] NULL', 'IN (…)', 'LIKE', 'AND / OR / NOT', '+ − × ÷', '= <> < <= > >=',
  // date columns only (duckdb, spark; the ansi dialect refuses dates)
  'REGEXP_EXTRACT (dates)', 'SUBSTRING (dates)', 'LENGTH (dates)', 'CONCAT (dates)', 'FLOOR (dates)', '% (dates)',
];

/** How one dialect writes the pieces of a query. */
export interface SqlDialect {
  readonly name: SqlDialectName;
  /** A quoted identifier. */
  ident(name: string): string;
  /** A string literal. */
  str(s: string): string;
  /** A DOUBLE literal that reads back as exactly `x` (finite only). */
  num(x: number): string;
  /** The type name of double-precision floats. */
  readonly doubleType: string;
  /** The type name of text. */
  readonly textType: string;
  /** The smallest of the expressions (no NULLs among them). */
  least(exprs: readonly string[]): string;
}

/**
 * The exponent form of a finite double with the fewest digits that read back to it (`toExponential()` without an
 * argument gives exactly those digits). O(1).
 * @throws ValidationError for NaN or ±Infinity, which have no literal.
 * @example doubleLiteral(0.1) // '1E-1'; doubleLiteral(-2.5) // '(-2.5E0)'
 */
export function doubleLiteral(x: number): string {
  if (!Number.isFinite(x)) throw new ValidationError(`cannot write ${x} as a SQL number literal`);
  if (Object.is(x, -0)) x = 0;
  const s = x.toExponential().toUpperCase().replace('E+', 'E');
  return x < 0 ? `(${s})` : s;
}

function leastCase(exprs: readonly string[]): string {
  // a left fold of pairwise minima: min(min(a, b), c) …
  let acc = exprs[0];
  for (let i = 1; i < exprs.length; i++) acc = `CASE WHEN ${exprs[i]} < ${acc} THEN ${exprs[i]} ELSE ${acc} END`;
  return acc;
}

const DOUBLE_QUOTED = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const DIALECTS: Readonly<Record<SqlDialectName, SqlDialect>> = {
  duckdb: {
    name: 'duckdb', ident: DOUBLE_QUOTED, str: (s) => `'${s.replace(/'/g, "''")}'`, num: doubleLiteral,
    doubleType: 'DOUBLE', textType: 'VARCHAR', least: (e) => (e.length === 1 ? e[0] : `LEAST(${e.join(', ')})`),
  },
  spark: {
    name: 'spark', ident: (n) => `\`${n.replace(/`/g, '``')}\``,
    // Spark reads backslash escapes inside string literals
    str: (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`, num: doubleLiteral,
    doubleType: 'DOUBLE', textType: 'STRING', least: (e) => (e.length === 1 ? e[0] : `LEAST(${e.join(', ')})`),
  },
  ansi: {
    name: 'ansi', ident: DOUBLE_QUOTED, str: (s) => `'${s.replace(/'/g, "''")}'`, num: doubleLiteral,
    doubleType: 'DOUBLE PRECISION', textType: 'VARCHAR(1024)', least: (e) => (e.length === 1 ? e[0] : leastCase(e)),
  },
};

/**
 * The dialect called `name`.
 * @throws ValidationError listing the known dialects.
 */
export function sqlDialect(name: string): SqlDialect {
  const d = (DIALECTS as Record<string, SqlDialect>)[name];
  if (!d) throw new ValidationError(`unknown SQL dialect "${name}"; choose from ${SQL_DIALECTS.join(', ')}`);
  return d;
}
