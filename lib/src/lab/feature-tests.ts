/**
 * Per-feature tests across clusters: one-way ANOVA (F, p, η²) and Kruskal–Wallis (H, p, η²_H), sorted by η².
 * Both are invariant to shifting and scaling a feature, so standardized columns give the same answer as raw ones.
 */
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import { anovaByCluster } from '../metrics/anova';
import { kruskalWallisByCluster } from '../metrics/kruskal-wallis';

/** ANOVA and Kruskal–Wallis of one feature across clusters. */
export interface FeatureTestRow {
  feature: string;
  F: number;
  anovaP: number;
  etaSquared: number;
  H: number;
  kwP: number;
  kwEtaSquared: number;
}

/**
 * Test every column of X across the clusters of `labels` (noise excluded); rows sorted by ANOVA η², largest first.
 * Complexity: O(d·n log n).
 * @throws ValidationError on mismatched names or fewer than 2 clusters.
 */
export function featureTestsByCluster(X: Matrix, labels: ArrayLike<number>, names: readonly string[]): FeatureTestRow[] {
  if (names.length !== X.cols) throw new ValidationError(`names has ${names.length} entries, X has ${X.cols} columns`);
  const a = anovaByCluster(X, labels, names);
  const kw = kruskalWallisByCluster(X, labels, names);
  return a
    .map((r, j) => ({ feature: r.feature, F: r.F, anovaP: r.pValue, etaSquared: r.etaSquared, H: kw[j].H, kwP: kw[j].pValue, kwEtaSquared: kw[j].etaSquared }))
    .sort((x, y) => (Number.isFinite(y.etaSquared) ? y.etaSquared : -1) - (Number.isFinite(x.etaSquared) ? x.etaSquared : -1));
}
