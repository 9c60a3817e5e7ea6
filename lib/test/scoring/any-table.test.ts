import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadDataset } from '../../src/data/load-dataset';
import { writeCsv } from '../../src/data/csv-write';
import { takeTableRows, categoricalColumn } from '../../src/data/table';
import { writeDemoTables } from '../../src/data/fixtures/demo-tables';
import { specFromJSON, specToJSON } from '../../src/data/spec-file';
import { KMeans } from '../../src/cluster/kmeans';
import { buildBundle, inputColumns } from '../../src/scoring/build';
import { saveBundle, loadBundle } from '../../src/scoring/bundle';
import { scoreCsv } from '../../src/scoring/score';
import { segmentCustomers } from '../../src/workflow/segments';
import { adjustedRandIndex } from '../../src/metrics/adjusted-rand';
import { personaPresetOf } from '../../src/personas/presets';
import { withPersonaScores } from '../../src/personas/scores';
import { PersonaModel } from '../../src/personas/rules';
import { profileSegments } from '../../src/personas/profile';
import { segmentStrategies } from '../../src/personas/strategy-table';
import { DATASETS } from '../../src/data/registry';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-any-'));
const demo = Object.fromEntries(writeDemoTables(dir).map((f) => [path.basename(f), f]));

test('a bundle trained on a table of yours stores its spec and scores new rows as read from the file (dates, amounts), like the training rows', async () => {
  const loaded = loadDataset(demo['retail-customers.tsv']);
  const seg = segmentCustomers(loaded, { k: 3, seed: 1 });
  const bundle = buildBundle({ loaded, pipeline: seg.pipeline, X: seg.X, clusterer: seg.kmeans, assignWith: 'clusterer', segmentNames: seg.names });
  assert.equal(bundle.meta.spec!.id, 'retail-customers');
  assert.equal(bundle.personas, null, 'no personas in this spec');
  assert.ok(inputColumns(loaded).includes('days_since_last_purchase'));
  assert.ok(!inputColumns(loaded).includes('churn') && !inputColumns(loaded).includes('customer_id'));
  saveBundle(path.join(dir, 'bundle'), bundle);
  const back = await loadBundle(path.join(dir, 'bundle'));
  // the raw rows, as in the source file: DD-MM-YYYY dates, "€1,234.50" amounts, tiers as text
  const rows = Int32Array.from({ length: 40 }, (_, i) => i * 15);
  const input = path.join(dir, 'new.csv');
  writeCsv(takeTableRows(loaded.raw, rows), input);
  const r = scoreCsv(back, input, { output: path.join(dir, 'scored.csv') });
  assert.deepEqual(Array.from(r.segment), Array.from(rows, (i) => seg.labels[i]), 'the same segments as the training rows');
  assert.equal(r.idColumn, 'customer_id');
});

test('segments found on the labelled demo table agree with its labels (ARI), the label never being a feature', () => {
  const loaded = loadDataset(demo['labelled-segments.csv']);
  const seg = segmentCustomers(loaded, { k: 4, seed: 1 });
  assert.ok(!seg.featureNames.some((f) => f.startsWith('segment')));
  const truth = categoricalColumn(loaded.table, loaded.spec.truth!).codes;
  const ari = adjustedRandIndex(truth, seg.labels);
  assert.ok(ari > 0.8, `ARI ${ari}`);
});

