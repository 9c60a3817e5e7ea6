/**
 * Gaussian mixture fitted by expectation–maximization, scikit-learn's `GaussianMixture` contract: full or diagonal
 * covariances regularized by `regCovar` on the diagonal, responsibilities initialized from K-Means labels, EM stopped
 * when the per-row mean log-likelihood (the "lower bound") changes by less than `tol`, best of `nInit` runs.
 * Log-densities through Cholesky factors, posteriors through log-sum-exp. Full covariances run as matrix products
 * on the WebAssembly SIMD kernel over all cores (precision Cholesky factors, as scikit-learn; gmm-full-tiles.ts).
 * Reference: Bishop (2006), Pattern Recognition and Machine Learning, §9.2; scikit-learn `sklearn/mixture`.
 * Complexity: full O(n·k·d²) per iteration (+ O(k·d³) factorizations), diag O(n·k·d); O(n·k + k·d²) memory.
 */
import { Matrix, checkMatrix, fromRows, toRows } from '../core/matrix';
import { NotFittedError, ValidationError } from '../core/errors';
import { Rng, toRng } from '../core/random';
import type { Clusterer } from './types';
import { KMeans } from './kmeans';
import { cholesky, logDetFromCholesky, mahalanobisSq } from './gmm-linalg';
import { FullGmmTiles } from './gmm-full-tiles';
import { availableThreads } from './worker-pool';

/** Threads of the full-covariance kernel: all cores once n·k·d² ≥ 2·10⁷ multiply-adds per step, else 1. */
function gmmThreads(n: number, d: number, k: number): number {
  return n * k * d * d >= 2e7 ? availableThreads() : 1;
}

/** Options of {@link GaussianMixture}. */
export interface GaussianMixtureOptions {
  /** Number of components. */
  k: number;
  /** 'full' (one d×d covariance per component) or 'diag' (one variance per column per component). */
  covarianceType: 'full' | 'diag';
  /** Added to the covariance diagonal, keeping it positive definite. */
  regCovar: number;
  /** Number of EM runs from different initializations; the highest lower bound wins. */
  nInit: number;
  /** Maximum EM iterations per run. */
  maxIter: number;
  /** Convergence threshold on the change of the mean log-likelihood. */
  tol: number;
  /** 'kmeans' (responsibilities from K-Means labels, one K-Means start) or 'random' (random responsibilities). */
  init: 'kmeans' | 'random';
  /** Seed of the random source. */
  seed: number | Rng;
}

/** Defaults of {@link GaussianMixtureOptions} (scikit-learn 1.2's). */
export const DEFAULT_GAUSSIAN_MIXTURE_OPTIONS: Omit<GaussianMixtureOptions, 'k'> = {
  covarianceType: 'full',
  regCovar: 1e-6,
  nInit: 1,
  maxIter: 100,
  tol: 1e-3,
  init: 'kmeans',
  seed: 0,
};

/** Fitted state of {@link GaussianMixture} as plain JSON. */
export interface GaussianMixtureJSON {
  kind: 'GaussianMixture';
  k: number;
  covarianceType: 'full' | 'diag';
  weights: number[];
  means: number[][];
  /** full: k entries of d×d rows; diag: k rows of d variances. */
  covariances: number[][][] | number[][];
  converged: boolean;
  nIter: number;
  lowerBound: number;
  labels: number[];
}

interface Params {
  weights: Float64Array;
  means: Float64Array; // k×d
  cov: Float64Array; // full: k×d×d; diag: k×d
}

/**
 * Gaussian mixture estimator.
 * @example
 *   const gm = new GaussianMixture({ k: 3, covarianceType: 'diag', seed: 1 }).fit(X);
 *   gm.bic(X); gm.predictProba(X)
 */
export class GaussianMixture implements Clusterer {
  readonly options: GaussianMixtureOptions;
  private p: Params | null = null;
  private d = 0;
  private chol: Float64Array[] = [];
  private logDets: Float64Array = new Float64Array(0);
  private fitted: { converged: boolean; nIter: number; lowerBound: number; labels: Int32Array } | null = null;

