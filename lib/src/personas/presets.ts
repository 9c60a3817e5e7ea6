/**
 * Persona presets shipped with seglab, as data: the persona definitions, the scores their rules read (with the raw
 * columns each score needs), display names for generated descriptions, and the features of the radar charts.
 *
 * Bank (bank-additional-full and bank.csv), after seed 000's four business-guided personas. The rules are this
 * project's; thresholds are quantiles fitted on the training rows (or fixed values on scores with a natural scale):
 *  1. Financially Stressed Repeaters: persistence_score >= its 90th percentile (many attempts without success) and
 *     financial_exposure >= 1.5 (e.g. a housing and a personal loan, or a loan and an unknown default status).
 *  2. Highly Engaged Loyalists: engagement_score >= its 80th percentile and financial_exposure <= 1 (low stress).
 *  3. Curious Safe Explorers: engagement_score >= its 60th percentile, financial_exposure = 0 (no credit at all) and
 *     persistence_score <= 1 (at most one follow-up call: early in the decision).
 *  4. Moderate Potential: everyone else.
 * On bank-additional-full (41,188 rows) these give 2.6 / 16.8 / 4.4 / 76.2 % (seed 000: 2.6 / 14.6 / 4.3 / 78.4 %).
 * engagement_score and contact_effort use the post-call `duration`: fine to describe past campaigns, not to pick
 * whom to call next (use a preset renamed to duration-free scores for that).
 *
 * Credit cards (CC GENERAL), over raw columns and two engineered ratios:
 *  1. Revolvers at Risk: utilization >= 0.8 and PRC_FULL_PAYMENT = 0 (near the limit, never pays in full).
 *  2. Cash-Advance Reliant: cash_advance_share >= 0.5 and CASH_ADVANCE >= its 75th percentile.
 *  3. Active High-Value Users: PURCHASES >= its 75th percentile and PURCHASES_FREQUENCY >= 0.75.
 *  4. Dormant Users: PURCHASES_FREQUENCY <= 0.1 and CASH_ADVANCE_FREQUENCY <= 0.1.
 *  5. Moderate Users: everyone else.
 * On CC GENERAL (8,950 rows) these give 19.4 / 18.4 / 16.0 / 7.4 / 38.9 %.
 */
import { ValidationError } from '../core/errors';
import type { DatasetSpec } from '../data/registry';
import { expressionColumns, parseExpression } from '../features/expression';
import type { FeatureLabel } from './describe';
import { renamePersonaFeatures, ruleFeatures, type PersonaDefinition, type PersonaRule } from './rules';

/** A score a preset's rules read, and what it needs. */
export interface PersonaScoreSpec {
  readonly name: string;
  /** Raw columns it is computed from (empty for a raw column). */
  readonly requires: readonly string[];
  readonly meaning: string;
}

/** A persona preset. */
export interface PersonaPreset {
  /** `bank`, `credit-card`, or the data set id for personas a spec defines. */
  readonly id: string;
  readonly title: string;
  /** Data set ids it applies to. */
  readonly datasets: readonly string[];
  readonly description: string;
  /** Every score the rules read. */
  readonly scores: readonly PersonaScoreSpec[];
  readonly personas: readonly PersonaDefinition[];
  /** Display names for descriptions. */
  readonly labels: Readonly<Record<string, FeatureLabel>>;
  /** Features of the radar charts (standardized). */
  readonly radarFeatures: readonly string[];
  /** Scores computed from expressions (a spec's `derived` features the rules read). */
  readonly derived?: ReadonlyArray<{ readonly name: string; readonly expr: string }>;
}

/** The score names of the bank preset (engineered features of lib/src/features, bank-additional set). */
export type BankScoreName = 'engagement_score' | 'persistence_score' | 'financial_exposure' | 'contact_effort' | 'campaign_intensity';

const BANK_SCORES: readonly PersonaScoreSpec[] = [
  { name: 'engagement_score', requires: ['duration', 'previous', 'poutcome'], meaning: 'log1p(duration/60) + log1p(previous) + 1[poutcome = success]' },
  { name: 'persistence_score', requires: ['campaign', 'previous', 'poutcome'], meaning: '(campaign − 1) + previous × 1[poutcome ≠ success]' },
  { name: 'financial_exposure', requires: ['housing', 'loan', 'default'], meaning: '1[housing] + 1[loan] + 1[default] + 0.5 × 1[default unknown]' },
  { name: 'contact_effort', requires: ['campaign', 'duration'], meaning: 'campaign × duration / 60 (minutes on the phone)' },
  { name: 'campaign_intensity', requires: ['campaign', 'previous'], meaning: 'campaign / (previous + 1)' },
];

