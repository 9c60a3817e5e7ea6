import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineerFeatures, FeatureEngineer } from '../../src/features/engineered/engineer';
import { FEATURE_SETS, detectFeatureSet } from '../../src/features/engineered/feature-sets';
import { categoricalColumn, categoryAt } from '../../src/data/table';
import { assertUnchanged, cat, close, frozen, num, roundTrip, snapshot, values } from './fixtures';

// One hand-computed bank.csv row (row 0) plus two rows to fit quartile edges and the pdays maximum.
const kaggle = () => frozen(
  num('age', [40, 20, 50]), num('balance', [2000, -50, 0]), num('campaign', [3, 1, 2]), num('previous', [1, 0, 4]),
  num('pdays', [20, -1, 100]), num('duration', [300, 60, 90]), cat('month', ['may', 'dec', 'jan']),
  cat('housing', ['yes', 'no', 'no']), cat('loan', ['yes', 'no', 'no']), cat('poutcome', ['success', 'unknown', 'failure']),
);

test('bank.csv features match a hand-computed row', () => {
  const t = kaggle();
  const snap = snapshot(t);
  const r = engineerFeatures(t, { set: 'bank-kaggle' });
  const row0 = (n: string) => values(r.table, n)[0];
  close([row0('balance_per_age')], [50]); // 2000 / 40
  close([row0('balance_log')], [Math.log(2001)]); // log1p(2000)
  close([values(r.table, 'balance_log')[1]], [-Math.log(51)]); // sign(−50)·log1p(50)
  assert.deepEqual(values(r.table, 'balance_positive'), [1, 0, 0]);
  close([row0('campaign_intensity')], [1.5]); // 3 / (1 + 1)
  close([row0('total_contacts')], [4]); // 3 + 1
  assert.deepEqual(values(r.table, 'is_first_campaign'), [0, 1, 0]);
  assert.deepEqual(values(r.table, 'contacted_before'), [1, 0, 1]);
  close(values(r.table, 'pdays_normalized'), [0.2, 1, 1]); // maxPdays 100: 20/100; never → 1; 100/100
  assert.deepEqual(values(r.table, 'recent_contact'), [1, 0, 0]); // 20 < 30
  close([row0('month_sin'), row0('month_cos')], [Math.sin((2 * Math.PI * 5) / 12), Math.cos((2 * Math.PI * 5) / 12)]); // may = 5: 0.5, −0.866
  close([values(r.table, 'month_sin')[1], values(r.table, 'month_cos')[1]], [0, 1]); // dec = 12: sin 2π = 0, cos 2π = 1
  const q = categoricalColumn(r.table, 'quarter');
  assert.deepEqual([0, 1, 2].map((i) => categoryAt(q, i)), ['Q2', 'Q4', 'Q1']);
  assert.deepEqual(values(r.table, 'has_debt'), [1, 0, 0]);
  assert.deepEqual(values(r.table, 'debt_count'), [2, 0, 0]);
  assert.deepEqual(values(r.table, 'prev_success'), [1, 0, 0]);
  close([row0('duration_per_contact')], [100]); // 300 / 3
  // balance quartiles of [−50, 0, 2000]: q25 at position 0.5 → −25, q50 → 0, q75 at 1.5 → 1000
  const b = categoricalColumn(r.table, 'balance_category');
  assert.deepEqual(r.params.balance_category, { edges: [-25, 0, 1000] });
  assert.deepEqual([0, 1, 2].map((i) => categoryAt(b, i)), ['very_high', 'low', 'medium']);
  assert.deepEqual(r.skipped, []);
  assertUnchanged(t, snap);
});

test('bank-additional features match a hand-computed row', () => {
  const t = frozen(
    num('campaign', [2, 1]), num('previous', [1, 0]), num('duration', [120, 30]), cat('poutcome', ['failure', 'nonexistent']),
    cat('housing', ['yes', 'no']), cat('loan', ['no', 'no']), cat('default', ['unknown', 'no']),
    num('emp.var.rate', [1, -1]), num('cons.price.idx', [94, 92]), num('cons.conf.idx', [-40, -30]), num('euribor3m', [4, 1]), num('nr.employed', [5200, 5000]),
  );
  const r = engineerFeatures(t, { set: 'bank-additional' });
  close(values(r.table, 'campaign_intensity'), [1, 1]); // 2 / (1 + 1); 1 / (0 + 1)
  close(values(r.table, 'contact_effort'), [4, 0.5]); // 2 × 120 / 60; 1 × 30 / 60
  close(values(r.table, 'engagement_score'), [Math.log(3) + Math.log(2), Math.log(1.5)]); // log1p(2) + log1p(1) + 0; log1p(0.5)
  close(values(r.table, 'persistence_score'), [2, 0]); // (2 − 1) + 1 × 1; 0 + 0
  close(values(r.table, 'financial_exposure'), [1.5, 0]); // housing yes 1 + default unknown 0.5
  // two rows: every indicator has z = ±1 (mean halfway, population std half the gap). Row 0 is above the mean on
  // emp.var.rate, cons.price.idx, euribor3m, nr.employed and below on cons.conf.idx. Signs: −1 for emp.var.rate;
  // −1 for indicators moving with it (price, euribor, employed), +1 for cons.conf.idx (moves against it).
  // Row 0: (−1·1 − 1·1 + 1·(−1) − 1·1 − 1·1) / 5 = −1; row 1: +1.
  close(values(r.table, 'economic_pressure'), [-1, 1]);
  assert.deepEqual(r.params.economic_pressure.signs, [-1, -1, 1, -1, -1]);
});

