/**
 * Stability across seeds: fit the same clusterer with several seeds on all rows and compare every pair of
 * labellings with the adjusted Rand index (1 = the seed does not matter).
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import type { ClustererFactory } from '../cluster/types';
import { adjustedRandIndex } from './adjusted-rand';

/** Options of {@link seedStability}. */
export interface SeedStabilityOptions {
  /** Seeds to compare (at least 2). Default [0, 1, 2, 3, 4]. */
  seeds?: readonly number[];
}

/** Defaults of {@link SeedStabilityOptions}. */
export const DEFAULT_SEED_STABILITY_OPTIONS: Required<SeedStabilityOptions> = { seeds: [0, 1, 2, 3, 4] };

/** Result of {@link seedStability}. */
export interface SeedStabilityResult {
  /** The seeds, in order. */
  seeds: number[];
  /** s×s symmetric ARI matrix (row-major, 1 on the diagonal). */
  ari: Float64Array;
  /** Mean ARI over the s(s−1)/2 pairs. */
  meanAri: number;
  /** Minimum pairwise ARI. */
  minAri: number;
  /** Labels of each seed's fit. */
  labels: Int32Array[];
}

/**
 * Pairwise ARI across seeds.
 * Complexity: s fits + O(s²·(n + k²)).
 * @throws ValidationError with fewer than 2 seeds.
 */
export function seedStability(X: Matrix, factory: ClustererFactory, opts: SeedStabilityOptions = {}): SeedStabilityResult {
  const seeds = [...(opts.seeds ?? DEFAULT_SEED_STABILITY_OPTIONS.seeds)];
  checkMatrix(X, { name: 'X' });
  if (seeds.length < 2) throw new ValidationError(`seeds has ${seeds.length} values; seedStability needs at least 2`);
  const labels = seeds.map((s) => Int32Array.from(factory(s).fit(X).labels));
  const s = seeds.length;
  const ari = new Float64Array(s * s);
  let sum = 0, min = Infinity;
  for (let a = 0; a < s; a++) {
    ari[a * s + a] = 1;
    for (let b = a + 1; b < s; b++) {
      const v = adjustedRandIndex(labels[a], labels[b]);
      ari[a * s + b] = ari[b * s + a] = v;
      sum += v;
      min = Math.min(min, v);
    }
  }
  return { seeds, ari, meanAri: sum / ((s * (s - 1)) / 2), minAri: min, labels };
}
