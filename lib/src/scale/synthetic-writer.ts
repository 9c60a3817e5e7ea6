/**
 * Synthetic customers at scale (1 M, 10 M rows) written straight to CSV or Parquet in chunks, never holding more
 * than one chunk in JS memory. Each chunk is a table of the in-memory generators (`generateBankCustomers`,
 * `generateCardCustomers`: same distributions, same planted segments with exact shares per chunk) drawn with its
 * own seed, chunk c of seed s using seed (s · 1,000,003 + c) mod 2³¹. A `customer_id` column (1..n) is added first
 * for the bank schema; the card schema's CUST_ID runs C10001… over the whole file.
 *
 * CSV is written by JS (numbers in their shortest round-trip form, so a reader gets back exactly the generated
 * doubles; missing values as empty cells). Parquet goes through a temporary CSV that DuckDB converts with the
 * column types fixed, so both formats hold the same values.
 *
 * Complexity: O(n · columns) time; memory O(chunkRows · columns) in JS plus DuckDB's bounded buffers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ValidationError } from '../core/errors';
import { isNumeric, type Table } from '../data/table';
import { generateBankCustomers } from '../data/synthetic-bank';
import { generateCardCustomers } from '../data/synthetic-cc';
import { openDuckDB } from './duckdb';

/** The synthetic schemas that can be written at scale. */
export type SyntheticKind = 'bank' | 'cc';

/** Options of {@link writeSyntheticData}. */
export interface SyntheticWriteOptions {
  /** Schema: 'bank' (bank-additional-full + customer_id) or 'cc' (CC GENERAL). Default 'bank'. */
  kind: SyntheticKind;
  /** Rows, 1..100,000,000. */
  n: number;
  /** Base seed. Default 42. */
  seed: number;
  /** 'parquet' or 'csv'. Default: from the file extension, else 'parquet'. */
  format: 'parquet' | 'csv' | null;
  /** Rows generated at a time (JS memory bound). Default 100,000. */
  chunkRows: number;
  /** Called after each chunk with the rows written so far. */
  onProgress: ((rowsDone: number, n: number) => void) | null;
}

/** Defaults of {@link SyntheticWriteOptions}. */
export const DEFAULT_SYNTHETIC_WRITE_OPTIONS: Omit<SyntheticWriteOptions, 'n'> = { kind: 'bank', seed: 42, format: null, chunkRows: 100_000, onProgress: null };

/** What {@link writeSyntheticData} wrote. */
export interface SyntheticWriteResult {
  file: string;
  format: 'parquet' | 'csv';
  rows: number;
  columns: string[];
  bytes: number;
  seconds: number;
}

/** The seed of chunk `c` for base seed `seed`. */
export function chunkSeed(seed: number, c: number): number {
  return Number((BigInt(Math.trunc(seed)) * 1000003n + BigInt(c)) % 2147483648n);
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
function cell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function chunkTable(kind: SyntheticKind, rows: number, seed: number, first: number): Table {
  if (kind === 'bank') {
    const t = generateBankCustomers({ n: rows, seed });
    const ids = new Float64Array(rows);
    for (let i = 0; i < rows; i++) ids[i] = first + i + 1;
    return { nRows: rows, columns: [{ kind: 'numeric', name: 'customer_id', values: ids }, ...t.columns] };
  }
  const t = generateCardCustomers({ n: rows, seed });
  const levels = new Array<string>(rows);
  for (let i = 0; i < rows; i++) levels[i] = `C${10001 + first + i}`;
  return { nRows: rows, columns: t.columns.map((c) => (c.name === 'CUST_ID' ? { kind: 'id', name: 'CUST_ID', codes: Int32Array.from({ length: rows }, (_, i) => i), levels } : c)) };
}

/** Shortest round-trip text of numbers, cached for columns that repeat few values (indicators, counts, ages). */
class NumberText {
  private readonly cache = new Map<number, string>();
  text(x: number): string {
    if (Number.isNaN(x)) return '';
    let t = this.cache.get(x);
    if (t === undefined) {
      t = String(x);
      if (this.cache.size < 4096) this.cache.set(x, t);
    }
    return t;
  }
}

/** The CSV text of a table's rows (no header). */
function csvRows(t: Table, numberText: NumberText[]): string {
  const cols = t.columns;
  const lines = new Array<string>(t.nRows);
  const quotedLevels = cols.map((c) => (isNumeric(c) ? null : c.levels.map(cell)));
  const fields = new Array<string>(cols.length);
  for (let i = 0; i < t.nRows; i++) {
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j];
      if (isNumeric(c)) fields[j] = numberText[j].text(c.values[i]);
      else { const k = c.codes[i]; fields[j] = k < 0 ? '' : quotedLevels[j]![k]; }
    }
    lines[i] = fields.join(',');
  }
  return lines.join('\n') + '\n';
}

