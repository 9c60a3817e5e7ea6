/**
 * The three internal validity scores of one labelling in one space (silhouette, Davies–Bouldin,
 * Calinski–Harabasz), NaN instead of an error when a labelling has fewer than 2 clusters (DBSCAN can find one).
 */
import type { Matrix } from '../core/matrix';
import { calinskiHarabaszScore } from '../metrics/calinski-harabasz';
import { daviesBouldinScore } from '../metrics/davies-bouldin';
import { silhouetteScore } from '../metrics/silhouette';

/** Silhouette, Davies–Bouldin and Calinski–Harabasz of one labelling (NaN when undefined). */
export interface ClusterScores {
  /** Mean silhouette (exact, or over a seeded sample, see `silhouetteRows`). */
  readonly silhouette: number;
  readonly daviesBouldin: number;
  readonly calinskiHarabasz: number;
  /** Rows the silhouette was computed on (0 when undefined). */
  readonly silhouetteRows: number;
}

/** Options of {@link scoreLabels}. */
export interface ScoreLabelsOptions {
  /** Silhouette over a seeded random subset of this many non-noise rows (null: exact over all rows). Default 2000. */
  silhouetteSampleSize: number | null;
  /** Seed of the silhouette subset (the same seed gives the same rows for labellings without noise). Default 0. */
  seed: number;
}

/** Defaults of {@link ScoreLabelsOptions}. */
export const DEFAULT_SCORE_LABELS_OPTIONS: ScoreLabelsOptions = { silhouetteSampleSize: 2000, seed: 0 };

/**
 * Score a labelling in the space X (noise rows, label -1, excluded as scikit-learn would after dropping them).
 * Complexity: O(m²·d) for the silhouette over m rows + O(n·k·d) for DB and CH.
 * @example scoreLabels(fromRows([[0],[1],[4],[5]]), [0,0,1,1], { silhouetteSampleSize: null }).silhouette // 0.7460
 */
export function scoreLabels(X: Matrix, labels: ArrayLike<number>, options: Partial<ScoreLabelsOptions> = {}): ClusterScores {
  const o = { ...DEFAULT_SCORE_LABELS_OPTIONS, ...options };
  const seen = new Set<number>();
  let valid = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) { seen.add(labels[i]); valid++; }
  const k = seen.size;
  if (k < 2 || k > valid - 1) return { silhouette: NaN, daviesBouldin: NaN, calinskiHarabasz: NaN, silhouetteRows: 0 };
  const sample = o.silhouetteSampleSize !== null && o.silhouetteSampleSize < valid ? o.silhouetteSampleSize : undefined;
  let silhouette = NaN;
  try {
    silhouette = silhouetteScore(X, labels, sample === undefined ? {} : { sampleSize: sample, seed: o.seed });
  } catch { /* a sample holding a single cluster: leave NaN */ }
  return {
    silhouette,
    daviesBouldin: daviesBouldinScore(X, labels),
    calinskiHarabasz: calinskiHarabaszScore(X, labels),
    silhouetteRows: Number.isNaN(silhouette) ? 0 : sample ?? valid,
  };
}

/** Cluster sizes (labels 0..max; noise not counted), the number of clusters and the noise share. O(n). */
export function labelSummary(labels: ArrayLike<number>): { sizes: number[]; nClusters: number; noiseShare: number } {
  let max = -1, noise = 0;
  for (let i = 0; i < labels.length; i++) { if (labels[i] > max) max = labels[i]; if (labels[i] < 0) noise++; }
  const sizes = new Array<number>(max + 1).fill(0);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) sizes[labels[i]]++;
  const nonEmpty = sizes.filter((s) => s > 0);
  return { sizes: nonEmpty, nClusters: nonEmpty.length, noiseShare: labels.length ? noise / labels.length : 0 };
}
