/**
 * The CSV loader for any customer file: delimiter sniffing (`,` `;` tab), UTF-8 BOM, CRLF/LF, RFC 4180 quoted
 * fields, header normalization, type inference per column (numeric, categorical, id, date), configurable missing
 * values and per-column type overrides. Files are read in chunks (a 200 MB file loads with memory proportional to
 * the resulting typed arrays). Every error is a `DataError` naming the file, the line (as a person counts it, the
 * header being line 1), the column and the value.
 *
 * Complexity: O(bytes) time; O(rows · columns) memory for the typed arrays (8 bytes per numeric cell, 4 per text cell).
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import { DataError } from '../core/errors';
import type { Table } from './table';
import { CsvTokenizer } from './csv-tokenizer';
import { CSV_DELIMITER_CANDIDATES, sniffDelimiter, type DelimiterSniff } from './csv-sniff';
import { normalizeHeader, type HeaderRename } from './csv-header';
import { DEFAULT_MISSING_TOKENS } from './csv-values';
import { ColumnBuilder, type BuilderMode, type CsvColumnType } from './csv-column-builder';

export type { CsvColumnType } from './csv-column-builder';

/** Options of `loadCsv` / `parseCsv`. */
export interface CsvOptions {
  /** Field delimiter; when absent it is sniffed among `,` `;` and tab. An explicit value always wins. */
  delimiter?: string;
  /** Cell texts (after trimming) read as missing; replaces the default list. Whitespace-only cells are always missing. */
  missing?: readonly string[];
  /** Per-column type overrides, by normalized header name (`{ CUST_ID: 'id', zip: 'categorical' }`). */
  types?: Readonly<Record<string, CsvColumnType>>;
  /** A text column whose non-missing values are all distinct is typed `id` when it has at least this many values. */
  idMinRows?: number;
  /** Ignore type overrides that name columns the file does not have (the caller checks the columns itself). */
  typesMayBeAbsent?: boolean;
  /** The name used in messages and as `table.source` (loadCsv uses the path; parseCsv "<text>"). */
  fileName?: string;
  /** Bytes read per chunk by loadCsv. */
  chunkBytes?: number;
}

/** Defaults of the CSV loader. */
export const DEFAULT_CSV_OPTIONS = {
  missing: DEFAULT_MISSING_TOKENS,
  idMinRows: 20,
  chunkBytes: 4 * 1024 * 1024,
} as const;

/** What the loader did, for notebooks to print. */
export interface CsvLoadReport {
  file: string;
  delimiter: string;
  /** True when the delimiter was sniffed, false when given. */
  delimiterSniffed: boolean;
  bom: boolean;
  lineEnding: 'CRLF' | 'LF' | 'CR' | 'mixed' | 'none';
  rows: number;
  /** Headers changed by normalization (trimmed, empty, duplicate). */
  renamed: HeaderRename[];
  /** Final type and missing count per column. */
  columns: Array<{ name: string; type: CsvColumnType; missing: number; overridden: boolean }>;
  /** True when a column changed from numbers to text late in the file and the file was read a second time. */
  reread: boolean;
  /** Text encoding (detected from the byte-order mark; UTF-8 without one). */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** 'gzip' when the file was gzip-compressed (detected by its magic bytes), else null. */
  compression: 'gzip' | null;
  /** What a reader should know: duplicated or empty header names and what they were renamed to. */
  warnings: string[];
}

/** A table as loaded from CSV, with the load report. */
export interface CsvTable extends Table {
  readonly report: CsvLoadReport;
}

/** A producer of text chunks (read twice when a column needs a second pass). */
interface ChunkSource {
  name: string;
  /** Total size in characters or bytes when known (to pre-size the column arrays). */
  size: number;
  /** Call `onChunk` with successive text chunks (BOM removed); returns whether a BOM was present. */
  read(onChunk: (chunk: string) => void): boolean;
}

function textSource(text: string, name: string): ChunkSource {
  return {
    name,
    size: text.length,
    read(onChunk) {
      const bom = text.charCodeAt(0) === 0xfeff;
      onChunk(bom ? text.slice(1) : text);
      return bom;
    },
  };
}

/** What the byte-level decoding found: the text encoding, a gzip layer. */
interface Decoding {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  compression: 'gzip' | null;
}

/** Data files inside a directory (for the message when a directory is given as a data file). */
function dataFilesIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((f) => /\.(csv|tsv|txt|gz|parquet|pq|json)$/i.test(f)).sort().slice(0, 6);
  } catch {
    return [];
  }
}

