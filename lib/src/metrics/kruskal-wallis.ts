/**
 * Kruskal–Wallis H-test of each feature across clusters (scipy's `kruskal` per column): ranks with ties averaged,
 * H = [12 / (N(N+1)) Σ R_c² / n_c − 3(N + 1)] / [1 − Σ(t³ − t) / (N³ − N)], p = P(χ²_{k−1} > H), and the effect
 * size η²_H = (H − k + 1) / (N − k) (Tomczak & Tomczak 2014), clipped at 0. Robust to the heavy tails of spending
 * data where ANOVA's normality assumption is doubtful. Same caveat as the ANOVA about post-clustering p-values.
 *
 * Reference: W. H. Kruskal, W. A. Wallis (1952), JASA 47(260):583–621.
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { encodeLabels } from './labels';
import { chiSquareSf } from './special-functions';

/** Result of a Kruskal–Wallis test on one feature. */
export interface KruskalWallisResult {
  feature: string;
  /** H statistic, tie-corrected (NaN when all values are equal). */
  H: number;
  /** Upper-tail p-value from χ² with k − 1 degrees of freedom. */
  pValue: number;
  /** η²_H = (H − k + 1)/(N − k), clipped to [0, 1]. */
  etaSquared: number;
  /** Degrees of freedom k − 1. */
  df: number;
}

/**
 * Kruskal–Wallis test of one sample split in groups.
 * Complexity: O(n log n).
 * @example kruskalWallis([1,2,3, 4,5,6], [0,0,0,1,1,1]).H // → 3.857 (R = 6 and 15: 12/42·(36/3 + 225/3) − 21)
 */
export function kruskalWallis(values: ArrayLike<number>, groups: ArrayLike<number>, feature = 'x'): KruskalWallisResult {
  const { codes, k, counts, nValid } = encodeLabels(groups, { n: values.length, name: 'groups', allowNoise: true });
  if (k < 2) throw new ValidationError(`Kruskal–Wallis needs at least 2 groups, got ${k}`);
  const idx = new Int32Array(nValid);
  for (let i = 0, m = 0; i < values.length; i++) {
    if (codes[i] < 0) continue;
    if (!Number.isFinite(values[i])) throw new ValidationError(`${feature}: value ${values[i]} at row ${i} is not finite`);
    idx[m++] = i;
  }
  const order = Array.from(idx).sort((a, b) => values[a] - values[b]);
  const rankSums = new Float64Array(k);
  let ties = 0;
  for (let s = 0; s < order.length;) {
    let e = s + 1;
    while (e < order.length && values[order[e]] === values[order[s]]) e++;
    const rank = (s + 1 + e) / 2; // mean of ranks s+1..e
    const t = e - s;
    ties += t * t * t - t;
    for (let r = s; r < e; r++) rankSums[codes[order[r]]] += rank;
    s = e;
  }
  const N = nValid;
  let acc = 0;
  for (let c = 0; c < k; c++) acc += (rankSums[c] * rankSums[c]) / counts[c];
  const Hraw = (12 / (N * (N + 1))) * acc - 3 * (N + 1);
  const corr = 1 - ties / (N * N * N - N);
  const H = corr > 0 ? Hraw / corr : NaN;
  const df = k - 1;
  const eta = N > k ? Math.min(1, Math.max(0, (H - k + 1) / (N - k))) : NaN;
  return { feature, H, pValue: Number.isNaN(H) ? NaN : chiSquareSf(H, df), etaSquared: eta, df };
}

/** Kruskal–Wallis of every column of X across clusters. Complexity: O(d·n log n). */
export function kruskalWallisByCluster(X: Matrix, labels: ArrayLike<number>, columns?: readonly string[]): KruskalWallisResult[] {
  checkMatrix(X, { name: 'X' });
  if (columns && columns.length !== X.cols) throw new ValidationError(`columns has ${columns.length} names, X has ${X.cols} columns`);
  const out: KruskalWallisResult[] = [];
  const col = new Float64Array(X.rows);
  for (let j = 0; j < X.cols; j++) {
    for (let i = 0; i < X.rows; i++) col[i] = X.data[i * X.cols + j];
    out.push(kruskalWallis(col, labels, columns ? columns[j] : `x${j}`));
  }
  return out;
}
