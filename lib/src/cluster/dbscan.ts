/**
 * DBSCAN (Ester, Kriegel, Sander, Xu 1996) with scikit-learn's semantics: a row's eps-neighbourhood includes
 * itself (distance ≤ eps, Euclidean); a row is core when its neighbourhood has ≥ minSamples rows; clusters grow
 * from core rows in row order (depth-first, as sklearn's `dbscan_inner`), border rows take the label of the first
 * cluster that reaches them, the rest are noise (-1).
 *
 * Memory: neighbourhoods are never stored — a first pass counts neighbours (core flags), the expansion queries
 * each core row's neighbourhood once more. Neighbour search: k-d tree for d ≤ 15 (`neighbors.ts`); above, blocked
 * SIMD distance tiles over all cores (`dbscan-tiles.ts`: counts, core components, border rows; the same labels as
 * the row-order expansion), or a brute-force scan where WebAssembly SIMD is missing; never an n×n matrix.
 *
 * `predict` for new rows: the label of the nearest core row if it is within eps, else -1 (noise).
 *
 * Complexity: 2 neighbourhood queries per core row + 1 per other row: O(n log n)-ish with the tree in low d,
 * O(n²·d) brute force; O(n) memory beyond the index.
 */
import { checkMatrix, takeRows, type Matrix } from '../core/matrix';
import { NotFittedError, ValidationError } from '../core/errors';
import type { Clusterer } from './types';
import { buildNeighborIndex, KDTREE_MAX_DIM, type NeighborIndex } from './neighbors';
import { dbscanTiles } from './dbscan-tiles';
import { availableThreads } from './worker-pool';

/** Options of {@link DBSCAN}. */
export interface DBSCANOptions {
  /** Neighbourhood radius (Euclidean), > 0. See `suggestEps`. */
  eps: number;
  /** Rows (including itself) a neighbourhood needs for a core row, ≥ 1. */
  minSamples: number;
  /** Neighbour search: 'auto' (k-d tree for d ≤ 15), 'kdtree' or 'brute' (SIMD distance tiles where available). */
  neighbors: 'auto' | 'kdtree' | 'brute';
  /** Threads of the brute-force tiles: 'auto' (all cores from 2,000 rows) or a number ≥ 1. Same result either way. */
  nThreads: number | 'auto';
}

/** Defaults of {@link DBSCANOptions} (scikit-learn's eps = 0.5, min_samples = 5). */
export const DEFAULT_DBSCAN_OPTIONS: DBSCANOptions = { eps: 0.5, minSamples: 5, neighbors: 'auto', nThreads: 'auto' };

/** Fitted state of {@link DBSCAN} as plain JSON. */
export interface DBSCANJSON {
  kind: 'DBSCAN';
  options: DBSCANOptions;
  labels: number[];
  coreSampleIndices: number[];
  /** Coordinates of the core rows (for predict). */
  components: number[][];
}

interface DBSCANState {
  labels: Int32Array;
  core: Int32Array;
  components: Matrix;
  index: NeighborIndex | null;
}

/**
 * Density-based clustering with noise.
 * @example new DBSCAN({ eps: 1.5, minSamples: 2 }).fit(fromRows([[0],[1],[2],[10],[11],[30]])).labels
 *   // → Int32Array [0, 0, 0, 1, 1, -1]
 */
export class DBSCAN implements Clusterer {
  readonly options: DBSCANOptions;
  private fitted: DBSCANState | null = null;

  constructor(options: Partial<DBSCANOptions> = {}) {
    this.options = { ...DEFAULT_DBSCAN_OPTIONS, ...options };
  }

