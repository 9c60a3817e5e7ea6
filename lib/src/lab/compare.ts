/**
 * The clustering comparison grid: {representations} × {K-Means, GMM, Ward, DBSCAN, k-prototypes} × k = kMin..kMax.
 *
 * Every cell is scored twice: in the method's own space (the representation it was fitted on) and in ONE common
 * space (by default the engineered matrix), so that rows are comparable. Scores from different spaces are not:
 * a silhouette of 0.4 on a 5-column embedding and 0.2 on 60 one-hot columns say nothing about which segmentation is
 * better. Only the common-space columns rank cells across representations.
 *
 * Speed choices (each stated in the cell's `note`; all seeded):
 * - K-Means: `kmeansInit` starts (default 3 instead of scikit-learn's 10: on 41k×60 rows the best of 3 k-means++
 *   starts is within a fraction of a percent of the best of 10; the final clustering is refitted with 10 starts).
 * - GMM: fitted on a seeded sample of at most `gmmMaxRows` rows, then every row gets its most probable component
 *   (`predict`); full covariance up to `gmmFullMaxCols` columns, diagonal above (a full covariance has d(d+1)/2
 *   parameters per component: 1,830 at d = 60, slow and ill-conditioned on one-hot columns).
 * - Ward: one tree per representation, cut at every k (`labelsFor`); above 20,000 rows Ward's two-stage mode runs
 *   automatically (K-Means micro-clusters, then Ward on them), with `wardMicroClusters` micro-clusters.
 * - DBSCAN: once per representation, eps from the knee of the sorted k-distance curve (`suggestEps`), minSamples
 *   = 2·d clipped to [4, 50] (Sander et al. 1998's 2·dim rule); on more than `dbscanMaxRows` rows it is fitted on a
 *   seeded sample and the other rows get the label of their nearest core row within eps, else noise (`predict`).
 * - k-prototypes: on the raw representation's mixed form only (numeric + categorical codes), `kprototypesInit` starts.
 *   Its own-space scores are computed on the raw one-hot matrix (the scores are Euclidean; k-prototypes' own cost
 *   mixes squared distances and mismatch counts).
 * - Silhouette: over a seeded sample of `silhouetteSampleSize` rows (the same rows for every labelling without noise).
 */
import { ValidationError } from '../core/errors';
import { takeRows, type Matrix } from '../core/matrix';
import { Rng } from '../core/random';
import { DBSCAN } from '../cluster/dbscan';
import { suggestEps } from '../cluster/dbscan-suggest-eps';
import { GaussianMixture } from '../cluster/gmm';
import { KMeans } from '../cluster/kmeans';
import { KPrototypes } from '../cluster/kprototypes';
import { Ward } from '../cluster/ward';
import type { Representation } from './representations';
import { labelSummary, scoreLabels, type ClusterScores } from './scores';

/** The methods of the grid. */
export type ClusteringMethod = 'kmeans' | 'gmm' | 'ward' | 'dbscan' | 'kprototypes';

/** Display names of the methods. */
export const CLUSTERING_METHOD_NAMES: Readonly<Record<ClusteringMethod, string>> = {
  kmeans: 'K-Means', gmm: 'GMM', ward: 'Ward', dbscan: 'DBSCAN', kprototypes: 'k-prototypes',
};

/** One cell of the grid: one method on one representation at one k. */
export interface ClusteringCell {
  readonly representation: string;
  readonly method: ClusteringMethod;
  /** Requested number of clusters (null for DBSCAN, which finds its own). */
  readonly k: number | null;
  /** Labels of every row (-1 = noise). Empty when the fit failed (see `error`). */
  readonly labels: Int32Array;
  /** Non-empty clusters found. */
  readonly nClusters: number;
  /** Share of rows labelled noise (DBSCAN), else 0. */
  readonly noiseShare: number;
  /** Sizes of the non-empty clusters, in label order. */
  readonly sizes: readonly number[];
  /** Smallest cluster as a share of all rows. */
  readonly smallestShare: number;
  /** Wall-clock seconds of the fit (a shared Ward tree is split evenly over its cuts). */
  readonly seconds: number;
  /** Scores in the representation the method was fitted on. */
  readonly own: ClusterScores;
  /** Scores in the common space (comparable across rows). */
  readonly common: ClusterScores;
  /** K-Means inertia (own space), else null. */
  readonly inertia: number | null;
  /** GMM BIC on all rows (own space), else null. */
  readonly bic: number | null;
  /** How the cell was computed (sampling, covariance type, eps…). */
  readonly note: string;
  /** The error message when the fit failed, else null. */
  readonly error: string | null;
}

