/**
 * The full feature pipeline of a data set, built from its spec: the spec's derived features and built-in engineered
 * set → drop the target, labelled segments, ids and post-outcome columns → sentinel expansion → ordinal ranks →
 * missing-value flags (where more than 5 % is missing) → imputation → rare categories grouped → Yeo–Johnson on
 * skewed columns → standard scaling → one-hot encoding → three-stage selection. The built-in specs switch the
 * generic steps off so the three real data sets keep their pipeline; an unknown table gets all of them. Used by the
 * clustering, autoencoder and scoring notebooks: fit once, save, transform new customers.
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
import { DerivedFeatures, type DerivedFeature } from './derived-features';
import { MissingIndicator } from './missing-indicator';
import { OrdinalEncoder } from './ordinal-encoder';
import { RareCategoryGrouper } from './rare-category-grouper';
import { FEATURE_SETS } from './engineered/feature-sets';
import { DATASETS, isBuiltinDataset, postOutcomeColumns, type DatasetSpec, type SentinelExpansion } from '../data/registry';

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
  /** The labelled-segment column (never a feature). */
  readonly truth?: string | null;
  /** Columns known only after the outcome, dropped unless `includeDuration` (absent: `duration`, as before specs). */
  readonly postOutcome?: readonly string[];
  /** Sentinel-coded numeric columns split into a flag and a value (absent: `pdays`, as before specs). */
  readonly expand?: readonly SentinelExpansion[];
  /** Ordered categorical columns, by name: their levels, lowest first (ranked). */
  readonly ordinal?: Readonly<Record<string, readonly string[]>>;
  /** Features computed from expressions before everything else. */
  readonly derived?: readonly DerivedFeature[];
  /** Add a `<column>_missing` flag where more than this share is missing (null / absent: never). */
  readonly missingFlags?: number | null;
  /** Group categories rarer than this share into "other" (0 / absent: never). */
  readonly rareCategories?: number;
  /** Yeo–Johnson threshold of this data set (overridden by an explicit option). */
  readonly skewThreshold?: number;
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

/**
 * The pipeline spec of a data set spec: what it drops, expands, ranks, flags and groups, its derived features and
 * its built-in engineered set. Numeric sentinels become `has_<column>` flags (median fill) unless the spec lists its
 * own expansions.
 * @throws ValidationError for an unknown engineered feature set, listing the known ones
 */
export function pipelineSpecOf(spec: DatasetSpec): PresetSpec {
  if (spec.featureSet !== null && !(spec.featureSet in FEATURE_SETS)) {
    throw new ValidationError(`spec ${spec.id}: featureSet ${JSON.stringify(spec.featureSet)} is not a built-in engineered feature set; choose from ${Object.keys(FEATURE_SETS).join(', ')}, or null (use "derived" for your own features)`);
  }
  const numericRoles = new Set(['numeric', 'binary']);
  const expand: SentinelExpansion[] = spec.pipeline.expand
    ? spec.pipeline.expand.map((e) => ({ ...e }))
    : spec.sentinels
      .filter((s) => typeof s.value === 'number' && numericRoles.has(spec.columns.find((c) => c.name === s.column)?.role ?? ''))
      .map((s) => ({ column: s.column, sentinel: s.value as number, flag: `has_${s.column}`, value: s.column, fill: 'median' as const }));
  const ordinal: Record<string, string[]> = {};
  for (const c of spec.columns) if (c.role === 'ordinal' && c.levels) ordinal[c.name] = [...c.levels];
  return {
    id: spec.id,
    featureSet: spec.featureSet as FeatureSetId | null,
    target: spec.target,
    truth: spec.truth,
    drop: [...spec.pipeline.drop],
    prefer: [...spec.prefer],
    postOutcome: postOutcomeColumns(spec),
    expand,
    ordinal,
    derived: spec.derived.map((d) => ({ ...d })),
    missingFlags: spec.pipeline.missingFlags,
    rareCategories: spec.pipeline.rareCategories,
    skewThreshold: spec.pipeline.skewThreshold,
  };
}

