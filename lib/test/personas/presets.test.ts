import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../../src/data/datadir';
import { loadDataset } from '../../src/data/load-dataset';
import { PersonaModel } from '../../src/personas/rules';
import { bankPersonaPreset, creditCardPersonaPreset, personaPresetFor, BANK_PERSONAS } from '../../src/personas/presets';
import { withPersonaScores } from '../../src/personas/scores';
import { cat, frozen, num } from './fixtures';

test('the bank preset follows seed 000: four personas, Moderate Potential as catch-all, every score documented', () => {
  const p = bankPersonaPreset();
  assert.deepEqual(p.personas.map((x) => x.name), ['Financially Stressed Repeaters', 'Highly Engaged Loyalists', 'Curious Safe Explorers', 'Moderate Potential']);
  assert.deepEqual(p.personas[3].rule, { always: true });
  const used = new PersonaModel(p.personas).features;
  for (const f of used) assert.ok(p.scores.some((s) => s.name === f), `score ${f} is documented`);
  for (const x of p.personas) assert.ok(x.strategy.length >= 2 && x.channel && x.color);
});

test('bankPersonaPreset takes the score names as data', () => {
  const p = bankPersonaPreset({ engagement_score: 'eng' });
  assert.ok(new PersonaModel(p.personas).features.includes('eng'));
  assert.ok(p.scores.some((s) => s.name === 'eng'));
  assert.ok(!new PersonaModel(BANK_PERSONAS).features.includes('eng'), 'the shared constant is not modified');
});

test('personaPresetFor maps data set ids to presets', () => {
  assert.equal(personaPresetFor('bank-kaggle').id, 'bank');
  assert.equal(personaPresetFor('cc-general').id, 'credit-card');
  assert.throws(() => personaPresetFor('iris'), /no persona preset for "iris"/);
});

test('withPersonaScores computes the bank scores from raw columns (hand-derived)', () => {
  const t = frozen(
    num('duration', [120, 0]), num('campaign', [3, 1]), num('previous', [1, 0]),
    cat('poutcome', ['failure', 'success']), cat('housing', ['yes', 'no']), cat('loan', ['yes', 'no']), cat('default', ['unknown', 'no']),
  );
  const s = withPersonaScores(t, bankPersonaPreset());
  const col = (n: string) => Array.from((s.columns.find((c) => c.name === n) as { values: Float64Array }).values);
  // Row 0: engagement log1p(2) + log1p(1) + 0; persistence (3 − 1) + 1·1 = 3; exposure 1 + 1 + 0.5 = 2.5;
  // effort 3·120/60 = 6; intensity 3/2. Row 1: log1p(0) + 0 + 1 = 1; 0 + 0 = 0; 0; 0; 1.
  assert.deepEqual(col('engagement_score'), [Math.log1p(2) + Math.log1p(1), 1]);
  assert.deepEqual(col('persistence_score'), [3, 0]);
  assert.deepEqual(col('financial_exposure'), [2.5, 0]);
  assert.deepEqual(col('contact_effort'), [6, 0]);
  assert.deepEqual(col('campaign_intensity'), [1.5, 1]);
  assert.throws(() => withPersonaScores(frozen(num('duration', [1])), bankPersonaPreset()), /persona score "engagement_score" is missing from the table and cannot be computed: it needs column\(s\) previous, poutcome/);
});

function realTable(id: 'bank-additional-full' | 'cc-general') {
  const file = id === 'cc-general' ? 'cc-general.csv' : 'bank-additional-full.csv';
  return existsSync(join(dataDir(), file)) ? loadDataset(id, { dataDir: dataDir() }).table : null;
}

test('bank personas on bank-additional-full: all four non-empty, ordered like seed 000 (78.4 / 14.6 / 4.3 / 2.6 %)', (t) => {
  const table = realTable('bank-additional-full');
  if (!table) { t.skip(`bank-additional-full.csv not found in data dir ${dataDir()}`); return; }
  const preset = bankPersonaPreset();
  const scores = withPersonaScores(table, preset);
  const a = new PersonaModel(preset.personas).fit(scores).assign(scores);
  const share = (name: string) => a.shares[a.names.indexOf(name)];
  assert.equal(a.unassigned, 0);
  // Same ranking as the seed: Moderate Potential > Loyalists > Explorers > Stressed Repeaters, all non-empty.
  assert.ok(share('Moderate Potential') > share('Highly Engaged Loyalists'));
  assert.ok(share('Highly Engaged Loyalists') > share('Curious Safe Explorers'));
  assert.ok(share('Curious Safe Explorers') > share('Financially Stressed Repeaters'));
  assert.ok(share('Financially Stressed Repeaters') > 0.005);
});

test('credit-card personas on CC GENERAL: every persona non-empty, catch-all below 60%', (t) => {
  const table = realTable('cc-general');
  if (!table) { t.skip(`cc-general.csv not found in data dir ${dataDir()}`); return; }
  const preset = creditCardPersonaPreset();
  const scores = withPersonaScores(table, preset);
  const a = new PersonaModel(preset.personas).fit(scores).assign(scores);
  assert.equal(a.unassigned, 0);
  for (const s of a.shares) assert.ok(s > 0.02, `share ${s}`);
  assert.ok(a.shares[a.shares.length - 1] < 0.6);
});
