/**
 * `showTable(...)`: a readable HTML table for the project's `Table`, a danfo DataFrame, an array of records, or
 * `{columns, rows}`: human headers, p-values and missing values written for people, long tables folded, wide ones
 * in a scroll frame; text/plain fallback for terminals and the runner.
 */
import { isNumeric, type Table } from '../data/table';
import { emitDisplay } from './channel';
import { escapeHtml, formatNumber, formatPValue } from './format';
import { columnLabel, isPValueColumn } from './labels';
import { TABLE_CSS } from './table-style';

/** Who a displayed output is for: everyone, or the analyst only (the business report leaves it out). */
export type Audience = 'all' | 'analyst';

/** Options of {@link showTable} and {@link tableHtml}. */
export interface TableOptions {
  /** Rows shown before the fold ("show all"); inputs longer than `foldLimit` show head and tail halves instead. Default 20. */
  maxRows?: number;
  /** Inputs up to this many rows carry every row (those past `maxRows` folded); longer ones show head and tail. Default 500. */
  foldLimit?: number;
  /** Decimals for non-integer numbers. Default 3. */
  digits?: number;
  /** Decimals per column (column key → decimals), over `digits`. */
  columnDigits?: Record<string, number>;
  /** A caption shown above the table. */
  caption?: string;
  /** Show the row index. Default true. */
  index?: boolean;
  /** Optional per-column formatters (column name → cell text). */
  formatters?: Record<string, (v: unknown) => string>;
  /** Column headers (column key → header), over the library's dictionary ({@link COLUMN_LABELS}). */
  headers?: Record<string, string>;
  /** Columns holding p-values (besides those the dictionary knows): "< 1e-300" or scientific notation. */
  pValues?: string[];
  /** Click a header to sort (in the HTML report; numbers numerically, blanks last). Default false. */
  sortable?: boolean;
  /** 'analyst' leaves the table out of the business report (diagnostics only a data scientist reads). Default 'all'. */
  audience?: Audience;
  /** The note under a table with missing values shown as "—". Default: "— no value (not computable for this row)". */
  missingNote?: string;
}

/** Defaults of {@link TableOptions}. */
export const DEFAULT_TABLE_OPTIONS = Object.freeze({
  maxRows: 20, foldLimit: 500, digits: 3, index: true, sortable: false, audience: 'all' as Audience,
  missingNote: '— no value (not computable for this row)',
});

/** A table as column names and row-major cell values: the form every input is converted to. */
export interface SimpleTable {
  columns: string[];
  rows: unknown[][];
  /** Optional row labels (e.g. a DataFrame's index). */
  index?: unknown[];
}

type DanfoLike = { columns: string[]; values: unknown[][]; index?: unknown[]; $data?: unknown };

function isTable(x: unknown): x is Table {
  return !!x && typeof x === 'object' && Array.isArray((x as Table).columns) && typeof (x as Table).nRows === 'number';
}

function isDanfo(x: unknown): x is DanfoLike {
  return !!x && typeof x === 'object' && Array.isArray((x as DanfoLike).columns) && Array.isArray((x as DanfoLike).values) && '$data' in (x as object);
}

function isSimple(x: unknown): x is SimpleTable {
  return !!x && typeof x === 'object' && Array.isArray((x as SimpleTable).columns) && Array.isArray((x as SimpleTable).rows);
}

/** Convert any supported input to a SimpleTable, reading only the rows that will be shown. */
export function toSimpleTable(input: unknown, wanted?: number[]): SimpleTable {
  if (isTable(input)) {
    const idx = wanted ?? Array.from({ length: input.nRows }, (_, i) => i);
    return {
      columns: input.columns.map((c) => c.name),
      rows: idx.map((i) => input.columns.map((c) => (isNumeric(c) ? c.values[i] : c.codes[i] < 0 ? null : c.levels[c.codes[i]]))),
      index: idx,
    };
  }
  if (isDanfo(input)) {
    const idx = wanted ?? input.values.map((_, i) => i);
    return { columns: input.columns.map(String), rows: idx.map((i) => input.values[i] as unknown[]), index: idx.map((i) => input.index?.[i] ?? i) };
  }
  if (isSimple(input)) {
    const idx = wanted ?? input.rows.map((_, i) => i);
    return { columns: input.columns, rows: idx.map((i) => input.rows[i]), index: idx.map((i) => input.index?.[i] ?? i) };
  }
  if (Array.isArray(input)) {
    const records = input as Record<string, unknown>[];
    const columns: string[] = [];
    const seen = new Set<string>();
    for (const r of records) for (const k of Object.keys(r ?? {})) if (!seen.has(k)) { seen.add(k); columns.push(k); }
    const idx = wanted ?? records.map((_, i) => i);
    return { columns, rows: idx.map((i) => columns.map((c) => records[i]?.[c])), index: idx };
  }
  throw new TypeError('showTable expects a Table, a danfo DataFrame, an array of records, or {columns, rows}');
}

