/**
 * Multinomial logistic regression (softmax regression) with an L2 penalty, fitted by L-BFGS: the linear baseline
 * the segment classifier is compared with. Minimizes
 *   L(W, b) = −(1/n) Σ_i log softmax(x̃_i W + b)_{y_i} + (l2 / 2) ‖W‖²
 * on standardized inputs x̃ (column means and population sds fitted; sd 0 → 1); the bias is not penalized.
 * The problem is convex and started from zero, so the fit is deterministic: there is no seed.
 *
 * Reference: J. Nocedal, S. J. Wright (2006), Numerical Optimization, 2nd ed., Alg. 7.4 (L-BFGS two-loop
 * recursion) and Alg. 3.1 (backtracking line search with the Armijo condition).
 */
import { checkMatrix, type Matrix } from '../../core/matrix';
import { NotFittedError, ValidationError } from '../../core/errors';
import { checkClassLabels } from '../stats';

/** Options of {@link LogisticRegression}. */
export interface LogisticRegressionOptions {
  /** L2 penalty on the weights (per mean loss). Default 1e-4. */
  l2: number;
  /** Maximum L-BFGS iterations. Default 300. */
  maxIter: number;
  /** Stop when the largest gradient component is below this. Default 1e-6. */
  tol: number;
  /** L-BFGS memory (correction pairs). Default 10. */
  memory: number;
}

/** Defaults of {@link LogisticRegressionOptions}. */
export const DEFAULT_LOGISTIC_REGRESSION_OPTIONS: Readonly<LogisticRegressionOptions> = Object.freeze({ l2: 1e-4, maxIter: 300, tol: 1e-6, memory: 10 });

/** Fitted state of a {@link LogisticRegression}. */
export interface LogisticRegressionJSON {
  type: 'LogisticRegression';
  options: LogisticRegressionOptions;
  nFeatures: number;
  nClasses: number;
  /** Column means and scales of the standardization. */
  mean: number[];
  scale: number[];
  /** d×K weights (row-major, standardized inputs) and K biases. */
  weights: number[];
  bias: number[];
  /** Iterations run and final loss. */
  iterations: number;
  loss: number;
}