/**
 * Check that `file` is a readable regular file. @throws DataError for a missing file or a directory (naming a few
 * data files inside it).
 */
export function checkDataFile(file: string, shown = file): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataError(code === 'ENOENT' ? `file not found: ${shown}` : `cannot open ${shown}: ${(e as Error).message}`, shown);
  }
  if (st.isDirectory()) {
    const inside = dataFilesIn(file);
    throw new DataError(
      `${shown} is a directory, not a data file: pass one file inside it` +
        (inside.length ? ` (it holds ${inside.join(', ')})` : ' (it holds no .csv, .tsv, .gz or .parquet file)') +
        ', or pass the directory as the data directory (--data-dir / DATA_DIR) and the file name as DATASET',
      shown,
    );
  }
  return st.size;
}

function fileSource(file: string, chunkBytes: number, decoding: Decoding, shown: string): ChunkSource {
  const src: ChunkSource = {
    name: shown,
    size: 0,
    read(onChunk) {
      src.size = checkDataFile(file, shown);
      let fd: number;
      try {
        fd = fs.openSync(file, 'r');
      } catch (e) {
        throw new DataError(`cannot open ${shown}: ${(e as Error).message}`, shown);
      }
      try {
        const head = Buffer.alloc(4);
        const nh = fs.readSync(fd, head, 0, 4, 0);
        if (nh >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
          // gzip (detected by its magic bytes, whatever the file is called): decompressed in memory, then decoded
          let raw: Buffer;
          try {
            raw = zlib.gunzipSync(fs.readFileSync(file));
          } catch (e) {
            throw new DataError(`${shown} starts like a gzip file but cannot be decompressed (${(e as Error).message}): is it truncated?`, shown);
          }
          decoding.compression = 'gzip';
          src.size = raw.length;
          let pos = 0;
          return decodeBytes((buf) => {
            const n = Math.min(buf.length, raw.length - pos);
            raw.copy(buf, 0, pos, pos + n);
            pos += n;
            return n;
          }, chunkBytes, decoding, shown, onChunk);
        }
        let pos = 0;
        return decodeBytes((buf) => {
          const n = fs.readSync(fd, buf, 0, buf.length, pos);
          pos += n;
          return n;
        }, chunkBytes, decoding, shown, onChunk);
      } finally {
        fs.closeSync(fd);
      }
    },
  };
  return src;
}

/**
 * Decode a byte stream to text chunks: UTF-8 (BOM optional), UTF-16 LE/BE with a byte-order mark. UTF-16 without a
 * BOM (every other byte zero) is refused with a clear message. @returns whether a BOM was present.
 */
function decodeBytes(
  readInto: (buf: Buffer) => number,
  chunkBytes: number,
  decoding: Decoding,
  shown: string,
  onChunk: (chunk: string) => void,
): boolean {
  const buf = Buffer.allocUnsafe(Math.max(16, chunkBytes - (chunkBytes % 2)));
  let first = true;
  let bom = false;
  let dec = new StringDecoder('utf8');
  let swap = false;
  let carry: number | null = null;
  for (;;) {
    const got = readInto(buf);
    if (got === 0) break;
    let start = 0;
    if (first) {
      first = false;
      if (got >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        bom = true;
        start = 3;
      } else if (got >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
        bom = true;
        start = 2;
        decoding.encoding = 'utf-16le';
        dec = new StringDecoder('utf16le');
      } else if (got >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
        bom = true;
        start = 2;
        decoding.encoding = 'utf-16be';
        dec = new StringDecoder('utf16le');
        swap = true;
      } else {
        const n = Math.min(got, 200);
        let zeros = 0;
        for (let i = 0; i < n; i++) if (buf[i] === 0) zeros++;
        if (n >= 8 && zeros / n > 0.25) {
          throw new DataError(
            `${shown} looks like UTF-16 text without a byte-order mark (${zeros} of its first ${n} bytes are zero): ` +
              'save it as UTF-8 (or UTF-16 with a BOM) and load it again',
            shown,
          );
        }
      }
    }
    let part = buf.subarray(start, got);
    if (swap) {
      // UTF-16 BE: swap each byte pair to LE, carrying an odd trailing byte to the next chunk
      const bytes: number[] = [];
      if (carry !== null) bytes.push(carry);
      carry = null;
      for (let i = 0; i < part.length; i++) bytes.push(part[i]);
      if (bytes.length % 2) carry = bytes.pop()!;
      const sw = Buffer.allocUnsafe(bytes.length);
      for (let i = 0; i < bytes.length; i += 2) {
        sw[i] = bytes[i + 1];
        sw[i + 1] = bytes[i];
      }
      part = sw;
    }
    const s = dec.write(part);
    if (s.length) onChunk(s);
  }
  const rest = dec.end();
  if (rest.length) onChunk(rest);
  return bom;
}