  /** Fit on X (n×d). Returns this. @throws ValidationError on bad eps/minSamples or NaN. */
  fit(X: Matrix): this {
    const { eps, minSamples, neighbors } = this.options;
    if (!(eps > 0) || !Number.isFinite(eps)) throw new ValidationError(`eps=${eps} should be a positive number`);
    if (!Number.isInteger(minSamples) || minSamples < 1) throw new ValidationError(`minSamples=${minSamples} should be an integer >= 1`);
    checkMatrix(X, { name: 'X' });
    const n = X.rows;
    const nt = this.options.nThreads ?? 'auto';
    if (nt !== 'auto' && !(Number.isInteger(nt) && nt >= 1)) throw new ValidationError(`nThreads=${nt} should be 'auto' or an integer >= 1`);
    const brute = neighbors === 'brute' || (neighbors === 'auto' && X.cols > KDTREE_MAX_DIM);
    if (brute) {
      const threads = nt === 'auto' ? (n >= 2000 ? availableThreads() : 1) : nt;
      const r = dbscanTiles(X.data, n, X.cols, eps, minSamples, threads);
      if (r) {
        this.fitted = this.finish(X, r.labels, r.isCore);
        return this;
      }
    }
    const index = buildNeighborIndex(X, neighbors);
    const isCore = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let c = 0;
      index.radius(X.data, i, eps, () => { c++; });
      if (c >= minSamples) isCore[i] = 1;
    }
    const labels = new Int32Array(n).fill(-1);
    const stack: number[] = [];
    let label = 0;
    for (let i0 = 0; i0 < n; i0++) {
      if (labels[i0] !== -1 || !isCore[i0]) continue;
      stack.push(i0);
      while (stack.length) {
        const i = stack.pop() as number;
        if (labels[i] !== -1) continue;
        labels[i] = label;
        if (!isCore[i]) continue;
        index.radius(X.data, i, eps, (j) => { if (labels[j] === -1) stack.push(j); });
      }
      label++;
    }
    this.fitted = this.finish(X, labels, isCore);
    return this;
  }

  private finish(X: Matrix, labels: Int32Array, isCore: Uint8Array): DBSCANState {
    let nCore = 0;
    for (let i = 0; i < X.rows; i++) nCore += isCore[i];
    const core = new Int32Array(nCore);
    for (let i = 0, m = 0; i < X.rows; i++) if (isCore[i]) core[m++] = i;
    return { labels, core, components: takeRows(X, core), index: null };
  }

  private state(): DBSCANState {
    if (!this.fitted) throw new NotFittedError('DBSCAN');
    return this.fitted;
  }

  /** Labels of the fitted rows (-1 = noise). */
  get labels(): Int32Array { return this.state().labels; }
  /** Indices of the core rows, increasing. */
  get coreSampleIndices(): Int32Array { return this.state().core; }
  /** Coordinates of the core rows. */
  get components(): Matrix { return this.state().components; }
  /** Number of clusters found (noise excluded). */
  get nClusters(): number {
    let m = -1;
    for (const l of this.state().labels) m = Math.max(m, l);
    return m + 1;
  }

  /**
   * Label of the nearest core row when within eps, else -1. O(log n) per row with the tree in low d.
   * @throws NotFittedError before fit; ValidationError on a column mismatch.
   */
  predict(X: Matrix): Int32Array {
    const s = this.state();
    checkMatrix(X, { name: 'X' });
    if (X.cols !== s.components.cols) throw new ValidationError(`X has ${X.cols} columns, the model was fitted on ${s.components.cols}`);
    const out = new Int32Array(X.rows).fill(-1);
    if (s.core.length === 0) return out;
    if (!s.index) s.index = buildNeighborIndex(s.components, this.options.neighbors);
    const e2 = this.options.eps * this.options.eps;
    for (let i = 0; i < X.rows; i++) {
      const nn = s.index.knn(X.data, i, 1);
      if (nn.sq[0] <= e2) out[i] = s.labels[s.core[nn.rows[0]]];
    }
    return out;
  }

  /** Fitted state as plain JSON. */
  toJSON(): DBSCANJSON {
    const s = this.state();
    const comps: number[][] = [];
    for (let r = 0; r < s.components.rows; r++) comps.push(Array.from(s.components.data.subarray(r * s.components.cols, (r + 1) * s.components.cols)));
    return { kind: 'DBSCAN', options: { ...this.options }, labels: Array.from(s.labels), coreSampleIndices: Array.from(s.core), components: comps };
  }

  /** Rebuild a fitted DBSCAN from {@link DBSCAN.toJSON}. */
  static fromJSON(json: DBSCANJSON): DBSCAN {
    if (!json || json.kind !== 'DBSCAN') throw new ValidationError('not a DBSCAN JSON object (kind should be "DBSCAN")');
    const m = new DBSCAN(json.options);
    const d = json.components[0]?.length ?? 1;
    const data = new Float64Array(json.components.length * d);
    json.components.forEach((r, i) => data.set(r, i * d));
    m.fitted = { labels: Int32Array.from(json.labels), core: Int32Array.from(json.coreSampleIndices), components: { data, rows: json.components.length, cols: d }, index: null };
    return m;
  }
}
