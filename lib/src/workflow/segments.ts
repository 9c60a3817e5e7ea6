/**
 * The segmentation the persona and classifier notebooks build on: the data set's feature pipeline, then K-Means
 * with k taken from (in order) an explicit choice, the clustering notebook's saved recommendation, or a quick
 * sweep whose votes `recommendK` combines. Deterministic per seed.
 */
import * as fs from 'node:fs';
import { displayPath } from '../display/path';
import type { Matrix } from '../core/matrix';
import { outputsDir } from '../data/datadir';
import type { LoadedDataset } from '../data/load-dataset';
import { columnsAtLevel, columnsWithRole } from '../data/registry';
import { buildPipeline, pipelineSpecOf, type DatasetPipeline } from '../features/presets';
import { KMeans } from '../cluster/kmeans';
import { silhouetteScore } from '../metrics/silhouette';
import { daviesBouldinScore } from '../metrics/davies-bouldin';
import { calinskiHarabaszScore } from '../metrics/calinski-harabasz';
import { recommendK, type KRecommendation } from '../metrics/recommend-k';
import { profileSegments } from '../personas/profile';
import { segmentName } from '../personas/describe';
import { FEATURE_SETS } from '../features/engineered/feature-sets';
import type { FeatureSetId } from '../features/engineered/types';

/** Options of {@link segmentCustomers}. */
export interface SegmentOptions {
  /** The number of segments; 0 = take the clustering notebook's recommendation, else sweep. Default 0. */
  k: number;
  /** Largest k of the sweep. Default 8. */
  kMax: number;
  seed: number;
  /** Rows of the sampled silhouette in the sweep. Default 4000. */
  silhouetteSample: number;
  /**
   * Segment customers on customer-level features only: drop the campaign-level economic indicators (and their
   * aggregate `economic_pressure`), which describe when a customer was called rather than who the customer is.
   * Default true.
   */
  customerLevel: boolean;
}

export const DEFAULT_SEGMENT_OPTIONS: SegmentOptions = { k: 0, kMax: 8, seed: 42, silhouetteSample: 4000, customerLevel: true };

/** The columns a customer-level segmentation leaves out (campaign-level indicators and their aggregate). */
export function campaignLevelColumns(loaded: LoadedDataset): string[] {
  const cols = columnsAtLevel(loaded.spec, 'campaign');
  return cols.length ? [...cols, 'economic_pressure'] : [];
}

/** A fitted segmentation. */
export interface Segmentation {
  pipeline: DatasetPipeline;
  X: Matrix;
  featureNames: readonly string[];
  kmeans: KMeans;
  labels: Int32Array;
  k: number;
  /** Where k came from, in words. */
  kSource: string;
  recommendation: KRecommendation | null;
  /** A short generated name per segment ("S1 · high engagement score"). */
  names: string[];
  /** Columns left out of the segmentation (campaign-level indicators), for the notebook to say so. */
  dropped: string[];
}

/** The k recommended by the clustering notebook for this data set, if it saved one. */
export function savedRecommendedK(datasetId: string): number | null {
  const file = outputsDir('models', datasetId, 'segmentation.json');
  if (!fs.existsSync(file)) return null;
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8')) as { k?: number; recommendedK?: number };
    const k = j.k ?? j.recommendedK;
    return Number.isInteger(k) && (k as number) >= 2 ? (k as number) : null;
  } catch {
    return null;
  }
}

