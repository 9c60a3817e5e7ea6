/**
 * Shared pieces of the synthetic generators (internal): exact segment allocation, skewed draws, categorical columns
 * built from named weights.
 */
import { ValidationError } from '../core/errors';
import type { Rng } from '../core/random';
import type { CategoricalColumn } from './table';

/** Validate the common `{n, seed}` options. */
export function checkSyntheticSize(fn: string, n: unknown, seed: unknown): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 10_000_000) {
    throw new ValidationError(`${fn}: n=${String(n)} should be an integer in [1, 10000000]`);
  }
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new ValidationError(`${fn}: seed=${String(seed)} should be a number`);
}

/**
 * Segment labels with exactly round(n · share) rows per segment (largest remainder), in random order.
 * Complexity: O(n).
 */
export function allocateSegments(n: number, shares: readonly number[], rng: Rng): Int32Array {
  const raw = shares.map((s) => s * n);
  const counts = raw.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, k) => k).sort((a, b) => raw[b] - Math.floor(raw[b]) - (raw[a] - Math.floor(raw[a])));
  for (let i = 0; left > 0; i = (i + 1) % order.length, left--) counts[order[i]]++;
  const seg = new Int32Array(n);
  let p = 0;
  counts.forEach((c, k) => { seg.fill(k, p, p + c); p += c; });
  return rng.shuffle(seg);
}

/** A lognormal draw with median `median` and log-sd `sigma`. */
export function lognormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * rng.normal());
}

/** A Poisson draw (Knuth's method; fine for small means). */
export function poisson(rng: Rng, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng.random();
  while (p > l) { k++; p *= rng.random(); }
  return k;
}

/** Clamp to [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * Per-segment weight vectors over `levels`, from `{level: weight}` maps (absent levels weigh 0).
 * @throws ValidationError when a map names a level that is not in `levels`
 */
export function weightsByLevel(levels: readonly string[], perSegment: ReadonlyArray<Readonly<Record<string, number>>>): Float64Array[] {
  return perSegment.map((m) => {
    const w = new Float64Array(levels.length);
    for (const [k, v] of Object.entries(m)) {
      const j = levels.indexOf(k);
      if (j < 0) throw new ValidationError(`unknown level "${k}"; levels are ${levels.join(', ')}`);
      w[j] = v;
    }
    return w;
  });
}

/** Cumulative sums, normalized, for fast inverse-CDF sampling. */
export function cumulative(w: Float64Array): Float64Array {
  const c = new Float64Array(w.length);
  let s = 0;
  for (let i = 0; i < w.length; i++) { s += w[i]; c[i] = s; }
  for (let i = 0; i < w.length; i++) c[i] /= s;
  return c;
}

/** An index drawn from a cumulative table. */
export function drawCumulative(rng: Rng, cdf: Float64Array): number {
  const u = rng.random();
  for (let i = 0; i < cdf.length; i++) if (u < cdf[i]) return i;
  return cdf.length - 1;
}

/** A categorical column from codes and levels. */
export function catColumn(name: string, levels: readonly string[], codes: Int32Array): CategoricalColumn {
  return { kind: 'categorical', name, codes, levels };
}