function formatOf(file: string, format: 'parquet' | 'csv' | null): 'parquet' | 'csv' {
  if (format) return format;
  return /\.csv$/i.test(file) ? 'csv' : 'parquet';
}

/**
 * Write `n` synthetic customers to `out` in chunks (atomically: a temporary file renamed at the end).
 * @throws ValidationError for a bad n, kind, format or chunk size.
 * @example await writeSyntheticData('customers-1m.parquet', { n: 1_000_000 }) // {rows: 1000000, format: 'parquet', …}
 */
export async function writeSyntheticData(out: string, options: Partial<SyntheticWriteOptions> & { n: number }): Promise<SyntheticWriteResult> {
  const o = { ...DEFAULT_SYNTHETIC_WRITE_OPTIONS, ...options };
  if (!Number.isInteger(o.n) || o.n < 1 || o.n > 100_000_000) throw new ValidationError(`n=${o.n} should be an integer in [1, 100000000]`);
  if (o.kind !== 'bank' && o.kind !== 'cc') throw new ValidationError(`kind="${String(o.kind)}" should be 'bank' or 'cc'`);
  if (!Number.isInteger(o.chunkRows) || o.chunkRows < 1) throw new ValidationError(`chunkRows=${o.chunkRows} should be a positive integer`);
  if (o.format !== null && o.format !== 'csv' && o.format !== 'parquet') throw new ValidationError(`format="${String(o.format)}" should be 'parquet' or 'csv'`);
  const format = formatOf(out, o.format);
  const abs = path.resolve(out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const t0 = performance.now();
  const tmpCsv = format === 'csv' ? `${abs}.tmp-${process.pid}` : path.join(os.tmpdir(), `seglab-synthetic-${process.pid}-${Date.now()}.csv`);
  const fd = fs.openSync(tmpCsv, 'w');
  let header: string[] = [];
  let kinds: boolean[] = [];
  let numberText: NumberText[] = [];
  try {
    for (let first = 0, c = 0; first < o.n; first += o.chunkRows, c++) {
      const rows = Math.min(o.chunkRows, o.n - first);
      const t = chunkTable(o.kind, rows, chunkSeed(o.seed, c), first);
      if (c === 0) {
        header = t.columns.map((x) => x.name);
        kinds = t.columns.map((x) => isNumeric(x));
        numberText = t.columns.map(() => new NumberText());
        fs.writeSync(fd, header.map(cell).join(',') + '\n');
      }
      fs.writeSync(fd, csvRows(t, numberText));
      o.onProgress?.(first + rows, o.n);
    }
  } finally {
    fs.closeSync(fd);
  }
  if (format === 'csv') {
    fs.renameSync(tmpCsv, abs);
  } else {
    const tmpOut = `${abs}.tmp-${process.pid}`;
    const s = await openDuckDB();
    try {
      const q = (x: string) => `'${x.replace(/'/g, "''")}'`;
      const types = header.map((h, j) => `${q(h)}: '${h === 'customer_id' ? 'BIGINT' : kinds[j] ? 'DOUBLE' : 'VARCHAR'}'`).join(', ');
      await s.conn.run(`COPY (SELECT * FROM read_csv(${q(tmpCsv)}, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', columns = {${types}})) TO ${q(tmpOut)} (FORMAT parquet)`);
      fs.renameSync(tmpOut, abs);
    } finally {
      s.close();
      fs.rmSync(tmpCsv, { force: true });
      fs.rmSync(tmpOut, { force: true });
    }
  }
  return { file: abs, format, rows: o.n, columns: header, bytes: fs.statSync(abs).size, seconds: (performance.now() - t0) / 1000 };
}
