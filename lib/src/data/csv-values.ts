/**
 * Cell parsing for the CSV loader: missing-value tokens, numbers and ISO-like dates.
 * Complexity: O(length of the cell).
 */

/** Cell texts read as missing by default (after trimming; whitespace-only cells are missing too). pandas' list, short. */
export const DEFAULT_MISSING_TOKENS: readonly string[] = [
  '', 'NA', 'N/A', 'n/a', 'na', 'NaN', 'nan', 'NAN', 'null', 'NULL', 'Null', 'None', '#N/A', '-NaN', '-nan', '<NA>',
];

/** Trim ASCII/Unicode whitespace only when present (avoids allocating for clean cells). */
export function trimCell(v: string): string {
  const n = v.length;
  if (n === 0) return v;
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(n - 1);
  if (a > 32 && b > 32 && a !== 160 && b !== 160) return v;
  return v.trim();
}

/**
 * The number written in `v` (already trimmed, non-empty), or NaN when it is not a plain decimal number.
 * Accepts `12`, `-3.5`, `.5`, `1e-3`, `+7`; rejects hex/octal/binary literals, `Infinity` and text.
 */
export function parseNumberCell(v: string): number {
  const x = Number(v);
  if (x !== x) return NaN;
  const c0 = v.charCodeAt(0);
  // Number() also reads 0x1F, 0b1, 0o7, Infinity: reject them (a letter where a digit belongs)
  if (x === Infinity || x === -Infinity) return NaN;
  if (v.length > 2) {
    const c1 = v.charCodeAt(1) | 32;
    if (c0 === 48 && (c1 === 120 || c1 === 98 || c1 === 111)) return NaN;
  }
  return x;
}

const DATE_RE = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Epoch milliseconds (UTC) of an ISO-like date `YYYY-MM-DD` or `YYYY/MM/DD`, optionally with `THH:MM[:SS[.fff]]`
 * (or a space) and a zone; NaN when `v` is not such a date or not a valid calendar date.
 */
export function parseDateCell(v: string): number {
  if (v.length < 10) return NaN;
  const c = v.charCodeAt(4);
  if (c !== 45 && c !== 47) return NaN;
  const m = DATE_RE.exec(v);
  if (!m) return NaN;
  const [, y, mo, d, hh, mm, ss, frac, zone] = m;
  const month = +mo;
  const day = +d;
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  let t = Date.UTC(+y, month - 1, day, hh ? +hh : 0, mm ? +mm : 0, ss ? +ss : 0, frac ? Math.round(+frac * 1000) : 0);
  const check = new Date(t);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return NaN;
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (+digits.slice(0, 2) * 60 + +digits.slice(2)) * 60000;
  }
  return t;
}

const CURRENCY_RE = /^[$€£¥₹₽₩]|[$€£¥₹₽₩]$/;
const SPACES_RE = /[\s\u00a0\u202f']/g;

/**
 * The number in a cell written for people: currency signs (`$1,234.50`, `12,50 €`), thousands separators
 * (`1,234,567`, `1.234.567,5` with `decimal: ','`, `1 234`, `1'234`) and accounting negatives (`(1,234)`).
 * Plain numbers parse as with {@link parseNumberCell}. NaN when it is not such a number.
 * @param decimal the decimal mark of the column: `.` (default) or `,`
 * @example parseLenientNumber('$1,234.50') // 1234.5
 * @example parseLenientNumber('1.234,5', ',') // 1234.5
 */
export function parseLenientNumber(raw: string, decimal: '.' | ',' = '.'): number {
  let v = raw.trim();
  if (v.length === 0) return NaN;
  let neg = false;
  if (v.charCodeAt(0) === 40 && v.charCodeAt(v.length - 1) === 41) { neg = true; v = v.slice(1, -1).trim(); }
  while (CURRENCY_RE.test(v)) v = v.replace(CURRENCY_RE, '').trim();
  if (/^-\s*[$€£¥₹₽₩]/.test(v)) v = '-' + v.replace(/^-\s*[$€£¥₹₽₩]\s*/, '');
  v = v.replace(SPACES_RE, '');
  if (decimal === '.') {
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(v)) v = v.replace(/,/g, '');
  } else {
    if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(v)) v = v.replace(/\./g, '');
    if (/^[+-]?\d*,\d+$/.test(v)) v = v.replace(',', '.');
  }
  const x = parseNumberCell(v);
  return neg ? -x : x;
}

/** Date layouts the loader recognizes besides ISO: day-month-year and month/day/year, 4-digit years. */
export type DateFormat = 'iso' | 'dmy' | 'mdy';

const DMY_RE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Epoch milliseconds (UTC) of a date cell in the given layout: `iso` (YYYY-MM-DD, YYYY/MM/DD, with an optional time
 * `HH:MM[:SS]`), `dmy` (DD-MM-YYYY, DD/MM/YYYY, DD.MM.YYYY) or `mdy` (MM/DD/YYYY), times optional. NaN when the cell
 * is not a valid date in that layout.
 * @example parseDateAs('31-12-2023', 'dmy') === Date.UTC(2023, 11, 31) // true
 */
export function parseDateAs(v: string, format: DateFormat): number {
  if (format === 'iso') return parseDateCell(v);
  const m = DMY_RE.exec(v);
  if (!m) return NaN;
  const [, a, b, y, hh, mm, ss] = m;
  const day = format === 'dmy' ? +a : +b;
  const month = format === 'dmy' ? +b : +a;
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  const t = Date.UTC(+y, month - 1, day, hh ? +hh : 0, mm ? +mm : 0, ss ? +ss : 0);
  const check = new Date(t);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return NaN;
  return t;
}

/**
 * The layout of a set of date texts, or null when they are not dates: `iso` when every value parses as ISO;
 * else day-month-year or month/day/year, decided by a first part above 12 (`dmy`) or a second part above 12
 * (`mdy`); when neither occurs, `/` means month/day/year (US usage) and `-` or `.` day-month-year.
 * @returns the layout and the evidence in words
 */
export function detectDateFormat(values: readonly string[]): { format: DateFormat; why: string } | null {
  const vs = values.filter((v) => v.length > 0);
  if (vs.length === 0) return null;
  if (vs.every((v) => parseDateCell(v) === parseDateCell(v))) return { format: 'iso', why: 'ISO dates (YYYY-MM-DD)' };
  let firstOver12 = false, secondOver12 = false, slash = false;
  for (const v of vs) {
    const m = DMY_RE.exec(v);
    if (!m) return null;
    if (+m[1] > 12) firstOver12 = true;
    if (+m[2] > 12) secondOver12 = true;
    if (v.includes('/')) slash = true;
  }
  if (firstOver12 && secondOver12) return null;
  const format: DateFormat = firstOver12 ? 'dmy' : secondOver12 ? 'mdy' : slash ? 'mdy' : 'dmy';
  if (!vs.every((v) => parseDateAs(v, format) === parseDateAs(v, format))) return null;
  const why = firstOver12 ? 'day-month-year (a first part above 12)' : secondOver12 ? 'month/day/year (a second part above 12)'
    : slash ? 'month/day/year (no part above 12; "/" read as US order)' : 'day-month-year (no part above 12; "-" or "." read as European order)';
  return { format, why };
}
