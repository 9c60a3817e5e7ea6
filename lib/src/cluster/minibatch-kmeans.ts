/**
 * Mini-batch K-Means for large n (Sculley 2010, as scikit-learn's `MiniBatchKMeans`): centres are moved towards the
 * means of small random batches with a per-centre learning rate 1/count, clusters that receive almost no rows are
 * reassigned to random batch rows, and training stops early when the smoothed batch inertia stops improving.
 * Reference: Sculley (2010), "Web-scale k-means clustering", WWW.
 * Complexity: O(batchSize·k·d) per step, O(k·d + batchSize) memory; final labels O(n·k·d).
 */
import { Matrix, checkMatrix, fromRows, toRows } from '../core/matrix';
import { NotFittedError, ValidationError } from '../core/errors';
import { Rng, toRng } from '../core/random';
import type { Clusterer } from './types';
import { assignAll, inertiaOf, meanColumnVariance, nearestCenter, sqDistRC } from './kmeans-common';
import { kmeansPlusPlusInit, kmeansRandomInit } from './kmeans-init';

/** Options of {@link MiniBatchKMeans}. */
export interface MiniBatchKMeansOptions {
  /** Number of clusters, 1 ≤ k ≤ number of rows. */
  k: number;
  /** Rows per mini-batch. */
  batchSize: number;
  /** Maximum number of passes over the data (steps = maxIter · ceil(n / batchSize)). */
  maxIter: number;
  /** Stop after this many steps without improvement of the smoothed batch inertia (0 disables). */
  maxNoImprovement: number;
  /** Stop when the squared centre change of a step ≤ tol × mean column variance (0 disables). */
  tol: number;
  /** A cluster whose count falls below reassignmentRatio × the largest count is moved to a random batch row. */
  reassignmentRatio: number;
  /** Rows sampled to choose among the nInit initializations (default 3·batchSize, at most n). */
  initSize: number | null;
  /** Number of initializations tried on the init sample; the best (lowest inertia on it) is used. */
  nInit: number;
  /** 'k-means++' or 'random'. */
  init: 'k-means++' | 'random';
  /** Seed of the random source. */
  seed: number | Rng;
}

/** Defaults of {@link MiniBatchKMeansOptions} (scikit-learn 1.2's). */
export const DEFAULT_MINIBATCH_KMEANS_OPTIONS: Omit<MiniBatchKMeansOptions, 'k'> = {
  batchSize: 1024,
  maxIter: 100,
  maxNoImprovement: 10,
  tol: 0,
  reassignmentRatio: 0.01,
  initSize: null,
  nInit: 3,
  init: 'k-means++',
  seed: 0,
};

/** Fitted state of {@link MiniBatchKMeans} as plain JSON. */
export interface MiniBatchKMeansJSON {
  kind: 'MiniBatchKMeans';
  k: number;
  centers: number[][];
  counts: number[];
  labels: number[];
  inertia: number;
  nSteps: number;
}

/**
 * Mini-batch K-Means estimator with `fit` and incremental `partialFit`.
 * @example
 *   const mb = new MiniBatchKMeans({ k: 8, batchSize: 2048, seed: 1 }).fit(X);
 *   mb.predict(Xnew)
 */
export class MiniBatchKMeans implements Clusterer {
  readonly options: MiniBatchKMeansOptions;
  private C: Float64Array | null = null;
  private counts: Float64Array | null = null;
  private d = 0;
  private fittedLabels: Int32Array | null = null;
  private fittedInertia = NaN;
  private steps = 0;
  private rng: Rng | null = null;

  constructor(options: Partial<MiniBatchKMeansOptions> & { k: number }) {
    this.options = { ...DEFAULT_MINIBATCH_KMEANS_OPTIONS, ...options };
  }

  private validate(X: Matrix): void {
    checkMatrix(X, { name: 'X' });
    const o = this.options;
    if (!Number.isInteger(o.k) || o.k < 1) throw new ValidationError(`k=${o.k} should be an integer >= 1`);
    if (X.rows < o.k) throw new ValidationError(`nSamples=${X.rows} should be >= k=${o.k}`);
    if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new ValidationError(`batchSize=${o.batchSize} should be an integer >= 1`);
    if (!Number.isInteger(o.maxIter) || o.maxIter < 1) throw new ValidationError(`maxIter=${o.maxIter} should be an integer >= 1`);
    if (!Number.isInteger(o.nInit) || o.nInit < 1) throw new ValidationError(`nInit=${o.nInit} should be an integer >= 1`);
    if (this.C && X.cols !== this.d) throw new ValidationError(`X has ${X.cols} columns, the model was fitted on ${this.d}`);
  }

