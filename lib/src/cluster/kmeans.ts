/**
 * K-Means clustering, scikit-learn's contract and algorithm (`sklearn.cluster.KMeans`, v1.2 defaults): greedy
 * k-means++ seeding, `nInit` runs keeping the lowest inertia, Lloyd iterations stopping on unchanged labels or on a
 * total squared centre shift ≤ tol × (mean column variance), empty clusters relocated to the farthest rows.
 * Speed without approximation: distances are filtered with a WebAssembly SIMD dot-product kernel and an error bound,
 * and decided in the direct form wherever the bound leaves a doubt (kmeans-fast.ts), so every algorithm gives exactly
 * the labels, centres and inertia of the textbook direct-form Lloyd loop; the nInit starts run on the calling thread
 * plus pooled worker threads (kmeans-pool.ts), `fit` staying synchronous and the result independent of the thread
 * count.
 */
import { Matrix, checkMatrix, fromRows, toRows } from '../core/matrix';
import { NotFittedError, ValidationError } from '../core/errors';
import { Rng, toRng } from '../core/random';
import type { Clusterer } from './types';
import { meanColumnVariance, nearestCenter, sqDistRC } from './kmeans-common';
import { StartSpec, drawStarts } from './kmeans-starts';
import { runStartsThreaded } from './kmeans-pool';
import { availableThreads } from './worker-pool';

/** Options of {@link KMeans}. */
export interface KMeansOptions {
  /** Number of clusters, 1 ≤ k ≤ number of rows. */
  k: number;
  /** Number of runs from different seeds; the lowest inertia wins. Forced to 1 with explicit initial centres. */
  nInit: number;
  /** Maximum Lloyd iterations per run. */
  maxIter: number;
  /** Relative tolerance: a run stops when the total squared centre shift ≤ tol × mean column variance of X. */
  tol: number;
  /**
   * 'lloyd' (every distance, on the SIMD dot kernel), 'hamerly' (triangle-inequality bounds, same kernel), 'elkan'
   * (per-pair bounds, scalar) or 'auto' (the fastest of these for k: see {@link kmeansAutoAlgorithm}). All give
   * exactly the same labels, centres and inertia.
   */
  algorithm: 'auto' | 'lloyd' | 'elkan' | 'hamerly';
  /** 'k-means++' (greedy, 2 + ln k trials), 'random' (k distinct rows), or explicit k×d initial centres. */
  init: 'k-means++' | 'random' | Matrix;
  /** Seed of the random source (or an Rng). */
  seed: number | Rng;
  /**
   * Threads running the nInit starts (the calling thread plus pooled worker threads; fit stays synchronous). 'auto':
   * one thread for small problems (n·d·k·nInit < 2·10⁷), else the machine's available parallelism, at most nInit.
   * The result is identical whatever the number.
   */
  nThreads: number | 'auto';
}

/** Defaults of {@link KMeansOptions} (scikit-learn 1.2, except `algorithm`, which gives the same result). */
export const DEFAULT_KMEANS_OPTIONS: Omit<KMeansOptions, 'k'> = {
  nInit: 10,
  maxIter: 300,
  tol: 1e-4,
  algorithm: 'auto',
  init: 'k-means++',
  seed: 0,
  nThreads: 'auto',
};

/** Threads chosen by nThreads 'auto' for an n×d fit with k clusters and nInit starts. */
export function kmeansAutoThreads(n: number, d: number, k: number, nInit: number): number {
  return n * d * k * nInit < 2e7 ? 1 : Math.min(nInit, availableThreads());
}
const autoThreads = kmeansAutoThreads;

/**
 * Algorithm chosen by algorithm 'auto': Lloyd on the SIMD kernel. Measured on bank-additional one-hot (41,188×63,
 * nInit 10, k = 2..10, CPU time): SIMD Lloyd 11.5 s, SIMD Hamerly 17.5 s (its per-row bound work costs more than
 * the distances it saves once distances run at ~8 G multiply-adds/s), scalar Elkan 23 s.
 */
