/**
 * Column moments and the Pearson correlation matrix of a feature matrix (d × d, never n × n).
 */
import { checkMatrix, type Matrix } from '../core/matrix';

/** Means and centered cross-product sums of the columns of X. */
export interface ColumnMoments {
  /** Column means (length d). */
  readonly mean: Float64Array;
  /** d × d sums Σ_i (x_ia − mean_a)(x_ib − mean_b) (divide by n for the population covariance). */
  readonly S: Float64Array;
  readonly n: number;
  readonly d: number;
}

/**
 * Means and centered cross-products of X in one pass over the rows. Columns that are mostly zero (one-hot blocks)
 * are accumulated unshifted and only their nonzero entries are visited; dense columns are shifted by their mean
 * first; a final correction n·(mean − shift)_a·(mean − shift)_b makes both exact.
 * Complexity: O(n·z²) for z nonzero shifted entries per row (≤ d), O(d²) memory.
 */
export function columnMoments(X: Matrix): ColumnMoments {
  const { data, rows: n, cols: d } = X;
  const mean = new Float64Array(d);
  const zeros = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) { const x = data[o + j]; mean[j] += x; if (x === 0) zeros[j]++; }
  }
  for (let j = 0; j < d; j++) mean[j] /= n;
  const shift = new Float64Array(d);
  for (let j = 0; j < d; j++) shift[j] = zeros[j] * 2 > n ? 0 : mean[j];
  const S = new Float64Array(d * d);
  const val = new Float64Array(d);
  const idx = new Int32Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let z = 0;
    for (let j = 0; j < d; j++) {
      const v = data[o + j] - shift[j];
      if (v !== 0) { idx[z] = j; val[z] = v; z++; }
    }
    for (let p = 0; p < z; p++) {
      const va = val[p];
      const row = idx[p] * d;
      for (let q = p; q < z; q++) S[row + idx[q]] += va * val[q];
    }
  }
  for (let a = 0; a < d; a++) {
    const ea = mean[a] - shift[a];
    for (let b = a; b < d; b++) {
      const v = S[a * d + b] - n * ea * (mean[b] - shift[b]);
      S[a * d + b] = v;
      S[b * d + a] = v;
    }
  }
  for (let j = 0; j < d; j++) if (S[j * d + j] < 0) S[j * d + j] = 0;
  return { mean, S, n, d };
}

/** Correlation matrix from column moments (constant column: r = 0 with the others, 1 with itself). O(d²). */
export function correlationFromMoments(m: ColumnMoments): Matrix {
  const { S, d } = m;
  const sd = new Float64Array(d);
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(S[j * d + j]);
  const out = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    out[a * d + a] = 1;
    for (let b = a + 1; b < d; b++) {
      const den = sd[a] * sd[b];
      const v = den > 0 ? Math.max(-1, Math.min(1, S[a * d + b] / den)) : 0;
      out[a * d + b] = v;
      out[b * d + a] = v;
    }
  }
  return { data: out, rows: d, cols: d };
}

/**
 * Pearson correlation between every pair of columns of X, as a d × d matrix. A constant column has correlation 0
 * with every other column and 1 with itself.
 * Complexity: O(n·d²) time at worst (less for sparse one-hot columns), O(d²) memory.
 * @param X n × d matrix without NaN.
 * @returns d × d symmetric matrix.
 * @example featureCorrelation(fromColumns([[1, 2, 3], [2, 4, 6], [3, 2, 1]])) // [[1, 1, −1], [1, 1, −1], [−1, −1, 1]]
 */
export function featureCorrelation(X: Matrix): Matrix {
  checkMatrix(X, { name: 'X', minRows: 1 });
  return correlationFromMoments(columnMoments(X));
}

/** A pair of features whose correlation exceeds a threshold in absolute value. */
export interface CorrelatedPair { readonly a: string; readonly b: string; readonly r: number }

/**
 * The pairs (a before b in column order) with |r| > threshold, strongest first.
 * Complexity: O(d² log d).
 */
export function highCorrelationPairs(R: Matrix, names: readonly string[], threshold = 0.8): CorrelatedPair[] {
  const d = R.rows;
  const out: CorrelatedPair[] = [];
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) {
    const r = R.data[i * d + j];
    if (Math.abs(r) > threshold) out.push({ a: names[i], b: names[j], r });
  }
  return out.sort((p, q) => Math.abs(q.r) - Math.abs(p.r));
}
