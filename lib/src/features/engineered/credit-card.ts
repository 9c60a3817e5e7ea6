/**
 * Engineered features of the Kaggle CC GENERAL credit-card data: utilization, payment ratio, cash-advance share,
 * purchases per transaction, one-off share, full-payment flag. Formulas are this project's, documented per feature.
 */
import type { EngineeredFeature } from './types';
import { mapRows, num } from './helpers';

export const UTILIZATION: EngineeredFeature = {
  name: 'utilization',
  meaning: 'Share of the credit limit in use.',
  formula: 'BALANCE / CREDIT_LIMIT; CREDIT_LIMIT <= 0 or missing → NaN (imputed later).',
  requires: ['BALANCE', 'CREDIT_LIMIT'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const b = num(t, 'BALANCE'); const l = num(t, 'CREDIT_LIMIT'); return mapRows(t.nRows, (i) => (l[i] > 0 ? b[i] / l[i] : NaN)); },
};

export const PAYMENT_RATIO: EngineeredFeature = {
  name: 'payment_ratio',
  meaning: 'Payments relative to the minimum due (above 1 = pays more than the minimum).',
  formula: 'PAYMENTS / MINIMUM_PAYMENTS; MINIMUM_PAYMENTS <= 0 or missing → NaN (imputed later).',
  requires: ['PAYMENTS', 'MINIMUM_PAYMENTS'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const p = num(t, 'PAYMENTS'); const m = num(t, 'MINIMUM_PAYMENTS'); return mapRows(t.nRows, (i) => (m[i] > 0 ? p[i] / m[i] : NaN)); },
};

export const CASH_ADVANCE_SHARE: EngineeredFeature = {
  name: 'cash_advance_share',
  meaning: 'Share of the card\'s use that is cash advance rather than purchases.',
  formula: 'CASH_ADVANCE / (PURCHASES + CASH_ADVANCE); 0 / 0 (no use at all) → 0; NaN if an input is missing.',
  requires: ['CASH_ADVANCE', 'PURCHASES'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => {
    const c = num(t, 'CASH_ADVANCE');
    const p = num(t, 'PURCHASES');
    return mapRows(t.nRows, (i) => { const d = p[i] + c[i]; return d > 0 ? c[i] / d : d === 0 ? 0 : NaN; });
  },
};

export const PURCHASES_PER_TRANSACTION: EngineeredFeature = {
  name: 'purchases_per_transaction',
  meaning: 'Average amount per purchase transaction.',
  formula: 'PURCHASES / PURCHASES_TRX; PURCHASES_TRX = 0 → 0 (no transaction, nothing spent per transaction); NaN if missing.',
  requires: ['PURCHASES', 'PURCHASES_TRX'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const p = num(t, 'PURCHASES'); const n = num(t, 'PURCHASES_TRX'); return mapRows(t.nRows, (i) => (n[i] > 0 ? p[i] / n[i] : n[i] === 0 ? 0 : NaN)); },
};

export const ONEOFF_SHARE: EngineeredFeature = {
  name: 'oneoff_share',
  meaning: 'Share of purchases made in one go rather than in instalments (1 = all one-off, 0 = all instalments).',
  formula: 'ONEOFF_PURCHASES / (ONEOFF_PURCHASES + INSTALLMENTS_PURCHASES); 0 / 0 (no purchases) → 0.5, no preference; NaN if missing.',
  requires: ['ONEOFF_PURCHASES', 'INSTALLMENTS_PURCHASES'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => {
    const o = num(t, 'ONEOFF_PURCHASES');
    const s = num(t, 'INSTALLMENTS_PURCHASES');
    return mapRows(t.nRows, (i) => { const d = o[i] + s[i]; return d > 0 ? o[i] / d : d === 0 ? 0.5 : NaN; });
  },
};

export const FULL_PAYER: EngineeredFeature = {
  name: 'full_payer',
  meaning: 'Pays the full balance in at least half of the months.',
  formula: '1[PRC_FULL_PAYMENT >= 0.5]; NaN if missing.',
  requires: ['PRC_FULL_PAYMENT'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const f = num(t, 'PRC_FULL_PAYMENT'); return mapRows(t.nRows, (i) => (Number.isNaN(f[i]) ? NaN : f[i] >= 0.5 ? 1 : 0)); },
};

/** The CC GENERAL set, in output order. */
export const CREDIT_CARD_FEATURES: readonly EngineeredFeature[] = [
  UTILIZATION, PAYMENT_RATIO, CASH_ADVANCE_SHARE, PURCHASES_PER_TRANSACTION, ONEOFF_SHARE, FULL_PAYER,
];
