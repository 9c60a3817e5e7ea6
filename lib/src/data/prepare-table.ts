/**
 * From the table as read to the table the lab works on, as a complete spec says: dropped columns removed,
 * placeholder texts read as missing, numbers written as text parsed, dates turned into days before the spec's
 * reference date (`days_since_<column>`), categorical roles stored as categories, identifiers as ids, ordinal levels
 * in their order. The same function prepares new customers for scoring (mode `score`), so a saved spec and a model
 * bundle see new rows exactly as the training rows.
 *
 * Complexity: O(n) per converted column (text columns convert through their distinct levels); columns that need
 * nothing are shared, not copied.
 */
import { DataError } from '../core/errors';
import { DEFAULT_MISSING_TOKENS, parseDateAs, parseLenientNumber, parseNumberCell, detectDateFormat } from './csv-values';
import { loadCsv } from './csv';
import { dateDaysName, type DatasetColumn, type DatasetSpec } from './registry';
import { isNumeric, type CategoricalColumn, type Column, type NumericColumn, type Table } from './table';
import type { CsvColumnType } from './csv-column-builder';

const DAY_MS = 86400000;

/** Options of {@link prepareTable}. */
export interface PrepareOptions {
  /** 'train' (default): every declared column must be present. 'score': absent ones are left to the schema check. */
  mode?: 'train' | 'score';
  /** The file name in messages. */
  fileName?: string;
}

/** What {@link prepareTable} returns. */
export interface PreparedTable {
  table: Table;
  /** One sentence per change that a reader should know about (dates turned into days, texts read as missing…). */
  notes: string[];
}

/** The loader types a spec implies (forced per column so that every file is read alike). */
export function loaderTypes(spec: DatasetSpec, header?: readonly string[]): Record<string, CsvColumnType> {
  const t: Record<string, CsvColumnType> = {};
  for (const c of spec.columns) {
    if (header && !header.includes(c.name)) continue;
    t[c.name] = loaderType(c);
  }
  return t;
}

function loaderType(c: DatasetColumn): CsvColumnType {
  switch (c.role) {
    case 'numeric':
      return c.decimal || c.missing?.length ? 'categorical' : 'numeric';
    case 'binary':
      return c.type === 'numeric' ? (c.missing?.length ? 'categorical' : 'numeric') : 'categorical';
    case 'date':
      return c.dateFormat && c.dateFormat !== 'iso' ? 'categorical' : c.missing?.length ? 'categorical' : 'date';
    case 'id':
      return 'id';
    default:
      return 'categorical';
  }
}

/** The 1-based data row (the header being line 1) of the first row holding code `k`, for messages. */
function firstRowOf(codes: Int32Array, k: number): number {
  for (let i = 0; i < codes.length; i++) if (codes[i] === k) return i + 2;
  return -1;
}

/** Text levels → numbers (missing tokens → NaN). @throws DataError naming the first row of a value that is not a number. */
function textToNumbers(c: CategoricalColumn, col: DatasetColumn, file: string): NumericColumn {
  const missing = new Set((col.missing ?? []).map((m) => m.trim()));
  const map = new Float64Array(c.levels.length);
  c.levels.forEach((l, k) => {
    const v = l.trim();
    if (missing.has(v)) { map[k] = NaN; return; }
    const x = col.decimal ? parseLenientNumber(v, col.decimal) : parseNumberCell(v) === parseNumberCell(v) ? parseNumberCell(v) : parseLenientNumber(v);
    if (x !== x) {
      const row = firstRowOf(c.codes, k);
      throw new DataError(
        `column "${c.name}" in row ${row} of ${file} is ${JSON.stringify(l)}, expected a number (the spec says ${col.role}): ` +
          `fix the value, list it under "missing" for this column, or give the column another role in the spec`,
        file, row, c.name, l,
      );
    }
    map[k] = x;
  });
  const values = new Float64Array(c.codes.length);
  for (let i = 0; i < values.length; i++) { const k = c.codes[i]; values[i] = k < 0 ? NaN : map[k]; }
  return { kind: 'numeric', name: c.name, values };
}