function rowCount(input: unknown): number {
  if (isTable(input)) return input.nRows;
  if (isDanfo(input)) return input.values.length;
  if (isSimple(input)) return input.rows.length;
  if (Array.isArray(input)) return input.length;
  return 0;
}

/** A cell's text and whether it is a missing value (NaN, ±∞ are values; null/undefined are blank, NaN is "—"). */
function cellText(v: unknown, digits: number, pValue = false): { text: string; missing: boolean } {
  if (v === null || v === undefined) return { text: '', missing: false };
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { text: '—', missing: true };
    return { text: pValue ? formatPValue(v) : formatNumber(v, digits), missing: false };
  }
  if (typeof v === 'boolean') return { text: v ? 'true' : 'false', missing: false };
  if (v instanceof Date) return { text: v.toISOString(), missing: false };
  return { text: String(v), missing: false };
}

/** Rows to carry: all (those past `maxRows` folded), or the head and tail halves of `maxRows` with a gap. */
function shownRows(n: number, maxRows: number, foldLimit: number): { idx: number[]; gapAfter: number; folded: boolean } {
  if (n <= maxRows) return { idx: Array.from({ length: n }, (_, i) => i), gapAfter: -1, folded: false };
  if (n <= foldLimit) return { idx: Array.from({ length: n }, (_, i) => i), gapAfter: -1, folded: true };
  const head = Math.ceil(maxRows / 2);
  const tail = maxRows - head;
  const idx = [...Array.from({ length: head }, (_, i) => i), ...Array.from({ length: tail }, (_, i) => n - tail + i)];
  return { idx, gapAfter: head - 1, folded: false };
}

/** Text that is a number written for people: "1,234", "12.3%", "1.2e-5", "< 1e-300", "0.91 ± 0.02", "—". */
const NUMERIC_TEXT = /^(?:[-−+]?(?:\d[\d,]*)?\.?\d+(?:e[-+]?\d+)?\s?%?|—|< ?1e-\d+|[-−]?\d[\d.,]*%? ± \d[\d.,]*%?)$/i;

let tableCounter = 0;

/**
 * Render a table to HTML and plain text (pure apart from a counter that keeps element ids unique).
 * Headers come from `headers`, then {@link COLUMN_LABELS}, then the key with camelCase split; p-value columns read
 * "< 1e-300" below 1e-300 and scientific notation otherwise; NaN shows as "—" with a note; text is left-aligned,
 * numbers right-aligned in tabular figures; the table sits in a scroll frame with a sticky header and first column;
 * rows past `maxRows` are folded behind "show all". O(shown rows × columns).
 */
