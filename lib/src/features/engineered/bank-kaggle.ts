/**
 * Engineered features of the Kaggle bank.csv (after seed 002, which lists 15 of these names with one-line meanings;
 * the formulas and their edge cases here are this project's, documented per feature).
 */
import type { Table } from '../../data/table';
import type { EngineeredFeature, EngineeredParams } from './types';
import { isLevel, isNeverContacted, mapRows, monthNumber, num } from './helpers';
import { CAMPAIGN_INTENSITY, TOTAL_CONTACTS } from './bank-common';
import { quantileSorted, sortedFinite } from '../util';

export const BALANCE_PER_AGE: EngineeredFeature = {
  name: 'balance_per_age',
  meaning: 'Wealth accumulated per year of age.',
  formula: 'balance / age; age <= 0 or missing → NaN.',
  requires: ['balance', 'age'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const b = num(t, 'balance'); const a = num(t, 'age'); return mapRows(t.nRows, (i) => (a[i] > 0 ? b[i] / a[i] : NaN)); },
};

export const BALANCE_LOG: EngineeredFeature = {
  name: 'balance_log',
  meaning: 'Balance on a log scale, keeping the sign of overdrawn accounts.',
  formula: 'sign(balance) × log1p(|balance|) (defined for negative balances).',
  requires: ['balance'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const b = num(t, 'balance'); return mapRows(t.nRows, (i) => (b[i] < 0 ? -Math.log1p(-b[i]) : Math.log1p(b[i]))); },
};

export const BALANCE_POSITIVE: EngineeredFeature = {
  name: 'balance_positive',
  meaning: 'The account is in credit.',
  formula: '1[balance > 0]; NaN if missing.',
  requires: ['balance'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const b = num(t, 'balance'); return mapRows(t.nRows, (i) => (Number.isNaN(b[i]) ? NaN : b[i] > 0 ? 1 : 0)); },
};

/** Level names of balance_category, lowest first. */
export const BALANCE_CATEGORY_LEVELS = ['low', 'medium', 'high', 'very_high'] as const;

export const BALANCE_CATEGORY: EngineeredFeature = {
  name: 'balance_category',
  meaning: 'Balance quartile band (low / medium / high / very_high) with edges fitted on the training rows.',
  formula: 'edges q25, q50, q75 of the training balance (linear interpolation); low if balance <= q25, medium if <= q50, high if <= q75, else very_high; missing → missing.',
  requires: ['balance'],
  usesDuration: false,
  kind: 'categorical',
  fit: (t) => {
    const s = sortedFinite(num(t, 'balance'));
    return { edges: [quantileSorted(s, 0.25), quantileSorted(s, 0.5), quantileSorted(s, 0.75)] };
  },
  compute: (t, params) => {
    const b = num(t, 'balance');
    const edges = (params?.edges as number[] | undefined) ?? (BALANCE_CATEGORY.fit!(t).edges as number[]);
    const codes = new Int32Array(t.nRows);
    for (let i = 0; i < codes.length; i++) {
      const x = b[i];
      codes[i] = Number.isNaN(x) ? -1 : x <= edges[0] ? 0 : x <= edges[1] ? 1 : x <= edges[2] ? 2 : 3;
    }
    return { codes, levels: [...BALANCE_CATEGORY_LEVELS] };
  },
};

export const IS_FIRST_CAMPAIGN: EngineeredFeature = {
  name: 'is_first_campaign',
  meaning: 'Never contacted in an earlier campaign.',
  formula: '1[previous = 0]; NaN if missing.',
  requires: ['previous'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const p = num(t, 'previous'); return mapRows(t.nRows, (i) => (Number.isNaN(p[i]) ? NaN : p[i] === 0 ? 1 : 0)); },
};

export const CONTACTED_BEFORE: EngineeredFeature = {
  name: 'contacted_before',
  meaning: 'Contacted in an earlier campaign (pdays is not the "never" sentinel).',
  formula: '1[pdays ∉ {−1, 999}] (−1 in bank.csv, 999 in bank-additional-full mean never); NaN if missing.',
  requires: ['pdays'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const p = num(t, 'pdays'); return mapRows(t.nRows, (i) => (Number.isNaN(p[i]) ? NaN : isNeverContacted(p[i]) ? 0 : 1)); },
};

function fitPdaysMax(t: Table): EngineeredParams {
  const p = num(t, 'pdays');
  let m = 0;
  for (let i = 0; i < p.length; i++) if (!isNeverContacted(p[i]) && p[i] > m) m = p[i];
  return { maxPdays: m > 0 ? m : 1 };
}

export const PDAYS_NORMALIZED: EngineeredFeature = {
  name: 'pdays_normalized',
  meaning: 'How long ago the last earlier contact was, on [0, 1]; never contacted counts as longest ago (1).',
  formula: 'min(pdays / maxPdays, 1) if contacted before, 1 if never (pdays −1 or 999); maxPdays = largest non-sentinel pdays in the training rows (1 if none); NaN if missing.',
  requires: ['pdays'],
  usesDuration: false,
  kind: 'numeric',
  fit: fitPdaysMax,
  compute: (t, params) => {
    const p = num(t, 'pdays');
    const max = ((params ?? fitPdaysMax(t)).maxPdays as number);
    return mapRows(t.nRows, (i) => (Number.isNaN(p[i]) ? NaN : isNeverContacted(p[i]) ? 1 : Math.min(Math.max(p[i], 0) / max, 1)));
  },
};

