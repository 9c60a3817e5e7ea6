/** Number and text formatting shared by tables, reports and generated prose. */

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Format a number for people: integers with thousands separators, others with up to `digits` decimals,
 * very small or very large magnitudes in exponent form, NaN as an empty marker.
 * @example formatNumber(1234567.891, 2) // "1,234,567.89"
 */
export function formatNumber(x: number, digits = 3): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x.toLocaleString('en-US');
  const ax = Math.abs(x);
  if (ax !== 0 && (ax < 10 ** -digits || ax >= 1e12)) return x.toExponential(Math.max(1, digits - 1));
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/**
 * Format a p-value: below 1e-300 (where doubles stop being trustworthy, and 0 from an underflow) as "< 1e-300",
 * otherwise in scientific notation with three significant digits; NaN as "—".
 * @example formatPValue(0.000012345) // "1.23e-5"
 * @example formatPValue(0) // "< 1e-300"
 */
export function formatPValue(p: number): string {
  if (Number.isNaN(p)) return '—';
  if (p < 1e-300) return '< 1e-300';
  return p.toExponential(2);
}

/** Format a share in [0, 1] as a percentage. @example formatPercent(0.1234) // "12.3%" */
export function formatPercent(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : '—';
}

/**
 * `x.toFixed(digits)` without a negative zero: a value that rounds to zero prints as "0.00", not "-0.00".
 * @example fixed(-0.0004, 2) // "0.00"
 */
export function fixed(x: number, digits = 2): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}