  constructor(options: Partial<GaussianMixtureOptions> & { k: number }) {
    this.options = { ...DEFAULT_GAUSSIAN_MIXTURE_OPTIONS, ...options };
  }

  /**
   * Fit by EM. Returns this.
   * @throws ValidationError on bad options, NaN, k > n, or a covariance that stays singular despite regCovar.
   */
  fit(X: Matrix): this {
    checkMatrix(X, { name: 'X' });
    const o = this.options;
    if (!Number.isInteger(o.k) || o.k < 1) throw new ValidationError(`k=${o.k} should be an integer >= 1`);
    if (X.rows < o.k) throw new ValidationError(`nSamples=${X.rows} should be >= k=${o.k}`);
    if (o.covarianceType !== 'full' && o.covarianceType !== 'diag') throw new ValidationError(`covarianceType="${String(o.covarianceType)}" should be 'full' or 'diag'`);
    if (!(o.regCovar >= 0)) throw new ValidationError(`regCovar=${o.regCovar} should be >= 0`);
    if (!Number.isInteger(o.nInit) || o.nInit < 1) throw new ValidationError(`nInit=${o.nInit} should be an integer >= 1`);
    if (!Number.isInteger(o.maxIter) || o.maxIter < 1) throw new ValidationError(`maxIter=${o.maxIter} should be an integer >= 1`);
    const { rows: n, cols: d } = X;
    const k = o.k;
    this.d = d;
    const rng = toRng(o.seed);
    const resp = new Float64Array(n * k);
    // Full covariances: E and M steps as matrix products on the SIMD kernel over all cores (gmm-full-tiles.ts).
    const tiles = o.covarianceType === 'full' ? FullGmmTiles.create(X.data, n, d, k, gmmThreads(n, d, k)) : null;
    let best: { p: Params; lb: number; converged: boolean; nIter: number } | null = null;
    for (let r = 0; r < o.nInit; r++) {
      this.initResp(X, resp, rng);
      if (tiles) {
        tiles.setResponsibilities(resp);
        this.p = this.mStepTiles(tiles, tiles.respSums());
      } else this.p = this.mStep(X, resp);
      let lb = -Infinity;
      let converged = false;
      let it = 1;
      for (; it <= o.maxIter; it++) {
        const prev = lb;
        if (tiles) {
          const e = tiles.eStep();
          lb = e.meanLogLik;
          this.p = this.mStepTiles(tiles, e);
        } else {
          lb = this.eStep(X, resp);
          this.p = this.mStep(X, resp);
        }
        if (Math.abs(lb - prev) < o.tol) { converged = true; break; }
      }
      if (best === null || lb > best.lb) best = { p: this.p, lb, converged, nIter: Math.min(it, o.maxIter) };
    }
    const b = best as { p: Params; lb: number; converged: boolean; nIter: number };
    this.setParams(b.p);
    // Final E-step so that labels agree with predict (scikit-learn does the same).
    if (tiles) {
      tiles.setParams(b.p.weights, b.p.means, this.chol);
      tiles.eStep();
      resp.set(tiles.responsibilities());
    } else this.eStep(X, resp);
    const labels = argmaxRows(resp, n, k);
    this.fitted = { converged: b.converged, nIter: b.nIter, lowerBound: b.lb, labels };
    return this;
  }