  /** Choose initial centres: the best of nInit seedings, judged on a random sample of initSize rows. */
  private initialize(X: Matrix, rng: Rng): void {
    const o = this.options;
    const { rows: n, cols: d } = X;
    const initSize = Math.min(n, Math.max(o.k, o.initSize ?? 3 * o.batchSize));
    const sample = initSize === n ? X : takeSample(X, rng, initSize);
    let best: Float64Array | null = null;
    let bestInertia = Infinity;
    const lab = new Int32Array(sample.rows);
    for (let r = 0; r < o.nInit; r++) {
      const C = o.init === 'random' ? kmeansRandomInit(sample, o.k, rng) : kmeansPlusPlusInit(sample, o.k, rng);
      assignAll(sample.data, sample.rows, C, o.k, d, lab);
      const inertia = inertiaOf(sample.data, sample.rows, C, d, lab);
      if (inertia < bestInertia) { bestInertia = inertia; best = C; }
    }
    this.C = best as Float64Array;
    this.counts = new Float64Array(o.k);
    this.d = d;
    this.steps = 0;
  }

  /**
   * One mini-batch step on the rows `idx` of X: returns the batch inertia (before the move) and the squared centre
   * change. Reassigns nearly-empty clusters every 10 steps.
   */
  private step(X: Matrix, idx: Int32Array, m: number, lab: Int32Array, sums: Float64Array, bcount: Float64Array, rng: Rng): [number, number] {
    const { k } = this.options;
    const d = this.d;
    const C = this.C as Float64Array;
    const counts = this.counts as Float64Array;
    const x = X.data;
    sums.fill(0);
    bcount.fill(0);
    let inertia = 0;
    for (let b = 0; b < m; b++) {
      const i = idx[b];
      const j = nearestCenter(x, i, C, k, d);
      lab[b] = j;
      inertia += sqDistRC(x, i, C, j, d);
      bcount[j] += 1;
      for (let t = 0; t < d; t++) sums[j * d + t] += x[i * d + t];
    }
    let change = 0;
    for (let j = 0; j < k; j++) {
      if (bcount[j] === 0) continue;
      const total = counts[j] + bcount[j];
      for (let t = 0; t < d; t++) {
        const old = C[j * d + t];
        const v = (old * counts[j] + sums[j * d + t]) / total;
        change += (v - old) * (v - old);
        C[j * d + t] = v;
      }
      counts[j] = total;
    }
    this.steps++;
    const ratio = this.options.reassignmentRatio;
    if (ratio > 0 && this.steps % 10 === 0) {
      let mx = 0;
      for (let j = 0; j < k; j++) if (counts[j] > mx) mx = counts[j];
      const low: number[] = [];
      for (let j = 0; j < k; j++) if (counts[j] < ratio * mx) low.push(j);
      if (low.length > 0 && low.length < k) {
        let minKept = Infinity;
        for (let j = 0; j < k; j++) if (!low.includes(j) && counts[j] < minKept) minKept = counts[j];
        const pick = rng.permutation(m);
        low.forEach((j, r) => {
          const i = idx[pick[r % m]];
          C.set(x.subarray(i * d, i * d + d), j * d);
          counts[j] = minKept;
        });
      }
    }
    return [inertia, change];
  }

  /**
   * Fit on X with mini-batches drawn with replacement; labels and inertia are then computed on all of X.
   * Complexity: O(steps·batchSize·k·d + n·k·d).
   */
  fit(X: Matrix): this {
    this.validate(X);
    const o = this.options;
    const rng = toRng(o.seed);
    this.initialize(X, rng);
    const { rows: n, cols: d } = X;
    const m = Math.min(o.batchSize, n);
    const nSteps = o.maxIter * Math.ceil(n / m);
    const idx = new Int32Array(m);
    const lab = new Int32Array(m);
    const sums = new Float64Array(o.k * d);
    const bcount = new Float64Array(o.k);
    const tolAbs = o.tol * meanColumnVariance(X.data, n, d);
    let ewa = NaN;
    let bestEwa = Infinity;
    let noImprove = 0;
    for (let s = 0; s < nSteps; s++) {
      for (let b = 0; b < m; b++) idx[b] = rng.int(n);
      const [inertia, change] = this.step(X, idx, m, lab, sums, bcount, rng);
      const per = inertia / m;
      const alpha = Math.min(1, (2 * m) / (n + 1));
      ewa = Number.isNaN(ewa) ? per : ewa * (1 - alpha) + per * alpha;
      if (o.tol > 0 && change <= tolAbs) break;
      if (ewa < bestEwa) { bestEwa = ewa; noImprove = 0; } else noImprove++;
      if (o.maxNoImprovement > 0 && noImprove >= o.maxNoImprovement) break;
    }
    const labels = new Int32Array(n);
    assignAll(X.data, n, this.C as Float64Array, o.k, d, labels);
    this.fittedLabels = labels;
    this.fittedInertia = inertiaOf(X.data, n, this.C as Float64Array, d, labels);
    return this;
  }

