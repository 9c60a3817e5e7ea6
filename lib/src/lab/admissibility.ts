/**
 * Is a labelling a segmentation worth acting on? Two generic checks, on the interpretable (raw) features:
 *
 * - **degenerate**: a cluster holds fewer than `minClusterShare` of the rows (default 5 %), or more than
 *   `maxNoiseShare` of the rows are noise;
 * - **single-feature split**: one feature carries η² ≥ `dominantEta` (default 0.9: at least 90 % of its variance
 *   lies between the clusters, so the clusters are essentially a cut on it) while the other features' mean η² is
 *   ≤ `restMeanEta` (default 0.1: the clusters say little about anything else). A split on "contacted before: yes /
 *   no" is mathematically clean and useless to a marketer (seed 000's lesson).
 *
 * η² of feature j = SS_between / SS_total of column j across the clusters (noise rows excluded); a constant column
 * has no variance to explain and is left out of the mean.
 */
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';

/** Options of {@link segmentationAdmissibility}. */
export interface AdmissibilityOptions {
  /** Smallest admissible cluster, as a share of all rows. Default 0.05. */
  minClusterShare: number;
  /** Largest admissible noise share. Default 0.2. */
  maxNoiseShare: number;
  /** η² from which one feature dominates. Default 0.9. */
  dominantEta: number;
  /** A dominated split is single-feature when the other features' mean η² is at most this. Default 0.1. */
  restMeanEta: number;
}

/** Defaults of {@link AdmissibilityOptions}. */
export const DEFAULT_ADMISSIBILITY_OPTIONS: Readonly<AdmissibilityOptions> = Object.freeze({ minClusterShare: 0.05, maxNoiseShare: 0.2, dominantEta: 0.9, restMeanEta: 0.1 });

/** The verdict on one labelling. */
export interface Admissibility {
  readonly admissible: boolean;
  /** Why not (empty when admissible), in words. */
  readonly reasons: readonly string[];
  /** Non-empty clusters. */
  readonly nClusters: number;
  /** Smallest cluster as a share of all rows. */
  readonly smallestShare: number;
  readonly noiseShare: number;
  /** The feature of largest η², its η², and the mean η² of the other (non-constant) features. */
  readonly topFeature: string;
  readonly topEta: number;
  readonly restMeanEta: number;
  /** True when the single-feature rule fired. */
  readonly singleFeature: boolean;
}

/**
 * η² of every column of X across the clusters of `labels` (label < 0 = noise, excluded); NaN for a constant column.
 * Complexity: O(n·d) time, O(k·d) memory.
 * @example etaSquaredByColumn(fromRows([[0], [2], [4], [6]]), [0, 0, 1, 1]) // Float64Array [0.8]
 */
export function etaSquaredByColumn(X: Matrix, labels: ArrayLike<number>): Float64Array {
  if (labels.length !== X.rows) throw new ValidationError(`etaSquaredByColumn: labels has ${labels.length} values, X has ${X.rows} rows`);
  let k = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] + 1 > k) k = labels[i] + 1;
  const d = X.cols;
  const sum = new Float64Array(k * d), cnt = new Float64Array(k), tot = new Float64Array(d);
  let n = 0;
  for (let i = 0; i < X.rows; i++) {
    const c = labels[i];
    if (c < 0) continue;
    n++; cnt[c]++;
    for (let j = 0; j < d; j++) { const v = X.data[i * d + j]; sum[c * d + j] += v; tot[j] += v; }
  }
  const mean = Float64Array.from(tot, (t) => t / n);
  const sst = new Float64Array(d);
  for (let i = 0; i < X.rows; i++) {
    if (labels[i] < 0) continue;
    for (let j = 0; j < d; j++) { const e = X.data[i * d + j] - mean[j]; sst[j] += e * e; }
  }
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let ssb = 0;
    for (let c = 0; c < k; c++) if (cnt[c] > 0) { const e = sum[c * d + j] / cnt[c] - mean[j]; ssb += cnt[c] * e * e; }
    out[j] = sst[j] > 1e-12 * n ? Math.min(1, ssb / sst[j]) : NaN;
  }
  return out;
}

/**
 * Check one labelling (see the module comment).
 * Complexity: O(n·d).
 * @param X the interpretable features (e.g. `reps.raw.X`); @param names one per column.
 * @throws ValidationError on mismatched sizes or an option out of range.
 * @example segmentationAdmissibility(X, labels, names).reasons // ['single-feature split: pdays has η² 1.00, the other features 0.04 on average']
 */
export function segmentationAdmissibility(X: Matrix, labels: ArrayLike<number>, names: readonly string[], options: Partial<AdmissibilityOptions> = {}): Admissibility {
  const o = { ...DEFAULT_ADMISSIBILITY_OPTIONS, ...options };
  if (names.length !== X.cols) throw new ValidationError(`segmentationAdmissibility: names has ${names.length} entries, X has ${X.cols} columns`);
  for (const key of ['minClusterShare', 'maxNoiseShare', 'dominantEta', 'restMeanEta'] as const) {
    if (!(o[key] >= 0 && o[key] <= 1)) throw new ValidationError(`segmentationAdmissibility: ${key}=${o[key]} should be in [0, 1]`);
  }
  const n = labels.length;
  const sizes = new Map<number, number>();
  let noise = 0;
  for (let i = 0; i < n; i++) { if (labels[i] < 0) noise++; else sizes.set(labels[i], (sizes.get(labels[i]) ?? 0) + 1); }
  const nClusters = sizes.size;
  const smallestShare = nClusters && n ? Math.min(...sizes.values()) / n : 0;
  const noiseShare = n ? noise / n : 0;
  const reasons: string[] = [];
  if (nClusters < 2) reasons.push(`${nClusters} cluster${nClusters === 1 ? '' : 's'}`);
  if (nClusters >= 2 && smallestShare < o.minClusterShare) reasons.push(`degenerate: the smallest cluster holds ${(100 * smallestShare).toFixed(1)} % of the rows (< ${100 * o.minClusterShare} %)`);
  if (noiseShare > o.maxNoiseShare) reasons.push(`${(100 * noiseShare).toFixed(1)} % noise (> ${100 * o.maxNoiseShare} %)`);
  let topFeature = '', topEta = NaN, restMeanEta = NaN, singleFeature = false;
  if (nClusters >= 2) {
    const eta = etaSquaredByColumn(X, labels);
    let top = -1;
    for (let j = 0; j < eta.length; j++) if (Number.isFinite(eta[j]) && (top < 0 || eta[j] > eta[top])) top = j;
    if (top >= 0) {
      topFeature = names[top]; topEta = eta[top];
      let s = 0, c = 0;
      for (let j = 0; j < eta.length; j++) if (j !== top && Number.isFinite(eta[j])) { s += eta[j]; c++; }
      restMeanEta = c ? s / c : 0;
      singleFeature = topEta >= o.dominantEta && restMeanEta <= o.restMeanEta;
      if (singleFeature) reasons.push(`single-feature split: ${topFeature} has η² ${topEta.toFixed(2)}, the other features ${restMeanEta.toFixed(2)} on average`);
    }
  }
  return { admissible: reasons.length === 0, reasons, nClusters, smallestShare, noiseShare, topFeature, topEta, restMeanEta, singleFeature };
}
