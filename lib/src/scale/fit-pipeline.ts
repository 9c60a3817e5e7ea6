/**
 * Fit a data set's feature pipeline out of core: the pipeline that `buildPipeline(dataset)` would build and fit in
 * memory, with every fitted statistic computed in DuckDB over all rows.
 *
 * How: the preset is first fitted on a seeded sample (20,000 rows by default) only to decide its structure — the
 * steps and their options, which engineered features apply, the resolved feature set. Then each step is refitted in
 * order by its SQL fitter (fitters.ts) over the relation the earlier refitted steps produce (their SQL translation,
 * lib/src/sql), so medians, means, standard deviations, modes, category levels, sentinel and engineered-feature
 * parameters all come from the full data. Yeo–Johnson λ is fitted on all values (a seeded sample past 20 M); the
 * feature-selection stage is fitted on a seeded sample of 100,000 transformed rows (see fitters.ts). The result is a
 * regular `DatasetPipeline`: it saves, loads and transforms in JS, and translates back to SQL.
 *
 * Complexity: a few scans of the data per step (DuckDB, parallel, bounded memory), plus the sample fits.
 */
import { ValidationError } from '../core/errors';
import { buildPipeline, DatasetPipeline, type DatasetPipelineJSON, type PresetOptions, type PresetSpec, type SkewChange } from '../features/presets';
import type { StepJSON } from '../features/types';
import { sqlDialect } from '../sql/dialect';
import { translateStep } from '../sql/step-registry';
import '../sql/steps';
import { FitContext } from './fit-context';
import { stepFitter } from './fitters';
import { sqlIdent, type LargeDataset } from './open-dataset';

const D = sqlDialect('duckdb');

/** Options of {@link fitPipelineSql}. */
export interface FitPipelineSqlOptions {
  /**
   * The data set id (for its preset: target, drops, engineered set, preferences), a PresetSpec, or an unfitted
   * DatasetPipeline (any pipeline whose steps have SQL fitters and translations).
   */
  dataset: string | PresetSpec | DatasetPipeline;
  /** Options of the preset (includeDuration, skewThreshold, selection…). */
  preset: Partial<PresetOptions>;
  /** Rows of the seeded sample that decides the structure (which steps, which engineered features). Default 20,000. */
  structureRows: number;
  /** Rows of the seeded sample the selection stage is fitted on. Default 100,000. */
  selectionRows: number;
  /** Past this many values Yeo–Johnson λ is fitted on a seeded sample of that many. Default 20,000,000. */
  lambdaMaxRows: number;
  /** Seed of the samples. Default 0. */
  seed: number;
}

/** Defaults of {@link FitPipelineSqlOptions} (`dataset` has none). */
export const DEFAULT_FIT_PIPELINE_SQL_OPTIONS: Omit<FitPipelineSqlOptions, 'dataset'> = {
  preset: {}, structureRows: 20_000, selectionRows: 100_000, lambdaMaxRows: 20_000_000, seed: 0,
};

/** What {@link fitPipelineSql} returns. */
export interface SqlPipelineFit {
  pipeline: DatasetPipeline;
  /** Sentences saying what was computed on all rows and what on samples. */
  notes: string[];
  /** SQL queries run. */
  queries: number;
  seconds: number;
}

/**
 * Fit the dataset's pipeline with statistics computed in SQL (see the module comment).
 * @throws ValidationError for a step without SQL fitter or translation (naming it), and the in-memory fit's errors.
 * @example const { pipeline } = await fitPipelineSql(ds, { dataset: 'synthetic-bank' }); pipeline.featureNames
 */
