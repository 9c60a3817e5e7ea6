/**
 * Out-of-core datasets: a CSV or Parquet file opened through DuckDB instead of being loaded into JS memory.
 * `openLargeDataset(file)` returns a handle whose relation `src` has one typed column per file column (numeric as
 * DOUBLE, categorical and id as trimmed text with empty text as NULL, as the CSV loader reads them) plus a stable
 * row number `__row` (the file order). Everything downstream (summaries, the pipeline fit, the streamed matrix, the
 * exports, the SQL scoring) runs queries over `src`.
 *
 * When to use it: `shouldStream(file)` says yes past {@link DEFAULT_STREAM_THRESHOLD} (a file of 200 MB, or
 * 1,000,000 rows in a Parquet file's metadata); callers may also force it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataError, ValidationError } from '../core/errors';
import { DEFAULT_MISSING_TOKENS } from '../data/csv-values';
import type { Table } from '../data/table';
import { openDuckDB, queryRows, queryValue, readTable, streamTables, type ColumnSpec, type DuckDBOptions, type DuckSession } from './duckdb';
import { groupedValueCounts } from './value-counts';

/** Column kinds of a large dataset (dates are read as text). */
export type LargeColumnKind = 'numeric' | 'categorical' | 'id';

/** One column of a large dataset. */
export interface LargeColumn {
  readonly name: string;
  readonly kind: LargeColumnKind;
  /** The type DuckDB read from the file. */
  readonly fileType: string;
  /** Sorted levels of a categorical column with at most 10,000 of them (else null: read as text). */
  readonly levels: readonly string[] | null;
}

/** Options of {@link openLargeDataset}. */
export interface LargeDatasetOptions {
  /** 'parquet' or 'csv'; default from the extension (.parquet/.pq → parquet, else csv). */
  format: 'parquet' | 'csv' | null;
  /** Per-column kind overrides (`{customer_id: 'id'}`). */
  types: Readonly<Record<string, LargeColumnKind>>;
  /** A text column whose non-missing values are all distinct is an `id` when it has at least this many. Default 20 (as loadCsv). */
  idMinRows: number;
  /** CSV cell texts read as missing (default: the CSV loader's list). */
  missing: readonly string[];
  /** CSV delimiter; default: DuckDB's sniffer. */
  delimiter: string | null;
  /** Engine settings (memory limit, threads, spill folder). */
  duckdb: Partial<DuckDBOptions>;
}

/** Defaults of {@link LargeDatasetOptions}. */
export const DEFAULT_LARGE_DATASET_OPTIONS: LargeDatasetOptions = {
  format: null, types: {}, idMinRows: 20, missing: DEFAULT_MISSING_TOKENS, delimiter: null, duckdb: {},
};

/** When the streamed (DuckDB) path is the default: a file of at least `bytes`, or a Parquet file of at least `rows`. */
export const DEFAULT_STREAM_THRESHOLD = { bytes: 200 * 1024 * 1024, rows: 1_000_000 } as const;

/** An open large dataset. */
export interface LargeDataset {
  readonly file: string;
  readonly format: 'parquet' | 'csv';
  readonly nRows: number;
  /** The file's columns (without `__row`). */
  readonly columns: readonly LargeColumn[];
  /** The engine and its connection (queries over `src`). */
  readonly session: DuckSession;
  /** The relation name to query. */
  readonly relation: 'src';
  /** A seeded sample of `n` rows (all rows when n ≥ nRows), in file order, as a JS Table. */
  sample(n: number, seed: number, columns?: readonly string[]): Promise<Table>;
  /**
   * The rows of the seeded sample of `n` rows, as a DuckDB relation (`src` filtered; all of `src` when n ≥ nRows):
   * the rows whose hash of (row number + seed) ranks among the n smallest.
   */
  sampleRelation(n: number, seed: number): Promise<string>;
  /** The rows in file order as Tables of `chunkRows` rows (only `columns`, default all). */
  tables(chunkRows: number, columns?: readonly string[]): AsyncGenerator<Table & { offset: number }>;
  /** Close the engine (and remove the temporary database of a CSV). */
  close(): void;
}

/** SQL string literal (DuckDB). */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** SQL identifier (DuckDB). */
export function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function formatOf(file: string, format: 'parquet' | 'csv' | null): 'parquet' | 'csv' {
  return format ?? (/\.(parquet|pq)$/i.test(file) ? 'parquet' : 'csv');
}

