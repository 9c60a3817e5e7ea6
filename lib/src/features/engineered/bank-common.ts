/**
 * Engineered features shared by both bank data sets (declared once, listed in both sets).
 */
import type { EngineeredFeature } from './types';
import { mapRows, num } from './helpers';

/** Contacts in this campaign per previous contact (+1). */
export const CAMPAIGN_INTENSITY: EngineeredFeature = {
  name: 'campaign_intensity',
  meaning: 'How hard this campaign pushed relative to the customer\'s earlier contact history.',
  formula: 'campaign / (previous + 1); previous >= 0 so the denominator is >= 1; NaN if either is missing.',
  requires: ['campaign', 'previous'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const c = num(t, 'campaign'); const p = num(t, 'previous'); return mapRows(t.nRows, (i) => c[i] / (p[i] + 1)); },
};

/** All contacts so far: this campaign plus earlier campaigns. */
export const TOTAL_CONTACTS: EngineeredFeature = {
  name: 'total_contacts',
  meaning: 'All contacts with the customer so far, this campaign and earlier ones.',
  formula: 'campaign + previous; NaN if either is missing.',
  requires: ['campaign', 'previous'],
  usesDuration: false,
  kind: 'numeric',
  compute: (t) => { const c = num(t, 'campaign'); const p = num(t, 'previous'); return mapRows(t.nRows, (i) => c[i] + p[i]); },
};
