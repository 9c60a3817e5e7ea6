/**
 * Agreement of every labelling of a comparison with known segments (the planted `segment` of synthetic data):
 * adjusted Rand index and normalized mutual information. Evaluation only: the truth never enters a representation.
 */
import { ValidationError } from '../core/errors';
import { adjustedRandIndex } from '../metrics/adjusted-rand';
import { normalizedMutualInfo } from '../metrics/mutual-info';
import { CLUSTERING_METHOD_NAMES, type ClusteringComparison } from './compare';

/** Agreement of one cell with the truth. */
export interface TruthAgreementRow {
  representation: string;
  method: string;
  k: number | string;
  clusters: number;
  ARI: number;
  NMI: number;
}

/**
 * ARI and NMI of each cell against `truth` (noise rows count as their own group, as scikit-learn would), sorted by
 * ARI, best first. Complexity: O(cells·n).
 * @throws ValidationError when truth has a different length than the labellings.
 */
export function truthAgreement(comparison: ClusteringComparison, truth: ArrayLike<number>): TruthAgreementRow[] {
  const out: TruthAgreementRow[] = [];
  for (const c of comparison.cells) {
    if (c.error) continue;
    if (c.labels.length !== truth.length) throw new ValidationError(`truth has ${truth.length} labels, the ${c.method} labelling ${c.labels.length}`);
    out.push({
      representation: c.representation, method: CLUSTERING_METHOD_NAMES[c.method], k: c.k ?? 'auto', clusters: c.nClusters,
      ARI: adjustedRandIndex(truth, c.labels), NMI: normalizedMutualInfo(truth, c.labels),
    });
  }
  return out.sort((a, b) => b.ARI - a.ARI);
}