/** Categorical columns with at most this many levels are read as integer codes. */
const LEVELS_MAX = 10_000;

/** The 0-based position of a column's value in `levels` (−1 when missing), DuckDB SQL. */
export function levelCode(name: string, levels: readonly string[]): string {
  return `(coalesce(list_position([${levels.map(sqlString).join(', ')}]::VARCHAR[], ${sqlIdent(name)}), 0) - 1)::INTEGER AS ${sqlIdent(name)}`;
}

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/i;

/**
 * Whether a file is large enough for the streamed path: size ≥ threshold.bytes, or (Parquet) rows ≥ threshold.rows.
 * O(1) (reads the Parquet footer).
 */
export async function shouldStream(file: string, threshold: { bytes: number; rows: number } = DEFAULT_STREAM_THRESHOLD): Promise<boolean> {
  if (!fs.existsSync(file)) throw new DataError(`file not found: ${file}`, file);
  if (fs.statSync(file).size >= threshold.bytes) return true;
  if (formatOf(file, null) !== 'parquet') return false;
  const s = await openDuckDB({ threads: 1 });
  try {
    const n = Number(await queryValue(s.conn, `SELECT sum(num_rows) FROM parquet_file_metadata(${sqlString(path.resolve(file))})`));
    return n >= threshold.rows;
  } finally {
    s.close();
  }
}

/**
 * Open a CSV or Parquet file through DuckDB (see the module comment). A CSV is read once into a temporary DuckDB
 * database file (later scans do not parse it again); a Parquet file is scanned in place.
 * Complexity: O(1) for Parquet, one parse of the file for CSV, plus one pass to tell id columns (all distinct).
 * @throws DataError naming the file when it is absent or unreadable, or has no rows.
 * @example const ds = await openLargeDataset('customers-1m.parquet'); ds.nRows // 1000000
 */