/** The bank personas (seed 000), in priority order. */
export const BANK_PERSONAS: readonly PersonaDefinition[] = Object.freeze([
  {
    id: 'financially-stressed-repeaters', name: 'Financially Stressed Repeaters', priority: 1,
    description: 'Called again and again without success while carrying several credit commitments.',
    rule: { all: [{ feature: 'persistence_score', op: '>=', quantile: 0.9 }, { feature: 'financial_exposure', op: '>=', value: 1.5 }] },
    strategy: ['Risk-aware messaging about debt and budgeting', 'Conservative targeting: cap the contact frequency', 'Exclude from aggressive campaigns'],
    channel: 'Email / letter, no outbound calls', color: '#D55E00',
  },
  {
    id: 'highly-engaged-loyalists', name: 'Highly Engaged Loyalists', priority: 2,
    description: 'Long conversations and past successes, with little financial stress.',
    rule: { all: [{ feature: 'engagement_score', op: '>=', quantile: 0.8 }, { feature: 'financial_exposure', op: '<=', value: 1 }] },
    strategy: ['Retention programmes', 'Cross-selling and upselling', 'Priority targeting in new campaigns'],
    channel: 'Relationship manager call', color: '#009E73',
  },
  {
    id: 'curious-safe-explorers', name: 'Curious Safe Explorers', priority: 3,
    description: 'Interested but cautious: engaged on the phone, no credit exposure, early in the decision.',
    rule: { all: [{ feature: 'engagement_score', op: '>=', quantile: 0.6 }, { feature: 'financial_exposure', op: '==', value: 0 }, { feature: 'persistence_score', op: '<=', value: 1 }] },
    strategy: ['Trial offers', 'Low-commitment incentives', 'Trust-building communication'],
    channel: 'Mobile app and email', color: '#0072B2',
  },
  {
    id: 'moderate-potential', name: 'Moderate Potential', priority: 4,
    description: 'The broad base: moderate engagement, low resistance, low enthusiasm.',
    rule: { always: true },
    strategy: ['Educational campaigns', 'Gradual nurturing', 'Cost-efficient follow-ups'],
    channel: 'Automated email / SMS', color: '#999999',
  },
]);

/** The credit-card personas, in priority order. */
export const CREDIT_CARD_PERSONAS: readonly PersonaDefinition[] = Object.freeze([
  {
    id: 'revolvers-at-risk', name: 'Revolvers at Risk', priority: 1,
    description: 'Balances near the credit limit and never paid in full.',
    rule: { all: [{ feature: 'utilization', op: '>=', value: 0.8 }, { feature: 'PRC_FULL_PAYMENT', op: '==', value: 0 }] },
    strategy: ['Payment reminders and budgeting tools', 'Instalment or balance-transfer plans', 'No limit increases; monitor for delinquency'],
    channel: 'App notifications and service calls', color: '#D55E00',
  },
  {
    id: 'cash-advance-reliant', name: 'Cash-Advance Reliant', priority: 2,
    description: 'Uses the card mostly to draw cash, in large amounts.',
    rule: { all: [{ feature: 'cash_advance_share', op: '>=', value: 0.5 }, { feature: 'CASH_ADVANCE', op: '>=', quantile: 0.75 }] },
    strategy: ['Offer a cheaper personal loan or credit line', 'Incentives to move spending to purchases', 'Risk review of cash-advance limits'],
    channel: 'Branch / phone advisor', color: '#E69F00',
  },
  {
    id: 'active-high-value', name: 'Active High-Value Users', priority: 3,
    description: 'Buy often and spend a lot.',
    rule: { all: [{ feature: 'PURCHASES', op: '>=', quantile: 0.75 }, { feature: 'PURCHASES_FREQUENCY', op: '>=', value: 0.75 }] },
    strategy: ['Rewards and premium-card upgrades', 'Credit-limit increases for good payers', 'Partner offers'],
    channel: 'Relationship manager and app', color: '#009E73',
  },
  {
    id: 'dormant-users', name: 'Dormant Users', priority: 4,
    description: 'Rarely use the card for purchases or cash.',
    rule: { all: [{ feature: 'PURCHASES_FREQUENCY', op: '<=', value: 0.1 }, { feature: 'CASH_ADVANCE_FREQUENCY', op: '<=', value: 0.1 }] },
    strategy: ['Reactivation campaign', 'First-purchase incentive', 'Review the fee before churn'],
    channel: 'Email and SMS', color: '#56B4E9',
  },
  {
    id: 'moderate-users', name: 'Moderate Users', priority: 5,
    description: 'Regular, unremarkable card use.',
    rule: { always: true },
    strategy: ['Usage incentives', 'Instalment offers on larger purchases', 'Gradual nurturing'],
    channel: 'Email and app', color: '#999999',
  },
]);

