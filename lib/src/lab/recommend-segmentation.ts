/**
 * The segmentation notebook 04 recommends, with every candidate it considered and why it kept or rejected it.
 *
 * Rule (generic: no data set is named):
 * 1. Every K-Means cell of the comparison grid is checked with {@link segmentationAdmissibility} on the raw
 *    (interpretable) features: no cluster under 5 % of the rows, and not a single-feature split (one feature with
 *    η² ≥ 0.9 while the others average ≤ 0.1).
 * 2. The representation is the one whose best admissible K-Means cell has the highest common-space silhouette.
 * 3. On it, k is chosen by `recommendK`'s vote (silhouette, Davies–Bouldin, Calinski–Harabasz, elbow, stability)
 *    among the admissible k only; the excluded k and their reasons are named.
 * 4. When no K-Means cell is admissible, the rule says so plainly and falls back to the unrestricted vote on the
 *    representation of the best K-Means cell: the alternatives table shows what each would have given.
 */
import { ValidationError } from '../core/errors';
import { type ClusteringComparison, type ClusteringCell } from './compare';
import { segmentationAdmissibility, type Admissibility, type AdmissibilityOptions } from './admissibility';
import { kSelection, recommendKFromRows, type KSelection, type KSelectionOptions } from './k-selection';
import type { Representation } from './representations';
import type { KRecommendation } from '../metrics/recommend-k';

/** Options of {@link recommendSegmentation}. */
export interface RecommendSegmentationOptions {
  /** Options of the admissibility checks. */
  admissibility: Partial<AdmissibilityOptions>;
  /** Options of the k selection on the chosen representation (the grid is reused). */
  kSelection: Partial<KSelectionOptions>;
}

/** Defaults of {@link RecommendSegmentationOptions}. */
export const DEFAULT_RECOMMEND_SEGMENTATION_OPTIONS: RecommendSegmentationOptions = { admissibility: {}, kSelection: {} };

/** One K-Means cell as a candidate (a row of the alternatives table). */
export interface SegmentationCandidate {
  readonly representation: string;
  readonly k: number;
  readonly cell: ClusteringCell;
  readonly check: Admissibility;
}

/** What {@link recommendSegmentation} returns. */
export interface SegmentationRecommendation {
  /** The representation to cluster. */
  readonly representation: Representation;
  /** The recommended k. */
  readonly k: number;
  /** True when the recommendation passed the checks; false for the fallback when nothing did. */
  readonly admissible: boolean;
  /** The vote among the admissible k. */
  readonly vote: KRecommendation;
  /** The k selection on the chosen representation (all k). */
  readonly selection: KSelection;
  /** Every K-Means cell checked, grid order. */
  readonly candidates: readonly SegmentationCandidate[];
  /** The recommendation and its reasons, in plain words (Markdown). */
  readonly statement: string;
}

/**
 * Recommend a segmentation from a comparison grid (see the module comment).
 * Complexity: O(cells·n·d) for the checks + one `kSelection`.
 * @param reps the representations of the grid and `raw`, the interpretable features the checks read.
 * @throws ValidationError when the grid has no K-Means cell.
 */
export function recommendSegmentation(grid: ClusteringComparison, reps: { all: readonly Representation[]; raw: Representation }, options: Partial<RecommendSegmentationOptions> = {}): SegmentationRecommendation {
  const o = { ...DEFAULT_RECOMMEND_SEGMENTATION_OPTIONS, ...options };
  const candidates: SegmentationCandidate[] = grid.cells
    .filter((c) => c.method === 'kmeans' && !c.error && c.k !== null)
    .map((cell) => ({ representation: cell.representation, k: cell.k as number, cell, check: segmentationAdmissibility(reps.raw.X, cell.labels, reps.raw.featureNames, o.admissibility) }));
  if (candidates.length === 0) throw new ValidationError('recommendSegmentation: the grid has no K-Means cell (run compareClusterings with kmeans among the methods)');
  const bySil = (a: SegmentationCandidate, b: SegmentationCandidate) => (Number.isFinite(b.cell.common.silhouette) ? b.cell.common.silhouette : -Infinity) - (Number.isFinite(a.cell.common.silhouette) ? a.cell.common.silhouette : -Infinity);
  const ok = candidates.filter((c) => c.check.admissible).sort(bySil);
  const admissible = ok.length > 0;
  const lead = admissible ? ok[0] : [...candidates].sort(bySil)[0];
  const representation = reps.all.find((r) => r.name === lead.representation) as Representation;
  const selection = kSelection(representation, { ...o.kSelection, comparison: grid });
  const onRep = candidates.filter((c) => c.representation === representation.name);
  const okKs = new Set(onRep.filter((c) => c.check.admissible).map((c) => c.k));
  const rows = admissible ? selection.rows.filter((r) => okKs.has(r.k)) : selection.rows;
  const vote = rows.length ? recommendKFromRows(rows) : selection.recommendation;
  const excluded = onRep.filter((c) => !c.check.admissible && selection.rows.some((r) => r.k === c.k));
  const parts: string[] = [];
  if (admissible) {
    parts.push(`K-Means on **${representation.name}** at **k = ${vote.k}**: ${vote.reason.replace(/^k = \d+: /, '')}`);
    if (excluded.length) {
      parts.push(`Excluded on this representation, before the vote: ${excluded.map((c) => `k = ${c.k} (${c.check.reasons.join('; ')})`).join(', ')}.`);
      if (selection.recommendation.k !== vote.k) parts.push(`Without the checks the vote would have chosen k = ${selection.recommendation.k}.`);
    }
  } else {
    parts.push(`**No K-Means clustering in the grid passes the checks** (every cluster ≥ ${100 * (o.admissibility.minClusterShare ?? 0.05)} % of rows, no single-feature split): the data, in these representations, offers no segmentation worth acting on by these rules.`);
    parts.push(`Shown for reference: K-Means on ${representation.name} at k = ${vote.k}, ${vote.reason.replace(/^k = \d+: /, '')} Read it with its caveats (the table of alternatives lists what fails where).`);
  }
  return { representation, k: vote.k, admissible, vote, selection, candidates, statement: parts.join(' ') };
}

/** The alternatives as table rows (representation, k, sizes, checks, common-space scores). O(cells). */
export function segmentationCandidateRows(rec: SegmentationRecommendation, options: { representation?: string } = {}): Record<string, unknown>[] {
  return rec.candidates
    .filter((c) => !options.representation || c.representation === options.representation)
    .map((c) => ({
      representation: c.representation, k: c.k,
      'smallest cluster %': 100 * c.check.smallestShare,
      'top feature': c.check.topFeature, 'its η²': c.check.topEta, 'mean η² of the others': c.check.restMeanEta,
      'silhouette (common)': c.cell.common.silhouette, 'Davies–Bouldin (common)': c.cell.common.daviesBouldin,
      verdict: c.check.admissible ? (c.representation === rec.representation.name && c.k === rec.k ? 'recommended' : 'admissible') : c.check.reasons.join('; '),
    }));
}
