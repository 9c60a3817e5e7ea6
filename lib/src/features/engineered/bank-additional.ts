/**
 * Engineered features of UCI bank-additional-full (after seed 000, "hybrid AI & business-guided segmentation":
 * campaign_intensity, contact_effort, engagement_score, persistence_score, financial_exposure, economic pressure).
 * The seed gives names only; the formulas here are this project's, documented per feature.
 */
import type { Table } from '../../data/table';
import type { EngineeredFeature, EngineeredParams } from './types';
import { isLevel, mapRows, num } from './helpers';
import { CAMPAIGN_INTENSITY } from './bank-common';

/** The five campaign-level economic indicators of bank-additional-full. */
export const ECONOMIC_INDICATORS = ['emp.var.rate', 'cons.price.idx', 'cons.conf.idx', 'euribor3m', 'nr.employed'] as const;

/** Estimated minutes on the phone with the customer in this campaign. */
export const CONTACT_EFFORT: EngineeredFeature = {
  name: 'contact_effort',
  meaning: 'Estimated minutes of calling spent on the customer in this campaign (uses the post-call duration).',
  formula: 'campaign × duration / 60 (contacts × length of the last call in minutes); NaN if either is missing.',
  requires: ['campaign', 'duration'],
  usesDuration: true,
  kind: 'numeric',
  compute: (t) => { const c = num(t, 'campaign'); const d = num(t, 'duration'); return mapRows(t.nRows, (i) => (c[i] * d[i]) / 60); },
};

/** How engaged the customer was: call length, earlier contacts and an earlier success. */
export const ENGAGEMENT_SCORE: EngineeredFeature = {
  name: 'engagement_score',
  meaning: 'How engaged the customer is: a long last call, earlier contacts, an earlier success (uses duration).',
  formula: 'log1p(duration / 60) + log1p(previous) + 1[poutcome = success]; NaN if an input is missing.',
  requires: ['duration', 'previous', 'poutcome'],
  usesDuration: true,
  kind: 'numeric',
  compute: (t) => {
    const d = num(t, 'duration');
    const p = num(t, 'previous');
    const s = isLevel(t, 'poutcome', 'success');
    return mapRows(t.nRows, (i) => Math.log1p(d[i] / 60) + Math.log1p(p[i]) + s[i]);
  },
};

/** Repeated attempts that have not (yet) produced a success. */
export const PERSISTENCE_SCORE: EngineeredFeature = {
  name: 'persistence_score',
  meaning: 'Repeated attempts without a recorded success: follow-up calls now plus earlier contacts that did not convert.',
  formula: '(campaign − 1) + previous × 1[poutcome ≠ success]; NaN if an input is missing.',
  requires: ['campaign', 'previous', 'poutcome'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => {
    const c = num(t, 'campaign');
    const p = num(t, 'previous');
    const s = isLevel(t, 'poutcome', 'success');
    return mapRows(t.nRows, (i) => c[i] - 1 + p[i] * (1 - s[i]));
  },
};

/** Credit commitments: housing loan, personal loan, default (unknown default counted half). */
export const FINANCIAL_EXPOSURE: EngineeredFeature = {
  name: 'financial_exposure',
  meaning: 'Credit commitments: a housing loan, a personal loan, a credit in default (unknown default status counts half).',
  formula: '1[housing = yes] + 1[loan = yes] + 1[default = yes] + 0.5 × 1[default = unknown] (range 0–3); "unknown" housing/loan count 0; NaN if a value is missing.',
  requires: ['housing', 'loan', 'default'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => {
    const h = isLevel(t, 'housing', 'yes');
    const l = isLevel(t, 'loan', 'yes');
    const dy = isLevel(t, 'default', 'yes');
    const du = isLevel(t, 'default', 'unknown');
    return mapRows(t.nRows, (i) => h[i] + l[i] + dy[i] + 0.5 * du[i]);
  },
};

/** Fit means, population stds and alignment signs of the five indicators. */
function fitEconomic(t: Table): EngineeredParams {
  const cols = ECONOMIC_INDICATORS.map((n) => num(t, n));
  const means: number[] = [];
  const stds: number[] = [];
  for (const v of cols) {
    let s = 0, n = 0;
    for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i])) { s += v[i]; n++; }
    const m = n ? s / n : 0;
    let ss = 0;
    for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i])) { const d = v[i] - m; ss += d * d; }
    const sd = n ? Math.sqrt(ss / n) : 0;
    means.push(m);
    stds.push(sd > 0 ? sd : 1);
  }
  // sign of each indicator's covariance with emp.var.rate, negated: pressure rises as employment growth falls
  const ref = cols[0];
  const signs = cols.map((v, j) => {
    let c = 0;
    for (let i = 0; i < v.length; i++) { const a = (v[i] - means[j]); const b = (ref[i] - means[0]); if (!Number.isNaN(a * b)) c += a * b; }
    return j === 0 ? -1 : c >= 0 ? -1 : 1;
  });
  return { means, stds, signs };
}

/** Aggregate of the standardized, sign-aligned economic indicators. */
export const ECONOMIC_PRESSURE: EngineeredFeature = {
  name: 'economic_pressure',
  meaning: 'Economic headwind at contact time: the five campaign-level indicators standardized, sign-aligned and averaged (higher = weaker economy).',
  formula: 'mean over j of s_j × (x_j − mean_j) / std_j for x_j in emp.var.rate, cons.price.idx, cons.conf.idx, euribor3m, nr.employed; mean_j and population std_j fitted (std 0 → 1); s_j = −sign(cov(x_j, emp.var.rate)) fitted, so s = −1 for emp.var.rate; NaN if an indicator is missing.',
  requires: [...ECONOMIC_INDICATORS],
  usesDuration: false,
  kind: 'numeric',
  fit: fitEconomic,
  compute: (t, params) => {
    const p = params ?? fitEconomic(t);
    const means = p.means as number[];
    const stds = p.stds as number[];
    const signs = p.signs as number[];
    const cols = ECONOMIC_INDICATORS.map((n) => num(t, n));
    const k = cols.length;
    return mapRows(t.nRows, (i) => {
      let s = 0;
      for (let j = 0; j < k; j++) s += (signs[j] * (cols[j][i] - means[j])) / stds[j];
      return s / k;
    });
  },
};

/** The bank-additional-full set, in output order. */
export const BANK_ADDITIONAL_FEATURES: readonly EngineeredFeature[] = [
  CAMPAIGN_INTENSITY, CONTACT_EFFORT, ENGAGEMENT_SCORE, PERSISTENCE_SCORE, FINANCIAL_EXPOSURE, ECONOMIC_PRESSURE,
];
