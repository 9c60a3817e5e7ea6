/**
 * What the project knows about a data set: its spec. A spec is data, not code: the built-in data sets are spec
 * files (lib/specs/*.spec.json) of exactly the format a user writes for their own table, read by `spec-file.ts`; a
 * table given without a spec gets one by inference (`infer-schema.ts`). This file holds the resolved spec type, the
 * registry of built-in specs, and the column helpers every notebook uses.
 *
 * Column levels (what a column describes; user tables default to `customer`):
 * - `customer`: who the customer is (age, job, balance, card usage…);
 * - `history`: the customer's record with earlier campaigns (pdays, previous, poutcome): behaviour, customer-level;
 * - `contact`: the current campaign's contact (contact channel, month, day, call duration, number of calls):
 *   describes the campaign's call rather than the customer, and `duration` is only known after the call;
 * - `campaign`: macro-economic context of the campaign period (UCI's five indicators), identical for everyone called
 *   in the same period: not a customer trait;
 * - `outcome`: the target (`y`, `deposit`) and a labelled segment: for description and evaluation only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DateFormat } from './csv-values';

/**
 * The role of a column: how the lab uses it.
 * - `numeric`, `categorical`, `binary` (two values), `ordinal` (ordered levels): features;
 * - `date`: turned into days before the reference date (`asOf`), then a numeric feature;
 * - `id`: identifies a customer (copied to scoring output, never a feature);
 * - `target`: an outcome (churn, response, deposit): described per segment, never a feature;
 * - `truth`: a labelled segment (synthetic ground truth or a segment column of the user's): evaluation only (ARI);
 * - `text`: free text, dropped; `ignore`: dropped (constant, near-unique, or left out by the user).
 */
export type ColumnRole = 'numeric' | 'categorical' | 'binary' | 'ordinal' | 'date' | 'id' | 'target' | 'truth' | 'text' | 'ignore';
/** Every role, in documentation order. */
export const COLUMN_ROLES: readonly ColumnRole[] = ['numeric', 'categorical', 'binary', 'ordinal', 'date', 'id', 'target', 'truth', 'text', 'ignore'];
/** What a column describes (see the file comment). */
export type ColumnLevel = 'customer' | 'history' | 'contact' | 'campaign' | 'outcome';
/** Every level. */
export const COLUMN_LEVELS: readonly ColumnLevel[] = ['customer', 'history', 'contact', 'campaign', 'outcome'];
/** How a column is stored in the loaded table. */
export type ColumnType = 'numeric' | 'categorical' | 'date';

/** One column of a data set. */
export interface DatasetColumn {
  name: string;
  role: ColumnRole;
  level: ColumnLevel;
  /** One line for the glossary: what the column means. */
  description: string;
  /** Storage type when it differs from the role's usual one (a 0/1 `binary` stays numeric, a coded target…). */
  type?: ColumnType;
  /** Ordinal columns: the levels, lowest first. */
  levels?: string[];
  /** Numbers written for people (currency signs, thousands separators): the decimal mark; read leniently. */
  decimal?: '.' | ',';
  /** Date columns: the layout of the texts (ISO dates need none). */
  dateFormat?: DateFormat;
  /** Texts read as missing in this column, besides the data set's `missing` list. */
  missing?: string[];
  /** Known only after the outcome (the call `duration`): left out of segmentations unless asked for. */
  postOutcome?: boolean;
}

/** A value that is not what it looks like (`pdays` 999 = never contacted; `unknown` = missing category). */
export interface Sentinel {
  column: string;
  value: number | string;
  meaning: string;
}

/** Identifiers of data sets: the built-in ones, and any id a spec file or a file name gives. */
export type DatasetId = string;

/** How a sentinel-coded numeric column is split by the feature pipeline: a 0/1 flag and the value. */
export interface SentinelExpansion {
  column: string;
  sentinel: number;
  /** Name of the flag (1 = a real value, 0 = the sentinel). */
  flag: string;
  /** Name of the value column (the original name to keep it). */
  value: string;
  /** What the value holds on sentinel rows: 'nan' (imputed later) or the training 'median'. */
  fill: 'nan' | 'median';
}