test('credit-card features match a hand-computed row, including the zero-denominator rules', () => {
  const t = frozen(
    num('BALANCE', [500, 10]), num('CREDIT_LIMIT', [2000, 0]), num('PAYMENTS', [300, 0]), num('MINIMUM_PAYMENTS', [100, NaN]),
    num('CASH_ADVANCE', [100, 0]), num('PURCHASES', [300, 0]), num('PURCHASES_TRX', [6, 0]),
    num('ONEOFF_PURCHASES', [225, 0]), num('INSTALLMENTS_PURCHASES', [75, 0]), num('PRC_FULL_PAYMENT', [0.5, 0.1]),
  );
  const r = engineerFeatures(t, { set: 'credit-card' });
  close(values(r.table, 'utilization'), [0.25, NaN]); // 500 / 2000; limit 0 → NaN
  close(values(r.table, 'payment_ratio'), [3, NaN]); // 300 / 100; minimum missing → NaN
  close(values(r.table, 'cash_advance_share'), [0.25, 0]); // 100 / (300 + 100); 0 / 0 → 0
  close(values(r.table, 'purchases_per_transaction'), [50, 0]); // 300 / 6; no transaction → 0
  close(values(r.table, 'oneoff_share'), [0.75, 0.5]); // 225 / 300; 0 / 0 → 0.5
  assert.deepEqual(values(r.table, 'full_payer'), [1, 0]);
});

test('engineerFeatures skips features whose columns are missing or that use duration when excluded, saying why', () => {
  const t = frozen(num('balance', [1, 2]), num('age', [30, 40]));
  const r = engineerFeatures(t, { set: 'bank-kaggle' });
  assert.deepEqual(r.added, ['balance_per_age', 'balance_log', 'balance_positive', 'balance_category']);
  const why = Object.fromEntries(r.skipped.map((s) => [s.name, s.reason]));
  assert.match(why.campaign_intensity, /missing column\(s\): campaign, previous/);
  const noDur = engineerFeatures(kaggle(), { set: 'bank-kaggle', includeDuration: false });
  assert.match(noDur.skipped.find((s) => s.name === 'duration_per_contact')!.reason, /uses duration/);
});

test('every declared feature has a meaning, a formula and its duration flag set where duration is required', () => {
  for (const [set, feats] of Object.entries(FEATURE_SETS)) {
    for (const f of feats) {
      assert.ok(f.meaning.length > 10 && f.formula.length > 5, `${set}/${f.name} lacks documentation`);
      assert.equal(f.usesDuration, f.requires.includes('duration'), `${set}/${f.name} usesDuration flag`);
    }
  }
  assert.equal(FEATURE_SETS['bank-kaggle'].length, 17);
});

test('FeatureEngineer fits parameters once and reuses them on new rows, through JSON too', () => {
  const fe = new FeatureEngineer({ set: 'bank-kaggle' }).fit(kaggle());
  const fresh = frozen(
    num('age', [30]), num('balance', [500]), num('campaign', [1]), num('previous', [0]), num('pdays', [200]), num('duration', [10]),
    cat('month', ['jan']), cat('housing', ['no']), cat('loan', ['no']), cat('poutcome', ['unknown']),
  );
  // edges fitted on the training rows: 500 ≤ 1000 → "high"; pdays 200 > fitted max 100 → capped at 1
  const out = FeatureEngineer.fromJSON(roundTrip(fe)).transform(fresh);
  assert.equal(categoryAt(categoricalColumn(out, 'balance_category'), 0), 'high');
  assert.deepEqual(values(out, 'pdays_normalized'), [1]);
  assert.equal(detectFeatureSet(kaggle()), 'bank-kaggle');
});
