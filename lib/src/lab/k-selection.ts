/**
 * Choosing k for K-Means on one representation: per k the inertia (elbow, with its Kneedle knee), silhouette,
 * Davies–Bouldin, Calinski–Harabasz, bootstrap stability (Hennig's subsetting: mean ARI against the full-data fit)
 * and seed stability (mean pairwise ARI across seeds), then `recommendK`'s vote with its reason.
 *
 * Speed: the stability fits run on a seeded subsample of `stabilitySampleSize` rows with few resamples and seeds
 * (defaults 5 resamples of 80 % and 3 seeds); the per-k fits are reused from a comparison grid when one is given.
 */
import { ValidationError } from '../core/errors';
import { takeRows, type Matrix } from '../core/matrix';
import { Rng } from '../core/random';
import { KMeans } from '../cluster/kmeans';
import { bootstrapStability } from '../metrics/bootstrap-stability';
import { kneedle } from '../metrics/kneedle';
import { recommendK, type KRecommendation } from '../metrics/recommend-k';
import { seedStability } from '../metrics/seed-stability';
import type { ClusteringComparison } from './compare';
import type { Representation } from './representations';
import { scoreLabels, type ClusterScores } from './scores';

/** Scores of K-Means at one k. */
export interface KSelectionRow {
  readonly k: number;
  readonly inertia: number;
  readonly silhouette: number;
  readonly daviesBouldin: number;
  readonly calinskiHarabasz: number;
  /** Bootstrap stability: mean ARI between the reference fit and the resample fits (on the subsample). */
  readonly stability: number;
  /** Lowest per-cluster mean Jaccard of the bootstrap (Hennig: ≤ 0.5 dissolved, ≥ 0.75 stable). */
  readonly minJaccard: number;
  /** Mean pairwise ARI across seeds. */
  readonly seedAri: number;
  /** Lowest pairwise ARI across seeds. */
  readonly seedAriMin: number;
}

/** Options of {@link kSelection}. */
export interface KSelectionOptions {
  /** Default 2. */
  kMin: number;
  /** Default 10. */
  kMax: number;
  /** Default 0. */
  seed: number;
  /** K-Means starts per fit (per-k fits and stability fits). Default 3. */
  nInit: number;
  /** Rows of the sampled silhouette (null = exact). Default 2000. */
  silhouetteSampleSize: number | null;
  /** Rows of the subsample the stability fits run on. Default 3000. */
  stabilitySampleSize: number;
  /** Bootstrap resamples. Default 5. */
  nResamples: number;
  /** Seeds of the seed stability. Default [0, 1, 2]. */
  seeds: readonly number[];
  /** Reuse the K-Means cells of this comparison for this representation (labels, inertia, own-space scores). */
  comparison: ClusteringComparison | null;
  /** Called after each k. */
  onK: ((k: number, index: number, total: number) => void) | null;
}

/** Defaults of {@link KSelectionOptions}. */
export const DEFAULT_K_SELECTION_OPTIONS: KSelectionOptions = {
  kMin: 2, kMax: 10, seed: 0, nInit: 3, silhouetteSampleSize: 2000, stabilitySampleSize: 3000, nResamples: 5,
  seeds: [0, 1, 2], comparison: null, onK: null,
};

/** Result of {@link kSelection}. */
export interface KSelection {
  readonly representation: string;
  readonly rows: readonly KSelectionRow[];
  /** Kneedle knee of inertia against k (null when none). */
  readonly knee: number | null;
  readonly recommendation: KRecommendation;
  /** Rows the stability fits ran on. */
  readonly stabilityRows: number;
  /** Seed-stability ARI matrix (seeds × seeds, row-major) at the recommended k. */
  readonly seedAriAtK: Float64Array;
  /** Seed-stability ARI matrices at every k (index k − kMin). */
  readonly seedAriByK: readonly Float64Array[];
  readonly seeds: readonly number[];
}

