/**
 * Ward hierarchical clustering (Ward 1963), exact up to `maxExactRows` rows through the nearest-neighbour chain
 * (see `ward-linkage.ts`), with a stated two-stage method beyond:
 *
 * Two-stage method (n > maxExactRows): (1) K-Means micro-clusters — `microClusters` centres from random rows, at
 * most 20 Lloyd/Hamerly iterations (this package's `KMeans`, one start); (2) weighted Ward on the micro-cluster
 * centroids with their sizes as weights (Ward's merge cost depends only on centroids and sizes, so this is exactly
 * Ward started from the micro-cluster partition); (3) every row is assigned to the nearest final centroid. The
 * linkage then has the micro-clusters as leaves (`leafOfRow` maps rows to them).
 *
 * Reference: J. H. Ward (1963), JASA 58(301):236–244; F. Murtagh (1983), Computer Journal 26(4):354–359.
 * Complexity: exact O(n²·d) time, O(n·d) memory; two-stage O(n·m·d·iterations + m²·d) with m micro-clusters.
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { NotFittedError, ValidationError } from '../core/errors';
import type { Clusterer } from './types';
import { KMeans } from './kmeans';
import { cutLinkage, mergesBelow, mergesForClusters, wardLinkage, type WardLinkage } from './ward-linkage';

/** Options of {@link Ward}. */
export interface WardOptions {
  /** Number of clusters of `labels` (ignored when `distanceThreshold` is set). */
  nClusters: number;
  /** Instead of nClusters: apply every merge with height < threshold (scikit-learn's `distance_threshold`). */
  distanceThreshold: number | null;
  /** Largest n clustered exactly; above it the two-stage method is used. */
  maxExactRows: number;
  /** Number of K-Means micro-clusters of the two-stage method. */
  microClusters: number;
  /** Seed of the micro-cluster K-Means (the exact method uses no randomness). */
  seed: number;
}

/** Defaults of {@link WardOptions}. */
export const DEFAULT_WARD_OPTIONS: WardOptions = {
  nClusters: 2,
  distanceThreshold: null,
  maxExactRows: 20000,
  microClusters: 500,
  seed: 0,
};

/** Fitted state of {@link Ward} as plain JSON. */
export interface WardJSON {
  kind: 'Ward';
  options: WardOptions;
  method: 'exact' | 'two-stage';
  centers: number[][];
  labels: number[];
  leafOfRow: number[];
  linkage: { n: number; a: number[]; b: number[]; height: number[]; size: number[] };
}

interface WardState {
  method: 'exact' | 'two-stage';
  centers: Matrix;
  labels: Int32Array;
  leafOfRow: Int32Array;
  linkage: WardLinkage;
}

/**
 * Ward agglomerative clustering with `fit`, `predict` (nearest Ward centroid), the linkage and its cuts.
 * @example
 *   const w = new Ward({ nClusters: 2 }).fit(fromRows([[0], [1], [10], [12]]));
 *   w.labels // → Int32Array [0, 0, 1, 1];  w.linkage.height // → [1, 2, 14.8492]  (√(2·(2·2/4)·10.5²))
 */
export class Ward implements Clusterer {
  readonly options: WardOptions;
  private fitted: WardState | null = null;

  constructor(options: Partial<WardOptions> = {}) {
    this.options = { ...DEFAULT_WARD_OPTIONS, ...options };
  }

  private validate(n: number): void {
    const o = this.options;
    if (o.distanceThreshold === null) {
      if (!Number.isInteger(o.nClusters) || o.nClusters < 1) throw new ValidationError(`nClusters=${o.nClusters} should be an integer >= 1`);
      if (o.nClusters > n) throw new ValidationError(`nClusters=${o.nClusters} should be <= nSamples=${n}`);
    } else if (!(o.distanceThreshold >= 0)) throw new ValidationError(`distanceThreshold=${o.distanceThreshold} should be >= 0`);
    if (!Number.isInteger(o.maxExactRows) || o.maxExactRows < 2) throw new ValidationError(`maxExactRows=${o.maxExactRows} should be an integer >= 2`);
    if (!Number.isInteger(o.microClusters) || o.microClusters < 2) throw new ValidationError(`microClusters=${o.microClusters} should be an integer >= 2`);
  }

  /** Fit on X (n×d). Returns this. @throws ValidationError on NaN, empty X or nClusters > n. */
  fit(X: Matrix): this {
    checkMatrix(X, { name: 'X', minRows: 1 });
    const n = X.rows, d = X.cols;
    this.validate(n);
    if (n <= this.options.maxExactRows) {
      const linkage = wardLinkage(X.data, n, d);
      const leafLabels = this.cut(linkage);
      const leafOfRow = Int32Array.from({ length: n }, (_, i) => i);
      const centers = weightedCenters(X.data, n, d, leafLabels, null);
      this.fitted = { method: 'exact', centers, labels: leafLabels, leafOfRow, linkage };
      return this;
    }
    const m = Math.min(this.options.microClusters, n);
    const km = new KMeans({ k: m, nInit: 1, maxIter: 20, init: 'random', seed: this.options.seed }).fit(X);
    const micro = km.labels;
    const weights = new Float64Array(m);
    for (let i = 0; i < n; i++) weights[micro[i]]++;
    // Drop empty micro-clusters (renumber the others).
    const keep: number[] = [];
    const newId = new Int32Array(m).fill(-1);
    for (let c = 0; c < m; c++) if (weights[c] > 0) { newId[c] = keep.length; keep.push(c); }
    const mc = keep.length;
    const cdata = new Float64Array(mc * d);
    const w = new Float64Array(mc);
    keep.forEach((c, r) => { cdata.set(km.centers.data.subarray(c * d, (c + 1) * d), r * d); w[r] = weights[c]; });
    if (this.options.distanceThreshold === null && this.options.nClusters > mc) {
      throw new ValidationError(`nClusters=${this.options.nClusters} should be <= the ${mc} non-empty micro-clusters`);
    }
    const linkage = wardLinkage(cdata, mc, d, w);
    const microLabels = this.cut(linkage);
    const centers = weightedCenters(cdata, mc, d, microLabels, w);
    const leafOfRow = new Int32Array(n);
    for (let i = 0; i < n; i++) leafOfRow[i] = newId[micro[i]];
    const labels = nearestCenter(X.data, n, d, centers);
    this.fitted = { method: 'two-stage', centers, labels, leafOfRow, linkage };
    return this;
  }

