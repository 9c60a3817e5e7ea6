/**
 * Persona thresholds fitted in SQL over all rows: the preset's scores are computed by their SQL translation
 * (lib/src/sql/engineered.ts) from the raw columns, and each `{feature, quantile}` threshold is the type-7 quantile
 * of the score's finite values, as `PersonaModel.fit` computes it in memory.
 *
 * One deliberate difference, for scores computed with LN/EXP (engagement_score…), whose last bits differ between
 * engines: a quantile of such a score is usually a value many rows share, and rows whose inputs differ but whose
 * score is mathematically equal land one rounding step above or below it depending on the engine. The threshold is
 * therefore moved to the middle of the gap next to that value — below it for ≥ and <, above it for > and ≤ — which
 * keeps every row of the value on the side the rule puts the value itself, and makes the decision the same in every
 * engine. It changes no decision for a score farther than rounding from the threshold.
 */
import type { PersonaModel, PersonaOp, PersonaRule } from '../personas/rules';
import { PersonaModel as Model, quantileKey } from '../personas/rules';
import { personaPresetFor } from '../personas/presets';
import { sqlDialect } from '../sql/dialect';
import { engineeredSql } from '../sql/engineered';
import { PERSONA_TIE_TOLERANCE, personaSql, type PersonaScoreSql } from '../sql/personas';
import { FitContext } from './fit-context';
import { queryRows } from './duckdb';
import { sqlIdent, type LargeDataset } from './open-dataset';

const D = sqlDialect('duckdb');

/** What {@link fitPersonasSql} returns. */
export interface SqlPersonaFit {
  presetId: string;
  model: PersonaModel;
  /** Rows per persona over all rows, in priority order, then the unmatched count. */
  counts: number[];
  unmatched: number;
  /** Thresholds moved off a shared value of an inexact score (key → [quantile value, threshold used]). */
  moved: Record<string, [number, number]>;
}

function opsByKey(rule: PersonaRule, out: Map<string, Set<PersonaOp>>): void {
  const r = rule as Record<string, unknown>;
  if ('all' in r || 'any' in r) for (const x of (r.all ?? r.any) as PersonaRule[]) opsByKey(x, out);
  else if ('not' in r) opsByKey(r.not as PersonaRule, out);
  else if ('feature' in r && 'quantile' in r) {
    const k = quantileKey(r.feature as string, r.quantile as number);
    if (!out.has(k)) out.set(k, new Set());
    out.get(k)!.add(r.op as PersonaOp);
  }
}

/** SQL of every score a preset's rules read, over the dataset's raw columns. */
export function personaScoreSql(ds: LargeDataset, presetId: string, features: readonly string[]): Map<string, PersonaScoreSql> {
  const preset = personaPresetFor(presetId);
  const col = (name: string) => {
    const c = ds.columns.find((x) => x.name === name);
    if (!c) throw new Error(`persona scores need column "${name}", which ${ds.file} lacks`);
    return { expr: sqlIdent(name), kind: c.kind };
  };
  const out = new Map<string, PersonaScoreSql>();
  for (const f of features) {
    const c = ds.columns.find((x) => x.name === f);
    if (c) { out.set(f, { expr: sqlIdent(f), exact: true }); continue; }
    if (!preset.scores.some((s) => s.name === f)) throw new Error(`persona rules read "${f}", which is neither a column of ${ds.file} nor a score of the "${preset.id}" preset`);
    const e = engineeredSql(f);
    out.set(f, { expr: e.sql({ d: D, col, params: undefined }), exact: e.exact });
  }
  return out;
}

/**
 * Fit the persona preset of `datasetId` on all rows of `ds` (see the module comment).
 * @returns the fitted model and the persona counts over all rows.
 */
export async function fitPersonasSql(ds: LargeDataset, datasetId: string, seed = 0): Promise<SqlPersonaFit> {
  const preset = personaPresetFor(datasetId);
  const model = new Model(preset.personas);
  const scores = personaScoreSql(ds, preset.id, model.features);
  const ops = new Map<string, Set<PersonaOp>>();
  for (const p of model.personas) opsByKey(p.rule, ops);
  const ctx = new FitContext(ds, seed);
  const thresholds: Record<string, number> = {};
  const moved: Record<string, [number, number]> = {};
  for (const [key, used] of ops) {
    const at = key.lastIndexOf('@');
    const feature = key.slice(0, at);
    const q = Number(key.slice(at + 1));
    const s = scores.get(feature)!;
    const finite = `(CASE WHEN isfinite(${s.expr}) THEN ${s.expr} END)`;
    const t = (await ctx.quantiles([{ expr: finite, qs: [q] }]))[0][0];
    thresholds[key] = t;
    if (s.exact || !Number.isFinite(t)) continue;
    const down = [...used].every((op) => op === '>=' || op === '<');
    const up = [...used].every((op) => op === '>' || op === '<=');
    if (!down && !up) continue;
    const tol = PERSONA_TIE_TOLERANCE * Math.max(1, Math.abs(t));
    const r = await ctx.agg([
      `count(*) FILTER (WHERE ${finite} BETWEEN ${D.num(t - tol)} AND ${D.num(t + tol)}) AS near`,
      `max(${finite}) FILTER (WHERE ${finite} < ${D.num(t - tol)}) AS below`,
      `min(${finite}) FILTER (WHERE ${finite} > ${D.num(t + tol)}) AS above`,
    ]);
    if (Number(r.near) === 0) continue;
    const other = down ? r.below : r.above;
    const gap = other === null || other === undefined ? 1e-6 * Math.max(1, Math.abs(t)) * 2 : Math.abs(Number(other) - t);
    const t2 = down ? t - gap / 2 : t + gap / 2;
    thresholds[key] = t2;
    moved[key] = [t, t2];
  }
  const fitted = Model.fromJSON({ type: 'PersonaModel', personas: model.personas, thresholds });
  const p = personaSql(fitted, scores, D);
  const rows = await queryRows(ds.session.conn, `SELECT ${p.caseExpr} AS persona, count(*) AS n FROM src GROUP BY persona`);
  const counts = p.names.map((name) => Number(rows.find((x) => x.persona === name)?.n ?? 0));
  const unmatched = Number(rows.find((x) => x.persona === 'none')?.n ?? 0);
  return { presetId: preset.id, model: fitted, counts, unmatched, moved };
}