/** The feature pipeline's settings a spec may give (defaults: the generic pipeline for unknown tables). */
export interface PipelineSettings {
  /** Yeo–Johnson on numeric columns with |skewness| at least this. */
  skewThreshold: number;
  /** Add a 0/1 `<column>_missing` flag where more than this share is missing; null: never. */
  missingFlags: number | null;
  /** Group categories rarer than this share into "other"; 0: never. */
  rareCategories: number;
  /** Sentinel expansions; null: one per numeric sentinel of the columns (flag `has_<column>`, median fill). */
  expand: SentinelExpansion[] | null;
  /** Columns the pipeline leaves out (still described by the EDA and the profiles). */
  drop: string[];
}

/** The generic pipeline's settings (unknown tables). */
export const GENERIC_PIPELINE_SETTINGS: PipelineSettings = { skewThreshold: 1, missingFlags: 0.05, rareCategories: 0.01, expand: null, drop: [] };

/** An engineered feature a spec asks for: `{ name: 'spend_per_order', expr: 'spend / orders' }`. */
export interface DerivedSpec {
  name: string;
  /** `+ - * /`, `log1p(…)`, parentheses, column names (`"a name"` when it has spaces), numbers. */
  expr: string;
  description?: string;
}

/** A row of a strategy table: segments whose top traits include `feature` in `direction` get the strategy. */
export interface StrategyRow {
  feature: string;
  direction: 'high' | 'low';
  strategy: string[];
  channel?: string;
}

/** Everything the project knows about one data set (the resolved form of a spec file). */
export interface DatasetSpec {
  id: DatasetId;
  title: string;
  /** 'real' data is read from a file; 'synthetic' is generated by `generator`. */
  kind: 'real' | 'synthetic';
  /** The data file: a name in the data directory, or a path (relative to the spec file, the data directory or the working directory). */
  file: string | null;
  /** The synthetic generator (synthetic data only). */
  generator: 'bank' | 'credit-card' | null;
  /** Official source page (or how it was made). */
  sourceUrl: string;
  /** Direct download (UCI only; Kaggle needs a signed-in download). */
  downloadUrl: string | null;
  /** SHA-256 of the file as published (SOURCES.md). */
  sha256: string | null;
  /** Field delimiter, or null to sniff it. */
  delimiter: string | null;
  /** Rows of the published file. */
  rows: number | null;
  license: string;
  columns: DatasetColumn[];
  sentinels: Sentinel[];
  /** The target column, or null. */
  target: string | null;
  /** The positive class of the target. */
  positiveClass: string | null;
  /** The labelled-segment (ground-truth) column, or null. */
  truth: string | null;
  /** The customer id column, or null. */
  idColumn: string | null;
  /** Columns dropped at load time (never seen by the lab). */
  dropColumns: string[];
  /** Cell texts read as missing (null: the CSV loader's default list). */
  missing: string[] | null;
  /** Reference date of the `date` columns (ISO), fixed once so new customers are measured the same way. */
  asOf: string | null;
  /** Built-in engineered feature set (`bank-additional`, `bank-kaggle`, `credit-card`), or null. */
  featureSet: string | null;
  /** Features the selection keeps in preference, most preferred first. */
  prefer: string[];
  pipeline: PipelineSettings;
  /** Engineered features of the user's (expressions). */
  derived: DerivedSpec[];
  /** A persona preset id (`bank`, `credit-card`) or the user's persona rules; null: no personas. */
  personas: string | PersonaSpec | null;
  /** A strategy table for generated segments; empty: none. */
  strategies: StrategyRow[];
  notes: string[];
  /** Where the spec came from: 'built-in', 'spec file x.spec.json', 'inferred from x.csv'. */
  origin: string;
  /** Descriptions a spec file gives for columns whose role it leaves to inference. */
  undeclared?: Record<string, string>;
}

/** Persona rules in a spec (the shape of lib/src/personas' PersonaDefinition, kept as plain data here). */
export interface PersonaSpec {
  title?: string;
  description?: string;
  personas: Array<Record<string, unknown>>;
  labels?: Record<string, unknown>;
  radarFeatures?: string[];
}

/** The folder of the built-in spec files. */
export function builtinSpecDir(): string {
  // lib/dist/src/data → lib/specs (compiled), lib/src/data → lib/specs (ts-node style)
  for (const up of [path.join(__dirname, '..', '..', '..', 'specs'), path.join(__dirname, '..', '..', 'specs')]) {
    if (fs.existsSync(path.join(up, 'bank-additional-full.spec.json'))) return up;
  }
  return path.join(__dirname, '..', '..', '..', 'specs');
}

