/** Training-time distributions kept in a model bundle, and the drift of new data against them (PSI). */
import type { Matrix } from '../core/matrix';
import { binShares, codeShares, psi, psiBinEdges, psiLevel } from './psi';

/** What the bundle remembers of the training data, to measure drift. */
export interface TrainingDistribution {
  /** Per model feature: decile edges and the training shares per bin (last bin: missing). */
  features: Array<{ name: string; edges: number[]; shares: number[] }>;
  segmentShares: number[];
  personaShares: number[] | null;
}

/** Summarize training distributions (feature deciles, segment and persona shares). */
export function trainingDistribution(
  X: Matrix,
  featureNames: readonly string[],
  segments: ArrayLike<number>,
  k: number,
  personas: ArrayLike<number> | null,
  nPersonas: number,
): TrainingDistribution {
  const features = featureNames.map((name, j) => {
    const col = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) col[i] = X.data[i * X.cols + j];
    const edges = psiBinEdges(col);
    return { name, edges, shares: binShares(col, edges) };
  });
  return { features, segmentShares: codeShares(segments, k), personaShares: personas ? codeShares(personas, nPersonas) : null };
}

/** Drift of new data against the training distribution. */
export interface DriftReport {
  features: Array<{ name: string; psi: number; level: 'stable' | 'moderate' | 'significant' }>;
  segments: { psi: number; level: 'stable' | 'moderate' | 'significant'; shares: number[] };
  personas: { psi: number; level: 'stable' | 'moderate' | 'significant'; shares: number[] } | null;
}

export function driftReport(
  train: TrainingDistribution,
  X: Matrix,
  segments: ArrayLike<number>,
  personas: ArrayLike<number> | null,
): DriftReport {
  const features = train.features.map((f, j) => {
    const col = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) col[i] = X.data[i * X.cols + j];
    const v = psi(f.shares, binShares(col, f.edges));
    return { name: f.name, psi: v, level: psiLevel(v) };
  });
  const segShares = codeShares(segments, train.segmentShares.length);
  const segPsi = psi(train.segmentShares, segShares);
  let per: DriftReport['personas'] = null;
  if (personas && train.personaShares) {
    const shares = codeShares(personas, train.personaShares.length);
    const v = psi(train.personaShares, shares);
    per = { psi: v, level: psiLevel(v), shares };
  }
  return { features, segments: { psi: segPsi, level: psiLevel(segPsi), shares: segShares }, personas: per };
}