  private cut(link: WardLinkage): Int32Array {
    const o = this.options;
    const m = o.distanceThreshold === null ? mergesForClusters(link, o.nClusters) : mergesBelow(link, o.distanceThreshold);
    return cutLinkage(link, m);
  }

  private state(): WardState {
    if (!this.fitted) throw new NotFittedError('Ward');
    return this.fitted;
  }

  /** Labels of the rows seen by fit (0..nClusters-1, numbered by first row). */
  get labels(): Int32Array { return this.state().labels; }
  /** Final cluster centroids (nClusters×d). */
  get centers(): Matrix { return this.state().centers; }
  /** The linkage (leaves are rows, or micro-clusters in the two-stage method). */
  get linkage(): WardLinkage { return this.state().linkage; }
  /** 'exact' or 'two-stage'. */
  get method(): 'exact' | 'two-stage' { return this.state().method; }
  /** Leaf of the linkage each fitted row belongs to (the row itself when exact). */
  get leafOfRow(): Int32Array { return this.state().leafOfRow; }

  /**
   * Labels of the fitted rows for another number of clusters, from the same tree (no refit). In the two-stage
   * method rows follow their micro-cluster. O(n).
   */
  labelsFor(nClusters: number): Int32Array {
    const s = this.state();
    const leaf = cutLinkage(s.linkage, mergesForClusters(s.linkage, nClusters));
    return Int32Array.from(s.leafOfRow, (l) => leaf[l]);
  }

  /** Nearest Ward centroid of each row of X. O(n·k·d). @throws NotFittedError, ValidationError on shape. */
  predict(X: Matrix): Int32Array {
    const s = this.state();
    checkMatrix(X, { name: 'X' });
    if (X.cols !== s.centers.cols) throw new ValidationError(`X has ${X.cols} columns, the model was fitted on ${s.centers.cols}`);
    return nearestCenter(X.data, X.rows, X.cols, s.centers);
  }

  /** Fitted state as plain JSON. */
  toJSON(): WardJSON {
    const s = this.state();
    const c: number[][] = [];
    for (let r = 0; r < s.centers.rows; r++) c.push(Array.from(s.centers.data.subarray(r * s.centers.cols, (r + 1) * s.centers.cols)));
    const L = s.linkage;
    return {
      kind: 'Ward', options: { ...this.options }, method: s.method, centers: c, labels: Array.from(s.labels), leafOfRow: Array.from(s.leafOfRow),
      linkage: { n: L.n, a: Array.from(L.a), b: Array.from(L.b), height: Array.from(L.height), size: Array.from(L.size) },
    };
  }

  /** Rebuild a fitted Ward from {@link Ward.toJSON}. */
  static fromJSON(json: WardJSON): Ward {
    if (!json || json.kind !== 'Ward') throw new ValidationError('not a Ward JSON object (kind should be "Ward")');
    const w = new Ward(json.options);
    const d = json.centers[0]?.length ?? 0;
    const data = new Float64Array(json.centers.length * d);
    json.centers.forEach((r, i) => data.set(r, i * d));
    w.fitted = {
      method: json.method,
      centers: { data, rows: json.centers.length, cols: d },
      labels: Int32Array.from(json.labels),
      leafOfRow: Int32Array.from(json.leafOfRow),
      linkage: {
        n: json.linkage.n, a: Int32Array.from(json.linkage.a), b: Int32Array.from(json.linkage.b),
        height: Float64Array.from(json.linkage.height), size: Float64Array.from(json.linkage.size),
      },
    };
    return w;
  }
}

/** Weighted means of rows by label (weights null = 1). */
function weightedCenters(X: Float64Array, n: number, d: number, labels: Int32Array, w: Float64Array | null): Matrix {
  let k = 0;
  for (let i = 0; i < n; i++) k = Math.max(k, labels[i] + 1);
  const data = new Float64Array(k * d);
  const tot = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i], wi = w ? w[i] : 1;
    tot[c] += wi;
    for (let t = 0; t < d; t++) data[c * d + t] += wi * X[i * d + t];
  }
  for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) data[c * d + t] /= tot[c];
  return { data, rows: k, cols: d };
}

/** Index of the nearest centre (squared Euclidean; ties → lower index). O(n·k·d). */
function nearestCenter(X: Float64Array, n: number, d: number, C: Matrix): Int32Array {
  const out = new Int32Array(n);
  const k = C.rows, c = C.data;
  for (let i = 0; i < n; i++) {
    let best = 0, bestD = Infinity;
    for (let q = 0; q < k; q++) {
      let s = 0;
      for (let t = 0; t < d; t++) { const v = X[i * d + t] - c[q * d + t]; s += v * v; }
      if (s < bestD) { bestD = s; best = q; }
    }
    out[i] = best;
  }
  return out;
}
