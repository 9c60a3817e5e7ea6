/** Hand-built tables for the features tests: numeric and categorical columns, frozen holders, snapshots. */
import assert from 'node:assert/strict';
import { makeTable, isNumeric, type Column, type Table } from '../../src/data/table';

export function num(name: string, values: number[]): Column {
  return Object.freeze({ kind: 'numeric' as const, name, values: Float64Array.from(values) });
}

export function cat(name: string, values: Array<string | null>): Column {
  const levels = [...new Set(values.filter((v): v is string => v !== null))].sort();
  const codes = Int32Array.from(values.map((v) => (v === null ? -1 : levels.indexOf(v))));
  return Object.freeze({ kind: 'categorical' as const, name, codes, levels: Object.freeze(levels) });
}

/** A table whose holder objects (table, columns array, column objects) are frozen. */
export function frozen(...columns: Column[]): Table {
  return Object.freeze(makeTable(Object.freeze(columns.map((c) => Object.freeze(c)))));
}

/** Copies of every typed array, to check later that nothing was mutated. */
export function snapshot(t: Table): Array<number[]> {
  return t.columns.map((c) => (isNumeric(c) ? Array.from(c.values) : Array.from(c.codes)));
}

export function assertUnchanged(t: Table, snap: Array<number[]>): void {
  assert.deepEqual(snapshot(t), snap, 'input table was mutated');
}

export function values(t: Table, name: string): number[] {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `no column ${name}`);
  assert.ok(isNumeric(c), `column ${name} is not numeric`);
  return Array.from(c.values);
}

export function close(actual: number[], expected: number[], tol = 1e-9): void {
  assert.equal(actual.length, expected.length, `length ${actual.length} vs ${expected.length}`);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `index ${i}: expected NaN, got ${a}`);
    else assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `index ${i}: expected ${e}, got ${a}`);
  });
}

/** JSON round trip through a string, as saving to a file does. */
export function roundTrip<T>(x: { toJSON(): T }): T {
  return JSON.parse(JSON.stringify(x.toJSON())) as T;
}