export async function openLargeDataset(file: string, options: Partial<LargeDatasetOptions> = {}): Promise<LargeDataset> {
  const o = { ...DEFAULT_LARGE_DATASET_OPTIONS, ...options };
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new DataError(`file not found: ${abs}`, abs);
  if (fs.statSync(abs).isDirectory()) throw new DataError(`${abs} is a folder, expected a CSV or Parquet file`, abs);
  const format = formatOf(abs, o.format);
  const dbFile = format === 'csv' ? path.join(os.tmpdir(), `seglab-large-${process.pid}-${Date.now()}.duckdb`) : null;
  const session = await openDuckDB({ ...o.duckdb, ...(dbFile ? { path: dbFile } : {}) });
  const closeAll = () => {
    session.close();
    if (dbFile) { fs.rmSync(dbFile, { force: true }); fs.rmSync(`${dbFile}.wal`, { force: true }); }
  };
  try {
    const conn = session.conn;
    if (format === 'parquet') {
      await conn.run(`CREATE VIEW raw AS SELECT * EXCLUDE (file_row_number), file_row_number AS __row FROM read_parquet(${sqlString(abs)}, file_row_number = true)`);
    } else {
      const opts = [`header = true`, `nullstr = [${o.missing.map(sqlString).join(', ')}]`, ...(o.delimiter ? [`delim = ${sqlString(o.delimiter)}`] : [])];
      await conn.run(`CREATE TABLE raw_csv AS SELECT * FROM read_csv(${sqlString(abs)}, ${opts.join(', ')})`);
      await conn.run('CREATE VIEW raw AS SELECT *, rowid AS __row FROM raw_csv');
    }
    const described = await queryRows(conn, 'DESCRIBE raw');
    const fileCols = described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })).filter((c) => c.name !== '__row');
    const nRows = Number(await queryValue(conn, 'SELECT count(*) FROM raw'));
    if (nRows === 0) throw new DataError(`${abs} has no rows`, abs);
    for (const name of Object.keys(o.types)) {
      if (!fileCols.some((c) => c.name === name)) throw new ValidationError(`types: column "${name}" is not in ${abs}; it has ${fileCols.map((c) => c.name).join(', ')}`);
    }
    const text = fileCols.filter((c) => !NUMERIC_TYPE.test(c.type) && !o.types[c.name]);
    const distinct = new Map<string, { count: number; distinct: number }>();
    if (text.length) {
      const parts = text.map((c, j) => {
        const v = `NULLIF(TRIM(CAST(${sqlIdent(c.name)} AS VARCHAR)), '')`;
        return `count(${v}) AS c${j}, count(DISTINCT ${v}) AS d${j}`;
      });
      const row = (await queryRows(conn, `SELECT ${parts.join(', ')} FROM raw`))[0];
      text.forEach((c, j) => distinct.set(c.name, { count: Number(row[`c${j}`]), distinct: Number(row[`d${j}`]) }));
    }
    const kinds = fileCols.map((c) => {
      const forced = o.types[c.name];
      if (forced) return forced;
      if (NUMERIC_TYPE.test(c.type)) return 'numeric';
      const dc = distinct.get(c.name)!;
      return dc.count >= o.idMinRows && dc.distinct === dc.count ? 'id' : 'categorical';
    });
    // numeric columns as DOUBLE, text as trimmed VARCHAR (empty = missing); an id stored as a number keeps its type
    const select = fileCols.map((c, j) => {
      if (kinds[j] === 'numeric') return `CAST(${sqlIdent(c.name)} AS DOUBLE) AS ${sqlIdent(c.name)}`;
      if (kinds[j] === 'id' && NUMERIC_TYPE.test(c.type)) return sqlIdent(c.name);
      return `NULLIF(TRIM(CAST(${sqlIdent(c.name)} AS VARCHAR)), '') AS ${sqlIdent(c.name)}`;
    });
    await conn.run(`CREATE VIEW src AS SELECT __row, ${select.join(', ')} FROM raw`);
    const catIdx = fileCols.map((_, j) => j).filter((j) => kinds[j] === 'categorical');
    const counts = await groupedValueCounts(conn, (sel) => `SELECT ${sel.join(', ')} FROM src`, catIdx.map((j) => sqlIdent(fileCols[j].name)), LEVELS_MAX);
    const columns: LargeColumn[] = fileCols.map((c, j) => {
      const vc = kinds[j] === 'categorical' ? counts[catIdx.indexOf(j)] : null;
      const levels = vc ? vc.filter((p) => p[0] !== null).map((p) => String(p[0])).sort() : null;
      return { name: c.name, kind: kinds[j], fileType: c.type, levels };
    });
    const specOf = (names?: readonly string[]): ColumnSpec[] => {
      const want = names ?? columns.map((c) => c.name);
      return want.map((n) => {
        const c = columns.find((x) => x.name === n);
        if (!c) throw new ValidationError(`column "${n}" is not in ${abs}`);
        return c.levels ? { name: c.name, kind: c.kind, levels: c.levels } : { name: c.name, kind: c.kind };
      });
    };
    const sampleRelation = async (n: number, seed: number): Promise<string> => {
      const m = Math.max(1, Math.min(Math.floor(n), nRows));
      if (m >= nRows) return 'src';
      const h = `hash(__row + ${Math.trunc(seed) * 1000003})`;
      // the cut-off as text: a UBIGINT hash does not fit a JS number exactly
      const cut = await queryValue(conn, `SELECT max(h)::VARCHAR FROM (SELECT ${h} AS h FROM src ORDER BY h LIMIT ${m})`);
      if (!/^[0-9]+$/.test(String(cut))) throw new DataError(`cannot draw a sample of ${m} rows from ${abs}`, abs);
      return `(SELECT * FROM src WHERE ${h} <= ${String(cut)}::UBIGINT)`;
    };
    const selectList = (spec: readonly ColumnSpec[]) => spec.map((c) => (c.levels ? levelCode(c.name, c.levels) : sqlIdent(c.name))).join(', ');
    return {
      file: abs, format, nRows, columns, session, relation: 'src',
      sampleRelation,
      async sample(n, seed, names) {
        const spec = specOf(names);
        return readTable(conn, `SELECT ${selectList(spec)} FROM ${await sampleRelation(n, seed)} ORDER BY __row`, spec);
      },
      tables(chunkRows, names) {
        const spec = specOf(names);
        return streamTables(conn, `SELECT ${selectList(spec)} FROM src`, spec, chunkRows);
      },
      close: closeAll,
    };
  } catch (e) {
    closeAll();
    if (e instanceof ValidationError || e instanceof DataError) throw e;
    throw new DataError(`cannot read ${abs} with DuckDB: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, abs);
  }
}