/** Options of {@link compareClusterings}. */
export interface CompareClusteringsOptions {
  /** Smallest k. Default 2. */
  kMin: number;
  /** Largest k. Default 10. */
  kMax: number;
  /** Methods to run. Default all five. */
  methods: readonly ClusteringMethod[];
  /** Seed of every random choice. Default 0. */
  seed: number;
  /** The common space: a representation name from the list, or a representation. Default 'engineered'. */
  common: string | Representation;
  /** Rows of the sampled silhouette (null = exact). Default 1500. */
  silhouetteSampleSize: number | null;
  /** K-Means starts per k. Default 3. */
  kmeansInit: number;
  /** GMM is fitted on a sample of at most this many rows. Default 5,000. */
  gmmMaxRows: number;
  /** Full GMM covariance up to this many columns, diagonal above. Default 20. */
  gmmFullMaxCols: number;
  /** Micro-clusters of Ward's two-stage mode (used above 20,000 rows). Default 100. */
  wardMicroClusters: number;
  /** DBSCAN is fitted on a sample of at most this many rows. Default 1000. */
  dbscanMaxRows: number;
  /** DBSCAN minSamples, or null for 2·d clipped to [4, 50]. Default null. */
  dbscanMinSamples: number | null;
  /** k-prototypes starts per k. Default 1. */
  kprototypesInit: number;
  /** Called after each cell with the cell, its index (0-based) and the total number of cells. */
  onCell: ((cell: ClusteringCell, index: number, total: number) => void) | null;
  /** Called before each cell starts, with what it will run (a progress label names the running step). */
  onCellStart: ((step: { representation: string; method: ClusteringMethod; k: number | null }, index: number, total: number) => void) | null;
}

/** Defaults of {@link CompareClusteringsOptions}. */
export const DEFAULT_COMPARE_CLUSTERINGS_OPTIONS: CompareClusteringsOptions = {
  kMin: 2, kMax: 10,
  methods: ['kmeans', 'gmm', 'ward', 'dbscan', 'kprototypes'],
  seed: 0, common: 'engineered', silhouetteSampleSize: 1500,
  kmeansInit: 3, gmmMaxRows: 5000, gmmFullMaxCols: 20, wardMicroClusters: 100,
  dbscanMaxRows: 1000, dbscanMinSamples: null, kprototypesInit: 1, onCell: null, onCellStart: null,
};

/** The result of {@link compareClusterings}. */
export interface ClusteringComparison {
  readonly cells: readonly ClusteringCell[];
  /** Name of the common space. */
  readonly commonSpace: string;
  /** The representations compared (names and widths). */
  readonly representations: ReadonlyArray<{ name: string; cols: number; description: string }>;
  readonly ks: readonly number[];
  /** The options used (without the callback). */
  readonly options: Omit<CompareClusteringsOptions, 'onCell' | 'onCellStart'>;
  /** Total seconds. */
  readonly seconds: number;
}

/** The plan of one cell (what to fit), before running it. */
interface CellPlan { rep: Representation; method: ClusteringMethod; k: number | null }

function sampleRows(n: number, m: number, seed: number): Int32Array | null {
  if (n <= m) return null;
  return Int32Array.from(new Rng(seed).permutation(n).subarray(0, m)).sort();
}

/** DBSCAN's minSamples for d columns: 2·d clipped to [4, 50]. */
export function dbscanMinSamplesFor(d: number): number {
  return Math.max(4, Math.min(50, 2 * d));
}

/**
 * Run the comparison grid.
 * Complexity: per representation, (kMax − kMin + 1) K-Means, GMM and k-prototypes fits, one Ward tree, one DBSCAN,
 * and per cell two sampled silhouettes (O(m²·d)) and DB/CH (O(n·k·d)).
 * @param representations the spaces to cluster in (e.g. `buildRepresentations(loaded).all`); same row count.
 * @throws ValidationError on an empty list, mismatched rows, bad k range or an unknown common space.
 * @example compareClusterings(reps.all, { kMax: 4, methods: ['kmeans'] }).cells.length // 3 per representation
 */
