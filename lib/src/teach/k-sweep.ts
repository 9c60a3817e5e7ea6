/**
 * The "choosing k" lesson in one call: fit K-Means for each k, record inertia (within-cluster sum of squares, the
 * elbow curve) and mean silhouette, and locate the elbow with Kneedle.
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { KMeans } from '../cluster/kmeans';
import { silhouetteScore } from '../metrics/silhouette';
import { kneedle } from '../metrics/kneedle';

/** Result of {@link kmeansKSweep}. */
export interface KMeansKSweep {
  /** The k values, increasing. */
  ks: number[];
  /** K-Means inertia for each k. */
  inertia: number[];
  /** Mean silhouette for each k (NaN for k = 1, where it is undefined). */
  silhouette: number[];
  /** Elbow found by Kneedle on (ks, inertia), or null when the curve has none. */
  knee: number | null;
  /** k with the highest mean silhouette (null when no k ≥ 2 was tried). */
  bestSilhouetteK: number | null;
  /** Labels of each fitted k, in ks order. */
  labels: Int32Array[];
}

/** Options of {@link kmeansKSweep}. */
export interface KMeansKSweepOptions {
  /** Seed of every K-Means fit. Default 0. */
  seed?: number;
  /** K-Means restarts per k. Default 10. */
  nInit?: number;
}

/**
 * Fit K-Means for every k in `ks`.
 * Complexity: Σ_k (K-Means O(nInit·iters·n·k·d) + silhouette O(n²·d)); meant for teaching-sized data (n ≲ 2,000).
 * @param X n×d rows. @param ks strictly increasing integers in 1..n-1 (at least 3 for the knee).
 * @throws ValidationError on bad ks.
 */
export function kmeansKSweep(X: Matrix, ks: readonly number[], opts: KMeansKSweepOptions = {}): KMeansKSweep {
  checkMatrix(X, { name: 'X', minRows: 2 });
  if (ks.length < 3) throw new ValidationError(`ks has ${ks.length} values, give at least 3 to find an elbow`);
  ks.forEach((k, i) => {
    if (!Number.isInteger(k) || k < 1 || k >= X.rows) throw new ValidationError(`ks[${i}]=${k} should be an integer in 1..${X.rows - 1}`);
    if (i > 0 && k <= ks[i - 1]) throw new ValidationError(`ks should increase: ks[${i}]=${k} after ${ks[i - 1]}`);
  });
  const inertia: number[] = [], silhouette: number[] = [], labels: Int32Array[] = [];
  for (const k of ks) {
    const km = new KMeans({ k, seed: opts.seed ?? 0, nInit: opts.nInit ?? 10 }).fit(X);
    inertia.push(km.inertia);
    labels.push(km.labels);
    silhouette.push(k >= 2 ? silhouetteScore(X, km.labels, { threads: 1 }) : NaN);
  }
  const knee = kneedle(ks, inertia).knee;
  let best: number | null = null, bestS = -Infinity;
  ks.forEach((k, i) => { if (silhouette[i] > bestS) { bestS = silhouette[i]; best = k; } });
  return { ks: [...ks], inertia, silhouette, knee, bestSilhouetteK: best, labels };
}
