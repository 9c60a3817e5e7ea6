/**
 * SQL fitters of the preprocessing steps, keyed by the step's JSON `type` as the translators of lib/src/sql: each
 * reproduces the in-memory `fit` of its step over the relation the earlier steps produce, computing the statistics
 * in DuckDB, and returns the step's fitted state in the JSON shape the step saves. Decisions follow the in-memory
 * code (tie rules, 'auto' options, constant columns, all-missing columns), so a state fitted here loads with the
 * step's own `fromJSON` and transforms new rows in JS as the in-memory fit would.
 *
 * Two statistics are not computed over every row: Yeo–Johnson λ past `lambdaMaxRows` values (a seeded sample), and
 * the three-stage feature selection (fitted on a seeded sample of the rows: correlations and VIFs of d ≈ 50
 * columns are stable to the second decimal at 100,000 rows).
 */
import { ValidationError } from '../core/errors';
import type { StepJSON } from '../features/types';
import { FeatureSelector } from '../features/feature-selector';
import type { FeatureSelectionOptions } from '../features/feature-selection';
import { encodeNumber, encodeNumbers } from '../features/json';
import { yeoJohnsonLambda } from '../features/yeo-johnson';
import { yeoJohnsonExpr } from '../sql/steps/power';
import { sqlDialect } from '../sql/dialect';
import type { FitContext } from './fit-context';
import { sqlIdent } from './open-dataset';

const D = sqlDialect('duckdb');

/** Options the fitters share. */
export interface FitterOptions {
  /** Rows of the seeded sample for the selection stage. */
  readonly selectionRows: number;
  /** Above this many values, λ is fitted on a seeded sample of that many. */
  readonly lambdaMaxRows: number;
}

/** Fit one step over the current relation; returns its fitted state (JSON). */
export type StepFitter = (json: StepJSON, ctx: FitContext, o: FitterOptions) => Promise<unknown>;

const FITTERS = new Map<string, StepFitter>();

/** Register (or replace) the SQL fitter of a step type. */
export function registerStepFitSql(type: string, fitter: StepFitter): void {
  FITTERS.set(type, fitter);
}

/** The step types with a SQL fitter, sorted. */
export function fittableStepTypes(): string[] {
  return [...FITTERS.keys()].sort();
}

/** The fitter of `type`. @throws ValidationError naming the type and the fittable ones. */
export function stepFitter(type: string): StepFitter {
  const f = FITTERS.get(type);
  if (!f) throw new ValidationError(`the pipeline step "${type}" has no SQL fitter, so it cannot be fitted out of core; fittable: ${fittableStepTypes().join(', ')}`);
  return f;
}

const num = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));
const opts = (json: StepJSON): Record<string, unknown> => (json.options ?? {}) as Record<string, unknown>;

/** Mean and population variance of expressions (two passes, as meanVar), NaN when no value. */
async function meanVars(ctx: FitContext, exprs: readonly string[]): Promise<Array<{ mean: number; variance: number; count: number }>> {
  if (!exprs.length) return [];
  const r1 = await ctx.agg(exprs.flatMap((e, j) => [`avg(${e}) AS m${j}`, `count(${e}) AS n${j}`]));
  const means = exprs.map((_, j) => num(r1[`m${j}`]));
  const r2 = await ctx.agg(exprs.map((e, j) => (Number.isFinite(means[j]) ? `avg((${e} - ${D.num(means[j])}) * (${e} - ${D.num(means[j])})) AS v${j}` : `NULL AS v${j}`)));
  return exprs.map((_, j) => ({ mean: means[j], variance: num(r2[`v${j}`]), count: num(r1[`n${j}`]) }));
}

/** Population skewness g1 as `columnSkewness` (0 for a constant column, NaN under 2 values). */
async function skewnesses(ctx: FitContext, exprs: readonly string[]): Promise<number[]> {
  if (!exprs.length) return [];
  const r1 = await ctx.agg(exprs.flatMap((e, j) => [`avg(${e}) AS m${j}`, `count(${e}) AS n${j}`]));
  const means = exprs.map((_, j) => num(r1[`m${j}`]));
  const r2 = await ctx.agg(exprs.flatMap((e, j) => {
    if (!Number.isFinite(means[j])) return [`NULL AS a${j}`, `NULL AS b${j}`];
    const dx = `(${e} - ${D.num(means[j])})`;
    return [`avg(${dx} * ${dx}) AS a${j}`, `avg(${dx} * ${dx} * ${dx}) AS b${j}`];
  }));
  return exprs.map((_, j) => {
    const n = num(r1[`n${j}`]);
    if (n < 2) return NaN;
    const m2 = num(r2[`a${j}`]);
    const m3 = num(r2[`b${j}`]);
    if (m2 <= 1e-300 * Math.max(1, means[j] * means[j])) return 0;
    return m3 / Math.pow(m2, 1.5);
  });
}

