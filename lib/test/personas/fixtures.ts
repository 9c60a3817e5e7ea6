/** Hand-built tables for the personas tests. */
import { makeTable, type Column, type Table } from '../../src/data/table';

export function num(name: string, values: number[]): Column {
  return Object.freeze({ kind: 'numeric' as const, name, values: Float64Array.from(values) });
}

export function cat(name: string, values: Array<string | null>): Column {
  const levels = [...new Set(values.filter((v): v is string => v !== null))].sort();
  const codes = Int32Array.from(values.map((v) => (v === null ? -1 : levels.indexOf(v))));
  return Object.freeze({ kind: 'categorical' as const, name, codes, levels: Object.freeze(levels) });
}

/** A table whose holder objects are frozen. */
export function frozen(...columns: Column[]): Table {
  return Object.freeze(makeTable(Object.freeze(columns)));
}

export function close(actual: number, expected: number, tol = 1e-9, what = ''): void {
  if (!(Math.abs(actual - expected) <= tol)) throw new Error(`${what} expected ${expected}, got ${actual} (tol ${tol})`);
}
