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