/** Numbers → categories (levels sorted numerically, written as the shortest text). */
function numbersToText(c: NumericColumn, kind: 'categorical' | 'id'): CategoricalColumn {
  const distinct = new Set<number>();
  for (let i = 0; i < c.values.length; i++) if (c.values[i] === c.values[i]) distinct.add(c.values[i]);
  const sorted = [...distinct].sort((a, b) => a - b);
  const index = new Map(sorted.map((x, k) => [x, k]));
  const codes = new Int32Array(c.values.length);
  for (let i = 0; i < codes.length; i++) { const x = c.values[i]; codes[i] = x === x ? index.get(x)! : -1; }
  return { kind, name: c.name, codes, levels: sorted.map((x) => String(x)) };
}

/** A text column with some levels read as missing (codes → −1, levels removed). */
function dropLevels(c: CategoricalColumn, missing: readonly string[]): CategoricalColumn {
  const miss = new Set(missing.map((m) => m.trim()));
  if (!c.levels.some((l) => miss.has(l.trim()))) return c;
  const keep: string[] = [];
  const remap = c.levels.map((l) => (miss.has(l.trim()) ? -1 : keep.push(l) - 1));
  const codes = new Int32Array(c.codes.length);
  for (let i = 0; i < codes.length; i++) { const k = c.codes[i]; codes[i] = k < 0 ? -1 : remap[k]; }
  return { kind: c.kind, name: c.name, codes, levels: keep };
}

/** Dates (epoch ms, or text in the column's layout) → days before `asOf`. */
function toDays(c: Column, col: DatasetColumn, asOf: number, file: string): NumericColumn {
  const values = new Float64Array(isNumeric(c) ? c.values.length : c.codes.length);
  if (isNumeric(c)) {
    if (c.kind !== 'date') {
      throw new DataError(`column "${c.name}" of ${file} holds numbers, but the spec says it is a date: give it role "numeric", or write the dates as text (YYYY-MM-DD)`, file, undefined, c.name);
    }
    for (let i = 0; i < values.length; i++) values[i] = (asOf - c.values[i]) / DAY_MS;
  } else {
    const cc = dropLevels(c, col.missing ?? []);
    const format = col.dateFormat ?? detectDateFormat(cc.levels.slice(0, 200).map((l) => l.trim()))?.format ?? 'iso';
    const map = cc.levels.map((l, k) => {
      const t = parseDateAs(l.trim(), format);
      if (t !== t) {
        const row = firstRowOf(cc.codes, k);
        throw new DataError(
          `column "${c.name}" in row ${row} of ${file} is ${JSON.stringify(l)}, expected a date (${format === 'dmy' ? 'DD-MM-YYYY' : format === 'mdy' ? 'MM/DD/YYYY' : 'YYYY-MM-DD'}): ` +
            'fix the value, list it under "missing" for this column, or set its "dateFormat" (iso, dmy, mdy) in the spec',
          file, row, c.name, l,
        );
      }
      return t;
    });
    for (let i = 0; i < values.length; i++) { const k = cc.codes[i]; values[i] = k < 0 ? NaN : (asOf - map[k]) / DAY_MS; }
  }
  return { kind: 'numeric', name: dateDaysName(c.name), values };
}

/** Ordinal levels in the spec's order (levels the spec does not list come after, or fail in training). */
function orderLevels(c: CategoricalColumn, order: readonly string[], mode: 'train' | 'score', file: string): CategoricalColumn {
  const extra = c.levels.filter((l) => !order.includes(l));
  if (extra.length && mode === 'train') {
    const row = firstRowOf(c.codes, c.levels.indexOf(extra[0]));
    throw new DataError(
      `column "${c.name}" in row ${row} of ${file} is ${JSON.stringify(extra[0])}, not one of its ordinal levels ${order.join(' < ')}: add it to "levels" in the spec (in order), or list it under "missing"`,
      file, row, c.name, extra[0],
    );
  }
  const levels = [...order, ...extra];
  const remap = c.levels.map((l) => levels.indexOf(l));
  const codes = new Int32Array(c.codes.length);
  for (let i = 0; i < codes.length; i++) { const k = c.codes[i]; codes[i] = k < 0 ? -1 : remap[k]; }
  return { kind: 'categorical', name: c.name, codes, levels };
}

/**
 * Prepare a table as its (complete) spec says; see the file comment.
 * @throws DataError naming column, row and value when a value cannot be what the spec says (a text in a numeric
 *   column, an unreadable date, an unlisted ordinal level), and what to do about it
 */
