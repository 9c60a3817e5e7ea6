/**
 * One model bundle: a folder with everything needed to assign new customers to segments and personas — the fitted
 * preprocessing pipeline, the optional encoder, the clusterer, the optional classifier, the persona rules with their
 * fitted thresholds, the input schema, training distributions for drift, and metadata (package versions, data
 * sha256, seeds, creation time). Written atomically: a half-written bundle never replaces a good one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataError, ValidationError } from '../core/errors';
import { REPORTED_PACKAGES, packageVersion } from '../core/environment';
import { KMeans, type KMeansJSON } from '../cluster/kmeans';
import { DatasetPipeline, type DatasetPipelineJSON } from '../features/presets';
import { Autoencoder } from '../neural/autoencoder';
import { MlpClassifier } from '../neural/mlp-classifier';
import { PersonaModel, type PersonaModelJSON } from '../personas/rules';
import type { TableSchema } from './schema';
import type { TrainingDistribution } from './drift';
import type { DatasetSpec } from '../data/registry';

export const BUNDLE_FORMAT = 1;

/** Metadata of a bundle. */
export interface BundleMetadata {
  format: number;
  createdAt: string;
  dataset: { id: string; description: string; file: string | null; sha256: string | null; rows: number };
  seeds: Record<string, number>;
  packages: Array<{ name: string; version: string | null }>;
  node: string;
  /** How segments of new customers are assigned: the clusterer's nearest centroid, or the classifier's argmax. */
  assignWith: 'clusterer' | 'classifier';
  /** The space the clusterer lives in. */
  clusterSpace: 'features' | 'embedding';
  segmentNames: string[];
  notes: string[];
  /** The training data set's spec (how to read and prepare new customers, its personas); absent in older bundles. */
  spec?: DatasetSpec;
}

/** A loaded (or about to be saved) bundle. */
export interface ModelBundle {
  meta: BundleMetadata;
  schema: TableSchema;
  pipeline: DatasetPipeline;
  encoder: Autoencoder | null;
  clusterer: KMeans;
  classifier: MlpClassifier | null;
  personas: { presetId: string; model: PersonaModel } | null;
  training: TrainingDistribution;
}

interface BundleJSON {
  meta: BundleMetadata;
  schema: TableSchema;
  pipeline: DatasetPipelineJSON;
  clusterer: KMeansJSON;
  personas: { presetId: string; model: PersonaModelJSON } | null;
  training: TrainingDistribution;
  files: { encoder: string | null; classifier: string | null };
}

/** The package versions recorded in a bundle. */
export function packageVersions(): BundleMetadata['packages'] {
  return REPORTED_PACKAGES.map((name) => ({ name, version: packageVersion(name) }));
}

/** Save a bundle to `dir` (replacing an existing bundle there only once the new one is complete). */
export function saveBundle(dir: string, b: ModelBundle): void {
  if (b.meta.assignWith === 'classifier' && !b.classifier) throw new ValidationError('assignWith is "classifier" but the bundle has no classifier');
  if (b.meta.clusterSpace === 'embedding' && !b.encoder) throw new ValidationError('clusterSpace is "embedding" but the bundle has no encoder');
  const abs = path.resolve(dir);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const tmp = `${abs}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(tmp, { recursive: true });
  try {
    if (b.encoder) b.encoder.save(path.join(tmp, 'encoder'));
    if (b.classifier) b.classifier.save(path.join(tmp, 'classifier'));
    const json: BundleJSON = {
      meta: b.meta, schema: b.schema, pipeline: b.pipeline.toJSON(), clusterer: b.clusterer.toJSON(),
      personas: b.personas ? { presetId: b.personas.presetId, model: b.personas.model.toJSON() } : null,
      training: b.training,
      files: { encoder: b.encoder ? 'encoder' : null, classifier: b.classifier ? 'classifier' : null },
    };
    // the clusterer's training labels are not needed to score: keep the file small
    json.clusterer = { ...json.clusterer, labels: [] };
    fs.writeFileSync(path.join(tmp, 'bundle.json'), JSON.stringify(json) + '\n');
    const old = `${abs}.old-${process.pid}-${Date.now()}`;
    if (fs.existsSync(abs)) fs.renameSync(abs, old);
    fs.renameSync(tmp, abs);
    fs.rmSync(old, { recursive: true, force: true });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Load a bundle saved by {@link saveBundle}. @throws Error naming the folder when it holds no bundle. */
export async function loadBundle(dir: string): Promise<ModelBundle> {
  const file = path.join(path.resolve(dir), 'bundle.json');
  if (!fs.existsSync(file)) throw new ValidationError(`no model bundle in ${dir} (expected ${file}); train one with notebooks/06-classifier.ipynb`);
  let json: BundleJSON;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as BundleJSON;
  } catch (e) {
    throw new DataError(`cannot read the model bundle ${file}: ${e instanceof Error ? e.message : String(e)} (re-run notebooks/06-classifier.ipynb to write it again)`, file);
  }
  if (json.meta?.format !== BUNDLE_FORMAT) throw new ValidationError(`${file} has bundle format ${json.meta?.format}, this code reads format ${BUNDLE_FORMAT}`);
  return {
    meta: json.meta,
    schema: json.schema,
    pipeline: DatasetPipeline.fromJSON(json.pipeline),
    clusterer: KMeans.fromJSON(json.clusterer),
    encoder: json.files.encoder ? await Autoencoder.load(path.join(path.dirname(file), json.files.encoder)) : null,
    classifier: json.files.classifier ? await MlpClassifier.load(path.join(path.dirname(file), json.files.classifier)) : null,
    personas: json.personas ? { presetId: json.personas.presetId, model: PersonaModel.fromJSON(json.personas.model) } : null,
    training: json.training,
  };
}

/** Free the tensors a loaded bundle holds. */
export function disposeBundle(b: ModelBundle): void {
  b.encoder?.dispose();
  b.classifier?.dispose();
}
