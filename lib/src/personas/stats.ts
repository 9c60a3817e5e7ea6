/**
 * Internal helpers of the personas area (not re-exported from the public index): finite-value summaries,
 * type-7 quantiles, label coding and number formatting for generated text.
 */
import { ValidationError } from '../core/errors';

/** Finite values of `v` where `keep(i)` holds, sorted ascending. O(n log n). */
export function sortedFiniteWhere(v: ArrayLike<number>, keep?: (i: number) => boolean): Float64Array {
  const out = new Float64Array(v.length);
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (Number.isFinite(x) && (!keep || keep(i))) out[m++] = x;
  }
  return out.subarray(0, m).sort();
}

/**
 * Quantile q of sorted values, linear interpolation between order statistics (Hyndman & Fan type 7, the default of
 * R, numpy and pandas): h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). NaN for an empty input. O(1).
 */
export function quantileOfSorted(s: ArrayLike<number>, q: number): number {
  const n = s.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** Mean, population standard deviation (ddof 0), min, max and count of the finite values. O(n). */
export function finiteSummary(v: ArrayLike<number>): { mean: number; sd: number; min: number; max: number; count: number } {
  let s = 0, n = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (!Number.isFinite(x)) continue;
    s += x; n++;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (n === 0) return { mean: NaN, sd: NaN, min: NaN, max: NaN, count: 0 };
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (Number.isFinite(x)) ss += (x - mean) * (x - mean);
  }
  return { mean, sd: Math.sqrt(ss / n), min, max, count: n };
}

/**
 * Check a class-label vector: integers >= 0, optional length. Returns the number of classes (max label + 1).
 * @throws ValidationError naming the argument, the row and the value.
 */
export function checkClassLabels(y: ArrayLike<number>, name: string, n?: number, allowNegative = false): number {
  if (y == null || typeof y.length !== 'number') throw new ValidationError(`${name} should be an array of integer labels`);
  if (n !== undefined && y.length !== n) throw new ValidationError(`${name} has ${y.length} values, expected ${n}`);
  let max = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || (v < 0 && !(allowNegative && v === -1))) {
      throw new ValidationError(`${name}[${i}] is ${v}, expected an integer label >= 0${allowNegative ? ' (or -1 for none)' : ''}`);
    }
    if (v > max) max = v;
  }
  return max + 1;
}

/** A number for generated prose: 3 significant digits (trailing zeros dropped) below 1000, thousands separators above. */
export function fmtNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(3)));
}

/**
 * A share in [0, 1] as a percentage: one decimal below 10%, none above; a share that is not 0 or 1 never prints
 * as "0.0%" or "100%" ("<0.1%", ">99%").
 */
export function fmtPercent(p: number): string {
  if (!Number.isFinite(p)) return String(p);
  const v = p * 100;
  if (v > 0 && v < 0.05) return '<0.1%';
  if (v >= 99.5 && v < 100) return '>99%';
  return `${Math.abs(v) < 10 && v !== 0 ? v.toFixed(1) : v.toFixed(0)}%`;
}

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
