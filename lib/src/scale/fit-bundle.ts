/**
 * Fit a whole model bundle at scale, without a notebook: the pipeline fitted in SQL, mini-batch K-Means over the
 * streamed feature matrix for every k asked (default 2..10) with a full assignment pass, sampled validity metrics
 * with confidence intervals, the chosen k (asked, or the best mean sampled silhouette), the persona thresholds fitted
 * in SQL, the input schema and the training distributions. The bundle is the one `saveBundle`/`loadBundle` and
 * `npm run score` use, and `npm run export-sql` translates.
 *
 * The steps are exported one by one as well, so a benchmark can run (and measure) each in its own process.
 */
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import { packageVersion } from '../core/environment';
import { KMeans } from '../cluster/kmeans';
import { sha256File } from '../data/checksum';
import { DATASETS, columnsWithRole, type DatasetId } from '../data/registry';
import { presetSpec, type DatasetPipeline } from '../features/presets';
import { withPersonaScores } from '../personas/scores';
import { personaPresetFor } from '../personas/presets';
import { BUNDLE_FORMAT, packageVersions, type ModelBundle } from '../scoring/bundle';
import { trainingDistribution } from '../scoring/drift';
import type { TableSchema } from '../scoring/schema';
import { fitPipelineSql, type FitPipelineSqlOptions, type SqlPipelineFit } from './fit-pipeline';
import { sampleFeatures, streamFeatures } from './features';
import { fitKMeansStreamed, nearestCentres, type StreamedKMeansOptions, type StreamedKMeansResult } from './kmeans-stream';
import type { LargeDataset } from './open-dataset';
import { fitPersonasSql, type SqlPersonaFit } from './personas-fit';
import { sampledMetrics, type SampledMetrics } from './sampled-metrics';

/** Options of {@link fitBundleAtScale}. */
export interface ScaleBundleOptions {
  /** Data set id for the presets (pipeline, personas), e.g. 'synthetic-bank', 'cc-general'. */
  dataset: string;
  /** Columns identifying customers: never model inputs, copied by the scorers. Default none (columns read as ids are excluded anyway). */
  idColumns: readonly string[];
  /** Numbers of clusters fitted. Default 2..10. */
  ks: readonly number[];
  /** The k of the bundle, or 'auto': the best mean sampled silhouette. Default 'auto'. */
  k: number | 'auto';
  /** Pipeline fit options (preset options, sample sizes). */
  pipeline: Partial<Omit<FitPipelineSqlOptions, 'dataset' | 'seed'>>;
  /** Mini-batch options. */
  kmeans: Partial<Omit<StreamedKMeansOptions, 'ks' | 'seed'>>;
  /** Rows per streamed block. Default 65,536. */
  chunkRows: number;
  /** Rows of the seeded init sample of the mini-batch models. Default 20,000. */
  initRows: number;
  /** Samples and rows per sample of the validity metrics. Default 5 × 2,000. */
  metricSamples: number;
  metricSampleRows: number;
  /** Rows of the seeded sample the training feature distributions (drift deciles) are taken from. Default 100,000. */
  distributionRows: number;
  /** Fit the data set's persona preset. Default true where one exists. */
  personas: boolean;
  /** Seed of every sample and of the K-Means. Default 0. */
  seed: number;
  /** Called when a step ends, with its name and wall seconds. */
  onStep: ((step: string, seconds: number) => void) | null;
}

/** Defaults of {@link ScaleBundleOptions} (`dataset` has none). */
export const DEFAULT_SCALE_BUNDLE_OPTIONS: Omit<ScaleBundleOptions, 'dataset'> = {
  idColumns: [], ks: [2, 3, 4, 5, 6, 7, 8, 9, 10], k: 'auto', pipeline: {}, kmeans: {}, chunkRows: 65_536, initRows: 20_000,
  metricSamples: 5, metricSampleRows: 2_000, distributionRows: 100_000, personas: true, seed: 0, onStep: null,
};

/** What {@link fitBundleAtScale} returns. */
export interface ScaleBundleFit {
  bundle: ModelBundle;
  pipeline: SqlPipelineFit;
  kmeans: StreamedKMeansResult;
  metrics: SampledMetrics[];
  personas: SqlPersonaFit | null;
  k: number;
  /** What was computed on all rows and what on samples, in sentences. */
  notes: string[];
}