function lineEndingOf(sample: string): CsvLoadReport['lineEnding'] {
  let crlf = 0, lf = 0, cr = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 13) {
      if (sample.charCodeAt(i + 1) === 10) { crlf++; i++; } else cr++;
    } else if (c === 10) lf++;
  }
  const kinds = (crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf ? 'CRLF' : lf ? 'LF' : 'CR';
}

const q = (s: string): string => (s === '\t' ? 'tab' : JSON.stringify(s));

interface PassResult {
  names: string[];
  rawHeader: string[];
  renamed: HeaderRename[];
  builders: ColumnBuilder[];
  rows: number;
  bom: boolean;
  sniff: DelimiterSniff;
  delimiter: string;
  sample: string;
}

function runPass(src: ChunkSource, opts: CsvOptions, fixedModes: BuilderMode[] | null): PassResult {
  const missing = opts.missing ?? DEFAULT_CSV_OPTIONS.missing;
  const missingSet = new Set(missing.map((m) => m.trim()));
  const maxMissingLen = Math.max(0, ...Array.from(missingSet, (m) => m.length));
  const types = opts.types ?? {};
  const name = src.name;
  let tok: CsvTokenizer | null = null;
  let header: { names: string[]; renamed: HeaderRename[] } | null = null;
  let rawHeader: string[] = [];
  let builders: ColumnBuilder[] = [];
  let rows = 0;
  let sniff: DelimiterSniff | null = null;
  let delimiter = '';
  let sample = '';

  const onRecord = (fields: string[], line: number): void => {
    if (!header) {
      rawHeader = [...fields];
      header = normalizeHeader(fields);
      const names = header.names;
      if (names.length === 1) {
        for (const c of CSV_DELIMITER_CANDIDATES) {
          if (c === delimiter || !sniff) continue;
          const h = sniff.headerCounts[c] ?? 0;
          if (h > 0 && sniff.lines > 1 && (sniff.consistency[c] ?? 0) >= 0.5) {
            throw new DataError(
              `${name}: the delimiter ${q(delimiter)} gives a single column ${JSON.stringify(names[0].slice(0, 60))}, ` +
                `but ${q(c)} splits the lines into ${h + 1} fields; wrong delimiter? pass { delimiter: ${JSON.stringify(c)} }`,
              name, line, names[0], delimiter,
            );
          }
        }
      }
      for (const k of Object.keys(types)) {
        if (!names.includes(k) && !opts.typesMayBeAbsent) {
          throw new DataError(`type override for column "${k}", but ${name} has no such column; it has: ${names.join(', ')}`, name, 1, k);
        }
      }
      // rows expected from the sample's line density, so the column arrays are allocated once
      let nl = 0;
      for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 10) nl++;
      const hint = sample.length && nl ? Math.ceil((src.size / sample.length) * nl * 1.02) + 16 : 1024;
      builders = names.map(
        (n, j) => new ColumnBuilder(n, missingSet, maxMissingLen, name, types[n], fixedModes ? fixedModes[j] : undefined, hint),
      );
      return;
    }
    const nCol = builders.length;
    if (fields.length !== nCol) {
      const short = fields.length < nCol;
      throw new DataError(
        `row ${line} of ${name} has ${fields.length} field${fields.length === 1 ? '' : 's'}, expected ${nCol} ` +
          `(delimiter ${q(delimiter)})` + (short ? `; column "${builders[fields.length].name}" is absent` : ''),
        name, line, short ? builders[fields.length].name : undefined, fields.join(delimiter).slice(0, 120),
      );
    }
    for (let j = 0; j < nCol; j++) builders[j].push(fields[j], line);
    rows++;
  };

  const bom = src.read((chunk) => {
    if (!tok) {
      sample = chunk.slice(0, 65536);
      sniff = sniffDelimiter(sample);
      delimiter = opts.delimiter ?? sniff.delimiter;
      tok = new CsvTokenizer(delimiter, onRecord, name);
    }
    tok.push(chunk);
  });
  if (tok) (tok as CsvTokenizer).end();
  if (!header) throw new DataError(`${name} is empty: no header line`, name);
  if (rows === 0) throw new DataError(`${name} has a header but no data rows`, name, 1);
  const h = header as { names: string[]; renamed: HeaderRename[] };
  return { names: h.names, rawHeader, renamed: h.renamed, builders, rows, bom, sniff: sniff!, delimiter, sample };
}

