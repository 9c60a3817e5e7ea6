/**
 * `showTable(...)`: a compact HTML table (row limit, number formatting) for the project's `Table`, a danfo
 * DataFrame, an array of records, or `{columns, rows}`; text/plain fallback for terminals and the runner.
 */
import { isNumeric, type Table } from '../data/table';
import { emitDisplay } from './channel';
import { escapeHtml, formatNumber } from './format';

/** Options of {@link showTable} and {@link tableHtml}. */
export interface TableOptions {
  /** Rows shown (head and tail halves with an ellipsis row between). Default 20. */
  maxRows?: number;
  /** Decimals for non-integer numbers. Default 3. */
  digits?: number;
  /** A caption shown above the table. */
  caption?: string;
  /** Show the row index. Default true. */
  index?: boolean;
  /** Optional per-column formatters (column name → cell text). */
  formatters?: Record<string, (v: unknown) => string>;
}

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

function cellText(v: unknown, digits: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : formatNumber(v, digits);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** Rows to show: all, or the head and tail halves of the limit. */
function shownRows(n: number, maxRows: number): { idx: number[]; gapAfter: number } {
  if (n <= maxRows) return { idx: Array.from({ length: n }, (_, i) => i), gapAfter: -1 };
  const head = Math.ceil(maxRows / 2);
  const tail = maxRows - head;
  const idx = [...Array.from({ length: head }, (_, i) => i), ...Array.from({ length: tail }, (_, i) => n - tail + i)];
  return { idx, gapAfter: head - 1 };
}

/** Render a table to HTML and plain text (pure). */
export function tableHtml(input: unknown, opts: TableOptions = {}): { html: string; text: string } {
  const maxRows = opts.maxRows ?? 20;
  const digits = opts.digits ?? 3;
  const showIndex = opts.index ?? true;
  const n = rowCount(input);
  const { idx, gapAfter } = shownRows(n, maxRows);
  const t = toSimpleTable(input, idx);
  const fmt = (c: string, v: unknown) => (opts.formatters?.[c] ? opts.formatters[c](v) : cellText(v, digits));
  const numericCol = t.columns.map((_, j) => t.rows.some((r) => typeof r[j] === 'number'));
  const parts: string[] = ['<div class="seglab-table"><table class="dataframe">'];
  if (opts.caption) parts.push(`<caption>${escapeHtml(opts.caption)}</caption>`);
  parts.push('<thead><tr>' + (showIndex ? '<th></th>' : '') + t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('') + '</tr></thead><tbody>');
  t.rows.forEach((r, k) => {
    const cells = r.map((v, j) => `<td${numericCol[j] ? ' class="num"' : ''}>${escapeHtml(fmt(t.columns[j], v))}</td>`).join('');
    parts.push('<tr>' + (showIndex ? `<th>${escapeHtml(cellText(t.index?.[k], 0))}</th>` : '') + cells + '</tr>');
    if (k === gapAfter) parts.push(`<tr class="gap"><td colspan="${t.columns.length + (showIndex ? 1 : 0)}">… ${n - idx.length} more rows …</td></tr>`);
  });
  parts.push('</tbody></table>');
  parts.push(`<div class="seglab-table-shape">${formatNumber(n)} rows × ${t.columns.length} columns</div></div>`);
  // plain text: aligned columns
  const header = [...(showIndex ? [''] : []), ...t.columns];
  const body = t.rows.map((r, k) => [...(showIndex ? [cellText(t.index?.[k], 0)] : []), ...r.map((v, j) => fmt(t.columns[j], v))]);
  if (gapAfter >= 0) body.splice(gapAfter + 1, 0, header.map(() => '…'));
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padStart(widths[j])).join('  ');
  const text = [opts.caption ?? '', line(header), ...body.map(line), `[${n} rows × ${t.columns.length} columns]`].filter((s) => s !== '').join('\n');
  return { html: parts.join(''), text };
}

/** Display a table in the notebook (or print it outside one). */
export function showTable(input: unknown, opts: TableOptions = {}): void {
  const { html, text } = tableHtml(input, opts);
  emitDisplay({ data: { 'text/html': html, 'text/plain': text }, metadata: {} });
}