/** Segment a loaded data set. */
export function segmentCustomers(loaded: LoadedDataset, options: Partial<SegmentOptions> = {}): Segmentation {
  const o = { ...DEFAULT_SEGMENT_OPTIONS, ...options };
  const base = pipelineSpecOf(loaded.spec);
  const dropped = o.customerLevel ? campaignLevelColumns(loaded) : [];
  const pipeline = buildPipeline({ ...base, drop: [...base.drop, ...dropped] }).fit(loaded.table);
  const X = pipeline.X;
  let k = o.k;
  let kSource = `chosen (K = ${k})`;
  let recommendation: KRecommendation | null = null;
  if (!(k >= 2)) {
    const saved = savedRecommendedK(loaded.spec.id);
    if (saved) {
      k = saved;
      kSource = `the clustering notebook's recommendation for ${loaded.spec.id} (${displayPath(outputsDir('models', loaded.spec.id, 'segmentation.json'))})`;
    } else {
      const rows = [];
      for (let kk = 2; kk <= o.kMax; kk++) {
        const km = new KMeans({ k: kk, nInit: 4, seed: o.seed }).fit(X);
        rows.push({
          k: kk, inertia: km.inertia,
          silhouette: silhouetteScore(X, km.labels, { sampleSize: Math.min(o.silhouetteSample, X.rows), seed: o.seed }),
          daviesBouldin: daviesBouldinScore(X, km.labels),
          calinskiHarabasz: calinskiHarabaszScore(X, km.labels),
        });
      }
      recommendation = recommendK(rows);
      k = recommendation.k;
      kSource = `a K-Means sweep over k = 2..${o.kMax} (no saved recommendation): ${recommendation.reason.replace(/\.$/, "")}`;
    }
  }
  const kmeans = new KMeans({ k, nInit: 10, seed: o.seed }).fit(X);
  const labels = kmeans.labels;
  return { pipeline, X, featureNames: pipeline.featureNames, kmeans, labels, k, kSource, recommendation, names: segmentNames(loaded, labels, k, dropped, pipeline), dropped };
}

/** Name each segment by its two or three most distinguishing traits, computed from its profile (never typed in). */
export function segmentNames(loaded: LoadedDataset, labels: Int32Array, k: number, exclude: readonly string[] = [], pipeline?: DatasetPipeline): string[] {
  const target = loaded.spec.target ?? undefined;
  // Name from the engineered table (sentinels expanded, engineered scores present, in original units) when a
  // fitted pipeline is given: "pdays 99% below the average" says less than "contacted before 100%".
  const table = pipeline ? pipeline.stages(loaded.table).beforeSkew : loaded.table;
  const hasTarget = !!target && table.columns.some((c) => c.name === target);
  const profile = profileSegments(table, labels, { target: hasTarget ? target : undefined, positive: loaded.spec.positiveClass ?? undefined, tests: false });
  // never name a segment after the target or the synthetic ground truth
  const skip = [...exclude, ...(target ? [target] : []), ...columnsWithRole(loaded.spec, 'truth')];
  // traits made from the same columns count once: a sentinel's flag and value (both from pdays), engineered scores
  const sources: Record<string, string[]> = {};
  const ps = pipelineSpecOf(loaded.spec);
  for (const e of ps.expand ?? []) { sources[e.flag] = [e.column]; sources[e.value] = [e.column]; }
  if (loaded.spec.featureSet && loaded.spec.featureSet in FEATURE_SETS) for (const f of FEATURE_SETS[loaded.spec.featureSet as FeatureSetId]) sources[f.name] = [...f.requires];
  return Array.from({ length: k }, (_, s) => segmentName(profile, s, { n: 3, exclude: skip, sources }));
}

/** The segmentation the clustering notebook saved, with names: what the personas notebook profiles. */
export interface SavedSegments {
  readonly labels: Int32Array;
  readonly k: number;
  /** Where the segments came from, in words. */
  readonly kSource: string;
  /** Generated names (two or three traits each). */
  readonly names: string[];
}

/**
 * The segmentation notebook 04 saved for this data set (`outputs/models/<dataset>/segmentation.json`: its labels,
 * checked and recommended there), named from the data; null when there is none, or it does not fit the table (other
 * row count, noise labels).
 * Complexity: one pipeline fit (for the names) + O(n).
 */
export function savedSegments(loaded: LoadedDataset): SavedSegments | null {
  const file = outputsDir('models', loaded.spec.id, 'segmentation.json');
  if (!fs.existsSync(file)) return null;
  let j: { labels?: unknown; nRows?: unknown; method?: unknown; representation?: unknown };
  try { j = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; }
  if (!Array.isArray(j.labels) || j.labels.length !== loaded.table.nRows) return null;
  const labels = Int32Array.from(j.labels as number[]);
  if (labels.some((x) => !(x >= 0))) return null;
  const k = Math.max(...labels) + 1;
  const pipeline = buildPipeline(pipelineSpecOf(loaded.spec)).fit(loaded.table);
  const names = segmentNames(loaded, labels, k, [], pipeline);
  return { labels, k, names, kSource: `the segmentation the clustering notebook recommended and saved (${String(j.method)} on ${String(j.representation)}, ${displayPath(file)})` };
}