export function kmeansAutoAlgorithm(_k: number): 'lloyd' | 'hamerly' {
  return 'lloyd';
}
const autoAlgorithm = kmeansAutoAlgorithm;

/** Fitted state of {@link KMeans} as plain JSON. */
export interface KMeansJSON {
  kind: 'KMeans';
  options: Omit<KMeansOptions, 'init' | 'seed'> & { init: 'k-means++' | 'random' | number[][]; seed: number | null };
  centers: number[][];
  labels: number[];
  inertia: number;
  nIter: number;
}

/**
 * K-Means estimator.
 * Complexity: fit O(nInit · (k-means++ O(n·d·k·log k) + iterations · O(n·k·d))) time, spread over nThreads threads
 * (distances run in a SIMD kernel at about 8 G multiply-adds/s per thread); O(n + k·d) memory per start besides X,
 * plus a padded copy of X per thread (and a shared copy when threaded); predict O(n·k·d).
 * Documented behaviour: X with fewer distinct rows than k throws a ValidationError under k-means++ seeding; with
 * 'random' or explicit centres, duplicate centres leave clusters empty, which are relocated as in scikit-learn.
 * Constant columns are harmless (they add the same amount to every distance).
 * @example
 *   const km = new KMeans({ k: 2, seed: 1 }).fit(fromRows([[0], [1], [10], [11]]));
 *   km.inertia // 1  (centres 0.5 and 10.5)
 */
export class KMeans implements Clusterer {
  readonly options: KMeansOptions;
  private fitted: { centers: Matrix; labels: Int32Array; inertia: number; nIter: number } | null = null;
  /** Threads engaged by the last fit: the calling thread plus the workers sent the job (1 before any fit). */
  threadsUsed = 1;

  constructor(options: Partial<KMeansOptions> & { k: number }) {
    this.options = { ...DEFAULT_KMEANS_OPTIONS, ...options };
  }

  /**
   * Fit on X (n×d, finite). Returns this.
   * @throws ValidationError on bad k, NaN, explicit centres of the wrong shape, fewer distinct rows than k.
   */
  fit(X: Matrix): this {
    checkMatrix(X, { name: 'X' });
    const o = this.options;
    const { k } = o;
    if (!Number.isInteger(k) || k < 1) throw new ValidationError(`k=${k} should be an integer >= 1`);
    if (X.rows < k) throw new ValidationError(`nSamples=${X.rows} should be >= k=${k}`);
    if (!Number.isInteger(o.nInit) || o.nInit < 1) throw new ValidationError(`nInit=${o.nInit} should be an integer >= 1`);
    if (!Number.isInteger(o.maxIter) || o.maxIter < 1) throw new ValidationError(`maxIter=${o.maxIter} should be an integer >= 1`);
    if (!(o.tol >= 0)) throw new ValidationError(`tol=${o.tol} should be >= 0`);
    if (o.algorithm !== 'auto' && o.algorithm !== 'lloyd' && o.algorithm !== 'hamerly' && o.algorithm !== 'elkan') {
      throw new ValidationError(`algorithm="${String(o.algorithm)}" should be 'auto', 'lloyd', 'elkan' or 'hamerly'`);
    }
    const explicit = typeof o.init === 'object';
    if (explicit) {
      const C = checkMatrix(o.init as Matrix, { name: 'init' });
      if (C.rows !== k || C.cols !== X.cols) throw new ValidationError(`init has shape ${C.rows}×${C.cols}, expected k×d = ${k}×${X.cols}`);
    } else if (o.init !== 'k-means++' && o.init !== 'random') {
      throw new ValidationError(`init="${String(o.init)}" should be 'k-means++', 'random' or a k×d Matrix`);
    }
    if (o.nThreads !== 'auto' && !(Number.isInteger(o.nThreads) && o.nThreads >= 1)) {
      throw new ValidationError(`nThreads=${String(o.nThreads)} should be an integer >= 1 or 'auto'`);
    }
    const { data, rows: n, cols: d } = X;
    const tolAbs = o.tol * meanColumnVariance(data, n, d);
    const rng = toRng(o.seed);
    const starts: StartSpec[] = explicit
      ? [{ kind: 'given', init: Float64Array.from((o.init as Matrix).data) }]
      : drawStarts(X, k, o.nInit, o.init as 'k-means++' | 'random', rng);
    const threads = Math.min(starts.length, o.nThreads === 'auto' ? autoThreads(n, d, k, starts.length) : o.nThreads);
    const algorithm = o.algorithm === 'auto' ? autoAlgorithm(k) : o.algorithm;
    const b = runStartsThreaded(data, n, d, k, algorithm, o.maxIter, tolAbs, starts, threads);
    this.threadsUsed = b.threads;
    this.fitted = { centers: { data: b.centers, rows: k, cols: d }, labels: b.labels, inertia: b.inertia, nIter: b.nIter };
    return this;
  }

