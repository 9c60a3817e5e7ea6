/**
 * The DuckDB plumbing of the out-of-core path (internal): open an engine with bounded memory, run queries, stream
 * results as row-major matrices or as column-oriented Tables in chunks of a fixed number of rows, and append a JS
 * Table to a DuckDB table. Queries handed to the readers must return DOUBLE columns (matrices) or DOUBLE and
 * VARCHAR columns (tables): callers cast in SQL.
 */
import * as os from 'node:os';
import type { DuckDBConnection, DuckDBDataChunk, DuckDBType } from '@duckdb/node-api';
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import { isNumeric, type Column, type Table } from '../data/table';

/** The DuckDB module, loaded on first use (so that importing seglab does not load the native engine). */
function duck(): typeof import('@duckdb/node-api') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@duckdb/node-api') as typeof import('@duckdb/node-api');
}

/** Options of {@link openDuckDB}. */
export interface DuckDBOptions {
  /** Database file (':memory:' keeps tables in memory, spilling to `tempDirectory`). Default ':memory:'. */
  path: string;
  /** Worker threads of the engine. Default: the machine's cores. */
  threads: number | null;
  /** Memory limit of the engine (DuckDB syntax, e.g. '2GB'); beyond it DuckDB spills to disk. Default '2GB'. */
  memoryLimit: string;
  /** Folder for spilled data. Default: the OS temporary folder. */
  tempDirectory: string | null;
}

/** Defaults of {@link DuckDBOptions}. */
export const DEFAULT_DUCKDB_OPTIONS: DuckDBOptions = { path: ':memory:', threads: null, memoryLimit: '2GB', tempDirectory: null };

/** An open engine and one connection. */
export interface DuckSession {
  readonly conn: DuckDBConnection;
  /** Close the connection and the engine. */
  close(): void;
}