/** Sentences about header names the loader had to change (duplicates, empty names). */
export function headerWarnings(renamed: readonly HeaderRename[], raw?: readonly string[]): string[] {
  const out: string[] = [];
  const dups = renamed.filter((r) => r.reason === 'duplicate');
  const byName = new Map<string, HeaderRename[]>();
  for (const r of dups) {
    const key = r.from.trim().replace(/\s+/g, ' ');
    byName.set(key, [...(byName.get(key) ?? []), r]);
  }
  for (const [name, rs] of byName) {
    const firstPos = raw ? raw.findIndex((h) => h.trim().replace(/\s+/g, ' ') === name) + 1 : 0;
    out.push(
      `column name "${name}" appears ${rs.length + 1} times in the header` +
        (firstPos > 0 ? ` (columns ${[firstPos, ...rs.map((r) => r.index + 1)].join(', ')})` : '') +
        `: the repeats are read as ${rs.map((r) => `"${r.to}"`).join(', ')}; rename them in the file if they mean different things, or drop the copies`,
    );
  }
  for (const r of renamed.filter((x) => x.reason === 'empty')) out.push(`column ${r.index + 1} has no name in the header: read as "${r.to}"`);
  return out;
}

function parseSource(src: ChunkSource, opts: CsvOptions, decoding: Decoding = { encoding: 'utf-8', compression: null }): CsvTable {
  if (opts.delimiter !== undefined && opts.delimiter.length !== 1) {
    throw new DataError(`delimiter must be a single character, got ${JSON.stringify(opts.delimiter)}`, src.name);
  }
  let pass = runPass(src, opts, null);
  let reread = false;
  if (pass.builders.some((b) => b.demoted)) {
    reread = true;
    pass = runPass(src, opts, pass.builders.map((b) => b.mode));
  }
  const idMinRows = opts.idMinRows ?? DEFAULT_CSV_OPTIONS.idMinRows;
  const types = opts.types ?? {};
  const columns = pass.builders.map((b) => b.finish(idMinRows));
  const report: CsvLoadReport = {
    file: src.name,
    delimiter: pass.delimiter,
    delimiterSniffed: opts.delimiter === undefined,
    bom: pass.bom,
    lineEnding: lineEndingOf(pass.sample),
    rows: pass.rows,
    renamed: pass.renamed,
    columns: columns.map((c, j) => ({
      name: c.name,
      type: c.kind,
      missing: pass.builders[j].missing,
      overridden: types[c.name] !== undefined,
    })),
    reread,
    encoding: decoding.encoding,
    compression: decoding.compression,
    warnings: headerWarnings(pass.renamed, pass.rawHeader),
  };
  return { nRows: pass.rows, columns, source: src.name, report };
}

/**
 * Parse CSV text into a column-oriented table.
 * @param text the whole file's text (a leading BOM is ignored)
 * @param opts delimiter, missing tokens, type overrides (see CsvOptions)
 * @returns the table with its load report
 * @throws DataError naming file, row, column and value (empty input, header only, ragged row, text in a column
 *   declared numeric, wrong delimiter, unterminated quote)
 * @example parseCsv('a;b\n1;x\n2;y\n').columns.map((c) => c.kind) // ['numeric', 'categorical']
 */
export function parseCsv(text: string, opts: CsvOptions = {}): CsvTable {
  if (typeof text !== 'string') throw new DataError(`parseCsv expects a string, got ${typeof text}`);
  return parseSource(textSource(text, opts.fileName ?? '<text>'), opts);
}

/**
 * Load a CSV file into a column-oriented table, reading it in chunks.
 * @param file path of the file
 * @throws DataError (file not found, and every error of parseCsv)
 */
export function loadCsv(file: string, opts: CsvOptions = {}): CsvTable {
  const chunk = opts.chunkBytes ?? DEFAULT_CSV_OPTIONS.chunkBytes;
  if (!(Number.isInteger(chunk) && chunk >= 16)) throw new DataError(`chunkBytes=${chunk} should be an integer >= 16`, file);
  const decoding: Decoding = { encoding: 'utf-8', compression: null };
  const shown = opts.fileName ?? file;
  return parseSource(fileSource(file, chunk, decoding, shown), { ...opts, fileName: shown }, decoding);
}