test('personas a spec defines (rules over columns and derived features) are fitted, stored in the bundle and scored', async () => {
  const base = loadDataset(demo['retail-customers.tsv']);
  const json = specToJSON(base.spec) as Record<string, unknown>;
  const specFile = path.join(dir, 'retail.spec.json');
  fs.writeFileSync(specFile, JSON.stringify({
    ...json,
    file: demo['retail-customers.tsv'],
    derived: [{ name: 'spend_per_order', expr: 'total_spend / orders' }],
    personas: { personas: [
      { name: 'Lapsed', rule: { feature: 'days_since_last_purchase', op: '>=', value: 180 }, strategy: ['Win-back offer'], channel: 'email' },
      { name: 'Big baskets', rule: { feature: 'spend_per_order', op: '>=', quantile: 0.75 }, strategy: ['Premium range'] },
      { name: 'Everyone else', rule: { always: true } },
    ] },
  }));
  const loaded = loadDataset(specFile);
  const preset = personaPresetOf(loaded.spec)!;
  assert.deepEqual(preset.personas.map((p) => p.priority), [1, 2, 3]);
  assert.deepEqual(preset.scores.find((s) => s.name === 'spend_per_order')!.requires, ['total_spend', 'orders']);
  const scored = withPersonaScores(loaded.table, preset);
  const a = new PersonaModel(preset.personas).fit(scored).assign(scored);
  // by hand: "Lapsed" = rows with days_since_last_purchase >= 180
  const days = (loaded.table.columns.find((c) => c.name === 'days_since_last_purchase') as { values: Float64Array }).values;
  assert.equal(a.counts[0], days.filter((d) => d >= 180).length);
  const seg = segmentCustomers(loaded, { k: 3, seed: 1 });
  const bundle = buildBundle({ loaded, pipeline: seg.pipeline, X: seg.X, clusterer: seg.kmeans, assignWith: 'clusterer', segmentNames: seg.names });
  assert.equal(bundle.personas!.presetId, 'retail-customers');
  saveBundle(path.join(dir, 'b2'), bundle);
  const back = await loadBundle(path.join(dir, 'b2'));
  const input = path.join(dir, 'new2.csv');
  writeCsv(takeTableRows(loaded.raw, Int32Array.from({ length: 30 }, (_, i) => i * 20)), input);
  const r = scoreCsv(back, input);
  assert.deepEqual(r.personaNames, ['Lapsed', 'Big baskets', 'Everyone else']);
  assert.deepEqual(Array.from(r.persona!), Array.from({ length: 30 }, (_, i) => a.labels[i * 20]));
});

test('a strategy table gives each segment the strategies of its top traits, in the stated direction', () => {
  const loaded = loadDataset(demo['retail-customers.tsv']);
  const seg = segmentCustomers(loaded, { k: 3, seed: 1 });
  const profile = profileSegments(loaded.table, seg.labels, { names: seg.names, tests: false });
  const rows = segmentStrategies(profile, [
    { feature: 'days_since_last_purchase', direction: 'high', strategy: ['Win-back offer'], channel: 'email' },
    { feature: 'total_spend', direction: 'high', strategy: ['Loyalty perks'] },
  ], { exclude: ['churn'] });
  assert.equal(rows.length, 3);
  // the lapsed segment: the one with the highest mean days since the last purchase
  const mean = (s: number) => { let t = 0, n = 0; const v = (loaded.table.columns.find((c) => c.name === 'days_since_last_purchase') as { values: Float64Array }).values; for (let i = 0; i < v.length; i++) if (seg.labels[i] === s) { t += v[i]; n++; } return t / n; };
  const lapsed = [0, 1, 2].reduce((a, b) => (mean(b) > mean(a) ? b : a));
  assert.deepEqual(rows.find((r) => r.label === lapsed)!.strategy, ['Win-back offer']);
  assert.equal(rows.find((r) => r.label === lapsed)!.channel, 'email');
});

test('the built-in bank spec names the bank persona preset; a spec without personas has none', () => {
  assert.equal(personaPresetOf(DATASETS['bank-additional-full'])!.id, 'bank');
  assert.equal(personaPresetOf(DATASETS['cc-general'])!.id, 'credit-card');
  assert.equal(personaPresetOf(specFromJSON({ file: 'x.csv' })), null);
  assert.throws(() => personaPresetOf(specFromJSON({ file: 'x.csv', personas: { personas: [{ name: 'A' }] } })), /"A": a "rule" is needed/);
});
