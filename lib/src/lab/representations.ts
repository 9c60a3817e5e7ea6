/**
 * The feature spaces a clustering comparison runs in ("representations") for one loaded data set:
 *
 * - `raw`: the data set's clustering columns (registry `clusteringColumns`: never ids, the synthetic ground truth
 *   `segment`, nor the target unless `includeTarget`; `duration` left out by default, as in the engineered pipeline,
 *   because it is known only after the call). Numeric columns mean-imputed and standardized (population std),
 *   categorical columns one-hot encoded (0/1, a `<missing>` column when values are missing). The same columns also in
 *   mixed form for k-prototypes: the standardized numeric Matrix and the categorical codes as a CodeMatrix.
 * - `engineered`: the output of the data set's preset pipeline (`buildPipeline(id).fit(table)`).
 * - `embedding`: an autoencoder embedding read from `outputs/models/<dataset>/embedding.json` when the file exists.
 *   Formats: `{ "rows": n, "cols": d, "data": number[] }` inline, or a header `{rows, cols, dataFile}` with the
 *   float64 values in `dataFile` (see {@link readEmbedding}); one row per row of the loaded table in table order.
 *   Absent, unreadable or mis-shaped files are skipped with the reason recorded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import type { CodeMatrix } from '../cluster/kprototypes';
import { outputsDir } from '../data/datadir';
import type { LoadedDataset } from '../data/load-dataset';
import { clusteringColumns, postOutcomeColumns, type ColumnLevel } from '../data/registry';
import { categoricalColumn, isNumeric, selectColumns, type Table } from '../data/table';
import { buildPipeline, type DatasetPipeline, type PresetOptions } from '../features/presets';
import { OneHotEncoder } from '../features/one-hot-encoder';
import { SimpleImputer } from '../features/simple-imputer';
import { StandardScaler } from '../features/standard-scaler';
import { tableToMatrix } from '../features/table-to-matrix';
import { displayPath } from '../display/path';

/** The mixed numeric + categorical form of a representation (for k-prototypes). */
export interface MixedFeatures {
  /** Standardized numeric columns, n×p. */
  readonly numeric: Matrix;
  /** Categorical codes, n×q (-1 = missing). */
  readonly categorical: CodeMatrix;
  readonly numericNames: readonly string[];
  readonly categoricalNames: readonly string[];
  /** Levels of each categorical column (code → level). */
  readonly levels: readonly (readonly string[])[];
}

/** One feature space: a matrix with a row per customer (table order) and a name per column. */
export interface Representation {
  /** Short name used in tables ('raw', 'engineered', 'embedding', …). */
  readonly name: string;
  /** One sentence: what the columns are. */
  readonly description: string;
  readonly X: Matrix;
  readonly featureNames: readonly string[];
  /** The mixed form (raw representation only), or null. */
  readonly mixed: MixedFeatures | null;
}

/** What {@link buildRepresentations} returns. */
export interface RepresentationSet {
  /** Data set id. */
  readonly dataset: string;
  readonly raw: Representation;
  readonly engineered: Representation;
  /** The autoencoder embedding, or null (see `embeddingNote`). */
  readonly embedding: Representation | null;
  /** Where the embedding was looked for and whether it was used (or why not). */
  readonly embeddingNote: string;
  /** The representations in comparison order: raw, engineered, embedding (when present). */
  readonly all: readonly Representation[];
  /** The fitted preset pipeline of the engineered representation. */
  readonly pipeline: DatasetPipeline;
  /** The clustering columns of the raw representation. */
  readonly rawColumns: readonly string[];
}

/** Options of {@link buildRepresentations}. */
export interface RepresentationOptions {
  /** Let the target enter the raw and engineered representations (off by default; say so when on). */
  includeTarget: boolean;
  /** Clustering columns left out of `raw` (null: the spec's post-outcome columns, e.g. `duration`, known only after the call). */
  exclude: readonly string[] | null;
  /** Column levels that may enter `raw` (null: the registry's default, customer + history + contact + campaign). */
  levels: readonly ColumnLevel[] | null;
  /** Embedding file, '' for the default `outputs/models/<dataset>/embedding.json`, or null to skip the embedding. */
  embeddingFile: string | null;
  /** Options passed to the preset pipeline (`includeTarget` is taken from above). */
  pipeline: Partial<PresetOptions>;
  /** An already fitted pipeline to reuse for `engineered` (its training rows must be the table's rows). */
  fittedPipeline: DatasetPipeline | null;
}

/** Defaults of {@link RepresentationOptions}. */
export const DEFAULT_REPRESENTATION_OPTIONS: RepresentationOptions = {
  includeTarget: false,
  exclude: null,
  levels: null,
  embeddingFile: '',
  pipeline: {},
  fittedPipeline: null,
};