export function compareClusterings(representations: readonly Representation[], options: Partial<CompareClusteringsOptions> = {}): ClusteringComparison {
  const o = { ...DEFAULT_COMPARE_CLUSTERINGS_OPTIONS, ...options };
  if (!representations || representations.length === 0) throw new ValidationError('compareClusterings: representations should hold at least one representation');
  const n = representations[0].X.rows;
  for (const r of representations) {
    if (r.X.rows !== n) throw new ValidationError(`compareClusterings: representation "${r.name}" has ${r.X.rows} rows, "${representations[0].name}" has ${n}`);
  }
  if (!Number.isInteger(o.kMin) || !Number.isInteger(o.kMax) || o.kMin < 2 || o.kMax < o.kMin) {
    throw new ValidationError(`compareClusterings: kMin=${o.kMin} and kMax=${o.kMax} should be integers with 2 <= kMin <= kMax`);
  }
  if (o.kMax >= n) throw new ValidationError(`compareClusterings: kMax=${o.kMax} should be < the number of rows ${n}`);
  const common = typeof o.common === 'string' ? representations.find((r) => r.name === o.common) : o.common;
  if (!common) throw new ValidationError(`compareClusterings: common space "${String(o.common)}" is not among ${representations.map((r) => r.name).join(', ')}`);
  if (common.X.rows !== n) throw new ValidationError(`compareClusterings: the common space has ${common.X.rows} rows, expected ${n}`);
  const ks: number[] = [];
  for (let k = o.kMin; k <= o.kMax; k++) ks.push(k);
  const plans: CellPlan[] = [];
  for (const rep of representations) {
    for (const method of o.methods) {
      if (method === 'dbscan') plans.push({ rep, method, k: null });
      else if (method === 'kprototypes') { if (rep.mixed) for (const k of ks) plans.push({ rep, method, k }); }
      else for (const k of ks) plans.push({ rep, method, k });
    }
  }
  const t0 = Date.now();
  const cells: ClusteringCell[] = [];
  const wardCache = new Map<string, { ward: Ward; seconds: number; note: string }>();
  const scoreOpts = { silhouetteSampleSize: o.silhouetteSampleSize, seed: o.seed };
  plans.forEach((plan, index) => {
    const { rep, method, k } = plan;
    if (o.onCellStart) o.onCellStart({ representation: rep.name, method, k }, index, plans.length);
    const t = Date.now();
    let labels: Int32Array = new Int32Array(0);
    let inertia: number | null = null, bic: number | null = null;
    let note = '';
    let error: string | null = null;
    let seconds = 0;
    try {
      if (method === 'kmeans') {
        const km = new KMeans({ k: k as number, nInit: o.kmeansInit, seed: o.seed }).fit(rep.X);
        labels = km.labels; inertia = km.inertia;
        note = `${o.kmeansInit} k-means++ start${o.kmeansInit === 1 ? '' : 's'}`;
      } else if (method === 'gmm') {
        const d = rep.X.cols;
        const cov = d <= o.gmmFullMaxCols ? 'full' : 'diag';
        const idx = sampleRows(n, o.gmmMaxRows, o.seed);
        const fitX = idx ? takeRows(rep.X, idx) : rep.X;
        const g = new GaussianMixture({ k: k as number, covarianceType: cov, seed: o.seed }).fit(fitX);
        labels = idx ? g.predict(rep.X) : g.labels;
        bic = g.bic(rep.X);
        note = `${cov} covariance${cov === 'diag' ? ` (d = ${d} > ${o.gmmFullMaxCols})` : ''}${idx ? `, fitted on ${idx.length.toLocaleString('en-US')} sampled rows` : ''}`;
      } else if (method === 'ward') {
        let w = wardCache.get(rep.name);
        if (!w) {
          const tw = Date.now();
          const ward = new Ward({ nClusters: o.kMin, microClusters: o.wardMicroClusters, seed: o.seed }).fit(rep.X);
          const nCuts = ks.length;
          w = { ward, seconds: (Date.now() - tw) / 1000 / nCuts, note: ward.method === 'two-stage' ? `two-stage (${o.wardMicroClusters} K-Means micro-clusters, n > ${ward.options.maxExactRows.toLocaleString('en-US')})` : 'exact' };
          wardCache.set(rep.name, w);
        }
        labels = w.ward.labelsFor(k as number);
        seconds = w.seconds;
        note = `${w.note}; one tree cut at each k`;
      } else if (method === 'dbscan') {
        const d = rep.X.cols;
        const minSamples = o.dbscanMinSamples ?? dbscanMinSamplesFor(d);
        const idx = sampleRows(n, o.dbscanMaxRows, o.seed);
        const fitX = idx ? takeRows(rep.X, idx) : rep.X;
        const eps = suggestEps(fitX, Math.min(minSamples, fitX.rows)).eps;
        const db = new DBSCAN({ eps, minSamples }).fit(fitX);
        labels = idx ? db.predict(rep.X) : db.labels;
        note = `eps = ${eps.toPrecision(4)} (k-distance knee), minSamples = ${minSamples}${idx ? `, fitted on ${idx.length.toLocaleString('en-US')} sampled rows, others → nearest core row within eps` : ''}`;
      } else {
        const mixed = rep.mixed!;
        const kp = new KPrototypes({ k: k as number, nInit: o.kprototypesInit, seed: o.seed }).fit(mixed.numeric, mixed.categorical);
        labels = kp.labels;
        note = `${mixed.numeric.cols} numeric + ${mixed.categorical.cols} categorical columns, gamma = ${kp.gamma.toPrecision(3)}, ${o.kprototypesInit} start${o.kprototypesInit === 1 ? '' : 's'}; own-space scores on the one-hot matrix`;
      }
    } catch (e) {
      error = (e as Error).message;
      note = `failed: ${error}`;
    }
    if (method !== 'ward') seconds = (Date.now() - t) / 1000;
    const summary = labelSummary(labels);
    const nan: ClusterScores = { silhouette: NaN, daviesBouldin: NaN, calinskiHarabasz: NaN, silhouetteRows: 0 };
    const own = error ? nan : scoreLabels(rep.X, labels, scoreOpts);
    const com = error ? nan : rep === common ? own : scoreLabels(common.X, labels, scoreOpts);
    const cell: ClusteringCell = {
      representation: rep.name, method, k, labels, nClusters: summary.nClusters, noiseShare: summary.noiseShare,
      sizes: summary.sizes, smallestShare: summary.sizes.length && n ? Math.min(...summary.sizes) / n : 0,
      seconds, own, common: com, inertia, bic, note, error,
    };
    cells.push(cell);
    if (o.onCell) o.onCell(cell, index, plans.length);
  });
  const { onCell: _ignored, onCellStart: _ignoredStart, ...rest } = o;
  void _ignored; void _ignoredStart;
  return {
    cells, commonSpace: common.name, ks,
    representations: representations.map((r) => ({ name: r.name, cols: r.X.cols, description: r.description })),
    options: { ...rest, common: common.name }, seconds: (Date.now() - t0) / 1000,
  };
}

