/**
 * The chosen segmentation as a plain JSON file for the notebooks that follow (personas, scoring):
 * `outputs/models/<dataset>/segmentation.json` holds the data set, method, representation, k, one label per row
 * (table order), the centres in the representation's space and the feature names, the scores and the reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import { outputsDir } from '../data/datadir';

/** The saved segmentation. */
export interface SegmentationRecord {
  readonly kind: 'Segmentation';
  readonly dataset: string;
  /** 'kmeans', 'gmm', … */
  readonly method: string;
  /** Name of the representation the clustering was fitted on. */
  readonly representation: string;
  readonly k: number;
  readonly nRows: number;
  /** One label per row of the loaded table (-1 = noise). */
  readonly labels: number[];
  /** Cluster sizes, by label. */
  readonly sizes: number[];
  /** Centres (means of each cluster's rows) in the representation's space, k × featureNames.length. */
  readonly centers: number[][];
  readonly featureNames: string[];
  /** Scores of the chosen clustering (free-form: silhouette, DB, CH, stability…). */
  readonly scores: Record<string, number>;
  /** Why this segmentation (the k recommendation's reason). */
  readonly reason: string;
  readonly seed: number;
}

/**
 * Mean of each cluster's rows (labels 0..k-1; noise rows ignored); a cluster without rows gets NaN. O(n·d).
 * @example clusterCenters(fromRows([[0],[2],[10]]), [0,0,1]) // [[1], [10]]
 */
export function clusterCenters(X: Matrix, labels: ArrayLike<number>): number[][] {
  if (labels.length !== X.rows) throw new ValidationError(`labels has ${labels.length} values, X has ${X.rows} rows`);
  let k = 0;
  for (let i = 0; i < labels.length; i++) k = Math.max(k, labels[i] + 1);
  const d = X.cols;
  const sums = new Float64Array(k * d), counts = new Float64Array(k);
  for (let i = 0; i < X.rows; i++) {
    const c = labels[i];
    if (c < 0) continue;
    counts[c]++;
    for (let t = 0; t < d; t++) sums[c * d + t] += X.data[i * d + t];
  }
  return Array.from({ length: k }, (_, c) => Array.from({ length: d }, (_, t) => (counts[c] ? sums[c * d + t] / counts[c] : NaN)));
}

/** Build the record (centres and sizes computed from X and labels). O(n·d). */
export function segmentationRecord(args: {
  dataset: string; method: string; representation: string; X: Matrix; featureNames: readonly string[];
  labels: ArrayLike<number>; scores?: Record<string, number>; reason?: string; seed?: number;
}): SegmentationRecord {
  const { X, labels } = args;
  if (args.featureNames.length !== X.cols) throw new ValidationError(`featureNames has ${args.featureNames.length} names, X has ${X.cols} columns`);
  const centers = clusterCenters(X, labels);
  const sizes = new Array<number>(centers.length).fill(0);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) sizes[labels[i]]++;
  return {
    kind: 'Segmentation', dataset: args.dataset, method: args.method, representation: args.representation, k: centers.length,
    nRows: X.rows, labels: Array.from(labels), sizes, centers, featureNames: [...args.featureNames],
    scores: { ...(args.scores ?? {}) }, reason: args.reason ?? '', seed: args.seed ?? 0,
  };
}

/** The default file of a data set's segmentation. */
export function segmentationPath(dataset: string): string {
  return outputsDir('models', dataset, 'segmentation.json');
}

/** Write the record (creating the folder); returns the path. */
export function saveSegmentation(record: SegmentationRecord, file: string = segmentationPath(record.dataset)): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(record));
  return file;
}

/** Read a saved record. @throws ValidationError when the file is not a segmentation. */
export function loadSegmentation(file: string): SegmentationRecord {
  const j = JSON.parse(fs.readFileSync(file, 'utf8')) as SegmentationRecord;
  if (!j || j.kind !== 'Segmentation' || !Array.isArray(j.labels)) throw new ValidationError(`${file} is not a segmentation file (kind "Segmentation")`);
  return j;
}