/** Options of {@link standardizedRepresentation}. */
export interface StandardizedRepresentationOptions {
  /** Name of the representation. Default 'raw'. */
  name: string;
  /** Imputation of numeric columns. Default 'mean' (seed 001's preparation of CC GENERAL). */
  impute: 'mean' | 'median';
  /** Build the k-prototypes form as well (needs at least one numeric and one categorical column). Default true. */
  mixed: boolean;
}

/** Defaults of {@link StandardizedRepresentationOptions}. */
export const DEFAULT_STANDARDIZED_REPRESENTATION_OPTIONS: StandardizedRepresentationOptions = { name: 'raw', impute: 'mean', mixed: true };

/**
 * Given columns of a table: numeric ones imputed (mean by default) and standardized, categorical ones one-hot encoded.
 * With only numeric columns and mean imputation this is exactly seed 001's CC GENERAL preparation (scikit-learn
 * `SimpleImputer(strategy='mean')` then `StandardScaler()`).
 * Complexity: O(n·(p + L)) for p numeric columns and L one-hot columns.
 * @throws ValidationError when a column is absent or no column is given.
 * @example standardizedRepresentation(table, ['BALANCE', 'PURCHASES']).X // n×2, each column mean 0 and std 1
 */
export function standardizedRepresentation(table: Table, columns: readonly string[], options: Partial<StandardizedRepresentationOptions> = {}): Representation {
  const o = { ...DEFAULT_STANDARDIZED_REPRESENTATION_OPTIONS, ...options };
  if (!columns || columns.length === 0) throw new ValidationError('standardizedRepresentation: columns should name at least one column');
  const missing = columns.filter((c) => !table.columns.some((x) => x.name === c));
  if (missing.length) throw new ValidationError(`standardizedRepresentation: column(s) ${missing.join(', ')} not in the table`);
  const sub = selectColumns(table, columns);
  const numNames = sub.columns.filter(isNumeric).map((c) => c.name);
  const catNames = sub.columns.filter((c) => !isNumeric(c)).map((c) => c.name);
  let t = sub;
  if (numNames.length) {
    t = new SimpleImputer({ strategy: o.impute, columns: numNames, allMissing: 'drop' }).fitTransform(t);
    t = new StandardScaler({ columns: numNames }).fitTransform(t);
  }
  const keptNum = numNames.filter((c) => t.columns.some((x) => x.name === c));
  const encoded = catNames.length ? new OneHotEncoder({ columns: catNames, handleMissing: 'indicator' }).fitTransform(t) : t;
  const { X, featureNames } = tableToMatrix(encoded);
  let mixed: MixedFeatures | null = null;
  if (o.mixed && keptNum.length > 0 && catNames.length > 0) {
    const numeric = tableToMatrix(selectColumns(t, keptNum)).X;
    const n = table.nRows, q = catNames.length;
    const codes = new Int32Array(n * q);
    const levels: string[][] = [];
    catNames.forEach((name, j) => {
      const c = categoricalColumn(t, name);
      levels.push([...c.levels]);
      for (let i = 0; i < n; i++) codes[i * q + j] = c.codes[i];
    });
    mixed = { numeric, categorical: { data: codes, rows: n, cols: q }, numericNames: keptNum, categoricalNames: catNames, levels };
  }
  const parts = [`${keptNum.length} numeric column(s) ${o.impute}-imputed and standardized`];
  if (catNames.length) parts.push(`${catNames.length} categorical column(s) one-hot encoded`);
  return { name: o.name, description: `${parts.join(', ')} → ${X.cols} columns`, X, featureNames, mixed };
}

/**
 * Read an embedding file; null with the reason when absent or unusable. Two forms are accepted:
 * - inline: `{ "rows": n, "cols": d, "data": number[] }` (row-major, n·d numbers);
 * - header + binary (notebook 03's `seglab-embedding/1`): `{ "rows": n, "cols": d, "dataFile": "embedding.f64", … }`
 *   with the n·d float64 values, little-endian, row-major, in `dataFile` next to the header.
 * Either way one row per row of the loaded table, in table order, every value finite.
 * @param expectedRows the number of rows the embedding must have (the table's).
 */
