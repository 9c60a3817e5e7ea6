/**
 * Mini-batch K-Means over a streamed matrix, for several k in one pass over the data, then a full assignment pass.
 *
 * Each k gets a `MiniBatchKMeans` (lib/src/cluster, Sculley 2010) initialized on a seeded sample (k-means++ seeding,
 * best of nInit, then one step with every sample row), then updated with mini-batches cut from each streamed block
 * (rows in a seeded random order within the block). Past `trainingRows` rows per pass, each block contributes the
 * same fraction of its rows (drawn at random), so the batches come from the whole file while the cost of a pass
 * stays bounded; every row is still assigned in the final pass. A model stops updating when its smoothed batch inertia has not
 * improved for `maxNoImprovement` batches (scikit-learn's rule); the stream stops when every model has stopped or
 * after `epochs` passes. The final pass assigns every row to its nearest centre for each k: the exact inertia and
 * segment sizes over all rows.
 *
 * Blocks come in file order: a file sorted by a segment-like key would bias the first batches (shuffle it first).
 * Complexity: O(n·d·Σk) per pass, memory O(chunkRows·d + Σk·d).
 */
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import { toRng } from '../core/random';
import { MiniBatchKMeans } from '../cluster/minibatch-kmeans';
import { assignAll } from '../cluster/kmeans-common';
import type { MatrixChunk } from './duckdb';

/** Options of {@link fitKMeansStreamed}. */
export interface StreamedKMeansOptions {
  /** The numbers of clusters to fit. Default 2..10. */
  ks: readonly number[];
  /** Rows per mini-batch. Default 2,048. */
  batchSize: number;
  /** Maximum passes over the data. Default 1. */
  epochs: number;
  /** Rows used for mini-batches per pass, spread over all blocks (null: every row). Default 2,000,000. */
  trainingRows: number | null;
  /** Batches without improvement of the smoothed batch inertia before a model stops (0, the default: every row of every pass is used). */
  maxNoImprovement: number;
  /** k-means++ seedings tried on the init sample. Default 3. */
  nInit: number;
  /** Seed of the init, the batch order and the seeding. Default 0. */
  seed: number;
}

/** Defaults of {@link StreamedKMeansOptions}. */
export const DEFAULT_STREAMED_KMEANS_OPTIONS: StreamedKMeansOptions = { ks: [2, 3, 4, 5, 6, 7, 8, 9, 10], batchSize: 2048, epochs: 1, trainingRows: 2_000_000, maxNoImprovement: 0, nInit: 3, seed: 0 };

/** One fitted k. */
export interface StreamedKMeansModel {
  k: number;
  /** k×d centres. */
  centers: Matrix;
  /** Sum of squared distances of every row to its nearest centre (final pass). */
  inertia: number;
  /** Rows per segment (final pass). */
  sizes: number[];
  /** Mini-batch steps taken (the init step included). */
  steps: number;
}

/** The result of {@link fitKMeansStreamed}. */
export interface StreamedKMeansResult {
  models: StreamedKMeansModel[];
  rows: number;
  /** Rows read by the training passes (the final pass not counted). */
  trainingRows: number;
  seconds: number;
}

/** Where the streamed rows come from: a fresh stream of blocks per pass. */
export type MatrixSource = () => AsyncIterable<MatrixChunk>;

function rowsOf(X: Matrix, idx: Int32Array, from: number, to: number): Matrix {
  const d = X.cols;
  const data = new Float64Array((to - from) * d);
  for (let r = from; r < to; r++) data.set(X.data.subarray(idx[r] * d, idx[r] * d + d), (r - from) * d);
  return { data, rows: to - from, cols: d };
}

/**
 * Fit mini-batch K-Means for every k of `ks` over a streamed matrix (see the module comment).
 * @param source a function returning a new stream of the rows (called once per pass)
 * @param init the seeded init sample (rows × d), at least max(ks) rows
 * @param options also `totalRows`, the rows the source yields (needed for `trainingRows`)
 * @throws ValidationError on bad options or an init sample too small
 */