/** Open DuckDB with bounded memory. */
export async function openDuckDB(options: Partial<DuckDBOptions> = {}): Promise<DuckSession> {
  const o = { ...DEFAULT_DUCKDB_OPTIONS, ...options };
  const config: Record<string, string> = {
    memory_limit: o.memoryLimit,
    threads: String(o.threads ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length)),
    temp_directory: o.tempDirectory ?? os.tmpdir(),
  };
  const instance = await duck().DuckDBInstance.create(o.path, config);
  const conn = await instance.connect();
  return {
    conn,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** A JS value from DuckDB: BIGINT and HUGEINT as numbers, the rest as is. */
function plain(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

/** Run a query and return its rows as objects (small results only). */
export async function queryRows(conn: DuckDBConnection, sql: string): Promise<Array<Record<string, unknown>>> {
  const reader = await conn.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRowsJS().map((r) => {
    const o: Record<string, unknown> = {};
    names.forEach((n, j) => { o[n] = plain(r[j]); });
    return o;
  });
}

/** The one value of a one-row, one-column query. */
export async function queryValue(conn: DuckDBConnection, sql: string): Promise<unknown> {
  const rows = await queryRows(conn, sql);
  const first = rows[0];
  return first ? Object.values(first)[0] : undefined;
}

/** The chunks of a streamed query (about 2,048 rows each). */
async function* chunks(conn: DuckDBConnection, sql: string): AsyncGenerator<DuckDBDataChunk> {
  const result = await conn.stream(sql);
  for (;;) {
    const c = await result.fetchChunk();
    if (!c || c.rowCount === 0) break;
    yield c;
  }
}

/** A block of rows of a streamed matrix and where it starts. */
export interface MatrixChunk {
  readonly X: Matrix;
  /** Index of the block's first row in the whole result. */
  readonly offset: number;
}

/**
 * Stream a query of DOUBLE columns as row-major matrices of `chunkRows` rows (the last may be shorter); NULL reads
 * as NaN. Memory: one block of chunkRows × columns doubles. O(rows · columns).
 */
export async function* streamMatrix(conn: DuckDBConnection, sql: string, chunkRows: number): AsyncGenerator<MatrixChunk> {
  if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new ValidationError(`chunkRows=${chunkRows} should be a positive integer`);
  let buf: Float64Array | null = null;
  let d = 0;
  let fill = 0;
  let offset = 0;
  for await (const c of chunks(conn, sql)) {
    if (!buf) { d = c.columnCount; buf = new Float64Array(chunkRows * d); }
    const n = c.rowCount;
    const vecs = Array.from({ length: d }, (_, j) => c.getColumnVector(j));
    let i = 0;
    while (i < n) {
      const take = Math.min(n - i, chunkRows - fill);
      for (let j = 0; j < d; j++) {
        const v = vecs[j];
        for (let r = 0; r < take; r++) {
          const x = v.getItem(i + r) as number | null;
          buf[(fill + r) * d + j] = x === null ? NaN : x;
        }
      }
      fill += take;
      i += take;
      if (fill === chunkRows) {
        yield { X: { data: buf, rows: fill, cols: d }, offset };
        offset += fill;
        buf = new Float64Array(chunkRows * d);
        fill = 0;
      }
    }
  }
  if (buf && fill > 0) yield { X: { data: buf.slice(0, fill * d), rows: fill, cols: d }, offset };
}

/** Read a whole (small) query of DOUBLE columns as one matrix. */
export async function readMatrix(conn: DuckDBConnection, sql: string): Promise<Matrix> {
  const parts: Matrix[] = [];
  let rows = 0;
  let cols = 0;
  for await (const m of streamMatrix(conn, sql, 65536)) { parts.push(m.X); rows += m.X.rows; cols = m.X.cols; }
  const data = new Float64Array(rows * cols);
  let o = 0;
  for (const p of parts) { data.set(p.data, o); o += p.data.length; }
  return { data, rows, cols };
}

/** How to read each column of a query into a Table. */
export interface ColumnSpec {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical' | 'id';
  /**
   * Known levels of a categorical column: the query then returns the 0-based INTEGER code of each value in this
   * list (NULL or −1 for missing), which reads much faster than text.
   */
  readonly levels?: readonly string[];
}

/**
 * Stream a query as Tables of `chunkRows` rows: numeric columns (DOUBLE) as Float64Array with NaN for NULL,
 * categorical and id columns (VARCHAR) dictionary-encoded with code −1 for NULL (levels in first-seen order).
 */
export async function* streamTables(conn: DuckDBConnection, sql: string, spec: readonly ColumnSpec[], chunkRows: number): AsyncGenerator<Table & { offset: number }> {
  if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new ValidationError(`chunkRows=${chunkRows} should be a positive integer`);
  let offset = 0;
  // buffers start small and double up to chunkRows (a whole-result read does not reserve its maximum up front)
  let cur = newBuffers(spec, Math.min(chunkRows, 65_536));
  for await (const c of chunks(conn, sql)) {
    if (c.columnCount !== spec.length) throw new ValidationError(`streamTables: the query returns ${c.columnCount} columns, the spec lists ${spec.length}`);
    const n = c.rowCount;
    const vecs = spec.map((_, j) => c.getColumnVector(j));
    let i = 0;
    while (i < n) {
      if (cur.fill === cur.capacity && cur.capacity < chunkRows) grow(cur, Math.min(chunkRows, cur.capacity * 2));
      const take = Math.min(n - i, cur.capacity - cur.fill);
      spec.forEach((s, j) => {
        const v = vecs[j];
        const b = cur.cols[j];
        if (s.kind === 'numeric') {
          const out = b.values as Float64Array;
          for (let r = 0; r < take; r++) { const x = v.getItem(i + r) as number | null; out[cur.fill + r] = x === null ? NaN : x; }
        } else if (s.levels) {
          const out = b.codes as Int32Array;
          for (let r = 0; r < take; r++) { const k = v.getItem(i + r) as number | null; out[cur.fill + r] = k === null ? -1 : k; }
        } else {
          const out = b.codes as Int32Array;
          for (let r = 0; r < take; r++) {
            const raw = v.getItem(i + r);
            if (raw === null) { out[cur.fill + r] = -1; continue; }
            const x = typeof raw === 'string' ? raw : String(raw);
            let k = b.index!.get(x);
            if (k === undefined) { k = b.levels!.length; b.levels!.push(x); b.index!.set(x, k); }
            out[cur.fill + r] = k;
          }
        }
      });
      cur.fill += take;
      i += take;
      if (cur.fill === chunkRows) {
        yield { ...toTable(spec, cur), offset };
        offset += cur.fill;
        cur = newBuffers(spec, Math.min(chunkRows, 65_536));
      }
    }
  }
  if (cur.fill > 0) yield { ...toTable(spec, cur), offset };
}

interface Buffers { fill: number; capacity: number; cols: Array<{ values?: Float64Array; codes?: Int32Array; levels?: string[]; index?: Map<string, number> }> }

function newBuffers(spec: readonly ColumnSpec[], rows: number): Buffers {
  return {
    fill: 0,
    capacity: rows,
    cols: spec.map((s) => (s.kind === 'numeric' ? { values: new Float64Array(rows) } : { codes: new Int32Array(rows), levels: s.levels ? [...s.levels] : [], index: s.levels ? undefined : new Map() })),
  };
}

function grow(b: Buffers, rows: number): void {
  for (const c of b.cols) {
    if (c.values) { const v = new Float64Array(rows); v.set(c.values); c.values = v; }
    if (c.codes) { const v = new Int32Array(rows); v.set(c.codes); c.codes = v; }
  }
  b.capacity = rows;
}

function toTable(spec: readonly ColumnSpec[], b: Buffers): Table {
  const n = b.fill;
  const columns: Column[] = spec.map((s, j) => {
    const c = b.cols[j];
    if (s.kind === 'numeric') return { kind: 'numeric', name: s.name, values: c.values!.length === n ? c.values! : c.values!.slice(0, n) };
    return { kind: s.kind, name: s.name, codes: c.codes!.length === n ? c.codes! : c.codes!.slice(0, n), levels: c.levels! };
  });
  return { nRows: n, columns };
}

/** Read a whole (small) query into one Table. */
export async function readTable(conn: DuckDBConnection, sql: string, spec: readonly ColumnSpec[]): Promise<Table> {
  let out: Table | null = null;
  for await (const t of streamTables(conn, sql, spec, Number.MAX_SAFE_INTEGER)) out = t;
  return out ?? { nRows: 0, columns: spec.map((s) => (s.kind === 'numeric' ? { kind: 'numeric', name: s.name, values: new Float64Array(0) } : { kind: s.kind, name: s.name, codes: new Int32Array(0), levels: [] })) };
}

/** Categorical columns with at most this many levels are appended as integer codes and decoded in SQL. */
const CODE_LEVELS_MAX = 4096;

/**
 * Create (or replace) table `name` holding a JS Table: numeric columns as DOUBLE (NaN → NULL), categorical and id
 * columns as VARCHAR (code −1 → NULL). Rows are appended 2,048 at a time through data chunks.
 * Complexity: O(rows · columns).
 */
export async function appendTable(conn: DuckDBConnection, name: string, table: Table, opts: { create?: boolean } = {}): Promise<void> {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const coded = table.columns.map((c) => !isNumeric(c) && c.levels.length <= CODE_LEVELS_MAX);
  const staging = `${name}__staging`;
  const { DOUBLE, INTEGER, VARCHAR, DuckDBDataChunk: Chunk } = duck();
  const types: DuckDBType[] = table.columns.map((c, j) => (isNumeric(c) ? DOUBLE : coded[j] ? INTEGER : VARCHAR));
  const colDefs = table.columns.map((c, j) => `${q(c.name)} ${isNumeric(c) ? 'DOUBLE' : coded[j] ? 'INTEGER' : 'VARCHAR'}`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${q(staging)} (${colDefs.join(', ')})`);
  const app = await conn.createAppender(staging);
  const size = 2048;
  for (let start = 0; start < table.nRows; start += size) {
    const n = Math.min(size, table.nRows - start);
    const chunk = Chunk.create(types, n);
    table.columns.forEach((c, j) => {
      const v = chunk.getColumnVector(j);
      if (isNumeric(c)) for (let r = 0; r < n; r++) { const x = c.values[start + r]; v.setItem(r, Number.isNaN(x) ? null : x); }
      else if (coded[j]) for (let r = 0; r < n; r++) { const k = c.codes[start + r]; v.setItem(r, k < 0 ? null : k); }
      else for (let r = 0; r < n; r++) { const k = c.codes[start + r]; v.setItem(r, k < 0 ? null : c.levels[k]); }
      v.flush();
    });
    app.appendDataChunk(chunk);
  }
  app.closeSync();
  const select = table.columns.map((c, j) => {
    if (!coded[j] || isNumeric(c)) return q(c.name);
    const list = `[${c.levels.map((l) => `'${l.replace(/'/g, "''")}'`).join(', ')}]::VARCHAR[]`;
    return `(${list})[${q(c.name)} + 1] AS ${q(c.name)}`;
  });
  const create = opts.create === false ? `INSERT INTO ${q(name)}` : `CREATE OR REPLACE TABLE ${q(name)} AS`;
  await conn.run(`${create} SELECT ${select.join(', ')} FROM ${q(staging)}`);
  await conn.run(`DROP TABLE ${q(staging)}`);
}