/** The raw columns a scale bundle requires of new data: all but ids, the target and ground truth. */
export function scaleInputColumns(ds: LargeDataset, dataset: string, idColumns: readonly string[]): string[] {
  const spec = DATASETS[dataset as DatasetId];
  const excluded = new Set<string>([...idColumns, ...(spec ? columnsWithRole(spec, 'target', 'truth', 'id') : [])]);
  const target = presetSpec(dataset).target;
  if (typeof target === 'string' && target !== 'auto') excluded.add(target);
  for (const d of presetSpec(dataset).drop) excluded.add(d);
  return ds.columns.filter((c) => c.kind !== 'id' && !excluded.has(c.name)).map((c) => c.name);
}

/** The input schema of a scale bundle (categorical levels from the data, when at most 10,000). */
export function scaleSchema(ds: LargeDataset, inputs: readonly string[]): TableSchema {
  return {
    columns: inputs.map((n) => {
      const c = ds.columns.find((x) => x.name === n)!;
      if (c.kind === 'numeric') return { name: n, kind: 'numeric' };
      return c.levels ? { name: n, kind: 'categorical', levels: [...c.levels] } : { name: n, kind: 'categorical' };
    }),
  };
}

/** The mini-batch models of every k over the streamed features. */
export async function fitScaleKMeans(ds: LargeDataset, pipeline: DatasetPipeline, o: Pick<ScaleBundleOptions, 'ks' | 'kmeans' | 'chunkRows' | 'initRows' | 'seed'>): Promise<StreamedKMeansResult> {
  const init = await sampleFeatures(ds, pipeline, o.initRows, o.seed + 1);
  return fitKMeansStreamed(() => streamFeatures(ds, pipeline, o.chunkRows), init, { ...o.kmeans, ks: o.ks, seed: o.seed, totalRows: ds.nRows });
}

/** Sampled metrics of every fitted k. */
export async function scaleMetrics(ds: LargeDataset, pipeline: DatasetPipeline, centers: readonly Matrix[], o: Pick<ScaleBundleOptions, 'metricSamples' | 'metricSampleRows' | 'seed'>): Promise<SampledMetrics[]> {
  const rows = Math.min(ds.nRows, o.metricSamples * o.metricSampleRows);
  const per = Math.floor(rows / o.metricSamples);
  const pooled = await sampleFeatures(ds, pipeline, per * o.metricSamples, o.seed + 2);
  return sampledMetrics(pooled, centers, o.metricSamples, per);
}

/** The k with the best mean sampled silhouette (ties: the smaller k). */
export function bestSilhouetteK(metrics: readonly SampledMetrics[]): number {
  let best = metrics[0];
  for (const m of metrics) if (m.silhouette.mean > best.silhouette.mean) best = m;
  return best.k;
}

/** A KMeans holding given centres (predict and transform as a fitted KMeans; training labels not kept). */
export function kmeansFromCenters(centers: Matrix, inertia: number, steps: number, seed: number): KMeans {
  const rows: number[][] = [];
  for (let j = 0; j < centers.rows; j++) rows.push(Array.from(centers.data.subarray(j * centers.cols, (j + 1) * centers.cols)));
  return KMeans.fromJSON({
    kind: 'KMeans',
    options: { k: centers.rows, nInit: 1, maxIter: 300, tol: 1e-4, algorithm: 'auto', init: rows, seed, nThreads: 'auto' },
    centers: rows, labels: [], inertia, nIter: steps,
  });
}

/**
 * Assemble the bundle from the fitted pieces (schema, pipeline, centres, personas, distributions, metadata).
 */
