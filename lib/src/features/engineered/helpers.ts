/**
 * Internal column readers for the engineered-feature formulas (not exported from the package index).
 */
import { ValidationError } from '../../core/errors';
import { isCategorical, isNumeric, type Table } from '../../data/table';

/** The numeric column `name` (a categorical column of numbers is parsed). */
export function num(t: Table, name: string): Float64Array {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new ValidationError(`engineered feature: column "${name}" not in the table`);
  if (isNumeric(c)) return c.values;
  const parsed = c.levels.map((l) => (l.trim() === '' ? NaN : Number(l)));
  const out = new Float64Array(t.nRows);
  for (let i = 0; i < out.length; i++) out[i] = c.codes[i] < 0 ? NaN : parsed[c.codes[i]];
  return out;
}

/** 1 where categorical column `name` equals one of `levels` (case-insensitive), 0 elsewhere, NaN when missing. */
export function isLevel(t: Table, name: string, ...levels: string[]): Float64Array {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new ValidationError(`engineered feature: column "${name}" not in the table`);
  if (!isCategorical(c)) throw new ValidationError(`engineered feature: column "${name}" is ${c.kind}, expected categorical`);
  const want = new Set(levels.map((l) => l.toLowerCase()));
  const hit = c.levels.map((l) => (want.has(l.trim().toLowerCase()) ? 1 : 0));
  const out = new Float64Array(t.nRows);
  for (let i = 0; i < out.length; i++) out[i] = c.codes[i] < 0 ? NaN : hit[c.codes[i]];
  return out;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Month number 1–12 from a categorical month name (first three letters, any case) or a numeric 1–12; else NaN. */
export function monthNumber(t: Table, name: string): Float64Array {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new ValidationError(`engineered feature: column "${name}" not in the table`);
  const out = new Float64Array(t.nRows);
  if (isNumeric(c)) {
    for (let i = 0; i < out.length; i++) { const m = c.values[i]; out[i] = Number.isInteger(m) && m >= 1 && m <= 12 ? m : NaN; }
    return out;
  }
  const map = c.levels.map((l) => { const k = MONTHS.indexOf(l.trim().slice(0, 3).toLowerCase()); return k < 0 ? NaN : k + 1; });
  for (let i = 0; i < out.length; i++) out[i] = c.codes[i] < 0 ? NaN : map[c.codes[i]];
  return out;
}

/** Element-wise map over aligned columns (NaN propagates through arithmetic naturally). */
export function mapRows(n: number, f: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out;
}

/** `pdays`-style sentinels meaning "never contacted before": 999 (bank-additional-full) and −1 (Kaggle bank.csv). */
export function isNeverContacted(pdays: number): boolean {
  return pdays === 999 || pdays === -1;
}