/** Smallest most frequent value (numeric) of each expression, NaN when none. */
async function numericModes(ctx: FitContext, exprs: readonly string[]): Promise<number[]> {
  const vcs = await ctx.valueCounts(exprs, Number.MAX_SAFE_INTEGER);
  return vcs.map((vc) => {
    let best = NaN;
    let bestCount = 0;
    for (const [v, c] of vc ?? []) {
      if (v === null) continue;
      const x = num(v);
      if (c > bestCount || (c === bestCount && x < best)) { best = x; bestCount = c; }
    }
    return best;
  });
}

/** Level counts of categorical expressions (non-missing) and their missing counts, in one scan. */
async function levelCounts(ctx: FitContext, exprs: readonly string[]): Promise<Array<{ counts: Map<string, number>; missing: number }>> {
  const vcs = await ctx.valueCounts(exprs, Number.MAX_SAFE_INTEGER);
  return vcs.map((vc) => {
    const counts = new Map<string, number>();
    let missing = 0;
    for (const [v, c] of vc ?? []) {
      if (v === null) missing += c;
      else counts.set(String(v), c);
    }
    return { counts, missing };
  });
}

/** The most frequent level, ties to the first in JS sort order, null when none. */
function modeLevel(counts: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestCount = -1;
  for (const [lv, c] of counts) if (c > bestCount || (c === bestCount && best !== null && lv < best)) { best = lv; bestCount = c; }
  return best;
}

const simpleImputer: StepFitter = async (json, ctx) => {
  const o = opts(json) as { strategy: 'mean' | 'median' | 'most_frequent'; columns: unknown; allMissing: 'error' | 'drop' };
  const selector = (o.columns ?? (o.strategy === 'most_frequent' ? 'all' : 'numeric')) as never;
  const names = ctx.resolve(selector, 'SimpleImputer');
  const fills: Array<{ column: string; kind: string; value: unknown }> = [];
  const dropped: string[] = [];
  const numeric = names.filter((n) => ctx.column(n, 'SimpleImputer').kind === 'numeric');
  let values: number[] = [];
  if (o.strategy === 'mean') values = (await meanVars(ctx, numeric.map(sqlIdent))).map((m) => m.mean);
  else if (o.strategy === 'median') values = (await ctx.quantiles(numeric.map((n) => ({ expr: sqlIdent(n), qs: [0.5] })))).map((q) => q[0]);
  else values = await numericModes(ctx, numeric.map(sqlIdent));
  const categorical = o.strategy === 'most_frequent' ? names.filter((n) => ctx.column(n, 'SimpleImputer').kind === 'categorical') : [];
  const catCounts = await levelCounts(ctx, categorical.map(sqlIdent));
  for (const name of names) {
    const c = ctx.column(name, 'SimpleImputer');
    if (c.kind === 'id') continue;
    if (c.kind === 'numeric') {
      const v = values[numeric.indexOf(name)];
      if (Number.isNaN(v)) {
        if (o.allMissing === 'drop') { dropped.push(name); continue; }
        throw new ValidationError(`SimpleImputer: column "${name}" has no observed value (all ${ctx.ds.nRows} missing): cannot compute its ${o.strategy}; drop it or use allMissing: 'drop'`);
      }
      fills.push({ column: name, kind: 'numeric', value: encodeNumber(v) });
    } else {
      if (o.strategy !== 'most_frequent') {
        if (Array.isArray(o.columns)) throw new ValidationError(`SimpleImputer: strategy '${o.strategy}' needs numeric columns, but "${name}" is categorical; use 'most_frequent'`);
        continue;
      }
      const level = modeLevel(catCounts[categorical.indexOf(name)].counts);
      if (level === null) {
        if (o.allMissing === 'drop') { dropped.push(name); continue; }
        throw new ValidationError(`SimpleImputer: column "${name}" has no observed value (all ${ctx.ds.nRows} missing): cannot compute its most frequent level`);
      }
      fills.push({ column: name, kind: 'categorical', value: level });
    }
  }
  return { fills, dropped };
};

