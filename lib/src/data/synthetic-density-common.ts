/**
 * Probability helpers for the synthetic generators' densities (internal): the standard normal CDF, the probability
 * that a rounded normal or lognormal draw equals an integer, and Poisson probabilities.
 */
import { regularizedGammaP } from '../metrics/special-functions';

/** Φ(z), the standard normal CDF (through erf(x) = P(1/2, x²)); accurate to ~1e-14. */
export function normalCdf(z: number): number {
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  const p = regularizedGammaP(0.5, (z * z) / 2);
  return z >= 0 ? 0.5 + 0.5 * p : 0.5 - 0.5 * p;
}

/** P(Φ-interval) = P(lo < Z ≤ hi) for a standard normal Z, computed on the side that avoids cancellation. */
export function normalInterval(lo: number, hi: number): number {
  if (lo > 0) return normalCdf(-lo) - normalCdf(-hi);
  return normalCdf(hi) - normalCdf(lo);
}

/** P(round(N(mean, sd)) = a) for an integer a (Math.round: halves up, continuous so equal). */
export function roundedNormalPmf(a: number, mean: number, sd: number): number {
  return normalInterval((a - 0.5 - mean) / sd, (a + 0.5 - mean) / sd);
}

/** P(round(N(mean, sd)) ≤ a). */
export function roundedNormalCdf(a: number, mean: number, sd: number): number {
  return normalCdf((a + 0.5 - mean) / sd);
}

/** P(round(median·exp(sigma·Z)) = a) for an integer a ≥ 0. */
export function roundedLognormalPmf(a: number, median: number, sigma: number): number {
  const lo = a <= 0 ? -Infinity : (Math.log(a - 0.5) - Math.log(median)) / sigma;
  const hi = (Math.log(a + 0.5) - Math.log(median)) / sigma;
  return normalInterval(lo, hi);
}

/** P(round(median·exp(sigma·Z)) ≥ a) for an integer a ≥ 1. */
export function roundedLognormalSf(a: number, median: number, sigma: number): number {
  return normalCdf(-(Math.log(a - 0.5) - Math.log(median)) / sigma);
}

/** Poisson probability P(K = k), k a non-negative integer. */
export function poissonPmf(k: number, mean: number): number {
  if (k < 0 || !Number.isInteger(k)) return 0;
  if (mean === 0) return k === 0 ? 1 : 0;
  let lf = 0;
  for (let i = 2; i <= k; i++) lf += Math.log(i);
  return Math.exp(-mean + k * Math.log(mean) - lf);
}

/** Poisson P(K ≥ k). */
export function poissonSf(k: number, mean: number): number {
  let c = 0;
  for (let i = 0; i < k; i++) c += poissonPmf(i, mean);
  return Math.max(0, 1 - c);
}

/** Weights normalized to probabilities. */
export function normalized(w: ArrayLike<number>): Float64Array {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i];
  return Float64Array.from(w, (x) => x / s);
}