/** Loss and gradient of θ = [W (d×K row-major), b (K)]. O(n·d·K). */
function lossGrad(Z: Float64Array, n: number, d: number, K: number, y: ArrayLike<number>, l2: number, theta: Float64Array, grad: Float64Array): number {
  grad.fill(0);
  const logits = new Float64Array(K);
  let loss = 0;
  const bOff = d * K;
  for (let i = 0; i < n; i++) {
    const zo = i * d;
    for (let c = 0; c < K; c++) logits[c] = theta[bOff + c];
    for (let j = 0; j < d; j++) {
      const x = Z[zo + j];
      if (x === 0) continue;
      const wo = j * K;
      for (let c = 0; c < K; c++) logits[c] += x * theta[wo + c];
    }
    let m = -Infinity;
    for (let c = 0; c < K; c++) if (logits[c] > m) m = logits[c];
    let s = 0;
    for (let c = 0; c < K; c++) { logits[c] = Math.exp(logits[c] - m); s += logits[c]; }
    const yi = y[i];
    loss -= Math.log(logits[yi] / s);
    for (let c = 0; c < K; c++) {
      const r = logits[c] / s - (c === yi ? 1 : 0);
      grad[bOff + c] += r;
      for (let j = 0; j < d; j++) grad[j * K + c] += Z[zo + j] * r;
    }
  }
  const inv = 1 / n;
  let pen = 0;
  for (let t = 0; t < bOff; t++) { grad[t] = grad[t] * inv + l2 * theta[t]; pen += theta[t] * theta[t]; }
  for (let t = bOff; t < theta.length; t++) grad[t] *= inv;
  return loss * inv + 0.5 * l2 * pen;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Softmax regression: `fit(X, y)`, `predictProba`, `predict`, JSON round trip.
 * Complexity: O(n·d·K) per iteration (plus a few per line search), O((d + 1)·K·memory) extra memory.
 * @example new LogisticRegression().fit(X, y).predict(X) // → Int32Array of classes
 */
export class LogisticRegression {
  readonly options: LogisticRegressionOptions;
  private state: Omit<LogisticRegressionJSON, 'type' | 'options'> | null = null;

  constructor(options: Partial<LogisticRegressionOptions> = {}) {
    this.options = { ...DEFAULT_LOGISTIC_REGRESSION_OPTIONS, ...options };
  }

  /** Iterations used by the last fit. */
  get iterations(): number { if (!this.state) throw new NotFittedError('LogisticRegression'); return this.state.iterations; }

  /** Final training loss (cross-entropy + penalty). */
  get loss(): number { if (!this.state) throw new NotFittedError('LogisticRegression'); return this.state.loss; }

  /**
   * Fit on X (n×d, finite) and classes y (0..K−1, K >= 2).
   * @throws ValidationError on bad shapes, labels or options.
   */
  fit(X: Matrix, y: ArrayLike<number>): this {
    const o = this.options;
    checkMatrix(X, { name: 'X' });
    const K = checkClassLabels(y, 'y', X.rows);
    if (K < 2) throw new ValidationError(`y has ${K} class(es); logistic regression needs at least 2`);
    if (!(o.l2 >= 0)) throw new ValidationError(`l2=${o.l2} should be >= 0`);
    if (!Number.isInteger(o.maxIter) || o.maxIter < 1) throw new ValidationError(`maxIter=${o.maxIter} should be an integer >= 1`);
    if (!Number.isInteger(o.memory) || o.memory < 1) throw new ValidationError(`memory=${o.memory} should be an integer >= 1`);
    const n = X.rows, d = X.cols;
    const mean = new Array<number>(d).fill(0), scale = new Array<number>(d).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X.data[i * d + j];
    for (let j = 0; j < d; j++) mean[j] /= n;
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scale[j] += (X.data[i * d + j] - mean[j]) ** 2;
    for (let j = 0; j < d; j++) { const s = Math.sqrt(scale[j] / n); scale[j] = s > 0 ? s : 1; }
    const Z = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) Z[i * d + j] = (X.data[i * d + j] - mean[j]) / scale[j];

    const P = (d + 1) * K;
    let theta = new Float64Array(P);
    let g = new Float64Array(P);
    let f = lossGrad(Z, n, d, K, y, o.l2, theta, g);
    const S: Float64Array[] = [], Yv: Float64Array[] = [], rho: number[] = [];
    const dir = new Float64Array(P);
    const alpha = new Array<number>(o.memory);
    let it = 0;
    for (; it < o.maxIter; it++) {
      let gmax = 0;
      for (let t = 0; t < P; t++) gmax = Math.max(gmax, Math.abs(g[t]));
      if (gmax < o.tol) break;
      // Two-loop recursion: dir = −H g.
      for (let t = 0; t < P; t++) dir[t] = -g[t];
      for (let m = S.length - 1; m >= 0; m--) {
        alpha[m] = rho[m] * dot(S[m], dir);
        for (let t = 0; t < P; t++) dir[t] -= alpha[m] * Yv[m][t];
      }
      const gamma = S.length ? dot(S[S.length - 1], Yv[S.length - 1]) / dot(Yv[Yv.length - 1], Yv[Yv.length - 1]) : 1 / Math.max(gmax, 1);
      for (let t = 0; t < P; t++) dir[t] *= gamma;
      for (let m = 0; m < S.length; m++) {
        const beta = rho[m] * dot(Yv[m], dir);
        for (let t = 0; t < P; t++) dir[t] += S[m][t] * (alpha[m] - beta);
      }
      let slope = dot(g, dir);
      if (!(slope < 0)) { for (let t = 0; t < P; t++) dir[t] = -g[t]; slope = -dot(g, g); S.length = 0; Yv.length = 0; rho.length = 0; }
      // Backtracking line search (Armijo, c = 1e-4).
      let step = 1;
      const next = new Float64Array(P), gNext = new Float64Array(P);
      let fNext = Infinity;
      for (let ls = 0; ls < 40; ls++) {
        for (let t = 0; t < P; t++) next[t] = theta[t] + step * dir[t];
        fNext = lossGrad(Z, n, d, K, y, o.l2, next, gNext);
        if (fNext <= f + 1e-4 * step * slope) break;
        step *= 0.5;
      }
      if (!(fNext <= f)) break; // no progress possible at machine precision
      const s = new Float64Array(P), yy = new Float64Array(P);
      for (let t = 0; t < P; t++) { s[t] = next[t] - theta[t]; yy[t] = gNext[t] - g[t]; }
      const sy = dot(s, yy);
      if (sy > 1e-12) {
        S.push(s); Yv.push(yy); rho.push(1 / sy);
        if (S.length > o.memory) { S.shift(); Yv.shift(); rho.shift(); }
      }
      const df = f - fNext;
      theta = next; g = gNext; f = fNext;
      if (df <= 1e-14 * Math.max(1, Math.abs(f))) { it++; break; }
    }
    this.state = {
      nFeatures: d, nClasses: K, mean, scale,
      weights: Array.from(theta.subarray(0, d * K)), bias: Array.from(theta.subarray(d * K)), iterations: it, loss: f,
    };
    return this;
  }

  /** Class probabilities: an n×K matrix whose rows sum to 1. O(n·d·K). @throws NotFittedError, ValidationError */
  predictProba(X: Matrix): Matrix {
    const s = this.state;
    if (!s) throw new NotFittedError('LogisticRegression');
    checkMatrix(X, { name: 'X' });
    if (X.cols !== s.nFeatures) throw new ValidationError(`X has ${X.cols} columns, the model was fitted on ${s.nFeatures}`);
    const K = s.nClasses, d = s.nFeatures;
    const out = new Float64Array(X.rows * K);
    const z = new Float64Array(d);
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < d; j++) z[j] = (X.data[i * d + j] - s.mean[j]) / s.scale[j];
      let m = -Infinity;
      for (let c = 0; c < K; c++) {
        let v = s.bias[c];
        for (let j = 0; j < d; j++) v += z[j] * s.weights[j * K + c];
        out[i * K + c] = v;
        if (v > m) m = v;
      }
      let t = 0;
      for (let c = 0; c < K; c++) { const e = Math.exp(out[i * K + c] - m); out[i * K + c] = e; t += e; }
      for (let c = 0; c < K; c++) out[i * K + c] /= t;
    }
    return { data: out, rows: X.rows, cols: K };
  }

  /** Most probable class per row (lowest class on ties). O(n·d·K). */
  predict(X: Matrix): Int32Array {
    const P = this.predictProba(X);
    const out = new Int32Array(P.rows);
    for (let i = 0; i < P.rows; i++) {
      let b = 0;
      for (let c = 1; c < P.cols; c++) if (P.data[i * P.cols + c] > P.data[i * P.cols + b]) b = c;
      out[i] = b;
    }
    return out;
  }

  /** Fitted state as plain JSON. @throws NotFittedError */
  toJSON(): LogisticRegressionJSON {
    if (!this.state) throw new NotFittedError('LogisticRegression');
    const s = this.state;
    return { type: 'LogisticRegression', options: { ...this.options }, ...s, mean: [...s.mean], scale: [...s.scale], weights: [...s.weights], bias: [...s.bias] };
  }

  /** Rebuild from {@link toJSON}. @throws ValidationError on a malformed object. */
  static fromJSON(json: LogisticRegressionJSON): LogisticRegression {
    if (!json || json.type !== 'LogisticRegression' || !Array.isArray(json.weights) || json.weights.length !== json.nFeatures * json.nClasses) {
      throw new ValidationError('not a LogisticRegression JSON object (expected type "LogisticRegression" and nFeatures×nClasses weights)');
    }
    const m = new LogisticRegression(json.options);
    m.state = {
      nFeatures: json.nFeatures, nClasses: json.nClasses, mean: [...json.mean], scale: [...json.scale],
      weights: [...json.weights], bias: [...json.bias], iterations: json.iterations, loss: json.loss,
    };
    return m;
  }
}