export function prepareTable(raw: Table, spec: DatasetSpec, opts: PrepareOptions = {}): PreparedTable {
  const mode = opts.mode ?? 'train';
  const file = opts.fileName ?? raw.source ?? 'the data';
  const byName = new Map(spec.columns.map((c) => [c.name, c]));
  const drop = new Set(spec.dropColumns);
  const notes: string[] = [];
  const asOf = spec.asOf ? Date.parse(spec.asOf) : NaN;
  const out: Column[] = [];
  const dropped: string[] = [];
  for (const c of raw.columns) {
    const col = byName.get(c.name);
    if (drop.has(c.name) || (col && (col.role === 'ignore' || col.role === 'text'))) { dropped.push(c.name); continue; }
    if (!col) { out.push(c); continue; }
    let x: Column = c;
    try {
      if (!isNumeric(x) && col.missing?.length && col.role !== 'numeric' && !(col.role === 'binary' && col.type === 'numeric')) x = dropLevels(x, col.missing);
      switch (col.role) {
        case 'date':
          if (!Number.isFinite(asOf)) throw new DataError(`spec ${spec.id}: column "${c.name}" is a date but the spec has no reference date "asOf": add one like "asOf": "2024-06-30"`, file, undefined, c.name);
          x = toDays(x, col, asOf, file);
          break;
        case 'numeric':
          if (!isNumeric(x)) x = textToNumbers(x, col, file);
          else if (x.kind === 'date') throw new DataError(`column "${c.name}" of ${file} holds dates, but the spec says ${col.role}: give it role "date"`, file, undefined, c.name);
          break;
        case 'binary':
          if (col.type === 'numeric') { if (!isNumeric(x)) x = textToNumbers(x, col, file); }
          else if (isNumeric(x)) x = numbersToText(x, 'categorical');
          else if (x.kind === 'id') x = { ...x, kind: 'categorical' };
          break;
        case 'id':
          if (isNumeric(x)) x = numbersToText(x, 'id');
          else if (x.kind !== 'id') x = { ...x, kind: 'id' };
          break;
        default: // categorical, ordinal, target, truth
          if (isNumeric(x)) x = numbersToText(x, 'categorical');
          else if (x.kind === 'id') x = { ...x, kind: 'categorical' };
          if (col.role === 'ordinal' && col.levels && !isNumeric(x)) x = orderLevels(x, col.levels, mode, file);
      }
    } catch (e) {
      // scoring: a value that cannot be what the spec says leaves the column as read; the schema check then
      // reports every such column together, with its first offending row (a date column is reported here: as read,
      // it would only show up as its day count missing)
      if (mode !== 'score' || !(e instanceof DataError) || col.role === 'date') throw e;
      x = c;
    }
    out.push(x);
  }
  if (dropped.length) notes.push(`left out as the spec says (dropped, free text or ignored): ${dropped.join(', ')}`);
  const dates = spec.columns.filter((c) => c.role === 'date' && raw.columns.some((r) => r.name === c.name));
  if (dates.length) notes.push(`dates as days before ${spec.asOf}: ${dates.map((d) => `${d.name} → ${dateDaysName(d.name)}`).join(', ')}`);
  return { table: { nRows: raw.nRows, columns: out, source: raw.source }, notes };
}

/**
 * Read new customers as a spec says (missing texts, text columns kept as text; the delimiter sniffed) and prepare them like the
 * training rows (mode `score`): what `npm run score` reads when the model bundle carries its spec.
 */
export function readTableForScoring(file: string, spec: DatasetSpec, fileName = file): Table {
  // numbers and dates are not forced: a text where a number belongs is reported by the schema check with its row
  const types = Object.fromEntries(Object.entries(loaderTypes(spec)).filter(([, t]) => t !== 'numeric' && t !== 'date'));
  // the delimiter is sniffed: new customers may come in another layout than the training file
  const loaded = loadCsv(file, { missing: spec.missing ?? DEFAULT_MISSING_TOKENS, types, typesMayBeAbsent: true, fileName });
  const { report: _report, ...raw } = loaded;
  return prepareTable(raw, spec, { mode: 'score', fileName }).table;
}
