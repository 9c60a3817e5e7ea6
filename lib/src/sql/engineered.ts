/**
 * SQL translations of the engineered features of lib/src/features/engineered, by feature name, each written to
 * compute what the JavaScript formula computes in the same operation order (NaN in JS ↔ NULL in SQL; a division
 * whose JS result would be ±Infinity gives NULL instead, so that no engine raises a division-by-zero error).
 *
 * `exact` says whether the SQL value is bit-identical to the JS one on every engine: only +, −, ×, ÷ and
 * comparisons (IEEE-754 correctly rounded everywhere). Features using LN/EXP are not: the engine's libm and V8's
 * differ in the last bit for about one value in a hundred, which the persona rules take into account.
 */
import { ValidationError } from '../core/errors';
import type { SqlDialect } from './dialect';
import type { SqlColumnKind } from './relation';

/** A column the formula reads: its SQL expression and kind. */
export interface SqlInput { readonly expr: string; readonly kind: SqlColumnKind }

/** What a feature formula needs: the dialect, the input columns by name, the fitted parameters. */
export interface EngineeredSqlArgs {
  readonly d: SqlDialect;
  col(name: string): SqlInput;
  readonly params: Readonly<Record<string, unknown>> | undefined;
}

/** The SQL of one engineered feature. */
export interface EngineeredSql {
  readonly kind: 'numeric' | 'categorical';
  /** True when the SQL value equals the JS value bit for bit (no transcendental function). */
  readonly exact: boolean;
  sql(a: EngineeredSqlArgs): string;
}

const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A numeric input (a categorical one is refused: the JS reader would parse numbers out of its text). */
function num(a: EngineeredSqlArgs, name: string): string {
  const c = a.col(name);
  if (c.kind !== 'numeric') throw new ValidationError(`SQL export: engineered features read column "${name}" as a number, but it is ${c.kind}`);
  return c.expr;
}

/** 1 where the categorical column equals one of `levels` (ignoring case and surrounding spaces), 0 elsewhere, NULL when missing. */
function isLevel(a: EngineeredSqlArgs, name: string, ...levels: string[]): string {
  const c = a.col(name);
  if (c.kind === 'numeric') throw new ValidationError(`SQL export: engineered features read column "${name}" as categorical, but it is numeric`);
  const list = levels.map((l) => a.d.str(l.toLowerCase())).join(', ');
  return `(CASE WHEN ${c.expr} IS NULL THEN NULL WHEN LOWER(TRIM(${c.expr})) IN (${list}) THEN 1E0 ELSE 0E0 END)`;
}

/** Month number 1–12 from a month name (first three letters, any case) or a number; else NULL. */
function monthNumber(a: EngineeredSqlArgs, name: string): string {
  const c = a.col(name);
  if (c.kind === 'numeric') {
    return `(CASE WHEN ${c.expr} IN (${MONTH_PREFIXES.map((_, k) => a.d.num(k + 1)).join(', ')}) THEN ${c.expr} END)`;
  }
  const whens = MONTH_PREFIXES.map((p, k) => `WHEN LOWER(TRIM(${c.expr})) LIKE ${a.d.str(`${p}%`)} THEN ${a.d.num(k + 1)}`);
  return `(CASE ${whens.join(' ')} END)`;
}

/** A CASE over the twelve months with the value JS computes for each (exact: JS computed it). */
function monthLookup(a: EngineeredSqlArgs, f: (m: number) => number): string {
  const m = monthNumber(a, 'month');
  return `(CASE ${MONTH_PREFIXES.map((_, k) => `WHEN ${m} = ${a.d.num(k + 1)} THEN ${a.d.num(f(k + 1))}`).join(' ')} END)`;
}

const ln1p = (x: string, d: SqlDialect): string => `LN(${d.num(1)} + ${x})`;

function paramNumbers(a: EngineeredSqlArgs, feature: string, key: string, n: number): number[] {
  const v = a.params?.[key];
  if (!Array.isArray(v) || v.length !== n || v.some((x) => typeof x !== 'number')) {
    throw new ValidationError(`SQL export: engineered feature "${feature}" lacks its fitted parameter "${key}" (${n} numbers)`);
  }
  return v as number[];
}

const ECONOMIC = ['emp.var.rate', 'cons.price.idx', 'cons.conf.idx', 'euribor3m', 'nr.employed'];

