/**
 * Stability of a clustering under resampling (Hennig 2007, "subsetting" scheme): fit a reference clustering on all
 * rows, then on each of `nResamples` random subsets of ⌊sampleFraction·n⌋ rows (drawn without replacement) fit a
 * fresh clusterer and compare it with the reference on the shared rows: the adjusted Rand index of the two
 * labellings, and for every reference cluster C its best Jaccard match max_D |C ∩ D| / |C ∪ D| among the
 * resample's clusters D (both restricted to the subset). Reported: mean ARI over resamples and, per reference
 * cluster, the mean Jaccard over the resamples in which it has at least one row. Hennig's reading: a cluster with
 * mean Jaccard ≤ 0.5 is "dissolved", ≥ 0.75 is stable, ≥ 0.85 highly stable.
 *
 * Reference: C. Hennig (2007), "Cluster-wise assessment of cluster stability", CSDA 52(1):258–271.
 */
import { checkMatrix, takeRows, type Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { Rng } from '../core/random';
import type { ClustererFactory } from '../cluster/types';
import { adjustedRandIndex } from './adjusted-rand';
import { contingencyTable } from './contingency';

/** Options of {@link bootstrapStability}. */
export interface BootstrapStabilityOptions {
  /** Number of resamples. Default 20. */
  nResamples?: number;
  /** Fraction of rows in each resample, in (0, 1]. Default 0.8. */
  sampleFraction?: number;
  /** Seed: the reference fit uses factory(seed), resample b draws rows and fits with seeds derived from it. Default 0. */
  seed?: number;
}

/** Defaults of {@link BootstrapStabilityOptions}. */
export const DEFAULT_BOOTSTRAP_STABILITY_OPTIONS: Required<BootstrapStabilityOptions> = { nResamples: 20, sampleFraction: 0.8, seed: 0 };

/** Result of {@link bootstrapStability}. */
export interface BootstrapStabilityResult {
  /** Mean ARI between reference and resample labellings on the shared rows. */
  meanAri: number;
  /** ARI of each resample. */
  ari: Float64Array;
  /** Mean best-match Jaccard of each reference cluster (index = reference label; NaN if the label is absent). */
  jaccard: Float64Array;
  /** Labels of the reference clustering (fitted on all rows). */
  referenceLabels: Int32Array;
}

/**
 * Mean ARI over resamples and per-cluster Jaccard of the reference clustering.
 *
 * Complexity: (nResamples + 1) fits + O(nResamples·(n + k²)).
 * @param factory builds an unfitted clusterer from a seed.
 * @throws ValidationError on bad options.
 */
export function bootstrapStability(X: Matrix, factory: ClustererFactory, opts: BootstrapStabilityOptions = {}): BootstrapStabilityResult {
  const o = { ...DEFAULT_BOOTSTRAP_STABILITY_OPTIONS, ...opts };
  checkMatrix(X, { name: 'X', minRows: 2 });
  if (!Number.isInteger(o.nResamples) || o.nResamples < 1) throw new ValidationError(`nResamples=${o.nResamples} should be a positive integer`);
  if (!(o.sampleFraction > 0 && o.sampleFraction <= 1)) throw new ValidationError(`sampleFraction=${o.sampleFraction} should be in (0, 1]`);
  const m = Math.floor(o.sampleFraction * X.rows);
  if (m < 2) throw new ValidationError(`sampleFraction=${o.sampleFraction} leaves ${m} rows of ${X.rows}; need at least 2`);
  const rng = new Rng(o.seed);
  const refLabels = Int32Array.from(factory(o.seed).fit(X).labels);
  let maxLabel = -1;
  for (let i = 0; i < refLabels.length; i++) maxLabel = Math.max(maxLabel, refLabels[i]);
  const jSum = new Float64Array(maxLabel + 1), jCount = new Float64Array(maxLabel + 1);
  const ari = new Float64Array(o.nResamples);
  for (let b = 0; b < o.nResamples; b++) {
    const perm = rng.permutation(X.rows);
    const idx = Int32Array.from(perm.subarray(0, m)).sort();
    const sub = takeRows(X, idx);
    const subLabels = factory(rng.nextUint32()).fit(sub).labels;
    const refSub = new Int32Array(m);
    for (let r = 0; r < m; r++) refSub[r] = refLabels[idx[r]];
    ari[b] = adjustedRandIndex(refSub, subLabels);
    const t = contingencyTable(refSub, subLabels);
    for (let i = 0; i < t.rows; i++) {
      const lab = t.rowLabels[i];
      if (lab < 0) continue; // reference noise is not a cluster
      let best = 0;
      for (let j = 0; j < t.cols; j++) {
        if (t.colLabels[j] < 0) continue;
        const inter = t.counts[i * t.cols + j];
        const jac = inter / (t.rowSums[i] + t.colSums[j] - inter);
        if (jac > best) best = jac;
      }
      jSum[lab] += best;
      jCount[lab]++;
    }
  }
  const jaccard = new Float64Array(maxLabel + 1);
  for (let c = 0; c <= maxLabel; c++) jaccard[c] = jCount[c] > 0 ? jSum[c] / jCount[c] : NaN;
  let s = 0;
  for (let b = 0; b < ari.length; b++) s += ari[b];
  return { meanAri: s / ari.length, ari, jaccard, referenceLabels: refLabels };
}