/** Options of {@link bestCell}. */
export interface BestCellOptions {
  /** 'common' (default: comparable across representations) or 'own'. */
  space: 'common' | 'own';
  /** Only cells of these methods (default all). */
  methods: readonly ClusteringMethod[] | null;
  /** Only cells of these representations (default all). */
  representations: readonly string[] | null;
  /** Skip labellings whose smallest cluster is below this share of rows (degenerate splits). Default 0.02. */
  minClusterShare: number;
  /** Skip labellings with more noise than this share. Default 0.2. */
  maxNoiseShare: number;
}

/** Defaults of {@link BestCellOptions}. */
export const DEFAULT_BEST_CELL_OPTIONS: BestCellOptions = { space: 'common', methods: null, representations: null, minClusterShare: 0.02, maxNoiseShare: 0.2 };

/**
 * The cell with the highest silhouette in the chosen space among non-degenerate cells (no error, ≥ 2 clusters,
 * smallest cluster ≥ minClusterShare, noise ≤ maxNoiseShare); null when none qualifies. O(cells).
 */
export function bestCell(comparison: ClusteringComparison, options: Partial<BestCellOptions> = {}): ClusteringCell | null {
  const o = { ...DEFAULT_BEST_CELL_OPTIONS, ...options };
  let best: ClusteringCell | null = null;
  for (const c of comparison.cells) {
    if (c.error || c.nClusters < 2 || c.smallestShare < o.minClusterShare || c.noiseShare > o.maxNoiseShare) continue;
    if (o.methods && !o.methods.includes(c.method)) continue;
    if (o.representations && !o.representations.includes(c.representation)) continue;
    const s = c[o.space].silhouette;
    if (!Number.isFinite(s)) continue;
    if (best === null || s > best[o.space].silhouette) best = c;
  }
  return best;
}
