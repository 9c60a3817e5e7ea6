/**
 * Atomic CSV writing: the text goes to a temporary file next to the target, is flushed to disk, then renamed over
 * the target, so a reader never sees a half-written file and a failure leaves the old file (or none) in place.
 *
 * The temporary file is removed on error, at exit and on SIGINT/SIGTERM (see core/temp-files); temporary files
 * of dead processes beside the target are removed by the next write.
 *
 * Complexity: O(rows · columns) time; O(chunk) memory beyond the input (written in ~1 MB pieces).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataError } from '../core/errors';
import { removeStaleTemps, tempPathFor, trackTemp, untrackTemp } from '../core/temp-files';
import { isNumeric, type Table } from './table';

/** Options of `writeCsv`. */
export interface WriteCsvOptions {
  /** Field delimiter. */
  delimiter?: string;
  /** Line ending. */
  lineEnding?: '\n' | '\r\n';
  /** Column order for rows given as objects (default: keys of the first row, then new keys in order of appearance). */
  columns?: readonly string[];
}

/** Defaults of `writeCsv`. */
export const DEFAULT_WRITE_CSV_OPTIONS = { delimiter: ',', lineEnding: '\n' } as const;

/** Quote a cell when it holds the delimiter, a quote, a line break or edge whitespace (RFC 4180). */
export function csvCell(v: string, delimiter = ','): string {
  if (v === '') return v;
  let needs = v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32;
  if (!needs) needs = v.includes(delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r');
  return needs ? `"${v.replace(/"/g, '""')}"` : v;
}

function cellText(x: unknown): string {
  if (x === null || x === undefined) return '';
  if (typeof x === 'number') return Number.isFinite(x) ? String(x) : '';
  if (x instanceof Date) return Number.isNaN(x.getTime()) ? '' : x.toISOString();
  if (typeof x === 'object') return JSON.stringify(x);
  return String(x);
}

function isTable(x: unknown): x is Table {
  return typeof x === 'object' && x !== null && Array.isArray((x as Table).columns) && typeof (x as Table).nRows === 'number';
}

/**
 * Write a table (or an array of row objects) as CSV, atomically.
 * Missing values (NaN, code -1, null/undefined) are written as empty cells; date columns as ISO strings.
 * @param data a Table or rows like `[{ id: 'C1', segment: 2 }]`
 * @param file target path (its folder is created if needed)
 * @returns the number of data rows written
 * @throws DataError when the file cannot be written (the target is left untouched)
 */
export function writeCsv(data: Table | readonly Record<string, unknown>[], file: string, opts: WriteCsvOptions = {}): number {
  const d = opts.delimiter ?? DEFAULT_WRITE_CSV_OPTIONS.delimiter;
  const eol = opts.lineEnding ?? DEFAULT_WRITE_CSV_OPTIONS.lineEnding;
  let header: string[];
  let nRows: number;
  let cell: (r: number, j: number) => string;
  if (isTable(data)) {
    const cols = data.columns;
    header = cols.map((c) => c.name);
    nRows = data.nRows;
    cell = (r, j) => {
      const c = cols[j];
      if (isNumeric(c)) {
        const v = c.values[r];
        if (v !== v) return '';
        return c.kind === 'date' ? new Date(v).toISOString() : String(v);
      }
      const k = c.codes[r];
      return k < 0 ? '' : c.levels[k];
    };
  } else if (Array.isArray(data)) {
    const rows = data as readonly Record<string, unknown>[];
    if (opts.columns) header = opts.columns.slice();
    else {
      const seen = new Set<string>();
      header = [];
      for (const row of rows) for (const k of Object.keys(row)) if (!seen.has(k)) { seen.add(k); header.push(k); }
    }
    nRows = rows.length;
    cell = (r, j) => cellText(rows[r][header[j]]);
  } else {
    throw new DataError(`writeCsv expects a Table or an array of row objects, got ${typeof data}`, file);
  }
  const target = path.resolve(file);
  const tmp = tempPathFor(target);
  let fd: number | null = null;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    removeStaleTemps(target);
    trackTemp(tmp);
    fd = fs.openSync(tmp, 'w');
    let buf = header.map((h) => csvCell(h, d)).join(d) + eol;
    for (let r = 0; r < nRows; r++) {
      let line = '';
      for (let j = 0; j < header.length; j++) line += (j ? d : '') + csvCell(cell(r, j), d);
      buf += line + eol;
      if (buf.length > 1 << 20) {
        fs.writeSync(fd, buf);
        buf = '';
      }
    }
    if (buf.length) fs.writeSync(fd, buf);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, target);
  } catch (e) {
    if (fd !== null) try { fs.closeSync(fd); } catch { /* already closed */ }
    try { fs.unlinkSync(tmp); } catch { /* never created */ }
    throw e instanceof DataError ? e : new DataError(`cannot write ${file}: ${(e as Error).message}`, file);
  } finally {
    untrackTemp(tmp);
  }
  return nRows;
}
