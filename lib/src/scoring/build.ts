/** Assemble a model bundle from the pieces a notebook has fitted. */
import { columnsWithRole } from '../data/registry';
import type { LoadedDataset } from '../data/load-dataset';
import { sha256File } from '../data/checksum';
import type { Matrix } from '../core/matrix';
import type { KMeans } from '../cluster/kmeans';
import type { DatasetPipeline } from '../features/presets';
import type { Autoencoder } from '../neural/autoencoder';
import type { MlpClassifier } from '../neural/mlp-classifier';
import { PersonaModel } from '../personas/rules';
import { personaPresetOf } from '../personas/presets';
import { withPersonaScores } from '../personas/scores';
import { trainingDistribution } from './drift';
import { schemaOf } from './schema';
import { trainingRanges } from './ranges';
import { BUNDLE_FORMAT, packageVersions, type ModelBundle } from './bundle';

/** What {@link buildBundle} needs. */
export interface BuildBundleInput {
  loaded: LoadedDataset;
  /** The fitted pipeline and its training matrix. */
  pipeline: DatasetPipeline;
  X: Matrix;
  /** The fitted clusterer (in feature space, or in the encoder's space when `encoder` is given). */
  clusterer: KMeans;
  encoder?: Autoencoder | null;
  classifier?: MlpClassifier | null;
  assignWith?: 'clusterer' | 'classifier';
  segmentNames?: string[];
  /** Fit the data set's persona preset (default true where one exists). */
  personas?: boolean;
  seeds?: Record<string, number>;
  notes?: string[];
}

/**
 * The input columns a bundle requires of new data: every column of the prepared table but the target, ids and the
 * labelled segment (a date column appears as its day count; scoring reads the raw date and converts it as the spec says).
 */
export function inputColumns(loaded: LoadedDataset): string[] {
  const excluded = new Set(columnsWithRole(loaded.spec, 'target', 'truth', 'id'));
  return loaded.table.columns.filter((c) => !excluded.has(c.name) && c.kind !== 'id').map((c) => c.name);
}

export function buildBundle(b: BuildBundleInput): ModelBundle {
  const { loaded } = b;
  const table = loaded.table;
  const k = b.clusterer.centers.rows;
  const segments = b.clusterer.labels.length === table.nRows
    ? b.clusterer.labels
    : b.clusterer.predict(b.encoder ? b.encoder.transform(b.X) : b.X);
  let personas: ModelBundle['personas'] = null;
  let personaLabels: Int32Array | null = null;
  let nPersonas = 0;
  if (b.personas !== false) {
    // the spec's personas: a built-in preset it names, the rules it defines, or none
    const preset = personaPresetOf(loaded.spec);
    if (preset) {
      const scored = withPersonaScores(table, preset);
      const model = new PersonaModel(preset.personas).fit(scored);
      personaLabels = model.assign(scored).labels;
      nPersonas = preset.personas.length;
      personas = { presetId: preset.id, model };
    }
  }
  const file = loaded.source.file;
  return {
    meta: {
      format: BUNDLE_FORMAT,
      createdAt: new Date().toISOString(),
      dataset: { id: loaded.spec.id, description: loaded.source.description, file, sha256: file ? sha256File(file) : null, rows: table.nRows },
      seeds: b.seeds ?? {},
      packages: packageVersions(),
      node: process.version,
      assignWith: b.assignWith ?? (b.classifier ? 'classifier' : 'clusterer'),
      clusterSpace: b.encoder ? 'embedding' : 'features',
      segmentNames: b.segmentNames ?? Array.from({ length: k }, (_, i) => `segment ${i}`),
      notes: b.notes ?? [],
      spec: loaded.spec,
    },
    schema: schemaOf(table, inputColumns(loaded)),
    pipeline: b.pipeline,
    encoder: b.encoder ?? null,
    clusterer: b.clusterer,
    classifier: b.classifier ?? null,
    personas,
    training: trainingDistribution(b.X, b.pipeline.featureNames, segments, k, personaLabels, nPersonas),
    ranges: trainingRanges(table, inputColumns(loaded)),
  };
}