/**
 * Score K-Means for k = kMin..kMax on one representation and recommend k.
 * Complexity: (kMax−kMin+1)·(1 + nResamples + 1 + |seeds|) K-Means fits (all but the first on the subsample) +
 * one sampled silhouette per k.
 * @throws ValidationError on a bad k range or too few rows.
 * @example kSelection(reps.engineered).recommendation.reason // 'k = 4: 3 of 5 criteria agree (…)'
 */
export function kSelection(rep: Representation, options: Partial<KSelectionOptions> = {}): KSelection {
  const o = { ...DEFAULT_K_SELECTION_OPTIONS, ...options };
  const X = rep.X;
  if (!Number.isInteger(o.kMin) || !Number.isInteger(o.kMax) || o.kMin < 2 || o.kMax < o.kMin) {
    throw new ValidationError(`kSelection: kMin=${o.kMin} and kMax=${o.kMax} should be integers with 2 <= kMin <= kMax`);
  }
  if (o.kMax >= X.rows) throw new ValidationError(`kSelection: kMax=${o.kMax} should be < the number of rows ${X.rows}`);
  let sub: Matrix = X;
  if (X.rows > o.stabilitySampleSize) {
    sub = takeRows(X, Int32Array.from(new Rng(o.seed + 1).permutation(X.rows).subarray(0, o.stabilitySampleSize)).sort());
  }
  const rows: KSelectionRow[] = [];
  const seedAriAtKAll: Float64Array[] = [];
  const total = o.kMax - o.kMin + 1;
  for (let k = o.kMin; k <= o.kMax; k++) {
    const cell = o.comparison?.cells.find((c) => c.method === 'kmeans' && c.representation === rep.name && c.k === k && !c.error);
    let inertia: number;
    let scores: ClusterScores;
    if (cell && cell.inertia !== null) {
      inertia = cell.inertia; scores = cell.own;
    } else {
      const km = new KMeans({ k, nInit: o.nInit, seed: o.seed }).fit(X);
      inertia = km.inertia;
      scores = scoreLabels(X, km.labels, { silhouetteSampleSize: o.silhouetteSampleSize, seed: o.seed });
    }
    const factory = (seed: number) => new KMeans({ k, nInit: o.nInit, seed });
    const boot = bootstrapStability(sub, factory, { nResamples: o.nResamples, sampleFraction: 0.8, seed: o.seed });
    const seeds = seedStability(sub, factory, { seeds: o.seeds });
    seedAriAtKAll.push(seeds.ari);
    let minJ = Infinity;
    for (const j of boot.jaccard) if (Number.isFinite(j)) minJ = Math.min(minJ, j);
    rows.push({
      k, inertia, silhouette: scores.silhouette, daviesBouldin: scores.daviesBouldin, calinskiHarabasz: scores.calinskiHarabasz,
      stability: boot.meanAri, minJaccard: minJ, seedAri: seeds.meanAri, seedAriMin: seeds.minAri,
    });
    if (o.onK) o.onK(k, k - o.kMin, total);
  }
  const ks = rows.map((r) => r.k);
  const knee = rows.length >= 3 ? kneedle(ks, rows.map((r) => r.inertia), { curve: 'convex', direction: 'decreasing' }).knee : null;
  const recommendation = recommendKFromRows(rows);
  const seedAriAtK = seedAriAtKAll[recommendation.k - o.kMin];
  return { representation: rep.name, rows, knee, recommendation, stabilityRows: sub.rows, seedAriAtK, seedAriByK: seedAriAtKAll, seeds: [...o.seeds] };
}

/** `recommendK`'s vote over some rows of a k selection (non-finite scores left out). O(m log m). */
export function recommendKFromRows(rows: readonly KSelectionRow[]): KRecommendation {
  return recommendK(rows.map((r) => ({
    k: r.k, inertia: r.inertia, stability: r.stability,
    ...(Number.isFinite(r.silhouette) ? { silhouette: r.silhouette } : {}),
    ...(Number.isFinite(r.daviesBouldin) ? { daviesBouldin: r.daviesBouldin } : {}),
    ...(Number.isFinite(r.calinskiHarabasz) ? { calinskiHarabasz: r.calinskiHarabasz } : {}),
  })));
}