const CC_SCORES: readonly PersonaScoreSpec[] = [
  { name: 'utilization', requires: ['BALANCE', 'CREDIT_LIMIT'], meaning: 'BALANCE / CREDIT_LIMIT' },
  { name: 'cash_advance_share', requires: ['CASH_ADVANCE', 'PURCHASES'], meaning: 'CASH_ADVANCE / (PURCHASES + CASH_ADVANCE), 0 when both are 0' },
  { name: 'PRC_FULL_PAYMENT', requires: [], meaning: 'share of months paid in full (raw column)' },
  { name: 'CASH_ADVANCE', requires: [], meaning: 'cash-advance amount (raw column)' },
  { name: 'PURCHASES', requires: [], meaning: 'purchase amount (raw column)' },
  { name: 'PURCHASES_FREQUENCY', requires: [], meaning: 'share of months with a purchase (raw column)' },
  { name: 'CASH_ADVANCE_FREQUENCY', requires: [], meaning: 'share of months with a cash advance (raw column)' },
];

/** The bank preset, optionally with the scores renamed (e.g. bank.csv data whose score columns are named differently). */
export function bankPersonaPreset(names: Partial<Record<BankScoreName, string>> = {}): PersonaPreset {
  const map = names as Record<string, string>;
  const rename = (f: string) => map[f] ?? f;
  return {
    id: 'bank', title: 'Bank customers (seed 000 business-guided personas)',
    datasets: ['bank-additional-full', 'bank-kaggle', 'synthetic-bank'],
    description: 'Four personas over engineered engagement, persistence and financial-exposure scores, evaluated in priority order.',
    scores: BANK_SCORES.map((s) => ({ ...s, name: rename(s.name) })),
    personas: renamePersonaFeatures(BANK_PERSONAS, map),
    labels: {
      [rename('engagement_score')]: { label: 'engagement score', style: 'sd' },
      [rename('persistence_score')]: { label: 'unsuccessful attempts', style: 'ratio' },
      [rename('financial_exposure')]: { label: 'credit exposure', style: 'ratio' },
      [rename('contact_effort')]: { label: 'minutes of calls', style: 'ratio' },
      [rename('campaign_intensity')]: { label: 'campaign intensity', style: 'ratio' },
      duration: { label: 'call duration', style: 'ratio' }, campaign: { label: 'contacts this campaign', style: 'ratio' },
      previous: { label: 'earlier contacts', style: 'ratio' }, age: { label: 'age', style: 'value' }, balance: { label: 'balance', style: 'value' },
    },
    radarFeatures: ['engagement_score', 'persistence_score', 'financial_exposure', 'contact_effort', 'campaign_intensity'].map(rename),
  };
}

/** The credit-card preset. */
export function creditCardPersonaPreset(): PersonaPreset {
  return {
    id: 'credit-card', title: 'Credit-card holders (CC GENERAL)',
    datasets: ['cc-general', 'synthetic-cc'],
    description: 'Five usage personas over raw CC GENERAL columns and two engineered ratios, evaluated in priority order.',
    scores: CC_SCORES,
    personas: CREDIT_CARD_PERSONAS.map((p) => ({ ...p })),
    labels: {
      PURCHASES: 'purchases', ONEOFF_PURCHASES: 'one-off purchases', INSTALLMENTS_PURCHASES: 'instalment purchases',
      CASH_ADVANCE: 'cash advances', BALANCE: 'balance', CREDIT_LIMIT: 'credit limit', PAYMENTS: 'payments',
      MINIMUM_PAYMENTS: 'minimum payments', PURCHASES_TRX: 'purchase transactions', CASH_ADVANCE_TRX: 'cash-advance transactions',
      PRC_FULL_PAYMENT: { label: 'of months paid in full', style: 'share' },
      PURCHASES_FREQUENCY: { label: 'of months with purchases', style: 'share' },
      ONEOFF_PURCHASES_FREQUENCY: { label: 'of months with one-off purchases', style: 'share' },
      PURCHASES_INSTALLMENTS_FREQUENCY: { label: 'of months with instalment purchases', style: 'share' },
      CASH_ADVANCE_FREQUENCY: { label: 'of months with cash advances', style: 'share' },
      BALANCE_FREQUENCY: { label: 'balance update frequency', style: 'share' },
      TENURE: { label: 'tenure (months)', style: 'value' },
      utilization: { label: 'credit utilization', style: 'value' }, cash_advance_share: { label: 'of use as cash advance', style: 'share' },
      full_payer: { label: 'full payers', style: 'share' },
    },
    radarFeatures: ['PURCHASES', 'PURCHASES_FREQUENCY', 'CASH_ADVANCE', 'utilization', 'PRC_FULL_PAYMENT', 'CREDIT_LIMIT'],
  };
}