const sentinelExpander: StepFitter = async (json, ctx) => {
  const o = opts(json) as { column: string; sentinel: number | 'auto'; fill: 'nan' | 'median' | 'max' | number };
  const c = ctx.column(o.column, 'SentinelExpander');
  if (c.kind !== 'numeric') throw new ValidationError(`SentinelExpander: column "${o.column}" is ${c.kind}, expected numeric`);
  const x = sqlIdent(o.column);
  let sentinel: number;
  if (o.sentinel === 'auto') sentinel = num((await ctx.agg([`count(*) FILTER (WHERE ${x} = 999) AS c`])).c) > 0 ? 999 : -1;
  else sentinel = o.sentinel;
  let fill = NaN;
  if (typeof o.fill === 'number') fill = o.fill;
  else if (o.fill !== 'nan') {
    const real = `(CASE WHEN ${x} <> ${D.num(sentinel)} THEN ${x} END)`;
    if (o.fill === 'median') fill = (await ctx.quantiles([{ expr: real, qs: [0.5] }]))[0][0];
    else fill = num((await ctx.agg([`max(${real}) AS m`])).m);
    if (Number.isNaN(fill)) throw new ValidationError(`SentinelExpander: column "${o.column}" holds only the sentinel ${sentinel} (or missing values): no real value to compute the fill '${o.fill}' from`);
  }
  return { sentinel: encodeNumber(sentinel), fill: encodeNumber(fill) };
};

const yeoJohnson: StepFitter = async (json, ctx, fo) => {
  const o = opts(json) as { columns: unknown; minAbsSkew: number | null };
  const candidates = ctx.resolve(o.columns as never, 'YeoJohnsonTransformer');
  for (const n of candidates) if (ctx.column(n, 'YeoJohnsonTransformer').kind !== 'numeric') throw new ValidationError(`YeoJohnsonTransformer: column "${n}" is ${ctx.column(n, 'YeoJohnsonTransformer').kind}, expected numeric`);
  const dr = candidates.length ? await ctx.agg(candidates.map((n, j) => `count(DISTINCT ${sqlIdent(n)}) AS d${j}`)) : {};
  const skews = o.minAbsSkew === null ? [] : await skewnesses(ctx, candidates.map(sqlIdent));
  const names: string[] = [];
  const skipped: string[] = [];
  for (let j = 0; j < candidates.length; j++) {
    const name = candidates[j];
    const distinct = num(dr[`d${j}`]);
    if (distinct === 0) throw new ValidationError(`YeoJohnsonTransformer: column "${name}" has no observed value (all ${ctx.ds.nRows} missing)`);
    if (distinct < 2 || (o.minAbsSkew !== null && (distinct < 3 || !(Math.abs(skews[j]) >= o.minAbsSkew)))) skipped.push(name);
    else names.push(name);
  }
  const lambdas = (await ctx.values(names.map(sqlIdent))).map((v) => yeoJohnsonLambda(v.length > fo.lambdaMaxRows ? seededSubsample(v, fo.lambdaMaxRows, ctx.seed) : v));
  const mv = await meanVars(ctx, names.map((n, j) => yeoJohnsonExpr(sqlIdent(n), lambdas[j], D)));
  return {
    names, lambdas: encodeNumbers(lambdas), means: encodeNumbers(mv.map((m) => m.mean)),
    stds: encodeNumbers(mv.map((m) => { const sd = Math.sqrt(m.variance); return sd > 0 && Number.isFinite(sd) ? sd : 1; })), skipped,
  };
};