export async function fitKMeansStreamed(source: MatrixSource, init: Matrix, options: Partial<StreamedKMeansOptions> & { totalRows?: number } = {}): Promise<StreamedKMeansResult> {
  const o = { ...DEFAULT_STREAMED_KMEANS_OPTIONS, ...options };
  const t0 = performance.now();
  if (!o.ks.length || o.ks.some((k) => !Number.isInteger(k) || k < 1)) throw new ValidationError(`ks=${JSON.stringify(o.ks)} should be a non-empty list of integers >= 1`);
  if (init.rows < Math.max(...o.ks)) throw new ValidationError(`the init sample has ${init.rows} rows, fewer than k=${Math.max(...o.ks)}`);
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new ValidationError(`epochs=${o.epochs} should be an integer >= 1`);
  const rng = toRng(o.seed);
  const models = o.ks.map((k, i) => new MiniBatchKMeans({ k, batchSize: o.batchSize, nInit: o.nInit, seed: o.seed + 7919 * (i + 1) }).partialFit(init));
  const state = models.map(() => ({ ewa: NaN, best: Infinity, noImprove: 0, done: false }));
  let trainingRows = 0;
  const fraction = o.trainingRows !== null && options.totalRows ? Math.min(1, o.trainingRows / options.totalRows) : 1;
  for (let epoch = 0; epoch < o.epochs && state.some((s) => !s.done); epoch++) {
    for await (const { X } of source()) {
      const order = rng.permutation(X.rows);
      const use = fraction >= 1 ? X.rows : Math.min(X.rows, Math.max(1, Math.round(X.rows * fraction)));
      trainingRows += use;
      for (let from = 0; from < use; from += o.batchSize) {
        const to = Math.min(use, from + o.batchSize);
        const batch = rowsOf(X, order, from, to);
        models.forEach((m, i) => {
          const s = state[i];
          if (s.done) return;
          m.partialFit(batch);
          const per = m.inertia / batch.rows;
          s.ewa = Number.isNaN(s.ewa) ? per : s.ewa * 0.9 + per * 0.1;
          if (s.ewa < s.best) { s.best = s.ewa; s.noImprove = 0; } else s.noImprove++;
          if (o.maxNoImprovement > 0 && s.noImprove >= o.maxNoImprovement) s.done = true;
        });
      }
      if (state.every((s) => s.done)) break;
    }
  }
  const centers = models.map((m) => m.centers);
  const inertia = new Float64Array(models.length);
  const sizes = models.map((m) => new Array<number>(m.options.k).fill(0));
  let rows = 0;
  for await (const { X } of source()) {
    rows += X.rows;
    const lab = new Int32Array(X.rows);
    const dmin = new Float64Array(X.rows);
    centers.forEach((C, i) => {
      assignWithDistances(X, C, lab, dmin);
      let s = 0;
      for (let r = 0; r < X.rows; r++) { sizes[i][lab[r]]++; s += dmin[r]; }
      inertia[i] += s;
    });
  }
  return {
    models: models.map((m, i) => ({ k: m.options.k, centers: centers[i], inertia: inertia[i], sizes: sizes[i], steps: m.nSteps })),
    rows, trainingRows, seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Nearest centre (first on ties) and its squared distance for every row, the distances summed left to right over
 * the columns as the library's K-Means kernels do. O(n·k·d).
 */
export function assignWithDistances(X: Matrix, C: Matrix, labels: Int32Array, dmin: Float64Array): void {
  const { data: x, rows: n, cols: d } = X;
  const c = C.data;
  const k = C.rows;
  for (let i = 0; i < n; i++) {
    const xo = i * d;
    let best = 0;
    let bestD = Infinity;
    for (let j = 0; j < k; j++) {
      const co = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) { const v = x[xo + t] - c[co + t]; s += v * v; }
      if (s < bestD) { bestD = s; best = j; }
    }
    labels[i] = best;
    dmin[i] = bestD;
  }
}

/**
 * Index of the nearest centre of every row of X (first on ties), as KMeans.predict. O(n·k·d).
 */
export function nearestCentres(X: Matrix, centers: Matrix): Int32Array {
  const lab = new Int32Array(X.rows);
  assignAll(X.data, X.rows, centers.data, centers.rows, X.cols, lab);
  return lab;
}
