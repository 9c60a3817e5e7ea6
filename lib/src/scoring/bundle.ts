/**
 * One model bundle: a folder with everything needed to assign new customers to segments and personas — the fitted
 * preprocessing pipeline, the optional encoder, the clusterer, the optional classifier, the persona rules with their
 * fitted thresholds, the input schema, training distributions for drift, and metadata (package versions, data
 * sha256, seeds, creation time). Written atomically: a half-written bundle never replaces a good one.
 *
 * Integrity: `bundle.json` records its format version, the size and SHA-256 of every other file of the bundle, and
 * the SHA-256 of its own content (everything but the `integrity` record). `loadBundle` checks all of them, and that
 * every weight and centroid is finite, before anything is scored: a damaged bundle is refused naming the file.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataError, ValidationError } from '../core/errors';
import { removeStaleTemps, trackTemp, untrackTemp } from '../core/temp-files';
import { sha256File } from '../data/checksum';
import { REPORTED_PACKAGES, packageVersion } from '../core/environment';
import { KMeans, type KMeansJSON } from '../cluster/kmeans';
import { DatasetPipeline, type DatasetPipelineJSON } from '../features/presets';
import { Autoencoder } from '../neural/autoencoder';
import { MlpClassifier } from '../neural/mlp-classifier';
import { PersonaModel, type PersonaModelJSON } from '../personas/rules';
import type { TableSchema } from './schema';
import type { TrainingDistribution } from './drift';
import type { ColumnRange } from './ranges';
import type { DatasetSpec } from '../data/registry';

/** Format version of `bundle.json` (2: with the integrity record). */
export const BUNDLE_FORMAT = 2;

/** A model bundle that cannot be used: damaged, incomplete, or of another format. Names the file. */
export class BundleError extends DataError {
  override name = 'BundleError';
}

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
  /** Training range of every numeric input column (for range checks when scoring); absent in older bundles. */
  ranges?: ColumnRange[];
}

/** One file of a bundle as recorded in `bundle.json`: path relative to the bundle folder (with `/`), size, hash. */
export interface BundleFileRecord {
  path: string;
  bytes: number;
  sha256: string;
}

/** The integrity record of `bundle.json`. */
export interface BundleIntegrity {
  /** Every file of the bundle but bundle.json itself. */
  files: BundleFileRecord[];
  /** SHA-256 of bundle.json's JSON text without the integrity record. */
  content: string;
}

interface BundleJSON {
  meta: BundleMetadata;
  schema: TableSchema;
  pipeline: DatasetPipelineJSON;
  clusterer: KMeansJSON;
  personas: { presetId: string; model: PersonaModelJSON } | null;
  training: TrainingDistribution;
  ranges?: ColumnRange[];
  files: { encoder: string | null; classifier: string | null };
  integrity?: BundleIntegrity;
}

const sha256Text = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');

/** Every file under `root`, as sorted paths relative to it with `/` separators. */
function listFiles(root: string, sub = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}

/** Size and SHA-256 of every file of a bundle folder except bundle.json. */
export function bundleFileRecords(dir: string): BundleFileRecord[] {
  return listFiles(dir)
    .filter((f) => f !== 'bundle.json')
    .map((f) => {
      const abs = path.join(dir, ...f.split('/'));
      return { path: f, bytes: fs.statSync(abs).size, sha256: sha256File(abs) };
    });
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
  removeStaleTemps(abs);
  const tmp = `${abs}.tmp-${process.pid}-${Date.now()}`;
  const old = `${abs}.old-${process.pid}-${Date.now()}`;
  trackTemp(tmp);
  fs.mkdirSync(tmp, { recursive: true });
  try {
    if (b.encoder) b.encoder.save(path.join(tmp, 'encoder'));
    if (b.classifier) b.classifier.save(path.join(tmp, 'classifier'));
    const json: BundleJSON = {
      meta: b.meta, schema: b.schema, pipeline: b.pipeline.toJSON(), clusterer: b.clusterer.toJSON(),
      personas: b.personas ? { presetId: b.personas.presetId, model: b.personas.model.toJSON() } : null,
      training: b.training,
      ...(b.ranges ? { ranges: b.ranges } : {}),
      files: { encoder: b.encoder ? 'encoder' : null, classifier: b.classifier ? 'classifier' : null },
    };
    json.meta = { ...json.meta, format: BUNDLE_FORMAT };
    // the clusterer's training labels are not needed to score: keep the file small
    json.clusterer = { ...json.clusterer, labels: [] };
    const integrity: BundleIntegrity = { files: bundleFileRecords(tmp), content: sha256Text(JSON.stringify(json)) };
    fs.writeFileSync(path.join(tmp, 'bundle.json'), JSON.stringify({ ...json, integrity }) + '\n');
    if (fs.existsSync(abs)) {
      trackTemp(old);
      fs.renameSync(abs, old);
    }
    fs.renameSync(tmp, abs);
    fs.rmSync(old, { recursive: true, force: true });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    // the previous bundle was moved aside but the new one did not take its place: put it back
    if (!fs.existsSync(abs) && fs.existsSync(old)) fs.renameSync(old, abs);
    throw e;
  } finally {
    untrackTemp(tmp);
    untrackTemp(old);
  }
}