export function tableHtml(input: unknown, opts: TableOptions = {}): { html: string; text: string } {
  const o = { ...DEFAULT_TABLE_OPTIONS, ...opts };
  const maxRows = Math.max(1, o.maxRows);
  const n = rowCount(input);
  const { idx, gapAfter, folded } = shownRows(n, maxRows, Math.max(maxRows, o.foldLimit));
  const t = toSimpleTable(input, idx);
  const pCol = t.columns.map((c) => isPValueColumn(c, o.pValues));
  let missing = false;
  const fmt = (j: number, v: unknown): { text: string; missing: boolean } => {
    const c = t.columns[j];
    if (o.formatters?.[c]) return { text: o.formatters[c](v), missing: false };
    const r = cellText(v, o.columnDigits?.[c] ?? o.digits, pCol[j]);
    missing ||= r.missing;
    return r;
  };
  // right-aligned: columns holding numbers, or only numbers already written as text ("12.3%", "0.91 ± 0.02", "—")
  const numericCol = t.columns.map((_, j) => t.rows.some((r) => typeof r[j] === 'number') ||
    (t.rows.some((r) => typeof r[j] === 'string' && r[j] !== '') && t.rows.every((r) => r[j] == null || r[j] === '' || (typeof r[j] === 'string' && NUMERIC_TEXT.test(r[j] as string)))));
  const cells = t.rows.map((r) => r.map((v, j) => fmt(j, v)));
  const sortable = o.sortable && gapAfter < 0;
  const id = `seglab-table-${process.pid.toString(36)}-${Date.now().toString(36)}-${++tableCounter}`;
  const labels = t.columns.map((c) => columnLabel(c, o.headers));
  const parts: string[] = [`<div class="seglab-table" id="${id}"><style>${TABLE_CSS}</style>`];
  if (o.caption) parts.push(`<div class="seglab-caption">${escapeHtml(o.caption)}</div>`);
  if (folded) parts.push(`<input type="checkbox" class="seglab-fold" id="${id}-all">`);
  parts.push(`<div class="seglab-scroll"><table class="dataframe${sortable ? ' sortable' : ''}"${folded ? ` data-fold="${maxRows}"` : ''}>`);
  parts.push(
    '<thead><tr>' + (o.index ? '<th></th>' : '') +
    labels.map((l, j) => `<th${numericCol[j] ? ' class="num"' : ''}${l !== t.columns[j] ? ` title="${escapeHtml(t.columns[j])}"` : ''}>${escapeHtml(l)}</th>`).join('') +
    '</tr></thead><tbody>',
  );
  t.rows.forEach((r, k) => {
    const tds = r.map((v, j) => {
      const c = cells[k][j];
      const cls = [numericCol[j] ? 'num' : 'text', c.missing || c.text === '' ? 'blank' : ''].filter(Boolean).join(' ');
      const sortKey = sortable && typeof v === 'number' && !Number.isNaN(v) ? ` data-sort="${v}"` : '';
      return `<td class="${cls}"${sortKey}>${escapeHtml(c.text)}</td>`;
    }).join('');
    const rowClass = folded && k >= maxRows ? ' class="folded"' : '';
    parts.push(`<tr${rowClass}>` + (o.index ? `<th>${escapeHtml(cellText(t.index?.[k], 0).text)}</th>` : '') + tds + '</tr>');
    if (k === gapAfter) parts.push(`<tr class="gap"><td colspan="${t.columns.length + (o.index ? 1 : 0)}">… ${formatNumber(n - idx.length)} more rows …</td></tr>`);
  });
  parts.push('</tbody></table></div>');
  const foot = [`<span>${formatNumber(n)} rows × ${t.columns.length} columns</span>`];
  if (folded) {
    foot.push(`<label class="seglab-show seglab-show-all" for="${id}-all">show all ${formatNumber(n)} rows</label>`);
    foot.push(`<label class="seglab-show seglab-show-first" for="${id}-all">show the first ${maxRows} rows</label>`);
  }
  if (missing) foot.push(`<span class="seglab-missing-note">${escapeHtml(o.missingNote)}</span>`);
  parts.push(`<div class="seglab-table-foot">${foot.join('')}</div></div>`);
  // plain text: text columns left-aligned, numbers right-aligned; head and tail of maxRows
  const header = [...(o.index ? [''] : []), ...labels];
  const textRows = folded ? shownRows(n, maxRows, 0) : { idx: t.rows.map((_, k) => k), gapAfter };
  const pick = folded ? textRows.idx : t.rows.map((_, k) => k);
  const body = pick.map((k) => [...(o.index ? [cellText(t.index?.[k], 0).text] : []), ...cells[k].map((c) => c.text)]);
  if (textRows.gapAfter >= 0) body.splice(textRows.gapAfter + 1, 0, header.map(() => '…'));
  const right = [...(o.index ? [true] : []), ...numericCol];
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const line = (row: string[]) => row.map((c, j) => (right[j] ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  ').trimEnd();
  const text = [o.caption ?? '', line(header), ...body.map(line), `[${n} rows × ${t.columns.length} columns]`, missing ? o.missingNote : '']
    .filter((s) => s !== '').join('\n');
  return { html: parts.join(''), text };
}

/** The display metadata of an output for `audience` (read by the report exporter). */
export function audienceMetadata(audience: Audience = 'all'): Record<string, unknown> {
  return audience === 'all' ? {} : { seglab: { audience } };
}

/**
 * Display a table in the notebook (or print it outside one).
 * @example showTable(tests, { caption: 'Top features', audience: 'analyst' })
 */
export function showTable(input: unknown, opts: TableOptions = {}): void {
  const { html, text } = tableHtml(input, opts);
  emitDisplay({ data: { 'text/html': html, 'text/plain': text }, metadata: audienceMetadata(opts.audience) });
}