/**
 * The preset for a data set id (`bank-additional-full`, `bank-kaggle`, `cc-general`, the synthetic ones) or a preset id.
 * @throws ValidationError listing the known ids.
 */
export function personaPresetFor(id: string): PersonaPreset {
  const bank = bankPersonaPreset();
  const cc = creditCardPersonaPreset();
  if (id === 'bank' || bank.datasets.includes(id)) return bank;
  if (id === 'credit-card' || cc.datasets.includes(id)) return cc;
  throw new ValidationError(`no persona preset for "${id}"; known: bank, credit-card, ${[...bank.datasets, ...cc.datasets].join(', ')}`);
}

const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#E69F00', '#CC79A7', '#56B4E9', '#F0E442', '#999999'];

/**
 * The persona preset of a data set spec: the built-in preset it names (`"personas": "bank"`), the personas it
 * defines (`"personas": { "personas": [ … ] }`, rules over its columns and its `derived` features), or null when it
 * has none (generic segments only).
 * @throws ValidationError naming the spec and the persona whose definition is malformed
 */
export function personaPresetOf(spec: DatasetSpec): PersonaPreset | null {
  const p = spec.personas;
  if (p === null || p === undefined) return null;
  if (typeof p === 'string') return personaPresetFor(p);
  const where = `spec ${spec.id}, personas`;
  if (!Array.isArray(p.personas) || p.personas.length === 0) throw new ValidationError(`${where}: "personas" should list at least one persona`);
  const personas: PersonaDefinition[] = p.personas.map((x, i) => {
    const d = x as Record<string, unknown>;
    if (typeof d.name !== 'string' || !d.name) throw new ValidationError(`${where}[${i}]: every persona needs a "name"`);
    if (d.rule == null || typeof d.rule !== 'object') throw new ValidationError(`${where}[${i}] "${d.name}": a "rule" is needed, e.g. { "feature": "recency_days", "op": ">=", "quantile": 0.8 } or { "always": true }`);
    return {
      id: typeof d.id === 'string' ? d.id : String(d.name).toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      name: d.name,
      description: typeof d.description === 'string' ? d.description : '',
      priority: typeof d.priority === 'number' ? d.priority : i + 1,
      rule: d.rule as PersonaRule,
      strategy: Array.isArray(d.strategy) ? (d.strategy as unknown[]).map(String) : [],
      channel: typeof d.channel === 'string' ? d.channel : '',
      color: typeof d.color === 'string' ? d.color : PALETTE[i % PALETTE.length],
    };
  });
  const used = new Map<string, Set<number>>();
  for (const q of personas) ruleFeatures(q.rule, used);
  const derived = spec.derived.filter((d) => used.has(d.name));
  const scores: PersonaScoreSpec[] = [...used.keys()].map((f) => {
    const d = derived.find((x) => x.name === f);
    return d
      ? { name: f, requires: expressionColumns(parseExpression(d.expr, `derived feature "${f}"`)), meaning: d.expr }
      : { name: f, requires: [], meaning: spec.columns.find((c) => c.name === f)?.description || 'column of the data' };
  });
  return {
    id: spec.id,
    title: p.title ?? `${spec.title}: personas of the spec`,
    datasets: [spec.id],
    description: p.description ?? `${personas.length} personas defined in the spec, evaluated in priority order.`,
    scores,
    personas,
    labels: (p.labels ?? {}) as Record<string, FeatureLabel>,
    radarFeatures: p.radarFeatures ?? [...used.keys()].slice(0, 8),
    derived: derived.map((d) => ({ name: d.name, expr: d.expr })),
  };
}

/**
 * The preset a model bundle was trained with: the spec's own personas when the bundle stored its spec, else the
 * built-in preset of that id.
 */
export function resolvePersonaPreset(presetId: string, spec?: DatasetSpec | null): PersonaPreset {
  if (spec) {
    const p = personaPresetOf(spec);
    if (p && p.id === presetId) return p;
  }
  return personaPresetFor(presetId);
}
