/**
 * Side-by-side scores of clusterings found in different feature spaces (raw columns, engineered features, an
 * autoencoder's embedding…), for the autoencoder notebook.
 *
 * Silhouette, Davies–Bouldin and Calinski–Harabasz depend on the space they are computed in: an 8-unit embedding can
 * score a higher silhouette than 40 engineered columns just because it is smaller. So every labelling is scored twice:
 * in the space it was found in ("own") and in one common reference space (the engineered features), where the numbers
 * are comparable; plus the adjusted Rand index against planted segments when they are known (synthetic data).
 * Complexity per labelling: O(s²·d) for the sampled silhouette (s = sampleSize) plus O(n·d) for DB and CH; K-Means
 * adds O(nInit · iterations · n·k·d) per space and k.
 */
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import { KMeans } from '../cluster/kmeans';
import { silhouetteScore } from '../metrics/silhouette';
import { daviesBouldinScore } from '../metrics/davies-bouldin';
import { calinskiHarabaszScore } from '../metrics/calinski-harabasz';
import { adjustedRandIndex } from '../metrics/adjusted-rand';

/** Scores of one labelling (see the file comment). */
export interface LabellingScores {
  /** Silhouette in the space the labels were found in (sampled when n > sampleSize). */
  silhouette: number;
  daviesBouldin: number;
  calinskiHarabasz: number;
  /** The same three in the reference space. */
  silhouetteRef: number;
  daviesBouldinRef: number;
  calinskiHarabaszRef: number;
  /** Adjusted Rand index against the planted segments, or null without them. */
  ari: number | null;
}

/** Options of {@link scoreLabelling} and {@link compareEmbeddingClusterings}. */
export interface EmbeddingComparisonOptions {
  /** The common space every labelling is also scored in (same rows as each space). */
  reference: Matrix;
  /** Planted segment codes per row (synthetic data), or null. */
  truth?: ArrayLike<number> | null;
  /** Rows of the sampled silhouette (scikit-learn's sample_size). Default 5000. */
  sampleSize?: number;
  /** Seed of K-Means and of the silhouette sample. Default 0. */
  seed?: number;
  /** K-Means restarts. Default 4. */
  nInit?: number;
}

/** One row of {@link compareEmbeddingClusterings}. */
export interface EmbeddingComparisonRow extends LabellingScores {
  /** Name of the space the clustering ran in. */
  space: string;
  /** Width of that space. */
  dims: number;
  k: number;
  /** The K-Means labels. */
  labels: Int32Array;
}

/** A named feature space (same rows, in the same order, as the reference). */
export interface FeatureSpace {
  name: string;
  X: Matrix;
}

function checkRows(name: string, X: Matrix, n: number): void {
  if (X.rows !== n) throw new ValidationError(`${name} has ${X.rows} rows, the reference has ${n}: spaces must hold the same customers`);
}

/**
 * Score one labelling in its own space and in the reference space (and by ARI when `truth` is given).
 * @throws ValidationError when row counts differ.
 */
export function scoreLabelling(X: Matrix, labels: ArrayLike<number>, opts: EmbeddingComparisonOptions): LabellingScores {
  const n = opts.reference.rows;
  checkRows('X', X, n);
  if (labels.length !== n) throw new ValidationError(`labels has ${labels.length} values, the reference has ${n} rows`);
  const sil = { sampleSize: Math.min(opts.sampleSize ?? 5000, n), seed: opts.seed ?? 0 };
  const truth = opts.truth ?? null;
  if (truth && truth.length !== n) throw new ValidationError(`truth has ${truth.length} values, the reference has ${n} rows`);
  return {
    silhouette: silhouetteScore(X, labels, sil),
    daviesBouldin: daviesBouldinScore(X, labels),
    calinskiHarabasz: calinskiHarabaszScore(X, labels),
    silhouetteRef: X === opts.reference ? NaN : silhouetteScore(opts.reference, labels, sil),
    daviesBouldinRef: X === opts.reference ? NaN : daviesBouldinScore(opts.reference, labels),
    calinskiHarabaszRef: X === opts.reference ? NaN : calinskiHarabaszScore(opts.reference, labels),
    ari: truth ? adjustedRandIndex(truth, labels) : null,
  };
}

/**
 * K-Means at each k in each space, every labelling scored by {@link scoreLabelling}. When a space IS the reference
 * (same object), its reference scores equal its own scores.
 * @example
 * compareEmbeddingClusterings([{ name: 'engineered', X }, { name: 'embedding', X: Z }], [2, 3], { reference: X })
 *   // → 4 rows: engineered k=2, k=3, embedding k=2, k=3
 */
export function compareEmbeddingClusterings(spaces: readonly FeatureSpace[], ks: readonly number[], opts: EmbeddingComparisonOptions): EmbeddingComparisonRow[] {
  if (!spaces.length) throw new ValidationError('spaces is empty: give at least one feature space');
  if (!ks.length || ks.some((k) => !Number.isInteger(k) || k < 2)) throw new ValidationError(`ks=[${ks.join(', ')}] should be integers >= 2`);
  const rows: EmbeddingComparisonRow[] = [];
  for (const s of spaces) {
    checkRows(`space "${s.name}"`, s.X, opts.reference.rows);
    for (const k of ks) {
      const labels = new KMeans({ k, nInit: opts.nInit ?? 4, seed: opts.seed ?? 0 }).fit(s.X).labels;
      const sc = scoreLabelling(s.X, labels, opts);
      if (s.X === opts.reference) {
        sc.silhouetteRef = sc.silhouette;
        sc.daviesBouldinRef = sc.daviesBouldin;
        sc.calinskiHarabaszRef = sc.calinskiHarabasz;
      }
      rows.push({ space: s.name, dims: s.X.cols, k, labels: Int32Array.from(labels), ...sc });
    }
  }
  return rows;
}
