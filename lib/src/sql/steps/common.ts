/**
 * Helpers shared by the step translators (internal): reading fitted state, finding input columns, NULL literals.
 */
import { ValidationError } from '../../core/errors';
import { decodeNumber } from '../../features/json';
import type { SqlDialect } from '../dialect';
import type { SqlColumn } from '../relation';

/** The fitted state of a step as a record. */
export function stateOf(json: { type: string; state: unknown }): Record<string, unknown> {
  if (json.state == null || typeof json.state !== 'object') throw new ValidationError(`SQL export: step "${json.type}" has no fitted state`);
  return json.state as Record<string, unknown>;
}

/** The options of a step as a record. */
export function optionsOf(json: { options: unknown }): Record<string, unknown> {
  return (json.options ?? {}) as Record<string, unknown>;
}

/** A saved number (finite, NaN or ±Infinity encoded as strings). */
export function savedNumber(x: unknown): number {
  return decodeNumber(x);
}

/** Saved numbers of an array. */
export function savedNumbers(a: unknown, what: string): number[] {
  if (!Array.isArray(a)) throw new ValidationError(`SQL export: ${what} should be an array in the saved state`);
  return a.map(decodeNumber);
}

/** The input column `name`. @throws ValidationError naming the step and the column. */
export function inputColumn(input: readonly SqlColumn[], name: string, step: string): SqlColumn {
  const c = input.find((x) => x.name === name);
  if (!c) throw new ValidationError(`SQL export: step ${step} needs column "${name}", which the previous steps do not produce (they produce: ${input.map((x) => x.name).join(', ')})`);
  return c;
}

/** The input column `name`, required numeric. */
export function numericInput(input: readonly SqlColumn[], name: string, step: string): SqlColumn {
  const c = inputColumn(input, name, step);
  if (c.kind !== 'numeric') throw new ValidationError(`SQL export: step ${step} needs column "${name}" numeric, it is ${c.kind}`);
  return c;
}

/** A number literal, or NULL for NaN (the JS steps' missing value). */
export function numberOrNull(x: number, d: SqlDialect): string {
  if (Number.isNaN(x)) return `CAST(NULL AS ${d.doubleType})`;
  if (!Number.isFinite(x)) throw new ValidationError(`SQL export: a fitted value is ${x}, which SQL cannot hold`);
  return d.num(x);
}