export function readEmbedding(file: string, expectedRows: number): { X: Matrix | null; note: string } {
  const shown = displayPath(file);
  if (!fs.existsSync(file)) return { X: null, note: `no autoencoder embedding at ${shown} (run notebook 03 to create it): skipped` };
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8')) as { rows?: unknown; cols?: unknown; data?: unknown; dataFile?: unknown; byteOrder?: unknown };
    const rows = Number(j.rows), cols = Number(j.cols);
    const inline = Array.isArray(j.data);
    const binary = typeof j.dataFile === 'string';
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1 || (!inline && !binary)) {
      return { X: null, note: `${shown} is neither {rows, cols, data: number[]} nor {rows, cols, dataFile}: skipped` };
    }
    if (rows !== expectedRows) return { X: null, note: `${shown} has ${rows} rows but the data set has ${expectedRows}: skipped` };
    let data: Float64Array;
    if (inline) {
      const arr = j.data as unknown[];
      if (arr.length !== rows * cols) return { X: null, note: `${shown}: data has ${arr.length} values, expected rows·cols = ${rows * cols}: skipped` };
      data = Float64Array.from(arr as number[]);
    } else {
      if (j.byteOrder !== undefined && j.byteOrder !== 'little-endian') return { X: null, note: `${shown}: byteOrder ${String(j.byteOrder)} is not supported: skipped` };
      const bin = path.join(path.dirname(file), j.dataFile as string);
      if (!fs.existsSync(bin)) return { X: null, note: `${shown} points to ${displayPath(bin)}, which does not exist: skipped` };
      const buf = fs.readFileSync(bin);
      if (buf.length !== rows * cols * 8) return { X: null, note: `${displayPath(bin)} has ${buf.length} bytes, expected rows·cols·8 = ${rows * cols * 8}: skipped` };
      data = new Float64Array(rows * cols);
      for (let i = 0; i < data.length; i++) data[i] = buf.readDoubleLE(i * 8);
    }
    for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return { X: null, note: `${shown}: value ${i} is not finite: skipped` };
    return { X: { data, rows, cols }, note: `autoencoder embedding read from ${shown} (${rows} × ${cols})` };
  } catch (e) {
    return { X: null, note: `${shown} could not be read (${(e as Error).message}): skipped` };
  }
}

/**
 * Build the raw, engineered and (when present) embedding representations of a loaded data set.
 * Complexity: O(n·d) for raw; the preset pipeline's cost for engineered (O(n·d²) correlation stage).
 * @throws ValidationError when the pipeline's training rows do not match the table's rows.
 * @example const reps = buildRepresentations(loadDataset('cc-general')); reps.all.map((r) => r.name) // ['raw', 'engineered']
 */
export function buildRepresentations(loaded: LoadedDataset, options: Partial<RepresentationOptions> = {}): RepresentationSet {
  const o = { ...DEFAULT_REPRESENTATION_OPTIONS, ...options };
  if (!loaded || !loaded.table || !loaded.spec) throw new ValidationError('buildRepresentations: loaded should be the result of loadDataset');
  const { table, spec } = loaded;
  const id = loaded.source?.id ?? spec.id;
  const rawColumns = clusteringColumns(spec, { includeTarget: o.includeTarget, exclude: o.exclude ?? postOutcomeColumns(spec), ...(o.levels ? { levels: o.levels } : {}) }).filter((c) => table.columns.some((x) => x.name === c));
  const raw = standardizedRepresentation(table, rawColumns, { name: 'raw', impute: 'mean', mixed: true });
  const pipeline = o.fittedPipeline ?? buildPipeline(spec, { ...o.pipeline, includeTarget: o.includeTarget }).fit(table);
  const E = pipeline.X;
  if (E.rows !== table.nRows) throw new ValidationError(`buildRepresentations: the pipeline matrix has ${E.rows} rows, the table ${table.nRows}`);
  const engineered: Representation = {
    name: 'engineered',
    description: `the ${id} feature pipeline of notebook 02 (${spec.featureSet ? 'engineered features, ' : spec.derived.length ? 'derived features, ' : ''}Yeo–Johnson, scaling, one-hot, selection) → ${E.cols} columns`,
    X: E, featureNames: pipeline.featureNames, mixed: null,
  };
  let embedding: Representation | null = null;
  let embeddingNote = 'embedding not requested';
  if (o.embeddingFile !== null) {
    const file = o.embeddingFile === '' ? outputsDir('models', id, 'embedding.json') : o.embeddingFile;
    const r = readEmbedding(file, table.nRows);
    embeddingNote = r.note;
    if (r.X) {
      embedding = {
        name: 'embedding', description: `autoencoder embedding (${r.X.cols} dimensions) from notebook 03`,
        X: r.X, featureNames: Array.from({ length: r.X.cols }, (_, j) => `z${j + 1}`), mixed: null,
      };
    }
  }
  return { dataset: id, raw, engineered, embedding, embeddingNote, all: embedding ? [raw, engineered, embedding] : [raw, engineered], pipeline, rawColumns };
}