/**
 * The pipeline spec of a data set id: the built-in spec's (see {@link pipelineSpecOf}); unknown ids detect
 * everything from the columns at fit time.
 */
export function presetSpec(id: string): PresetSpec {
  if (isBuiltinDataset(id)) return pipelineSpecOf(DATASETS[id]);
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
    this.options = { ...DEFAULT_PRESET_OPTIONS, ...(spec.skewThreshold !== undefined ? { skewThreshold: spec.skewThreshold } : {}), ...options };
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
    const sp = this.spec;
    const has = (name: string, numeric = false) => table.columns.some((c) => c.name === name && (!numeric || isNumeric(c)));
    const pre: TableStep[] = [];
    if (sp.derived?.length) pre.push(new DerivedFeatures({ features: sp.derived }));
    if (set) pre.push(new FeatureEngineer({ set, includeDuration: o.includeDuration }));
    const drop = [...sp.drop];
    if (target && !o.includeTarget) drop.push(target);
    if (sp.truth) drop.push(sp.truth);
    if (!o.includeDuration) drop.push(...(sp.postOutcome ?? ['duration']));
    let expand = sp.expand;
    if (expand === undefined) {
      // a pipeline spec written before specs existed: the bank rule by column name
      const hasPdays = has('pdays', true);
      // bank-kaggle's engineered set already encodes pdays (contacted_before, pdays_normalized, recent_contact)
      if (hasPdays && set === 'bank-kaggle') drop.push('pdays');
      expand = hasPdays && set !== 'bank-kaggle' ? [{ column: 'pdays', sentinel: NaN, flag: 'contacted_before', value: 'days_since_contact', fill: 'nan' }] : [];
    }
    // an expansion whose flag the engineered set already adds (bank.csv's contacted_before): the engineered features
    // encode the column, so it is dropped instead
    const engineered = set ? FEATURE_SETS[set].map((f) => f.name) : [];
    for (const e of expand) if (engineered.includes(e.flag) && has(e.column)) drop.push(e.column);
    pre.push(new ColumnDropper({ columns: drop }));
    for (const e of expand) {
      if (!has(e.column, true) || drop.includes(e.column)) continue;
      pre.push(new SentinelExpander({ column: e.column, sentinel: Number.isNaN(e.sentinel) ? 'auto' : e.sentinel, flagName: e.flag, valueName: e.value, fill: e.fill }));
    }
    const orders = Object.fromEntries(Object.entries(sp.ordinal ?? {}).filter(([c]) => has(c) && !drop.includes(c)));
    if (Object.keys(orders).length) pre.push(new OrdinalEncoder({ orders }));
    if (sp.missingFlags != null) pre.push(new MissingIndicator({ threshold: sp.missingFlags }));
    pre.push(new SimpleImputer({ strategy: 'median', columns: 'numeric', allMissing: 'drop' }));
    pre.push(new SimpleImputer({ strategy: 'most_frequent', columns: 'categorical', allMissing: 'drop' }));
    if (sp.rareCategories && sp.rareCategories > 0) pre.push(new RareCategoryGrouper({ minShare: sp.rareCategories }));
    const skew = new YeoJohnsonTransformer({ columns: 'numeric', standardize: false, minAbsSkew: o.skewThreshold });
    const post: TableStep[] = [new StandardScaler({ columns: 'numeric' }), new OneHotEncoder({ handleUnknown: 'ignore', drop: 'if_binary' })];
    if (o.selection !== false) {
      const prefer = o.selection.prefer ?? [...sp.prefer, ...(set && sp.prefer.length === 0 ? PREFER[set] : [])];
      post.push(new FeatureSelector({ ...o.selection, prefer }));
    }
    return { pre, skew, post };
  }

  /** The derived-features step (the spec's expressions), or null. */
  get derived(): DerivedFeatures | null { return (this.pipeline.options.steps.find((s) => s instanceof DerivedFeatures) as DerivedFeatures | undefined) ?? null; }

  /** The steps after fitting, each with one line saying what it does on this data (for notebooks). */
  describeSteps(): Array<{ step: string; what: string }> {
    return this.pipeline.options.steps.map((s) => ({ step: s.toJSON().type, what: describeStep(s) }));
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

/** One line per fitted step: what it did. */
function describeStep(s: TableStep): string {
  const j = s.toJSON() as { type: string; options: Record<string, unknown>; state: Record<string, unknown> | null };
  const o = j.options, st = j.state ?? {};
  const list = (xs: readonly string[], max = 6) => (xs.length ? `${xs.slice(0, max).join(', ')}${xs.length > max ? `, … (${xs.length} in all)` : ''}` : 'no column');
  switch (j.type) {
    case 'DerivedFeatures': return `adds ${list((o.features as DerivedFeature[]).map((f) => `${f.name} = ${f.expr}`))}`;
    case 'FeatureEngineer': return `adds the ${String(o.set)} engineered features: ${list((st.names as string[]) ?? [])}`;
    case 'ColumnDropper': return (o.columns as string[]).length ? `leaves out ${list(o.columns as string[])}${o.dropIds ? ' and identifier columns' : ''}` : 'leaves out identifier columns';
    case 'SentinelExpander': return `splits ${String(o.column)} into ${String(o.flagName)} (0 = the code ${String((st as { sentinel?: unknown }).sentinel ?? o.sentinel)}) and ${String(o.valueName)}`;
    case 'OrdinalEncoder': return `ranks ${list(Object.entries(o.orders as Record<string, string[]>).map(([c, l]) => `${c} (${l.join(' < ')})`))}`;
    case 'MissingIndicator': return `flags missing values (> ${100 * (o.threshold as number)} % missing) in ${list((st.flagged as string[]) ?? [])}`;
    case 'SimpleImputer': return `fills missing values with the ${o.strategy === 'median' ? 'median' : 'most frequent value'} in ${list(((st.fills as Array<{ column: string }>) ?? []).map((f) => f.column))}`;
    case 'RareCategoryGrouper': return `groups levels under ${100 * (o.minShare as number)} % into "other" in ${list(Object.keys((st.kept as Record<string, string[]>) ?? {}))}`;
    case 'YeoJohnsonTransformer': {
      const names = (st.names as string[]) ?? [];
      const skipped = new Set(((st.skipped as Array<string | { column: string }>) ?? []).map((x) => (typeof x === 'string' ? x : x.column)));
      return `Yeo–Johnson on the columns with |skewness| ≥ ${o.minAbsSkew}: ${list(names.filter((n) => !skipped.has(n)))}`;
    }
    case 'StandardScaler': return 'scales every numeric column to mean 0, standard deviation 1';
    case 'OneHotEncoder': return `one 0/1 column per level of ${list(((st.cats as Array<{ column: string }>) ?? []).map((c) => c.column))}`;
    case 'FeatureSelector': return 'drops near-constant, redundant (|r| > 0.8) and collinear (VIF > 10) features';
    default: return '';
  }
}

/**
 * The default full pipeline of a data set (by id or spec). Unfitted: call `fit(table)`.
 * @example const p = buildPipeline('bank-additional-full'); const {X, featureNames} = p.fit(table); p.transform(newRows)
 */
export function buildPipeline(dataset: string | PresetSpec | DatasetSpec, options: Partial<PresetOptions> = {}): DatasetPipeline {
  const spec = typeof dataset === 'string' ? presetSpec(dataset) : isDatasetSpec(dataset) ? pipelineSpecOf(dataset) : dataset;
  if (!spec || typeof spec.id !== 'string') throw new ValidationError(`buildPipeline: dataset should be an id or a PresetSpec, got ${JSON.stringify(dataset)}`);
  return new DatasetPipeline(spec, options);
}

function isDatasetSpec(x: unknown): x is DatasetSpec {
  return x != null && typeof x === 'object' && Array.isArray((x as DatasetSpec).columns) && Array.isArray((x as DatasetSpec).sentinels);
}
