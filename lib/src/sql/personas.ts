/**
 * SQL of persona rules: each persona's rule becomes a two-valued boolean expression (a comparison with a missing
 * value is false, so NOT of it is true, as in PersonaModel.assign), and the personas a CASE in priority order.
 *
 * Scores computed with LN/EXP (see engineered.ts) may differ from the JS value in the last bits; the fitted
 * quantile thresholds are values of that very score on training rows, so rows that repeat the threshold row's
 * inputs sit exactly on the threshold in JS. For those scores a comparison treats a value within
 * `PERSONA_TIE_TOLERANCE · max(1, |t|)` of the threshold t as equal to it (true for ≥ ≤ ==, false for > < !=),
 * which reproduces the JS decision for them; every such row is flagged as a near-tie.
 */
import { ValidationError } from '../core/errors';
import type { PersonaModel, PersonaOp, PersonaRule } from '../personas/rules';
import { quantileKey } from '../personas/rules';
import type { SqlDialect } from './dialect';

/** Relative band within which an inexact persona score counts as equal to a threshold. */
export const PERSONA_TIE_TOLERANCE = 1e-9;

/** A score a rule reads: its SQL expression (a carried column) and whether SQL computes it bit-exactly. */
export interface PersonaScoreSql { readonly expr: string; readonly exact: boolean }

/** The SQL of a fitted persona model: the CASE giving the persona name, and a near-tie condition. */
export interface PersonaSql {
  /** `CASE WHEN … THEN 'name' … ELSE 'none' END`. */
  readonly caseExpr: string;
  /** True where an inexact score fell within the tie band of a threshold (or FALSE when no score is inexact). */
  readonly nearTie: string;
  /** Persona names in priority order. */
  readonly names: readonly string[];
}

const FALSE = '(1 = 0)';

function comparison(x: PersonaScoreSql, op: PersonaOp, t: number, d: SqlDialect, ties: string[]): string {
  const v = x.expr;
  if (Number.isNaN(t)) return op === '!=' ? `(${v} IS NOT NULL)` : FALSE;
  if (!Number.isFinite(t)) throw new ValidationError(`SQL export: a persona threshold is ${t}, which SQL cannot hold`);
  if (x.exact) return `(${v} IS NOT NULL AND ${v} ${op === '==' ? '=' : op === '!=' ? '<>' : op} ${d.num(t)})`;
  const tol = PERSONA_TIE_TOLERANCE * Math.max(1, Math.abs(t));
  const lo = d.num(t - tol);
  const hi = d.num(t + tol);
  ties.push(`(${v} >= ${lo} AND ${v} <= ${hi})`);
  switch (op) {
    case '>=': return `(${v} IS NOT NULL AND ${v} >= ${lo})`;
    case '>': return `(${v} IS NOT NULL AND ${v} > ${hi})`;
    case '<=': return `(${v} IS NOT NULL AND ${v} <= ${hi})`;
    case '<': return `(${v} IS NOT NULL AND ${v} < ${lo})`;
    case '==': return `(${v} IS NOT NULL AND ${v} >= ${lo} AND ${v} <= ${hi})`;
    default: return `(${v} IS NOT NULL AND (${v} < ${lo} OR ${v} > ${hi}))`;
  }
}

function ruleSql(rule: PersonaRule, scores: ReadonlyMap<string, PersonaScoreSql>, thresholds: Readonly<Record<string, number>>, d: SqlDialect, ties: string[]): string {
  const r = rule as Record<string, unknown>;
  if ('always' in r) return '(1 = 1)';
  if ('all' in r) return `(${(r.all as PersonaRule[]).map((x) => ruleSql(x, scores, thresholds, d, ties)).join(' AND ')})`;
  if ('any' in r) return `(${(r.any as PersonaRule[]).map((x) => ruleSql(x, scores, thresholds, d, ties)).join(' OR ')})`;
  if ('not' in r) return `(NOT ${ruleSql(r.not as PersonaRule, scores, thresholds, d, ties)})`;
  const f = r.feature as string;
  const s = scores.get(f);
  if (!s) throw new ValidationError(`SQL export: persona rules read "${f}", which is neither an input column nor a persona score`);
  const t = 'quantile' in r ? thresholds[quantileKey(f, r.quantile as number)] : (r.value as number);
  if (t === undefined) throw new ValidationError(`SQL export: the persona model lacks the threshold of "${f}" at quantile ${String(r.quantile)}`);
  return comparison(s, r.op as PersonaOp, t, d, ties);
}

/**
 * The persona CASE of a fitted model over the given scores (by feature name).
 * Complexity: O(total rule size).
 * @throws ValidationError naming a feature no score provides.
 */
export function personaSql(model: PersonaModel, scores: ReadonlyMap<string, PersonaScoreSql>, d: SqlDialect): PersonaSql {
  const thresholds = model.fittedThresholds;
  const ties: string[] = [];
  const whens = model.personas.map((p) => `WHEN ${ruleSql(p.rule, scores, thresholds, d, ties)} THEN ${d.str(p.name)}`);
  return {
    caseExpr: `(CASE ${whens.join(' ')} ELSE 'none' END)`,
    nearTie: ties.length ? `(${[...new Set(ties)].join(' OR ')})` : FALSE,
    names: model.personas.map((p) => p.name),
  };
}
