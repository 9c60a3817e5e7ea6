/**
 * Principal component analysis through the eigen-decomposition of the sample covariance matrix (cyclic Jacobi),
 * scikit-learn's `PCA` contract for the common case of a few dozen columns (d up to ~100).
 * Sign convention: in each component the entry of largest absolute value (the first such entry on exact ties) is
 * positive, as scikit-learn ≥ 1.5's `svd_flip(u_based_decision=False)`; components are otherwise defined up to sign.
 * Complexity: fit O(n·d² + d³), transform O(n·d·m) for m components; O(d²) memory.
 */
import { Matrix, checkMatrix, fromRows, toRows } from '../core/matrix';
import { NotFittedError, ValidationError } from '../core/errors';
import { symmetricEigen } from './pca-jacobi';

/** Options of {@link PCA}. */
export interface PCAOptions {
  /** Number of components kept; null keeps min(n, d). */
  nComponents: number | null;
}

/** Defaults of {@link PCAOptions}. */
export const DEFAULT_PCA_OPTIONS: PCAOptions = { nComponents: null };

/** Fitted state of {@link PCA} as plain JSON. */
export interface PCAJSON {
  kind: 'PCA';
  mean: number[];
  components: number[][];
  explainedVariance: number[];
  explainedVarianceRatio: number[];
}

/**
 * PCA estimator: `fit`, `transform`, `fitTransform`.
 * @example
 *   const pca = new PCA({ nComponents: 2 }).fit(fromRows([[2, 0], [-2, 0], [0, 1], [0, -1]]));
 *   pca.explainedVarianceRatio // Float64Array [0.8, 0.2]
 */
export class PCA {
  readonly options: PCAOptions;
  private fitted: { mean: Float64Array; components: Matrix; ev: Float64Array; ratio: Float64Array } | null = null;

  constructor(options: Partial<PCAOptions> = {}) {
    this.options = { ...DEFAULT_PCA_OPTIONS, ...options };
  }

  /**
   * Fit on X (n×d, n ≥ 2). Returns this.
   * @throws ValidationError on NaN, fewer than 2 rows, nComponents out of 1..min(n, d).
   */
  fit(X: Matrix): this {
    checkMatrix(X, { name: 'X', minRows: 2 });
    const { data: x, rows: n, cols: d } = X;
    const m = this.options.nComponents ?? Math.min(n, d);
    if (!Number.isInteger(m) || m < 1 || m > Math.min(n, d)) {
      throw new ValidationError(`nComponents=${m} should be an integer in 1..min(nSamples, nFeatures)=${Math.min(n, d)}`);
    }
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += x[i * d + t];
    for (let t = 0; t < d; t++) mean[t] /= n;
    const cov = new Float64Array(d * d);
    const z = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < d; t++) z[t] = x[i * d + t] - mean[t];
      for (let a = 0; a < d; a++) {
        const za = z[a];
        for (let b = a; b < d; b++) cov[a * d + b] += za * z[b];
      }
    }
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) {
      const v = cov[a * d + b] / (n - 1);
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
    const { values, vectors } = symmetricEigen(cov, d);
    let total = 0;
    for (let t = 0; t < d; t++) total += Math.max(0, values[t]);
    const comps = new Float64Array(m * d);
    const ev = new Float64Array(m);
    const ratio = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      let big = 0;
      for (let t = 1; t < d; t++) if (Math.abs(vectors[r * d + t]) > Math.abs(vectors[r * d + big])) big = t;
      const sign = vectors[r * d + big] < 0 ? -1 : 1;
      for (let t = 0; t < d; t++) comps[r * d + t] = sign * vectors[r * d + t];
      ev[r] = Math.max(0, values[r]);
      ratio[r] = total > 0 ? ev[r] / total : 0;
    }
    this.fitted = { mean, components: { data: comps, rows: m, cols: d }, ev, ratio };
    return this;
  }

  private need(): { mean: Float64Array; components: Matrix; ev: Float64Array; ratio: Float64Array } {
    if (!this.fitted) throw new NotFittedError('PCA');
    return this.fitted;
  }

  /** Project X on the components: (X − mean)·componentsᵀ, n×m. */
  transform(X: Matrix): Matrix {
    const f = this.need();
    checkMatrix(X, { name: 'X' });
    const d = f.components.cols;
    if (X.cols !== d) throw new ValidationError(`X has ${X.cols} columns, the model was fitted on ${d}`);
    const m = f.components.rows;
    const C = f.components.data;
    const out = new Float64Array(X.rows * m);
    const z = new Float64Array(d);
    for (let i = 0; i < X.rows; i++) {
      for (let t = 0; t < d; t++) z[t] = X.data[i * d + t] - f.mean[t];
      for (let r = 0; r < m; r++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += z[t] * C[r * d + t];
        out[i * m + r] = s;
      }
    }
    return { data: out, rows: X.rows, cols: m };
  }

  /** fit(X) then transform(X). */
  fitTransform(X: Matrix): Matrix {
    return this.fit(X).transform(X);
  }

  /** Principal axes, m×d (rows of unit length, sign convention above). */
  get components(): Matrix { const c = this.need().components; return { data: Float64Array.from(c.data), rows: c.rows, cols: c.cols }; }
  /** Variance along each component (sample variance, n−1 denominator). */
  get explainedVariance(): Float64Array { return Float64Array.from(this.need().ev); }
  /** Share of the total variance along each component. */
  get explainedVarianceRatio(): Float64Array { return Float64Array.from(this.need().ratio); }
  /** Column means of the training data. */
  get mean(): Float64Array { return Float64Array.from(this.need().mean); }

  /** Fitted state as plain JSON. */
  toJSON(): PCAJSON {
    const f = this.need();
    return {
      kind: 'PCA', mean: Array.from(f.mean), components: toRows(f.components),
      explainedVariance: Array.from(f.ev), explainedVarianceRatio: Array.from(f.ratio),
    };
  }

  /** Rebuild a fitted PCA from {@link PCA.toJSON}. */
  static fromJSON(json: PCAJSON): PCA {
    if (!json || json.kind !== 'PCA') throw new ValidationError('fromJSON expects the output of PCA.toJSON()');
    const components = fromRows(json.components, 'components');
    const pca = new PCA({ nComponents: components.rows });
    pca.fitted = {
      mean: Float64Array.from(json.mean), components,
      ev: Float64Array.from(json.explainedVariance), ratio: Float64Array.from(json.explainedVarianceRatio),
    };
    return pca;
  }
}