export async function fitPipelineSql(ds: LargeDataset, options: Partial<FitPipelineSqlOptions> & { dataset: FitPipelineSqlOptions['dataset'] }): Promise<SqlPipelineFit> {
  const o = { ...DEFAULT_FIT_PIPELINE_SQL_OPTIONS, ...options };
  const t0 = performance.now();
  const sample = await ds.sample(o.structureRows, o.seed);
  const unfitted = o.dataset instanceof DatasetPipeline ? new DatasetPipeline(o.dataset.spec, o.dataset.options) : buildPipeline(o.dataset, o.preset);
  const structure = unfitted.fit(sample).toJSON();
  const ctx = new FitContext(ds, o.seed);
  const fitted: StepJSON[] = [];
  let skew: SkewChange[] = [];
  for (const step of structure.pipeline.steps) {
    if (step.type === 'YeoJohnsonTransformer') skew = await skewBefore(ctx);
    const state = await stepFitter(step.type)(step, ctx, { selectionRows: o.selectionRows, lambdaMaxRows: o.lambdaMaxRows });
    const json: StepJSON = { type: step.type, options: step.options, state };
    ctx.push(translateStep(json, ctx.columns, D));
    fitted.push(json);
    if (step.type === 'YeoJohnsonTransformer') skew = await skewAfter(ctx, skew, json);
  }
  const bad = ctx.columns.filter((c) => c.kind !== 'numeric');
  if (bad.length) throw new ValidationError(`fitPipelineSql: the pipeline leaves non-numeric column(s) ${bad.map((c) => `"${c.name}"`).join(', ')}`);
  const json: DatasetPipelineJSON = {
    type: 'DatasetPipeline', spec: structure.spec, options: structure.options, resolvedSet: structure.resolvedSet,
    pipeline: { type: 'FeaturePipeline', steps: fitted, allowNaN: false, featureNames: ctx.columns.map((c) => c.name) },
    skew,
  };
  const n = ds.nRows.toLocaleString('en-US');
  const notes = [
    `Pipeline statistics (medians, means, standard deviations, modes, category levels, sentinel and engineered-feature parameters, skewness) computed in DuckDB over all ${n} rows.`,
    `Pipeline structure decided on a seeded sample of ${Math.min(o.structureRows, ds.nRows).toLocaleString('en-US')} rows; feature selection fitted on a seeded sample of ${Math.min(o.selectionRows, ds.nRows).toLocaleString('en-US')} transformed rows.`,
    ds.nRows > o.lambdaMaxRows
      ? `Yeo–Johnson λ fitted on a seeded sample of ${o.lambdaMaxRows.toLocaleString('en-US')} values per column.`
      : `Yeo–Johnson λ fitted on all ${n} values.`,
  ];
  return { pipeline: DatasetPipeline.fromJSON(json), notes, queries: ctx.queries, seconds: (performance.now() - t0) / 1000 };
}

/** Skewness of the numeric columns before the skew step (population g1, as the in-memory report). */
async function skewBefore(ctx: FitContext): Promise<SkewChange[]> {
  const cols = ctx.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  const g = await populationSkew(ctx, cols.map(sqlIdent));
  return cols.map((column, j) => ({ column, before: g[j], after: NaN, lambda: null }));
}

async function skewAfter(ctx: FitContext, before: SkewChange[], yj: StepJSON): Promise<SkewChange[]> {
  const st = yj.state as { names: string[]; lambdas: number[] };
  const g = await populationSkew(ctx, before.map((b) => sqlIdent(b.column)));
  return before.map((b, j) => {
    const k = st.names.indexOf(b.column);
    return { ...b, after: g[j], lambda: k >= 0 ? Number(st.lambdas[k]) : null };
  });
}

async function populationSkew(ctx: FitContext, exprs: readonly string[]): Promise<number[]> {
  if (!exprs.length) return [];
  const r1 = await ctx.agg(exprs.flatMap((e, j) => [`avg(${e}) AS m${j}`, `count(${e}) AS n${j}`]));
  const means = exprs.map((_, j) => Number(r1[`m${j}`]));
  const r2 = await ctx.agg(exprs.flatMap((e, j) => {
    const dx = `(${e} - ${Number.isFinite(means[j]) ? D.num(means[j]) : '0'})`;
    return [`avg(${dx} * ${dx}) AS a${j}`, `avg(${dx} * ${dx} * ${dx}) AS b${j}`];
  }));
  return exprs.map((_, j) => {
    const n = Number(r1[`n${j}`]);
    if (!(n >= 2)) return NaN;
    const m2 = Number(r2[`a${j}`]);
    if (m2 <= 1e-300 * Math.max(1, means[j] * means[j])) return 0;
    return Number(r2[`b${j}`]) / Math.pow(m2, 1.5);
  });
}