/** Ids of the built-in real data sets, in the order `auto` looks for them. */
export const REAL_DATASET_IDS: readonly DatasetId[] = ['bank-additional-full', 'bank-kaggle', 'cc-general'];
/** Ids of the built-in synthetic data sets. */
export const SYNTHETIC_DATASET_IDS: readonly DatasetId[] = ['synthetic-bank', 'synthetic-cc'];

let registry: Record<DatasetId, DatasetSpec> | null = null;

function loadRegistry(): Record<DatasetId, DatasetSpec> {
  if (registry) return registry;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readSpecFile } = require('./spec-file') as typeof import('./spec-file');
  const out: Record<DatasetId, DatasetSpec> = {};
  const dir = builtinSpecDir();
  for (const id of [...REAL_DATASET_IDS, ...SYNTHETIC_DATASET_IDS]) {
    out[id] = readSpecFile(path.join(dir, `${id}.spec.json`), { lookup: (base) => out[base] ?? null, origin: `built-in spec ${id}.spec.json` });
  }
  registry = out;
  return out;
}

/** The built-in data sets, by id (read once from lib/specs). Real ones first, in the order `auto` tries them. */
export const DATASETS: Readonly<Record<DatasetId, DatasetSpec>> = new Proxy({} as Record<DatasetId, DatasetSpec>, {
  get: (_t, k) => (typeof k === 'string' ? loadRegistry()[k] : undefined),
  has: (_t, k) => typeof k === 'string' && k in loadRegistry(),
  ownKeys: () => Object.keys(loadRegistry()),
  getOwnPropertyDescriptor: (_t, k) => (typeof k === 'string' && k in loadRegistry() ? { enumerable: true, configurable: true, value: loadRegistry()[k] } : undefined),
});

/** Whether `id` names a built-in data set. */
export function isBuiltinDataset(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(loadRegistry(), id);
}

/** Names of the columns with a given role (or any of several roles). */
export function columnsWithRole(spec: DatasetSpec, ...roles: ColumnRole[]): string[] {
  return spec.columns.filter((c) => roles.includes(c.role)).map((c) => c.name);
}

/** Names of the columns at a given level (or any of several levels). */
export function columnsAtLevel(spec: DatasetSpec, ...levels: ColumnLevel[]): string[] {
  return spec.columns.filter((c) => levels.includes(c.level)).map((c) => c.name);
}

/** Names of the columns known only after the outcome (`postOutcome`, e.g. the call `duration`). */
export function postOutcomeColumns(spec: DatasetSpec): string[] {
  return spec.columns.filter((c) => c.postOutcome).map((c) => c.name);
}

/** The glossary line of a column (its description), or '' when the spec does not describe it. */
export function describeColumn(spec: DatasetSpec, name: string): string {
  return spec.columns.find((c) => c.name === name)?.description ?? '';
}

/** Options of `clusteringColumns`. */
export interface ClusteringColumnsOptions {
  /** Include the target (off by default: the target describes, it does not segment). A notebook that opts in says so. */
  includeTarget?: boolean;
  /** Keep only columns at these levels (default: customer, history, contact, campaign). */
  levels?: readonly ColumnLevel[];
  /** Columns to leave out as well. */
  exclude?: readonly string[];
}

const NEVER_FEATURES: readonly ColumnRole[] = ['id', 'truth', 'text', 'ignore'];

/**
 * The columns that may feed a clustering: never ids, labelled segments, free text or ignored columns; the target
 * only when asked. Date columns enter as their day counts (`days_since_<name>`, the loaded table's name).
 * @example clusteringColumns(DATASETS['cc-general']).length // 17
 */
export function clusteringColumns(spec: DatasetSpec, opts: ClusteringColumnsOptions = {}): string[] {
  const levels = opts.levels ?? ['customer', 'history', 'contact', 'campaign'];
  const exclude = new Set(opts.exclude ?? []);
  return spec.columns
    .filter((c) => {
      if (exclude.has(c.name) || NEVER_FEATURES.includes(c.role)) return false;
      if (c.role === 'target') return opts.includeTarget === true;
      return levels.includes(c.level);
    })
    .map((c) => (c.role === 'date' ? dateDaysName(c.name) : c.name));
}

/** The name of the day count a date column becomes in the loaded table. */
export function dateDaysName(column: string): string {
  return `days_since_${column}`;
}