  /**
   * Update the model with one batch: all rows of X (initializing from X on the first call, which needs ≥ k rows).
   * Sets labels and inertia to those of this batch. Complexity: O(rows·k·d).
   */
  partialFit(X: Matrix): this {
    this.validate(X);
    if (!this.rng) this.rng = toRng(this.options.seed);
    if (!this.C) this.initialize(X, this.rng);
    const n = X.rows;
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    const lab = new Int32Array(n);
    this.step(X, idx, n, lab, new Float64Array(this.options.k * this.d), new Float64Array(this.options.k), this.rng);
    const labels = new Int32Array(n);
    assignAll(X.data, n, this.C as Float64Array, this.options.k, this.d, labels);
    this.fittedLabels = labels;
    this.fittedInertia = inertiaOf(X.data, n, this.C as Float64Array, this.d, labels);
    return this;
  }

  private need(): Float64Array {
    if (!this.C || !this.fittedLabels) throw new NotFittedError('MiniBatchKMeans');
    return this.C;
  }

  /** Labels of the rows of the last fit (or of the last partialFit batch). */
  get labels(): Int32Array { this.need(); return this.fittedLabels as Int32Array; }
  /** Cluster centres, k×d (a copy). */
  get centers(): Matrix { return { data: Float64Array.from(this.need()), rows: this.options.k, cols: this.d }; }
  /** Inertia of the last fit's rows (or of the last partialFit batch). */
  get inertia(): number { this.need(); return this.fittedInertia; }
  /** Mini-batch steps taken so far. */
  get nSteps(): number { this.need(); return this.steps; }

  /** Nearest centre of each row of X. O(n·k·d). */
  predict(X: Matrix): Int32Array {
    const C = this.need();
    checkMatrix(X, { name: 'X' });
    if (X.cols !== this.d) throw new ValidationError(`X has ${X.cols} columns, the model was fitted on ${this.d}`);
    const out = new Int32Array(X.rows);
    assignAll(X.data, X.rows, C, this.options.k, this.d, out);
    return out;
  }

  /** Fitted state as plain JSON. */
  toJSON(): MiniBatchKMeansJSON {
    const C = this.need();
    return {
      kind: 'MiniBatchKMeans',
      k: this.options.k,
      centers: toRows({ data: C, rows: this.options.k, cols: this.d }),
      counts: Array.from(this.counts as Float64Array),
      labels: Array.from(this.fittedLabels as Int32Array),
      inertia: this.fittedInertia,
      nSteps: this.steps,
    };
  }

  /** Rebuild from {@link MiniBatchKMeans.toJSON}; further partialFit calls continue from the stored counts. */
  static fromJSON(json: MiniBatchKMeansJSON, options: Partial<MiniBatchKMeansOptions> = {}): MiniBatchKMeans {
    if (!json || json.kind !== 'MiniBatchKMeans') throw new ValidationError('fromJSON expects the output of MiniBatchKMeans.toJSON()');
    const mb = new MiniBatchKMeans({ ...options, k: json.k });
    const C = fromRows(json.centers, 'centers');
    mb.C = C.data;
    mb.d = C.cols;
    mb.counts = Float64Array.from(json.counts);
    mb.fittedLabels = Int32Array.from(json.labels);
    mb.fittedInertia = json.inertia;
    mb.steps = json.nSteps;
    return mb;
  }
}

function takeSample(X: Matrix, rng: Rng, m: number): Matrix {
  const perm = rng.permutation(X.rows);
  const d = X.cols;
  const data = new Float64Array(m * d);
  for (let r = 0; r < m; r++) data.set(X.data.subarray(perm[r] * d, perm[r] * d + d), r * d);
  return { data, rows: m, cols: d };
}
