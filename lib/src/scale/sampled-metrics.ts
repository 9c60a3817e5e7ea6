/**
 * Validity metrics of a clustering too large for pairwise metrics: silhouette, Davies–Bouldin and
 * Calinski–Harabasz on several disjoint seeded samples, reported as mean ± half-width of a 95 % Student-t
 * confidence interval over the samples (mean ± t₀.₉₇₅,ₛ₋₁ · sd/√s). The labels of sample rows are their nearest
 * centres, the labels the full assignment pass gives them.
 *
 * Complexity: O(s·m²·d) for the silhouettes (s samples of m rows), O(s·m·k·d) for the rest.
 */
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import { silhouetteScore } from '../metrics/silhouette';
import { daviesBouldinScore } from '../metrics/davies-bouldin';
import { calinskiHarabaszScore } from '../metrics/calinski-harabasz';
import { nearestCentres } from './kmeans-stream';

/** A metric estimated over several samples. */
export interface SampledEstimate {
  /** Mean over the samples. */
  mean: number;
  /** Half-width of the 95 % confidence interval of the mean (NaN with one sample). */
  halfWidth: number;
  /** The per-sample values. */
  values: number[];
}

/** Metrics of one k. */
export interface SampledMetrics {
  k: number;
  silhouette: SampledEstimate;
  daviesBouldin: SampledEstimate;
  calinskiHarabasz: SampledEstimate;
  samples: number;
  sampleRows: number;
}

/** Student-t 0.975 quantiles for 1..30 degrees of freedom (Fisher & Yates' table); 1.96 beyond. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** Mean and 95 % t-interval half-width of values. */
export function meanWithInterval(values: readonly number[]): SampledEstimate {
  const s = values.length;
  if (s === 0) return { mean: NaN, halfWidth: NaN, values: [] };
  const mean = values.reduce((a, b) => a + b, 0) / s;
  if (s < 2) return { mean, halfWidth: NaN, values: [...values] };
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (s - 1));
  const t = s - 1 <= T975.length ? T975[s - 2] : 1.96;
  return { mean, halfWidth: (t * sd) / Math.sqrt(s), values: [...values] };
}

/**
 * Metrics of each clustering (given by its centres) on `samples` disjoint parts of `pooled`, a seeded sample of
 * samples × sampleRows rows in random order.
 * @throws ValidationError when pooled has fewer rows than samples × sampleRows.
 */
export function sampledMetrics(pooled: Matrix, centers: readonly Matrix[], samples: number, sampleRows: number): SampledMetrics[] {
  if (!Number.isInteger(samples) || samples < 1) throw new ValidationError(`samples=${samples} should be an integer >= 1`);
  if (pooled.rows < samples * sampleRows) throw new ValidationError(`the pooled sample has ${pooled.rows} rows, fewer than samples × sampleRows = ${samples * sampleRows}`);
  const d = pooled.cols;
  const parts: Matrix[] = [];
  for (let s = 0; s < samples; s++) {
    parts.push({ data: pooled.data.subarray(s * sampleRows * d, (s + 1) * sampleRows * d), rows: sampleRows, cols: d });
  }
  return centers.map((C) => {
    const sil: number[] = [];
    const db: number[] = [];
    const ch: number[] = [];
    for (const X of parts) {
      const labels = nearestCentres(X, C);
      const used = new Set(labels).size;
      if (used < 2) continue;
      sil.push(silhouetteScore(X, labels));
      db.push(daviesBouldinScore(X, labels));
      ch.push(calinskiHarabaszScore(X, labels));
    }
    return { k: C.rows, silhouette: meanWithInterval(sil), daviesBouldin: meanWithInterval(db), calinskiHarabasz: meanWithInterval(ch), samples: sil.length, sampleRows };
  });
}
