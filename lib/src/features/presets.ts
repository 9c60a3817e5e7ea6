/**
 * Default full feature pipelines per data set: engineered features → drop target/ids/duration → pdays sentinel
 * expansion → imputation → Yeo–Johnson on skewed columns → standard scaling → one-hot encoding → three-stage
 * selection. Used by the clustering, autoencoder and scoring notebooks: fit once, save, transform new customers.
 */
import { ValidationError, NotFittedError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import { isNumeric, type Table } from '../data/table';
import { ColumnDropper } from './column-dropper';
import { detectFeatureSet } from './engineered/feature-sets';
import { FeatureEngineer } from './engineered/engineer';
import type { FeatureSetId } from './engineered/types';
import { FeaturePipeline, type FeaturePipelineJSON } from './feature-pipeline';
import { FeatureSelector } from './feature-selector';
import type { FeatureSelectionOptions, FeatureSelectionResult } from './feature-selection';
import { OneHotEncoder } from './one-hot-encoder';
import { SentinelExpander } from './sentinel-expander';
import { SimpleImputer } from './simple-imputer';
import { columnSkewness } from './skewness';
import { StandardScaler } from './standard-scaler';
import type { FeatureMatrix } from './table-to-matrix';
import type { TableStep } from './types';
import { YeoJohnsonTransformer } from './yeo-johnson';

/** What a preset needs to know about a data set. */
export interface PresetSpec {
  /** Data set id (for reports and file names). */
  readonly id: string;
  /** Engineered feature set, or `'auto'` to detect it from the columns at fit time (null: none). */
  readonly featureSet: FeatureSetId | 'auto' | null;
  /** Target column, dropped unless `includeTarget`; `'auto'` picks `y` or `deposit` if present. */
  readonly target: string | 'auto' | null;
  /** Other columns to drop (identifiers…). */
  readonly drop: readonly string[];
  /** Features the correlation and VIF stages keep in preference, most preferred first. */
  readonly prefer: readonly string[];
}

/** Options of {@link buildPipeline}. */
export interface PresetOptions {
  /** Keep `duration` and the features computed from it (known only after the call). Default false. */
  includeDuration: boolean;
  /** Keep the target column as a feature (descriptive segmentation, as seed 002). Default false. */
  includeTarget: boolean;
  /** Yeo–Johnson the numeric columns with |skewness| >= this (and > 2 distinct values). Default 0.75. */
  skewThreshold: number;
  /** Selection options (merged over the defaults and the preset's preference list), or false to skip selection. */
  selection: Partial<FeatureSelectionOptions> | false;
}

/** Defaults of {@link PresetOptions}. */
export const DEFAULT_PRESET_OPTIONS: PresetOptions = { includeDuration: false, includeTarget: false, skewThreshold: 0.75, selection: {} };

const PREFER: Record<FeatureSetId, string[]> = {
  'bank-additional': ['economic_pressure', 'campaign_intensity', 'persistence_score', 'financial_exposure', 'engagement_score', 'contact_effort', 'contacted_before', 'age'],
  'bank-kaggle': ['balance_log', 'contacted_before', 'total_contacts', 'campaign_intensity', 'debt_count', 'prev_success', 'duration_per_contact', 'month_sin', 'month_cos', 'age'],
  'credit-card': ['utilization', 'payment_ratio', 'cash_advance_share', 'purchases_per_transaction', 'oneoff_share', 'full_payer'],
};

/** The built-in specs of the project's data set ids. */
export const PRESET_SPECS: Readonly<Record<string, PresetSpec>> = {
  'bank-additional-full': { id: 'bank-additional-full', featureSet: 'bank-additional', target: 'y', drop: [], prefer: PREFER['bank-additional'] },
  'bank-kaggle': { id: 'bank-kaggle', featureSet: 'bank-kaggle', target: 'deposit', drop: [], prefer: PREFER['bank-kaggle'] },
  'cc-general': { id: 'cc-general', featureSet: 'credit-card', target: null, drop: ['CUST_ID'], prefer: PREFER['credit-card'] },
};

/** The spec of a data set id; unknown ids (synthetic-…, auto) detect everything from the columns at fit time. */
export function presetSpec(id: string): PresetSpec {
  return PRESET_SPECS[id] ?? { id, featureSet: 'auto', target: 'auto', drop: ['CUST_ID', 'segment'], prefer: [] };
}

/** Skewness of a numeric column before and after the skew step, for the columns the step considered. */
export interface SkewChange { readonly column: string; readonly before: number; readonly after: number; readonly lambda: number | null }

/** Intermediate tables of a transform, for notebooks and plots. */
export interface PipelineStages {
  /** After engineering, dropping and imputation: the numeric columns before the skew step. */
  readonly beforeSkew: Table;
  /** After the skew step (before scaling). */
  readonly afterSkew: Table;
  /** After scaling and encoding: what the selection stage sees. */
  readonly beforeSelection: Table;
}

/** The JSON form of a fitted {@link DatasetPipeline}. */
export interface DatasetPipelineJSON {
  readonly type: 'DatasetPipeline';
  readonly spec: PresetSpec;
  readonly options: PresetOptions;
  readonly resolvedSet: FeatureSetId | null;
  readonly pipeline: FeaturePipelineJSON;
  readonly skew: SkewChange[];
}

/**
 * A data set's full feature pipeline. `fit(table)` returns the pipeline itself, which then exposes the training
 * matrix, so `const {X, featureNames} = buildPipeline('bank-kaggle').fit(table)` works.
 * Complexity: dominated by the correlation stage, O(n·d²), and the Yeo–Johnson fits.
 */
export class DatasetPipeline {
  readonly spec: PresetSpec;
  readonly options: PresetOptions;
  private inner: FeaturePipeline | null = null;
  private set: FeatureSetId | null = null;
  private trainX: Matrix | null = null;
  private skew: SkewChange[] = [];

  constructor(spec: PresetSpec, options: Partial<PresetOptions> = {}) {
    this.spec = spec;
    this.options = { ...DEFAULT_PRESET_OPTIONS, ...options };
  }

  get fitted(): boolean { return this.inner !== null; }
  /** The training feature matrix (after fit; not saved to JSON). */
  get X(): Matrix { if (!this.trainX) throw new NotFittedError('DatasetPipeline (training matrix; available after fit, not after fromJSON)'); return this.trainX; }
  /** Output feature names. */
  get featureNames(): readonly string[] { return this.pipeline.featureNames; }
  /** The underlying fitted FeaturePipeline. */
  get pipeline(): FeaturePipeline { if (!this.inner) throw new NotFittedError('DatasetPipeline'); return this.inner; }
  /** The engineered feature set used (resolved at fit time). */
  get featureSet(): FeatureSetId | null { this.pipeline; return this.set; }
  /** Skewness before/after of the columns the skew step considered. */
  get skewChanges(): readonly SkewChange[] { this.pipeline; return this.skew; }
  /** The engineering step (added and skipped features). */
  get engineer(): FeatureEngineer | null { return (this.pipeline.options.steps.find((s) => s instanceof FeatureEngineer) as FeatureEngineer | undefined) ?? null; }
  /** The selection result (kept names and the report), or null when selection was off. */
  get selection(): FeatureSelectionResult | null {
    const s = this.pipeline.options.steps.find((x) => x instanceof FeatureSelector) as FeatureSelector | undefined;
    return s ? s.selection : null;
  }

  private resolve(table: Table): { set: FeatureSetId | null; target: string | null } {
    const set = this.spec.featureSet === 'auto' ? detectFeatureSet(table) : this.spec.featureSet;
    let target = this.spec.target;
    if (target === 'auto') target = ['y', 'deposit'].find((n) => table.columns.some((c) => c.name === n)) ?? null;
    return { set, target };
  }

  private buildSteps(table: Table): { pre: TableStep[]; skew: YeoJohnsonTransformer; post: TableStep[] } {
    const { set, target } = this.resolve(table);
    this.set = set;
    const o = this.options;
    const pre: TableStep[] = [];
    if (set) pre.push(new FeatureEngineer({ set, includeDuration: o.includeDuration }));
    const drop = [...this.spec.drop];
    if (target && !o.includeTarget) drop.push(target);
    if (!o.includeDuration) drop.push('duration');
    const hasPdays = table.columns.some((c) => c.name === 'pdays' && isNumeric(c));
    // bank-kaggle's engineered set already encodes pdays (contacted_before, pdays_normalized, recent_contact)
    if (hasPdays && set === 'bank-kaggle') drop.push('pdays');
    pre.push(new ColumnDropper({ columns: drop }));
    if (hasPdays && set !== 'bank-kaggle') pre.push(new SentinelExpander({ column: 'pdays', fill: 'nan' }));
    pre.push(new SimpleImputer({ strategy: 'median', columns: 'numeric', allMissing: 'drop' }));
    pre.push(new SimpleImputer({ strategy: 'most_frequent', columns: 'categorical', allMissing: 'drop' }));
    const skew = new YeoJohnsonTransformer({ columns: 'numeric', standardize: false, minAbsSkew: o.skewThreshold });
    const post: TableStep[] = [new StandardScaler({ columns: 'numeric' }), new OneHotEncoder({ handleUnknown: 'ignore', drop: 'if_binary' })];
    if (o.selection !== false) {
      const prefer = o.selection.prefer ?? [...this.spec.prefer, ...(set && this.spec.prefer.length === 0 ? PREFER[set] : [])];
      post.push(new FeatureSelector({ ...o.selection, prefer }));
    }
    return { pre, skew, post };
  }

  /** Fit every step on `table`. @returns this (with `X` and `featureNames` of the training rows). */
  fit(table: Table): this {
    if (table == null || !Array.isArray(table.columns)) throw new ValidationError('DatasetPipeline.fit: table should be a Table');
    const { pre, skew, post } = this.buildSteps(table);
    let t = table;
    for (const s of pre) t = s.fitTransform(t);
    const before = t;
    t = skew.fitTransform(t);
    const lambdas = skew.lambdas;
    this.skew = before.columns.filter(isNumeric).map((c) => ({
      column: c.name,
      before: columnSkewness(c.values),
      after: columnSkewness((t.columns.find((x) => x.name === c.name) as { values: Float64Array }).values),
      lambda: lambdas[c.name] ?? null,
    }));
    for (const s of post) t = s.fitTransform(t);
    const inner = new FeaturePipeline({ steps: [...pre, skew, ...post] });
    const out = inner.adoptFitted(t);
    this.inner = inner;
    this.trainX = out.X;
    return this;
  }

  /** `fit(table)` and return the training matrix. */
  fitTransform(table: Table): FeatureMatrix { this.fit(table); return { X: this.X, featureNames: this.featureNames }; }

  /** Apply the fitted pipeline to new customers. */
  transform(table: Table): FeatureMatrix { return this.pipeline.transform(table); }

  /** The intermediate tables of a transform (see {@link PipelineStages}). */
  stages(table: Table): PipelineStages {
    const steps = this.pipeline.options.steps;
    const k = steps.findIndex((s) => s instanceof YeoJohnsonTransformer);
    let t = table;
    for (let i = 0; i < k; i++) t = steps[i].transform(t);
    const beforeSkew = t;
    const afterSkew = steps[k].transform(t);
    t = afterSkew;
    for (let i = k + 1; i < steps.length; i++) { if (steps[i] instanceof FeatureSelector) break; t = steps[i].transform(t); }
    return { beforeSkew, afterSkew, beforeSelection: t };
  }

  toJSON(): DatasetPipelineJSON {
    return { type: 'DatasetPipeline', spec: this.spec, options: this.options, resolvedSet: this.featureSet, pipeline: this.pipeline.toJSON(), skew: this.skew };
  }

  static fromJSON(json: DatasetPipelineJSON): DatasetPipeline {
    if (json == null || json.type !== 'DatasetPipeline') throw new ValidationError(`cannot load DatasetPipeline from JSON of type ${JSON.stringify((json as { type?: unknown } | null)?.type)}`);
    const p = new DatasetPipeline(json.spec, json.options);
    p.inner = FeaturePipeline.fromJSON(json.pipeline);
    p.set = json.resolvedSet;
    p.skew = json.skew.map((s) => ({ ...s }));
    return p;
  }
}

/**
 * The default full pipeline of a data set (by id or spec). Unfitted: call `fit(table)`.
 * @example const p = buildPipeline('bank-additional-full'); const {X, featureNames} = p.fit(table); p.transform(newRows)
 */
export function buildPipeline(dataset: string | PresetSpec, options: Partial<PresetOptions> = {}): DatasetPipeline {
  const spec = typeof dataset === 'string' ? presetSpec(dataset) : dataset;
  if (!spec || typeof spec.id !== 'string') throw new ValidationError(`buildPipeline: dataset should be an id or a PresetSpec, got ${JSON.stringify(dataset)}`);
  return new DatasetPipeline(spec, options);
}