export const RECENT_CONTACT: EngineeredFeature = {
  name: 'recent_contact',
  meaning: 'Contacted in an earlier campaign less than 30 days before.',
  formula: '1[pdays not a sentinel and pdays < 30]; NaN if missing.',
  requires: ['pdays'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const p = num(t, 'pdays'); return mapRows(t.nRows, (i) => (Number.isNaN(p[i]) ? NaN : !isNeverContacted(p[i]) && p[i] < 30 ? 1 : 0)); },
};

export const MONTH_SIN: EngineeredFeature = {
  name: 'month_sin',
  meaning: 'Contact month on the unit circle (sine), so December sits next to January.',
  formula: 'sin(2π m / 12), m = 1..12 from the month name (jan…dec); unknown → NaN.',
  requires: ['month'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const m = monthNumber(t, 'month'); return mapRows(t.nRows, (i) => Math.sin((2 * Math.PI * m[i]) / 12)); },
};

export const MONTH_COS: EngineeredFeature = {
  name: 'month_cos',
  meaning: 'Contact month on the unit circle (cosine).',
  formula: 'cos(2π m / 12), m = 1..12 from the month name; unknown → NaN.',
  requires: ['month'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const m = monthNumber(t, 'month'); return mapRows(t.nRows, (i) => Math.cos((2 * Math.PI * m[i]) / 12)); },
};

export const QUARTER: EngineeredFeature = {
  name: 'quarter',
  meaning: 'Quarter of the contact month (seasonality).',
  formula: "'Q' + ceil(m / 3) for m = 1..12 (levels Q1–Q4); unknown month → missing.",
  requires: ['month'],
  usesDuration: false,
  kind: 'categorical',
  compute: (t) => {
    const m = monthNumber(t, 'month');
    const codes = new Int32Array(t.nRows);
    for (let i = 0; i < codes.length; i++) codes[i] = Number.isNaN(m[i]) ? -1 : Math.ceil(m[i] / 3) - 1;
    return { codes, levels: ['Q1', 'Q2', 'Q3', 'Q4'] };
  },
};

export const HAS_DEBT: EngineeredFeature = {
  name: 'has_debt',
  meaning: 'Holds a housing or a personal loan.',
  formula: '1[housing = yes or loan = yes]; NaN if either is missing.',
  requires: ['housing', 'loan'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const h = isLevel(t, 'housing', 'yes'); const l = isLevel(t, 'loan', 'yes'); return mapRows(t.nRows, (i) => (Number.isNaN(h[i] + l[i]) ? NaN : h[i] + l[i] > 0 ? 1 : 0)); },
};

export const DEBT_COUNT: EngineeredFeature = {
  name: 'debt_count',
  meaning: 'Number of loans held (housing, personal): 0–2.',
  formula: '1[housing = yes] + 1[loan = yes]; NaN if either is missing.',
  requires: ['housing', 'loan'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const h = isLevel(t, 'housing', 'yes'); const l = isLevel(t, 'loan', 'yes'); return mapRows(t.nRows, (i) => h[i] + l[i]); },
};

export const PREV_SUCCESS: EngineeredFeature = {
  name: 'prev_success',
  meaning: 'The previous campaign succeeded with this customer.',
  formula: '1[poutcome = success]; NaN if missing.',
  requires: ['poutcome'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => isLevel(t, 'poutcome', 'success'),
};

export const DURATION_PER_CONTACT: EngineeredFeature = {
  name: 'duration_per_contact',
  meaning: 'Seconds of the last call per contact in this campaign (uses the post-call duration).',
  formula: 'duration / campaign; campaign <= 0 or missing → NaN.',
  requires: ['duration', 'campaign'],
  usesDuration: true,
  kind: 'numeric',
  compute: (t) => { const d = num(t, 'duration'); const c = num(t, 'campaign'); return mapRows(t.nRows, (i) => (c[i] > 0 ? d[i] / c[i] : NaN)); },
};

/** The Kaggle bank.csv set (seed 002's 17 features), in output order. */
export const BANK_KAGGLE_FEATURES: readonly EngineeredFeature[] = [
  BALANCE_PER_AGE, BALANCE_LOG, BALANCE_POSITIVE, BALANCE_CATEGORY, CAMPAIGN_INTENSITY, TOTAL_CONTACTS, IS_FIRST_CAMPAIGN,
  CONTACTED_BEFORE, PDAYS_NORMALIZED, RECENT_CONTACT, MONTH_SIN, MONTH_COS, QUARTER, HAS_DEBT, DEBT_COUNT, PREV_SUCCESS,
  DURATION_PER_CONTACT,
];