/** A seeded subsample of `m` values (partial Fisher–Yates with a small LCG, deterministic). */
function seededSubsample(v: Float64Array, m: number, seed: number): Float64Array {
  const a = Float64Array.from(v);
  let s = (Math.trunc(seed) >>> 0) || 1;
  for (let i = 0; i < m; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = i + Math.floor((s / 4294967296) * (a.length - i));
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
  return a.slice(0, m);
}

function checkNumericColumns(ctx: FitContext, names: readonly string[], step: string): void {
  for (const n of names) {
    const c = ctx.column(n, step);
    if (c.kind !== 'numeric') throw new ValidationError(`${step}: column "${n}" is ${c.kind}, expected numeric`);
  }
}

function affineState(names: string[], centers: number[], spreads: number[], step: string, rows: number): unknown {
  const scales: number[] = [];
  const constants: string[] = [];
  names.forEach((n, j) => {
    if (Number.isNaN(centers[j])) throw new ValidationError(`${step}: column "${n}" has no observed value (all ${rows} missing): impute or drop it first`);
    if (spreads[j] === 0 || !Number.isFinite(spreads[j])) { scales.push(1); constants.push(n); } else scales.push(spreads[j]);
  });
  return { names, centers: encodeNumbers(centers), scales: encodeNumbers(scales), constants };
}

const standardScaler: StepFitter = async (json, ctx) => {
  const o = opts(json) as { columns: unknown; withMean: boolean; withStd: boolean };
  const names = ctx.resolve(o.columns as never, 'StandardScaler');
  checkNumericColumns(ctx, names, 'StandardScaler');
  const mv = await meanVars(ctx, names.map(sqlIdent));
  const centers = mv.map((m) => (o.withMean ? m.mean : Number.isNaN(m.mean) ? NaN : 0));
  const spreads = mv.map((m) => (o.withStd ? Math.sqrt(m.variance) : 1));
  return affineState(names, centers, spreads, 'StandardScaler', ctx.ds.nRows);
};

const robustScaler: StepFitter = async (json, ctx) => {
  const o = opts(json) as { columns: unknown; quantileRange: [number, number] };
  const names = ctx.resolve(o.columns as never, 'RobustScaler');
  checkNumericColumns(ctx, names, 'RobustScaler');
  const [a, b] = o.quantileRange;
  const qs = await ctx.quantiles(names.map((n) => ({ expr: sqlIdent(n), qs: [0.5, b / 100, a / 100] })));
  return affineState(names, qs.map((q) => q[0]), qs.map((q) => (Number.isNaN(q[0]) ? 0 : q[1] - q[2])), 'RobustScaler', ctx.ds.nRows);
};

const minMaxScaler: StepFitter = async (json, ctx) => {
  const o = opts(json) as { columns: unknown; featureRange: [number, number] };
  const names = ctx.resolve(o.columns as never, 'MinMaxScaler');
  checkNumericColumns(ctx, names, 'MinMaxScaler');
  const r = names.length ? await ctx.agg(names.flatMap((n, j) => [`min(${sqlIdent(n)}) AS lo${j}`, `max(${sqlIdent(n)}) AS hi${j}`])) : {};
  const [a, b] = o.featureRange;
  const lo = names.map((_, j) => num(r[`lo${j}`]));
  const hi = names.map((_, j) => num(r[`hi${j}`]));
  return affineState(names, lo, lo.map((l, j) => (Number.isNaN(l) ? 0 : (hi[j] - l) / (b - a))), 'MinMaxScaler', ctx.ds.nRows);
};

const quantileClipper: StepFitter = async (json, ctx) => {
  const o = opts(json) as { columns: unknown; lower: number; upper: number };
  const names = ctx.resolve(o.columns as never, 'QuantileClipper');
  checkNumericColumns(ctx, names, 'QuantileClipper');
  const qs = await ctx.quantiles(names.map((n) => ({ expr: sqlIdent(n), qs: [o.lower, o.upper] })));
  names.forEach((n, j) => { if (Number.isNaN(qs[j][0])) throw new ValidationError(`QuantileClipper: column "${n}" has no observed value (all ${ctx.ds.nRows} missing)`); });
  return { names, lo: encodeNumbers(qs.map((q) => q[0])), hi: encodeNumbers(qs.map((q) => q[1])) };
};

const log1p: StepFitter = async (json, ctx) => {
  const names = ctx.resolve((opts(json).columns ?? 'numeric') as never, 'Log1pTransformer');
  checkNumericColumns(ctx, names, 'Log1pTransformer');
  return { names };
};

const oneHotEncoder: StepFitter = async (json, ctx) => {
  const o = opts(json) as { columns: unknown; handleUnknown: string; minFrequency: number; handleMissing: string; drop: string };
  const names = ctx.resolve((o.columns ?? 'categorical') as never, 'OneHotEncoder');
  const cats: unknown[] = [];
  for (const name of names) if (ctx.column(name, 'OneHotEncoder').kind === 'numeric') throw new ValidationError(`OneHotEncoder: column "${name}" is numeric, expected categorical`);
  const all = await levelCounts(ctx, names.map(sqlIdent));
  for (const name of names) {
    const { counts, missing } = all[names.indexOf(name)];
    if (missing && o.handleMissing === 'error') throw new ValidationError(`OneHotEncoder: column "${name}" has ${missing} missing values (handleMissing: 'error')`);
    const minF = o.handleUnknown === 'infrequent' ? o.minFrequency : 1;
    const seen: string[] = [];
    let anyInfrequent = false;
    for (const [lv, n] of counts) { if (n >= minF) seen.push(lv); else if (n > 0) anyInfrequent = true; }
    if (seen.length === 0 && missing === ctx.ds.nRows && o.handleMissing !== 'indicator') {
      throw new ValidationError(`OneHotEncoder: column "${name}" has no observed value (all ${ctx.ds.nRows} missing)`);
    }
    seen.sort();
    const binary = o.drop === 'if_binary' && seen.length === 2 && !anyInfrequent && missing === 0;
    cats.push({
      column: name, levels: binary ? [seen[1]] : seen, infrequent: o.handleUnknown === 'infrequent',
      missing: missing > 0 && o.handleMissing === 'indicator', reference: binary ? seen[0] : null,
    });
  }
  return { cats };
};

const featureSelector: StepFitter = async (json, ctx, fo) => {
  const sample = await ctx.sample(fo.selectionRows);
  return new FeatureSelector(json.options as FeatureSelectionOptions).fit(sample).toJSON().state;
};

const columnDropper: StepFitter = async () => ({ fitted: true });

/** Parameters of the engineered features that have some, computed in SQL as their `fit` does in JS. */
const ENGINEERED_PARAMS: Record<string, (ctx: FitContext) => Promise<Record<string, unknown>>> = {
  async economic_pressure(ctx) {
    const names = ['emp.var.rate', 'cons.price.idx', 'cons.conf.idx', 'euribor3m', 'nr.employed'];
    const mv = await meanVars(ctx, names.map(sqlIdent));
    const means = mv.map((m) => (m.count ? m.mean : 0));
    const stds = mv.map((m) => { const sd = m.count ? Math.sqrt(m.variance) : 0; return sd > 0 ? sd : 1; });
    const ref = `(${sqlIdent(names[0])} - ${D.num(means[0])})`;
    const r = await ctx.agg(names.map((n, j) => `coalesce(sum((${sqlIdent(n)} - ${D.num(means[j])}) * ${ref}), 0) AS c${j}`));
    const signs = names.map((_, j) => (j === 0 ? -1 : num(r[`c${j}`]) >= 0 ? -1 : 1));
    return { means, stds, signs };
  },
  async pdays_normalized(ctx) {
    const p = sqlIdent('pdays');
    const m = num((await ctx.agg([`max(${p}) FILTER (WHERE ${p} NOT IN (999, -1)) AS m`])).m);
    const max = Number.isNaN(m) || m <= 0 ? 0 : m;
    return { maxPdays: max > 0 ? max : 1 };
  },
  async balance_category(ctx) {
    const q = (await ctx.quantiles([{ expr: sqlIdent('balance'), qs: [0.25, 0.5, 0.75] }]))[0];
    return { edges: q };
  },
};

const featureEngineer: StepFitter = async (json, ctx) => {
  const st = (json.state ?? {}) as { names: string[]; skipped: unknown[]; params: Record<string, unknown> };
  const params: Record<string, unknown> = {};
  for (const name of st.names ?? []) {
    if (!(st.params && name in st.params)) continue;
    const f = ENGINEERED_PARAMS[name];
    if (!f) throw new ValidationError(`the engineered feature "${name}" has fitted parameters but no SQL fitter`);
    params[name] = await f(ctx);
  }
  return { names: [...(st.names ?? [])], skipped: st.skipped ?? [], params };
};

registerStepFitSql('SimpleImputer', simpleImputer);
registerStepFitSql('SentinelExpander', sentinelExpander);
registerStepFitSql('YeoJohnsonTransformer', yeoJohnson);
registerStepFitSql('StandardScaler', standardScaler);
registerStepFitSql('RobustScaler', robustScaler);
registerStepFitSql('MinMaxScaler', minMaxScaler);
registerStepFitSql('QuantileClipper', quantileClipper);
registerStepFitSql('Log1pTransformer', log1p);
registerStepFitSql('OneHotEncoder', oneHotEncoder);
registerStepFitSql('FeatureSelector', featureSelector);
registerStepFitSql('ColumnDropper', columnDropper);
registerStepFitSql('FeatureEngineer', featureEngineer);