  private initResp(X: Matrix, resp: Float64Array, rng: Rng): void {
    const { k } = this.options;
    const n = X.rows;
    resp.fill(0);
    if (this.options.init === 'random') {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < k; j++) { const v = rng.random(); resp[i * k + j] = v; s += v; }
        for (let j = 0; j < k; j++) resp[i * k + j] /= s;
      }
      return;
    }
    const labels = new KMeans({ k, nInit: 1, seed: rng.nextUint32() }).fit(X).labels;
    for (let i = 0; i < n; i++) resp[i * k + labels[i]] = 1;
  }

  /** Weights, means and (regularized) covariances from responsibilities. O(n·k·d²) full, O(n·k·d) diag. */
  private mStep(X: Matrix, resp: Float64Array): Params {
    const { k, regCovar, covarianceType } = this.options;
    const { data: x, rows: n, cols: d } = X;
    const nk = new Float64Array(k);
    const means = new Float64Array(k * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        const r = resp[i * k + j];
        if (r === 0) continue;
        nk[j] += r;
        for (let t = 0; t < d; t++) means[j * d + t] += r * x[i * d + t];
      }
    }
    for (let j = 0; j < k; j++) {
      nk[j] += 10 * Number.EPSILON; // as scikit-learn, avoids 0/0 for an empty component
      for (let t = 0; t < d; t++) means[j * d + t] /= nk[j];
    }
    const full = covarianceType === 'full';
    const cov = new Float64Array(full ? k * d * d : k * d);
    const diff = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        const r = resp[i * k + j];
        if (r === 0) continue;
        for (let t = 0; t < d; t++) diff[t] = x[i * d + t] - means[j * d + t];
        if (full) {
          const base = j * d * d;
          for (let a = 0; a < d; a++) {
            const ra = r * diff[a];
            for (let b = 0; b <= a; b++) cov[base + a * d + b] += ra * diff[b];
          }
        } else {
          for (let t = 0; t < d; t++) cov[j * d + t] += r * diff[t] * diff[t];
        }
      }
    }
    for (let j = 0; j < k; j++) {
      if (full) {
        const base = j * d * d;
        for (let a = 0; a < d; a++) {
          for (let b = 0; b <= a; b++) {
            const v = cov[base + a * d + b] / nk[j];
            cov[base + a * d + b] = v;
            cov[base + b * d + a] = v;
          }
          cov[base + a * d + a] += regCovar;
        }
      } else {
        for (let t = 0; t < d; t++) cov[j * d + t] = cov[j * d + t] / nk[j] + regCovar;
      }
    }
    const weights = new Float64Array(k);
    for (let j = 0; j < k; j++) weights[j] = nk[j] / n;
    const p = { weights, means, cov };
    this.setParams(p);
    return p;
  }

  /**
   * M step from the kernel's sums (scikit-learn's `_estimate_gaussian_parameters` + weight normalization):
   * nk_j = Σ resp + 10ε, μ_j = Σ resp·x / nk_j, Σ_j = Σ resp (x − μ_j)(x − μ_j)ᵀ / nk_j + regCovar·I (lower
   * triangle mirrored), w_j = nk_j / Σ nk. Loads the new parameters into the kernel. O(k·d²) + the kernel's pass.
   */
  private mStepTiles(tiles: FullGmmTiles, sums: { nk: Float64Array; sumRespX: Float64Array }): Params {
    const { k, regCovar } = this.options;
    const d = this.d;
    const nk = Float64Array.from(sums.nk, (v) => v + 10 * Number.EPSILON);
    const means = new Float64Array(k * d);
    for (let j = 0; j < k; j++) for (let t = 0; t < d; t++) means[j * d + t] = sums.sumRespX[j * d + t] / nk[j];
    const cov = tiles.covarianceSums(means);
    for (let j = 0; j < k; j++) {
      const base = j * d * d;
      for (let a = 0; a < d; a++) {
        for (let b2 = 0; b2 <= a; b2++) {
          const v = cov[base + a * d + b2] / nk[j];
          cov[base + a * d + b2] = v;
          cov[base + b2 * d + a] = v;
        }
        cov[base + a * d + a] += regCovar;
      }
    }
    let tot = 0;
    for (let j = 0; j < k; j++) tot += nk[j];
    const weights = Float64Array.from(nk, (v) => v / tot);
    const p = { weights, means, cov };
    this.setParams(p);
    tiles.setParams(weights, means, this.chol);
    return p;
  }

  /** Store parameters and precompute Cholesky factors and log-determinants. */
  private setParams(p: Params): void {
    const { k, covarianceType } = this.options;
    const d = this.d;
    this.p = p;
    this.logDets = new Float64Array(k);
    this.chol = [];
    for (let j = 0; j < k; j++) {
      if (covarianceType === 'full') {
        const L = cholesky(p.cov.subarray(j * d * d, (j + 1) * d * d), d);
        if (!L) throw new ValidationError(`GaussianMixture: the covariance of component ${j} is not positive definite; increase regCovar=${this.options.regCovar}`);
        this.chol.push(L);
        this.logDets[j] = logDetFromCholesky(L, d);
      } else {
        let s = 0;
        for (let t = 0; t < d; t++) s += Math.log(p.cov[j * d + t]);
        this.logDets[j] = s;
      }
    }
  }

  /**
   * Log of weight_j · N(x_i | μ_j, Σ_j) for each row into `out` (n×k). O(n·k·d²) full, O(n·k·d) diag.
   */
  private weightedLogProb(X: Matrix, out: Float64Array): void {
    const { k, covarianceType } = this.options;
    const p = this.p as Params;
    const { data: x, rows: n, cols: d } = X;
    if (covarianceType === 'full') {
      const tiles = FullGmmTiles.create(x, n, d, k, gmmThreads(n, d, k));
      if (tiles) {
        tiles.setParams(p.weights, p.means, this.chol);
        out.set(tiles.weightedLogProb());
        return;
      }
    }
    const c0 = d * Math.log(2 * Math.PI);
    const v = new Float64Array(d);
    const z = new Float64Array(d);
    const logW = Array.from(p.weights, (w) => Math.log(w));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        let q = 0;
        if (covarianceType === 'full') {
          for (let t = 0; t < d; t++) v[t] = x[i * d + t] - p.means[j * d + t];
          q = mahalanobisSq(this.chol[j], d, v, z);
        } else {
          for (let t = 0; t < d; t++) {
            const e = x[i * d + t] - p.means[j * d + t];
            q += (e * e) / p.cov[j * d + t];
          }
        }
        out[i * k + j] = logW[j] - 0.5 * (c0 + this.logDets[j] + q);
      }
    }
  }

  /** Responsibilities into `resp` (n×k); returns the mean log-likelihood. */
  private eStep(X: Matrix, resp: Float64Array): number {
    const k = this.options.k;
    const n = X.rows;
    this.weightedLogProb(X, resp);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const lse = logSumExpRow(resp, i * k, k);
      total += lse;
      for (let j = 0; j < k; j++) resp[i * k + j] = Math.exp(resp[i * k + j] - lse);
    }
    return total / n;
  }

  private need(): Params {
    if (!this.p || !this.fitted) throw new NotFittedError('GaussianMixture');
    return this.p;
  }

  private checkX(X: Matrix): void {
    checkMatrix(X, { name: 'X' });
    if (X.cols !== this.d) throw new ValidationError(`X has ${X.cols} columns, the model was fitted on ${this.d}`);
  }

  /** Posterior probabilities of the components, n×k. O(n·k·d²) full. */
  predictProba(X: Matrix): Matrix {
    this.need();
    this.checkX(X);
    const k = this.options.k;
    const out = new Float64Array(X.rows * k);
    this.eStep(X, out);
    return { data: out, rows: X.rows, cols: k };
  }

  /** Most probable component of each row (first on ties). */
  predict(X: Matrix): Int32Array {
    const P = this.predictProba(X);
    return argmaxRows(P.data, P.rows, P.cols);
  }

  /** Per-row log-likelihood log p(x_i). */
  scoreSamples(X: Matrix): Float64Array {
    this.need();
    this.checkX(X);
    const k = this.options.k;
    const lp = new Float64Array(X.rows * k);
    this.weightedLogProb(X, lp);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = logSumExpRow(lp, i * k, k);
    return out;
  }

  /** Mean log-likelihood of the rows of X. */
  score(X: Matrix): number {
    const s = this.scoreSamples(X);
    let t = 0;
    for (let i = 0; i < s.length; i++) t += s[i];
    return t / s.length;
  }

  /** Number of free parameters: k·d means + (k·d(d+1)/2 full | k·d diag) covariances + k−1 weights. */
  nParameters(): number {
    const { k, covarianceType } = this.options;
    const d = this.d;
    const cov = covarianceType === 'full' ? (k * d * (d + 1)) / 2 : k * d;
    return cov + k * d + k - 1;
  }

  /** Bayesian information criterion on X: −2·n·score(X) + nParameters·ln n (lower is better). */
  bic(X: Matrix): number {
    return -2 * this.score(X) * X.rows + this.nParameters() * Math.log(X.rows);
  }

  /** Akaike information criterion on X: −2·n·score(X) + 2·nParameters (lower is better). */
  aic(X: Matrix): number {
    return -2 * this.score(X) * X.rows + 2 * this.nParameters();
  }

  /** Labels of the training rows (after a final E-step). */
  get labels(): Int32Array { this.need(); return (this.fitted as { labels: Int32Array }).labels; }
  /** Component weights (k). */
  get weights(): Float64Array { return Float64Array.from(this.need().weights); }
  /** Component means, k×d. */
  get means(): Matrix { return { data: Float64Array.from(this.need().means), rows: this.options.k, cols: this.d }; }
  /** Covariances: full → k matrices d×d; diag → one k×d matrix of variances (regCovar included). */
  get covariances(): Matrix[] | Matrix {
    const p = this.need();
    const { k } = this.options;
    const d = this.d;
    if (this.options.covarianceType === 'diag') return { data: Float64Array.from(p.cov), rows: k, cols: d };
    const out: Matrix[] = [];
    for (let j = 0; j < k; j++) out.push({ data: p.cov.slice(j * d * d, (j + 1) * d * d), rows: d, cols: d });
    return out;
  }
  /** Whether the best run converged within maxIter. */
  get converged(): boolean { this.need(); return (this.fitted as { converged: boolean }).converged; }
  /** EM iterations of the best run. */
  get nIter(): number { this.need(); return (this.fitted as { nIter: number }).nIter; }
  /** Mean log-likelihood of the training rows at the last EM iteration of the best run. */
  get lowerBound(): number { this.need(); return (this.fitted as { lowerBound: number }).lowerBound; }

  /** Fitted state as plain JSON. */
  toJSON(): GaussianMixtureJSON {
    const p = this.need();
    const f = this.fitted as { converged: boolean; nIter: number; lowerBound: number; labels: Int32Array };
    const cov = this.covariances;
    return {
      kind: 'GaussianMixture',
      k: this.options.k,
      covarianceType: this.options.covarianceType,
      weights: Array.from(p.weights),
      means: toRows(this.means),
      covariances: Array.isArray(cov) ? cov.map(toRows) : toRows(cov),
      converged: f.converged,
      nIter: f.nIter,
      lowerBound: f.lowerBound,
      labels: Array.from(f.labels),
    };
  }

  /** Rebuild a fitted GaussianMixture from {@link GaussianMixture.toJSON}. */
  static fromJSON(json: GaussianMixtureJSON): GaussianMixture {
    if (!json || json.kind !== 'GaussianMixture') throw new ValidationError('fromJSON expects the output of GaussianMixture.toJSON()');
    const gm = new GaussianMixture({ k: json.k, covarianceType: json.covarianceType });
    const means = fromRows(json.means, 'means');
    gm.d = means.cols;
    const cov = json.covarianceType === 'full'
      ? Float64Array.from((json.covariances as number[][][]).flatMap((m) => m.flat()))
      : Float64Array.from((json.covariances as number[][]).flat());
    gm.setParams({ weights: Float64Array.from(json.weights), means: means.data, cov });
    gm.fitted = { converged: json.converged, nIter: json.nIter, lowerBound: json.lowerBound, labels: Int32Array.from(json.labels) };
    return gm;
  }
}

function logSumExpRow(a: Float64Array, o: number, k: number): number {
  let m = -Infinity;
  for (let j = 0; j < k; j++) if (a[o + j] > m) m = a[o + j];
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let j = 0; j < k; j++) s += Math.exp(a[o + j] - m);
  return m + Math.log(s);
}

function argmaxRows(a: Float64Array, n: number, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let b = 0;
    for (let j = 1; j < k; j++) if (a[i * k + j] > a[i * k + b]) b = j;
    out[i] = b;
  }
  return out;
}
