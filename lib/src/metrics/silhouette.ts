/**
 * Silhouette coefficient (Rousseeuw 1987), exactly as scikit-learn's `silhouette_samples` / `silhouette_score`
 * with the Euclidean metric: for row i in cluster A, a(i) = mean distance to the other rows of A,
 * b(i) = min over other clusters B of the mean distance to the rows of B, s(i) = (b − a) / max(a, b);
 * s(i) = 0 when A is a singleton (and when a = b = 0). The score is the MEAN of the per-row values.
 *
 * Noise: rows labelled -1 (DBSCAN's noise) are excluded: they are neither scored nor used as neighbours;
 * `silhouetteSamples` returns NaN for them and the score averages the other rows.
 *
 * Reference: P. J. Rousseeuw (1987), "Silhouettes: a graphical aid…", J. Comput. Appl. Math. 20:53–65;
 * scikit-learn `sklearn/metrics/cluster/_unsupervised.py`.
 */
import { checkMatrix, takeRows, type Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { toRng, type Rng } from '../core/random';
import { encodeLabels } from './labels';
import { clusterDistanceSums, defaultThreads, SILHOUETTE_BLOCK_ROWS } from './silhouette-kernel';
import { clusterDistanceSumsGemm } from './silhouette-gemm';

/** Options of {@link silhouetteSamples}. */
export interface SilhouetteOptions {
  /** Rows per block of the pairwise kernel (memory per block is independent of n). Default 192. */
  chunkRows?: number;
  /** Threads including the calling one (worker_threads). Default: the machine's cores (max 8). */
  threads?: number;
  /** Below this many rows a single thread is used (worker start-up is not worth it). Default 3000. */
  parallelMinRows?: number;
  /**
   * Distance kernel: 'gemm' (WebAssembly SIMD matrix products in blocked tiles, Gram form with a direct-form
   * recomputation wherever it could cancel; silhouette-gemm.ts), 'direct' (Σ(x_t − y_t)² for every pair,
   * silhouette-kernel.ts) or 'auto' (gemm where WebAssembly SIMD is available). Both agree to ~1e-12.
   */
  kernel?: 'auto' | 'gemm' | 'direct';
}

/** Options of {@link silhouetteScore}. */
export interface SilhouetteScoreOptions extends SilhouetteOptions {
  /** Score a random subset of this many (non-noise) rows instead of all rows (scikit-learn's `sample_size`). */
  sampleSize?: number;
  /** Seed or Rng of the subset draw. Default 0. */
  seed?: number | Rng;
}

/** Defaults of {@link SilhouetteOptions}. */
export const DEFAULT_SILHOUETTE_OPTIONS = {
  chunkRows: SILHOUETTE_BLOCK_ROWS,
  parallelMinRows: 3000,
  kernel: 'auto',
} as const;

/**
 * Per-row silhouette values (exact, Euclidean).
 *
 * Complexity: O(n²·d/2) time (each pair once), by default as WebAssembly SIMD matrix products in blocked distance
 * tiles on every core (silhouette-gemm.ts); extra memory O(n·k) per thread + one shared copy of X (n·d·8 bytes);
 * never an n×n matrix. On the 41,188×63 bank matrix with k ≤ 10: ~21 MB + 3.3 MB per thread.
 * @param X n×d matrix (finite values).
 * @param labels n integer labels (≥ 0, or -1 = noise, excluded).
 * @returns Float64Array of n values in [-1, 1] (NaN for noise rows).
 * @throws ValidationError when the number of clusters among non-noise rows is not in 2..n'-1.
 * @example silhouetteSamples(fromRows([[0],[1],[4],[5]]), [0,0,1,1]) // → [0.7778, 0.7143, 0.7143, 0.7778]
 */
export function silhouetteSamples(X: Matrix, labels: ArrayLike<number>, opts: SilhouetteOptions = {}): Float64Array {
  checkMatrix(X, { name: 'X', minRows: 1 });
  const enc = encodeLabels(labels, { n: X.rows, allowNoise: true });
  const out = new Float64Array(X.rows).fill(NaN);
  let Xv = X;
  let codes = enc.codes;
  let rowsIdx: Int32Array | null = null;
  if (enc.nValid < X.rows) {
    rowsIdx = new Int32Array(enc.nValid);
    let m = 0;
    for (let i = 0; i < X.rows; i++) if (enc.codes[i] >= 0) rowsIdx[m++] = i;
    Xv = takeRows(X, rowsIdx);
    codes = new Int32Array(enc.nValid);
    for (let r = 0; r < enc.nValid; r++) codes[r] = enc.codes[rowsIdx[r]];
  }
  checkClusterCount(enc.k, enc.nValid);
  const vals = silhouetteFromCodes(Xv, codes, enc.k, enc.counts, opts);
  if (rowsIdx === null) return vals;
  for (let r = 0; r < rowsIdx.length; r++) out[rowsIdx[r]] = vals[r];
  return out;
}

/**
 * Mean silhouette (scikit-learn's `silhouette_score`): exact over all non-noise rows, or over a random subset of
 * `sampleSize` rows. See {@link silhouetteSamples} for the definition, noise handling and memory bound.
 *
 * Complexity: O(m²·d/2), m = sampleSize or the number of non-noise rows.
 * @throws ValidationError on a bad sampleSize or a cluster count outside 2..m-1.
 * @example silhouetteScore(fromRows([[0],[1],[4],[5]]), [0,0,1,1]) // → 0.7460
 */
export function silhouetteScore(X: Matrix, labels: ArrayLike<number>, opts: SilhouetteScoreOptions = {}): number {
  checkMatrix(X, { name: 'X', minRows: 1 });
  const enc = encodeLabels(labels, { n: X.rows, allowNoise: true });
  const valid = new Int32Array(enc.nValid);
  for (let i = 0, m = 0; i < X.rows; i++) if (enc.codes[i] >= 0) valid[m++] = i;
  let idx: Int32Array = valid;
  if (opts.sampleSize !== undefined) {
    const s = opts.sampleSize;
    if (!Number.isInteger(s) || s < 2 || s > enc.nValid) {
      throw new ValidationError(`sampleSize=${s} should be an integer in 2..${enc.nValid} (the number of non-noise rows)`);
    }
    const perm = toRng(opts.seed ?? 0).permutation(enc.nValid);
    idx = new Int32Array(s);
    for (let r = 0; r < s; r++) idx[r] = valid[perm[r]];
  }
  const sub = idx === valid && idx.length === X.rows ? X : takeRows(X, idx);
  const subLabels = new Int32Array(idx.length);
  for (let r = 0; r < idx.length; r++) subLabels[r] = enc.codes[idx[r]];
  const e2 = encodeLabels(subLabels, { n: idx.length });
  checkClusterCount(e2.k, idx.length);
  const vals = silhouetteFromCodes(sub, e2.codes, e2.k, e2.counts, opts);
  let s = 0;
  for (let i = 0; i < vals.length; i++) s += vals[i];
  return s / vals.length;
}

function checkClusterCount(k: number, n: number): void {
  if (k < 2 || k > n - 1) {
    throw new ValidationError(`number of clusters is ${k} among ${n} scored rows; silhouette needs 2..${n - 1} clusters (n-1)`);
  }
}

/** Silhouette from already-coded labels (0..k-1, all rows valid). */
function silhouetteFromCodes(X: Matrix, codes: Int32Array, k: number, counts: Float64Array, opts: SilhouetteOptions): Float64Array {
  const n = X.rows;
  const blockRows = opts.chunkRows ?? DEFAULT_SILHOUETTE_OPTIONS.chunkRows;
  if (!Number.isInteger(blockRows) || blockRows < 1) throw new ValidationError(`chunkRows=${blockRows} should be a positive integer`);
  const threadsAsked = opts.threads ?? defaultThreads();
  if (!Number.isInteger(threadsAsked) || threadsAsked < 1) throw new ValidationError(`threads=${threadsAsked} should be a positive integer`);
  const threads = n < (opts.parallelMinRows ?? DEFAULT_SILHOUETTE_OPTIONS.parallelMinRows) ? 1 : threadsAsked;
  const kernel = opts.kernel ?? DEFAULT_SILHOUETTE_OPTIONS.kernel;
  if (kernel !== 'auto' && kernel !== 'gemm' && kernel !== 'direct') throw new ValidationError(`kernel="${String(kernel)}" should be 'auto', 'gemm' or 'direct'`);
  const S = (kernel !== 'direct' ? clusterDistanceSumsGemm(X.data, n, X.cols, codes, k, threads) : null)
    ?? clusterDistanceSums(X.data, n, X.cols, codes, k, threads, blockRows);
  return silhouetteFromSums(S, codes, k, counts);
}

/** s(i) from the n×k table of summed distances (scikit-learn's `_silhouette_reduce` + final step). O(n·k). */
export function silhouetteFromSums(S: Float64Array, codes: Int32Array, k: number, counts: Float64Array): Float64Array {
  const n = codes.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (counts[c] <= 1) { out[i] = 0; continue; }
    const a = S[i * k + c] / (counts[c] - 1);
    let b = Infinity;
    for (let q = 0; q < k; q++) {
      if (q === c) continue;
      const m = S[i * k + q] / counts[q];
      if (m < b) b = m;
    }
    const den = Math.max(a, b);
    out[i] = den > 0 ? (b - a) / den : 0;
  }
  return out;
}
