/**
 * Internal helpers for JSON round trips of fitted state: JSON has no NaN or ±Infinity, so non-finite numbers are
 * written as the strings "NaN", "Infinity", "-Infinity" and read back exactly. Finite doubles round-trip
 * bit-for-bit through `JSON.stringify`/`JSON.parse` (shortest round-trip formatting).
 */
import { ValidationError } from '../core/errors';
import type { StepJSON } from './types';

/** A number encoded for JSON (finite numbers as is, others as strings). */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export function encodeNumber(x: number): JsonNumber {
  if (Number.isFinite(x)) return x;
  if (Number.isNaN(x)) return 'NaN';
  return x > 0 ? 'Infinity' : '-Infinity';
}

export function decodeNumber(x: unknown): number {
  if (typeof x === 'number') return x;
  if (x === 'NaN' || x === null) return NaN;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  throw new ValidationError(`expected a number in saved state, got ${JSON.stringify(x)}`);
}

export function encodeNumbers(a: ArrayLike<number>): JsonNumber[] {
  const out: JsonNumber[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = encodeNumber(a[i]);
  return out;
}

export function decodeNumbers(a: unknown): Float64Array {
  if (!Array.isArray(a)) throw new ValidationError(`expected an array of numbers in saved state, got ${typeof a}`);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = decodeNumber(a[i]);
  return out;
}

/** Check a StepJSON's type tag. @throws ValidationError naming the expected and found types. */
export function expectType(json: StepJSON, type: string): void {
  if (json == null || typeof json !== 'object' || json.type !== type) {
    throw new ValidationError(`cannot load ${type} from JSON of type ${JSON.stringify((json as { type?: unknown } | null)?.type)}`);
  }
}
