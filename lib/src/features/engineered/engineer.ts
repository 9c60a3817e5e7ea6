/**
 * Apply a set of engineered features to a table: every declared feature whose required columns exist is added
 * (after the existing columns, in declaration order); the others are reported as skipped with the reason.
 * `FeatureEngineer` is the same as a pipeline step, whose fitted parameters (quantile edges, means) are saved.
 */
import { ValidationError } from '../../core/errors';
import type { Column, Table } from '../../data/table';
import { expectType } from '../json';
import type { StepJSON } from '../types';
import { BaseStep } from '../util';
import { featureSet } from './feature-sets';
import type { EngineeredFeature, EngineeredParams, FeatureSetId } from './types';

/** Options of {@link engineerFeatures} and {@link FeatureEngineer}. */
export interface EngineerOptions {
  /** The feature set to apply. */
  set: FeatureSetId;
  /** Include features that use the post-call `duration`. Default true (exclude them for prospect segmentation). */
  includeDuration: boolean;
  /** Feature names not to add. Default none. */
  exclude: readonly string[];
}

/** Defaults of {@link EngineerOptions} (`set` has no default). */
export const DEFAULT_ENGINEER_OPTIONS: Omit<EngineerOptions, 'set'> = { includeDuration: true, exclude: [] };

/** A feature that was not added, and why. */
export interface SkippedFeature { readonly name: string; readonly reason: string }

/** The result of {@link engineerFeatures}. */
export interface EngineerResult {
  /** The input columns followed by the added features. */
  readonly table: Table;
  /** Names of the added features, in order. */
  readonly added: readonly string[];
  /** Features not added, with the reason. */
  readonly skipped: readonly SkippedFeature[];
  /** Fitted parameters per added feature (only features that have some). */
  readonly params: Readonly<Record<string, EngineeredParams>>;
}

function plan(table: Table, features: readonly EngineeredFeature[], o: Omit<EngineerOptions, 'set'>): { use: EngineeredFeature[]; skipped: SkippedFeature[] } {
  const have = new Set(table.columns.map((c) => c.name));
  const use: EngineeredFeature[] = [];
  const skipped: SkippedFeature[] = [];
  for (const f of features) {
    const missing = f.requires.filter((r) => !have.has(r));
    if (o.exclude.includes(f.name)) skipped.push({ name: f.name, reason: 'excluded by option' });
    else if (f.usesDuration && !o.includeDuration) skipped.push({ name: f.name, reason: 'uses duration (known only after the call); includeDuration is false' });
    else if (missing.length) skipped.push({ name: f.name, reason: `missing column(s): ${missing.join(', ')}` });
    else if (have.has(f.name)) skipped.push({ name: f.name, reason: 'a column with this name already exists' });
    else use.push(f);
  }
  return { use, skipped };
}

function computeAll(table: Table, use: readonly EngineeredFeature[], params: Readonly<Record<string, EngineeredParams>>): Table {
  const cols: Column[] = [...table.columns];
  for (const f of use) {
    const v = f.compute(table, params[f.name]);
    if (v instanceof Float64Array) cols.push({ kind: 'numeric', name: f.name, values: v });
    else cols.push({ kind: 'categorical', name: f.name, codes: v.codes, levels: v.levels });
  }
  return { nRows: table.nRows, columns: cols, source: table.source };
}

/**
 * Fit (when `params` is not given) and apply a feature set.
 * Complexity: O(n) per feature (O(n log n) for quantile-based ones at fit).
 * @example engineerFeatures(bank, {set: 'bank-kaggle'}).skipped // [{name: 'duration_per_contact', reason: 'missing column(s): duration'}] when duration is absent
 */
export function engineerFeatures(
  table: Table,
  options: Partial<EngineerOptions> & { set: FeatureSetId; params?: Readonly<Record<string, EngineeredParams>> },
): EngineerResult {
  const o = { ...DEFAULT_ENGINEER_OPTIONS, ...options };
  const { use, skipped } = plan(table, featureSet(o.set), o);
  const params: Record<string, EngineeredParams> = {};
  for (const f of use) {
    if (!f.fit) continue;
    params[f.name] = options.params?.[f.name] ?? f.fit(table);
  }
  return { table: computeAll(table, use, params), added: use.map((f) => f.name), skipped, params };
}

/**
 * Pipeline step adding a feature set's features. Which features apply and their parameters are decided at fit time
 * and reused by `transform`.
 * Complexity: as {@link engineerFeatures}.
 */
export class FeatureEngineer extends BaseStep {
  readonly stepName = 'FeatureEngineer';
  readonly options: EngineerOptions;
  private names: string[] = [];
  private skips: SkippedFeature[] = [];
  private params: Record<string, EngineeredParams> = {};

  constructor(options: Partial<EngineerOptions> & { set: FeatureSetId }) {
    super();
    this.options = { ...DEFAULT_ENGINEER_OPTIONS, ...options };
    featureSet(this.options.set);
  }

  /** Names of the features added at fit time. */
  get added(): readonly string[] { this.checkFitted(); return this.names; }
  /** Features skipped at fit time, with the reason. */
  get skipped(): readonly SkippedFeature[] { this.checkFitted(); return this.skips; }
  /** Fitted parameters per feature. */
  get fittedParams(): Readonly<Record<string, EngineeredParams>> { this.checkFitted(); return this.params; }

  fit(table: Table): this {
    this.checkTable(table);
    const r = engineerFeatures(table, this.options);
    this.names = [...r.added];
    this.skips = [...r.skipped];
    this.params = { ...r.params };
    this.isFitted = true;
    return this;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const byName = new Map(featureSet(this.options.set).map((f) => [f.name, f]));
    const use = this.names.map((n) => byName.get(n)!);
    const have = new Set(table.columns.map((c) => c.name));
    for (const f of use) {
      const missing = f.requires.filter((r) => !have.has(r));
      if (missing.length) throw new ValidationError(`FeatureEngineer: feature "${f.name}" needs column(s) ${missing.join(', ')}, absent from the table`);
    }
    return computeAll(table, use, this.params);
  }

  toJSON(): StepJSON {
    return { type: 'FeatureEngineer', options: this.options, state: this.isFitted ? { names: this.names, skipped: this.skips, params: this.params } : null };
  }

  static fromJSON(json: StepJSON): FeatureEngineer {
    expectType(json, 'FeatureEngineer');
    const e = new FeatureEngineer(json.options as EngineerOptions);
    const st = json.state as { names: string[]; skipped: SkippedFeature[]; params: Record<string, EngineeredParams> } | null;
    if (st) { e.names = [...st.names]; e.skips = st.skipped.map((s) => ({ ...s })); e.params = JSON.parse(JSON.stringify(st.params)); e.isFitted = true; }
    return e;
  }
}