  /** Fit and return the labels. */
  fitPredict(X: Matrix): Int32Array {
    return this.fit(X).labels;
  }

  private state(): { centers: Matrix; labels: Int32Array; inertia: number; nIter: number } {
    if (!this.fitted) throw new NotFittedError('KMeans');
    return this.fitted;
  }

  /** Labels of the rows seen by fit (0..k-1). */
  get labels(): Int32Array { return this.state().labels; }
  /** Cluster centres, k×d. */
  get centers(): Matrix { return this.state().centers; }
  /** Sum of squared distances of the training rows to their centre. */
  get inertia(): number { return this.state().inertia; }
  /** Iterations of the winning run. */
  get nIter(): number { return this.state().nIter; }

  /** Index of the nearest centre for each row of X (first on ties). O(n·k·d). */
  predict(X: Matrix): Int32Array {
    const { centers } = this.state();
    checkMatrix(X, { name: 'X' });
    if (X.cols !== centers.cols) throw new ValidationError(`X has ${X.cols} columns, the model was fitted on ${centers.cols}`);
    const out = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = nearestCenter(X.data, i, centers.data, centers.rows, X.cols);
    return out;
  }

  /** Euclidean distances of each row of X to each centre, n×k. O(n·k·d). */
  transform(X: Matrix): Matrix {
    const { centers } = this.state();
    checkMatrix(X, { name: 'X' });
    if (X.cols !== centers.cols) throw new ValidationError(`X has ${X.cols} columns, the model was fitted on ${centers.cols}`);
    const k = centers.rows;
    const out = new Float64Array(X.rows * k);
    for (let i = 0; i < X.rows; i++) for (let j = 0; j < k; j++) out[i * k + j] = Math.sqrt(sqDistRC(X.data, i, centers.data, j, X.cols));
    return { data: out, rows: X.rows, cols: k };
  }

  /** Fitted state as plain JSON (an Rng seed is stored as null). */
  toJSON(): KMeansJSON {
    const s = this.state();
    const o = this.options;
    const init = typeof o.init === 'object' ? toRows(o.init) : o.init;
    return {
      kind: 'KMeans',
      options: {
        k: o.k, nInit: o.nInit, maxIter: o.maxIter, tol: o.tol, algorithm: o.algorithm, init,
        seed: typeof o.seed === 'number' ? o.seed : null, nThreads: o.nThreads,
      },
      centers: toRows(s.centers),
      labels: Array.from(s.labels),
      inertia: s.inertia,
      nIter: s.nIter,
    };
  }

  /** Rebuild a fitted KMeans from {@link KMeans.toJSON}'s output. */
  static fromJSON(json: KMeansJSON): KMeans {
    if (!json || json.kind !== 'KMeans') throw new ValidationError('fromJSON expects the output of KMeans.toJSON() (kind "KMeans")');
    const o = json.options;
    const init = Array.isArray(o.init) ? fromRows(o.init, 'init') : o.init;
    const km = new KMeans({ ...o, init, seed: o.seed ?? 0, nThreads: o.nThreads ?? 'auto' });
    km.fitted = { centers: fromRows(json.centers, 'centers'), labels: Int32Array.from(json.labels), inertia: json.inertia, nIter: json.nIter };
    return km;
  }
}