const FEATURES: Readonly<Record<string, EngineeredSql>> = {
  // shared by both bank sets
  campaign_intensity: { kind: 'numeric', exact: true, sql: (a) => { const c = num(a, 'campaign'), p = num(a, 'previous'); return `(CASE WHEN ${p} + 1E0 <> 0E0 THEN ${c} / (${p} + 1E0) END)`; } },
  total_contacts: { kind: 'numeric', exact: true, sql: (a) => `(${num(a, 'campaign')} + ${num(a, 'previous')})` },
  // bank-additional
  contact_effort: { kind: 'numeric', exact: true, sql: (a) => `((${num(a, 'campaign')} * ${num(a, 'duration')}) / 6E1)` },
  engagement_score: {
    kind: 'numeric', exact: false,
    sql: (a) => `(${ln1p(`${num(a, 'duration')} / 6E1`, a.d)} + ${ln1p(num(a, 'previous'), a.d)} + ${isLevel(a, 'poutcome', 'success')})`,
  },
  persistence_score: {
    kind: 'numeric', exact: true,
    sql: (a) => `(${num(a, 'campaign')} - 1E0 + ${num(a, 'previous')} * (1E0 - ${isLevel(a, 'poutcome', 'success')}))`,
  },
  financial_exposure: {
    kind: 'numeric', exact: true,
    sql: (a) => `(${isLevel(a, 'housing', 'yes')} + ${isLevel(a, 'loan', 'yes')} + ${isLevel(a, 'default', 'yes')} + 5E-1 * ${isLevel(a, 'default', 'unknown')})`,
  },
  economic_pressure: {
    kind: 'numeric', exact: true,
    sql: (a) => {
      const means = paramNumbers(a, 'economic_pressure', 'means', 5);
      const stds = paramNumbers(a, 'economic_pressure', 'stds', 5);
      const signs = paramNumbers(a, 'economic_pressure', 'signs', 5);
      const terms = ECONOMIC.map((n, j) => `(${a.d.num(signs[j])} * (${num(a, n)} - ${a.d.num(means[j])})) / ${a.d.num(stds[j])}`);
      return `((${terms.join(' + ')}) / ${a.d.num(ECONOMIC.length)})`;
    },
  },
  // bank-kaggle
  balance_per_age: { kind: 'numeric', exact: true, sql: (a) => { const b = num(a, 'balance'), g = num(a, 'age'); return `(CASE WHEN ${g} > 0E0 THEN ${b} / ${g} END)`; } },
  balance_log: { kind: 'numeric', exact: false, sql: (a) => { const b = num(a, 'balance'); return `(CASE WHEN ${b} < 0E0 THEN -${ln1p(`-${b}`, a.d)} ELSE ${ln1p(b, a.d)} END)`; } },
  balance_positive: { kind: 'numeric', exact: true, sql: (a) => { const b = num(a, 'balance'); return `(CASE WHEN ${b} IS NULL THEN NULL WHEN ${b} > 0E0 THEN 1E0 ELSE 0E0 END)`; } },
  balance_category: {
    kind: 'categorical', exact: true,
    sql: (a) => {
      const e = paramNumbers(a, 'balance_category', 'edges', 3);
      const b = num(a, 'balance');
      return `(CASE WHEN ${b} IS NULL THEN NULL WHEN ${b} <= ${a.d.num(e[0])} THEN 'low' WHEN ${b} <= ${a.d.num(e[1])} THEN 'medium' WHEN ${b} <= ${a.d.num(e[2])} THEN 'high' ELSE 'very_high' END)`;
    },
  },
  is_first_campaign: { kind: 'numeric', exact: true, sql: (a) => { const p = num(a, 'previous'); return `(CASE WHEN ${p} IS NULL THEN NULL WHEN ${p} = 0E0 THEN 1E0 ELSE 0E0 END)`; } },
  contacted_before: { kind: 'numeric', exact: true, sql: (a) => { const p = num(a, 'pdays'); return `(CASE WHEN ${p} IS NULL THEN NULL WHEN ${p} IN (9.99E2, (-1E0)) THEN 0E0 ELSE 1E0 END)`; } },
  pdays_normalized: {
    kind: 'numeric', exact: true,
    sql: (a) => {
      const max = a.params?.maxPdays;
      if (typeof max !== 'number') throw new ValidationError('SQL export: engineered feature "pdays_normalized" lacks its fitted parameter "maxPdays"');
      const p = num(a, 'pdays');
      const v = `((CASE WHEN ${p} > 0E0 THEN ${p} ELSE 0E0 END) / ${a.d.num(max)})`;
      return `(CASE WHEN ${p} IS NULL THEN NULL WHEN ${p} IN (9.99E2, (-1E0)) THEN 1E0 WHEN ${v} < 1E0 THEN ${v} ELSE 1E0 END)`;
    },
  },
  recent_contact: { kind: 'numeric', exact: true, sql: (a) => { const p = num(a, 'pdays'); return `(CASE WHEN ${p} IS NULL THEN NULL WHEN ${p} NOT IN (9.99E2, (-1E0)) AND ${p} < 3E1 THEN 1E0 ELSE 0E0 END)`; } },
  month_sin: { kind: 'numeric', exact: true, sql: (a) => monthLookup(a, (m) => Math.sin((2 * Math.PI * m) / 12)) },
  month_cos: { kind: 'numeric', exact: true, sql: (a) => monthLookup(a, (m) => Math.cos((2 * Math.PI * m) / 12)) },
  quarter: {
    kind: 'categorical', exact: true,
    sql: (a) => { const m = monthNumber(a, 'month'); return `(CASE WHEN ${m} <= 3E0 THEN 'Q1' WHEN ${m} <= 6E0 THEN 'Q2' WHEN ${m} <= 9E0 THEN 'Q3' WHEN ${m} <= 1.2E1 THEN 'Q4' END)`; },
  },
  has_debt: {
    kind: 'numeric', exact: true,
    sql: (a) => { const h = isLevel(a, 'housing', 'yes'), l = isLevel(a, 'loan', 'yes'); return `(CASE WHEN ${h} IS NULL OR ${l} IS NULL THEN NULL WHEN ${h} + ${l} > 0E0 THEN 1E0 ELSE 0E0 END)`; },
  },
  debt_count: { kind: 'numeric', exact: true, sql: (a) => `(${isLevel(a, 'housing', 'yes')} + ${isLevel(a, 'loan', 'yes')})` },
  prev_success: { kind: 'numeric', exact: true, sql: (a) => isLevel(a, 'poutcome', 'success') },
  duration_per_contact: { kind: 'numeric', exact: true, sql: (a) => { const d = num(a, 'duration'), c = num(a, 'campaign'); return `(CASE WHEN ${c} > 0E0 THEN ${d} / ${c} END)`; } },
  // credit-card
  utilization: { kind: 'numeric', exact: true, sql: (a) => { const b = num(a, 'BALANCE'), l = num(a, 'CREDIT_LIMIT'); return `(CASE WHEN ${l} > 0E0 THEN ${b} / ${l} END)`; } },
  payment_ratio: { kind: 'numeric', exact: true, sql: (a) => { const p = num(a, 'PAYMENTS'), m = num(a, 'MINIMUM_PAYMENTS'); return `(CASE WHEN ${m} > 0E0 THEN ${p} / ${m} END)`; } },
  cash_advance_share: {
    kind: 'numeric', exact: true,
    sql: (a) => { const c = num(a, 'CASH_ADVANCE'), p = num(a, 'PURCHASES'); const s = `(${p} + ${c})`; return `(CASE WHEN ${s} > 0E0 THEN ${c} / ${s} WHEN ${s} = 0E0 THEN 0E0 END)`; },
  },
  purchases_per_transaction: {
    kind: 'numeric', exact: true,
    sql: (a) => { const p = num(a, 'PURCHASES'), n = num(a, 'PURCHASES_TRX'); return `(CASE WHEN ${n} > 0E0 THEN ${p} / ${n} WHEN ${n} = 0E0 THEN 0E0 END)`; },
  },
  oneoff_share: {
    kind: 'numeric', exact: true,
    sql: (a) => { const o = num(a, 'ONEOFF_PURCHASES'), i = num(a, 'INSTALLMENTS_PURCHASES'); const s = `(${o} + ${i})`; return `(CASE WHEN ${s} > 0E0 THEN ${o} / ${s} WHEN ${s} = 0E0 THEN 5E-1 END)`; },
  },
  full_payer: { kind: 'numeric', exact: true, sql: (a) => { const f = num(a, 'PRC_FULL_PAYMENT'); return `(CASE WHEN ${f} IS NULL THEN NULL WHEN ${f} >= 5E-1 THEN 1E0 ELSE 0E0 END)`; } },
};

/**
 * The SQL of the engineered feature `name`.
 * @throws ValidationError naming a feature without a SQL translation.
 */
export function engineeredSql(name: string): EngineeredSql {
  const f = FEATURES[name];
  if (!f) throw new ValidationError(`SQL export: the engineered feature "${name}" has no SQL translation; translated: ${Object.keys(FEATURES).join(', ')}`);
  return f;
}

/** Names of the engineered features with a SQL translation. */
export function translatedEngineeredFeatures(): string[] {
  return Object.keys(FEATURES);
}