export async function assembleScaleBundle(
  ds: LargeDataset,
  o: Pick<ScaleBundleOptions, 'dataset' | 'idColumns' | 'distributionRows' | 'seed'>,
  pipeline: DatasetPipeline,
  model: { centers: Matrix; inertia: number; sizes: number[]; steps: number },
  personas: SqlPersonaFit | null,
  notes: readonly string[],
): Promise<ModelBundle> {
  const inputs = scaleInputColumns(ds, o.dataset, o.idColumns);
  const k = model.centers.rows;
  const raw = await ds.sample(o.distributionRows, o.seed + 3);
  const X = pipeline.transform(raw).X;
  const labels = nearestCentres(X, model.centers);
  let personaLabels: Int32Array | null = null;
  if (personas) personaLabels = personas.model.assign(withPersonaScores(raw, personaPresetFor(personas.presetId))).labels;
  const training = trainingDistribution(X, pipeline.featureNames, labels, k, personaLabels, personas ? personas.model.personas.length : 0);
  training.segmentShares = model.sizes.map((s) => s / ds.nRows);
  if (personas && training.personaShares) training.personaShares = personas.counts.map((c) => c / ds.nRows);
  const n = ds.nRows.toLocaleString('en-US');
  return {
    meta: {
      format: BUNDLE_FORMAT,
      createdAt: new Date().toISOString(),
      dataset: { id: o.dataset, description: `${o.dataset}: ${n} rows read out of core (DuckDB) from ${ds.file}`, file: ds.file, sha256: sha256File(ds.file), rows: ds.nRows },
      seeds: { pipeline: o.seed, kmeans: o.seed },
      packages: [...packageVersions(), { name: '@duckdb/node-api', version: packageVersion('@duckdb/node-api') }],
      node: process.version,
      assignWith: 'clusterer',
      clusterSpace: 'features',
      segmentNames: Array.from({ length: k }, (_, i) => `segment ${i}`),
      notes: [...notes, `Training feature deciles from a seeded sample of ${Math.min(o.distributionRows, ds.nRows).toLocaleString('en-US')} rows; segment${personas ? ' and persona' : ''} shares over all ${n} rows.`],
    },
    schema: scaleSchema(ds, inputs),
    pipeline,
    encoder: null,
    clusterer: kmeansFromCenters(model.centers, model.inertia, model.steps, o.seed),
    classifier: null,
    personas: personas ? { presetId: personas.presetId, model: personas.model } : null,
    training,
  };
}

/**
 * Fit a model bundle on a large dataset (see the module comment). Save it with `saveBundle(dir, fit.bundle)`.
 * @throws ValidationError for a k not among ks, and the errors of the steps.
 * @example const ds = await openLargeDataset('customers.parquet', { types: { customer_id: 'id' } });
 *          const fit = await fitBundleAtScale(ds, { dataset: 'synthetic-bank', idColumns: ['customer_id'] });
 */
export async function fitBundleAtScale(ds: LargeDataset, options: Partial<ScaleBundleOptions> & { dataset: string }): Promise<ScaleBundleFit> {
  const o = { ...DEFAULT_SCALE_BUNDLE_OPTIONS, ...options };
  if (o.k !== 'auto' && !o.ks.includes(o.k)) throw new ValidationError(`k=${o.k} should be one of ks=${JSON.stringify(o.ks)} (or 'auto')`);
  const step = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    o.onStep?.(name, (performance.now() - t0) / 1000);
    return r;
  };
  const pipe = await step('pipeline fit (SQL)', () => fitPipelineSql(ds, { ...o.pipeline, dataset: o.dataset, seed: o.seed }));
  const km = await step('mini-batch K-Means', () => fitScaleKMeans(ds, pipe.pipeline, o));
  const metrics = await step('sampled metrics', () => scaleMetrics(ds, pipe.pipeline, km.models.map((m) => m.centers), o));
  const k = o.k === 'auto' ? bestSilhouetteK(metrics) : o.k;
  let personas: SqlPersonaFit | null = null;
  if (o.personas) {
    let has = true;
    try { personaPresetFor(o.dataset); } catch { has = false; }
    if (has) personas = await step('personas (SQL)', () => fitPersonasSql(ds, o.dataset, o.seed));
  }
  const chosen = km.models.find((m) => m.k === k)!;
  const notes = [
    ...pipe.notes,
    `Mini-batch K-Means (batches of ${o.kmeans.batchSize ?? 2048} rows) trained on ${km.trainingRows.toLocaleString('en-US')} rows drawn from every block of ${o.chunkRows.toLocaleString('en-US')} streamed rows, initialized on a seeded sample of ${Math.min(o.initRows, ds.nRows).toLocaleString('en-US')} rows; inertia and segment sizes from a full assignment pass over all ${ds.nRows.toLocaleString('en-US')} rows.`,
    `Validity metrics on ${o.metricSamples} seeded samples of ${o.metricSampleRows.toLocaleString('en-US')} rows (mean ± 95 % t-interval half-width); k = ${k}${o.k === 'auto' ? ' (best mean sampled silhouette)' : ''}.`,
  ];
  const bundle = await step('bundle', () => assembleScaleBundle(ds, o, pipe.pipeline, chosen, personas, notes));
  return { bundle, pipeline: pipe, kmeans: km, metrics, personas, k, notes };
}
