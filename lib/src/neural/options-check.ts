/** Small validators for neural options (internal): each error names the option and its value. */
import { ValidationError } from '../core/errors';
import { NEURAL_ACTIVATIONS, type NeuralActivation } from './activation';

export function checkInt(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new ValidationError(`${name}=${v} should be an integer >= ${min}`);
}

export function checkRange(name: string, v: number, lo: number, hi: number, hiInclusive = false): void {
  if (!(typeof v === 'number' && v >= lo && (hiInclusive ? v <= hi : v < hi))) {
    throw new ValidationError(`${name}=${v} should be in [${lo}, ${hi}${hiInclusive ? ']' : ')'}`);
  }
}

export function checkPositive(name: string, v: number): void {
  if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new ValidationError(`${name}=${v} should be a positive number`);
}

export function checkActivation(name: string, v: NeuralActivation): void {
  if (!NEURAL_ACTIVATIONS.includes(v)) {
    throw new ValidationError(`${name}="${String(v)}" is not one of ${NEURAL_ACTIVATIONS.join(', ')}`);
  }
}

export function checkLayers(name: string, v: readonly number[]): void {
  if (!Array.isArray(v)) throw new ValidationError(`${name} should be an array of layer sizes`);
  v.forEach((u, i) => checkInt(`${name}[${i}]`, u, 1));
}

/** Split 0..n-1 (already permuted) into training and validation indices. */
export function splitIndices(perm: Int32Array, validationFraction: number): { train: Int32Array; val: Int32Array } {
  const n = perm.length;
  let nVal = Math.floor(n * validationFraction);
  if (validationFraction > 0 && nVal === 0 && n >= 2) nVal = 1;
  if (nVal >= n) nVal = n - 1;
  return { train: perm.slice(0, n - nVal), val: perm.slice(n - nVal) };
}
