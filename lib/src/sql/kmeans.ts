/**
 * SQL of nearest-centre assignment, written to decide exactly as KMeans.predict does: squared distances summed
 * left to right over the features ((x₀ − c₀)² + (x₁ − c₁)² + …, the order of the JS kernel), the first centre
 * among equal minima (centre j wins when its distance is below every earlier one and at most every later one),
 * and the confidence of the JS scorer: 1 − d₁/d₂ over the Euclidean distances to the nearest and second centre.
 */
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import type { SqlDialect } from './dialect';

/** Relative gap between the two smallest squared distances under which a row counts as a near-tie. */
export const SEGMENT_TIE_TOLERANCE = 1e-12;

/** Expressions of a nearest-centre assignment. */
export interface KMeansSql {
  /** One squared-distance expression per centre, over the feature columns. */
  readonly distances: string[];
  /** Given column names holding the distances: the segment index (first minimum). */
  segment(dist: readonly string[]): string;
  /** Given the distance columns and the segment column: 1 − d₁/d₂. */
  confidence(dist: readonly string[], segment: string): string;
  /** Given the distance columns and the segment column: the two smallest squared distances within the tolerance. */
  nearTie(dist: readonly string[], segment: string): string;
}

function secondSmallest(dist: readonly string[], segment: string, d: SqlDialect): string {
  const k = dist.length;
  return `(CASE ${segment} ${dist.map((_, j) => `WHEN ${j} THEN ${d.least(dist.filter((__, i) => i !== j))}`).join(' ')} END)`;
}

function own(dist: readonly string[], segment: string): string {
  return `(CASE ${segment} ${dist.map((x, j) => `WHEN ${j} THEN ${x}`).join(' ')} END)`;
}

/**
 * The nearest-centre SQL of `centers` (k×d) over the feature columns `features` (quoted identifiers, in the
 * clusterer's column order).
 * Complexity: k·d terms for the distances, k² comparisons for the argmin.
 * @throws ValidationError when the feature count differs from the centres' dimension.
 */
export function kmeansSql(centers: Matrix, features: readonly string[], d: SqlDialect): KMeansSql {
  const { rows: k, cols } = centers;
  if (features.length !== cols) throw new ValidationError(`SQL export: the pipeline yields ${features.length} features, the K-Means centres have ${cols}`);
  if (k < 1) throw new ValidationError('SQL export: the clusterer has no centre');
  const distances: string[] = [];
  for (let j = 0; j < k; j++) {
    const terms = features.map((f, t) => {
      const diff = `(${f} - ${d.num(centers.data[j * cols + t])})`;
      return `${diff} * ${diff}`;
    });
    distances.push(`(${terms.join(' + ')})`);
  }
  return {
    distances,
    segment(dist) {
      if (k === 1) return '0';
      const whens: string[] = [];
      for (let j = 0; j < k - 1; j++) {
        const conds: string[] = [];
        for (let i = j + 1; i < k; i++) conds.push(`${dist[j]} <= ${dist[i]}`);
        whens.push(`WHEN ${conds.join(' AND ')} THEN ${j}`);
      }
      return `(CASE ${whens.join(' ')} ELSE ${k - 1} END)`;
    },
    confidence(dist, segment) {
      if (k < 2) return '1E0';
      const second = secondSmallest(dist, segment, d);
      return `(CASE WHEN ${second} > 0E0 THEN 1E0 - SQRT(${own(dist, segment)}) / SQRT(${second}) ELSE 1E0 END)`;
    },
    nearTie(dist, segment) {
      if (k < 2) return '(1 = 0)';
      return `(${secondSmallest(dist, segment, d)} - ${own(dist, segment)} <= ${d.num(SEGMENT_TIE_TOLERANCE)} * ${own(dist, segment)})`;
    },
  };
}