/** Why a bundle cannot be used, as one sentence naming the bundle and the file. */
function damaged(dir: string, file: string, problem: string): BundleError {
  return new BundleError(
    `model bundle ${dir} is damaged: ${file} ${problem}; nothing was scored. Re-run notebooks/06-classifier.ipynb to write the bundle again.`,
    path.join(dir, file),
  );
}

/** Check the integrity record of a parsed bundle.json against its own content and the files beside it. */
function verifyIntegrity(dir: string, json: BundleJSON): void {
  const integ = json.integrity;
  if (!integ || typeof integ !== 'object' || !Array.isArray(integ.files) || typeof integ.content !== 'string') {
    throw damaged(dir, 'bundle.json', 'has no integrity record (sizes and SHA-256 of the bundle files)');
  }
  const { integrity: _i, ...content } = json;
  if (sha256Text(JSON.stringify(content)) !== integ.content) {
    throw damaged(dir, 'bundle.json', 'was changed after it was written (its content does not match the SHA-256 it records)');
  }
  for (const r of integ.files) {
    if (!r || typeof r.path !== 'string' || r.path.split('/').some((p) => p === '..' || p === '') || path.isAbsolute(r.path)) {
      throw damaged(dir, 'bundle.json', `records an invalid file path ${JSON.stringify(r?.path)}`);
    }
    const abs = path.join(dir, ...r.path.split('/'));
    if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) throw damaged(dir, r.path, 'is missing');
    const bytes = fs.statSync(abs).size;
    if (bytes !== r.bytes) throw damaged(dir, r.path, `is ${bytes} bytes where the bundle recorded ${r.bytes} (truncated or replaced)`);
    if (sha256File(abs) !== r.sha256) throw damaged(dir, r.path, 'does not match the SHA-256 recorded in bundle.json (its content was changed)');
  }
  for (const sub of [json.files?.encoder, json.files?.classifier]) {
    if (!sub) continue;
    for (const f of ['model.json', 'weights.bin']) {
      if (!integ.files.some((r) => r.path === `${sub}/${f}`)) throw damaged(dir, `${sub}/${f}`, 'is not recorded in bundle.json');
    }
  }
}

/**
 * Load a bundle saved by {@link saveBundle}, after checking its format version, the size and SHA-256 of every file,
 * the SHA-256 of bundle.json's content, and that weights and centroids are finite.
 * @throws ValidationError naming the folder when it holds no bundle
 * @throws BundleError naming the damaged file (truncated, changed, missing, not JSON, other format, NaN/Inf weights)
 */
export async function loadBundle(dir: string): Promise<ModelBundle> {
  const root = path.resolve(dir);
  const file = path.join(root, 'bundle.json');
  if (!fs.existsSync(file)) throw new ValidationError(`no model bundle in ${dir} (expected ${file}); train one with notebooks/06-classifier.ipynb`);
  let json: BundleJSON;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as BundleJSON;
  } catch (e) {
    throw damaged(dir, 'bundle.json', `is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!json || typeof json !== 'object' || !json.meta || typeof json.meta !== 'object') throw damaged(dir, 'bundle.json', 'does not describe a model bundle (no "meta")');
  if (json.meta.format !== BUNDLE_FORMAT) {
    throw new BundleError(
      `model bundle ${dir} has format ${JSON.stringify(json.meta.format)}, this version reads format ${BUNDLE_FORMAT}${json.meta.format === 1 ? ' (format 1 carries no integrity record)' : ''}: re-run notebooks/06-classifier.ipynb to write it again.`,
      file,
    );
  }
  verifyIntegrity(dir, json);
  let bundle: ModelBundle;
  let part = 'bundle.json';
  try {
    const pipeline = DatasetPipeline.fromJSON(json.pipeline);
    const clusterer = KMeans.fromJSON(json.clusterer);
    part = `${json.files.encoder}/`;
    const encoder = json.files.encoder ? await Autoencoder.load(path.join(root, json.files.encoder)) : null;
    part = `${json.files.classifier}/`;
    const classifier = json.files.classifier ? await MlpClassifier.load(path.join(root, json.files.classifier)) : null;
    part = 'bundle.json';
    const personas = json.personas ? { presetId: json.personas.presetId, model: PersonaModel.fromJSON(json.personas.model) } : null;
    bundle = { meta: json.meta, schema: json.schema, pipeline, clusterer, encoder, classifier, personas, training: json.training, ...(json.ranges ? { ranges: json.ranges } : {}) };
  } catch (e) {
    if (e instanceof BundleError) throw e;
    throw damaged(dir, part, `cannot be read back: ${e instanceof Error ? e.message : String(e)}`);
  }
  const c = bundle.clusterer.centers;
  for (let i = 0; i < c.data.length; i++) {
    if (!Number.isFinite(c.data[i])) {
      disposeBundle(bundle);
      throw damaged(dir, 'bundle.json', `holds a non-finite centroid value (${c.data[i]}) at position ${i}`);
    }
  }
  return bundle;
}

/** Free the tensors a loaded bundle holds. */
export function disposeBundle(b: ModelBundle): void {
  b.encoder?.dispose();
  b.classifier?.dispose();
}
