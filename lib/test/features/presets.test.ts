import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPipeline, DatasetPipeline } from '../../src/features/presets';
import { generateBankCustomers } from '../../src/data/synthetic-bank';
import { takeTableRows } from '../../src/data/table';
import { dataDir } from '../../src/data/datadir';
import { loadDataset } from '../../src/data/load-dataset';
import * as os from 'node:os';
import { saveDatasetPipeline, loadDatasetPipeline } from '../../src/features/pipeline-io';

test('buildPipeline on synthetic bank data: no NaN, no target, truth or duration, and a bit-identical JSON round trip', () => {
  const table = generateBankCustomers({ n: 3000, seed: 7 });
  const p = buildPipeline('synthetic-bank').fit(table);
  const { X, featureNames } = p;
  assert.equal(X.rows, 3000);
  assert.equal(X.cols, featureNames.length);
  assert.ok(X.data.every(Number.isFinite));
  assert.ok(!featureNames.some((n) => /^(y|segment|duration)(=|$)/.test(n) || n === 'contact_effort' || n === 'engagement_score'), featureNames.join(' '));
  assert.equal(p.featureSet, 'bank-additional');
  const back = DatasetPipeline.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
  const fresh = takeTableRows(table, [5, 1, 2999]);
  const a = p.transform(fresh).X.data;
  const b = back.transform(fresh).X.data;
  assert.ok(a.every((v, i) => Object.is(v, b[i])));
  assert.ok(a.every((v, i) => Object.is(v, X.data[[5, 1, 2999][Math.floor(i / X.cols)] * X.cols + (i % X.cols)])), 'transform of training rows equals the fitted matrix');
});

test('buildPipeline includeDuration keeps duration and its features', () => {
  const p = buildPipeline('synthetic-bank', { includeDuration: true, selection: false }).fit(generateBankCustomers({ n: 1500, seed: 3 }));
  for (const n of ['duration', 'contact_effort', 'engagement_score']) assert.ok(p.featureNames.includes(n), n);
});

test('bank-additional-full: the full pipeline fits and transforms, selection reports every dropped feature', (t) => {
  const file = path.join(dataDir(), 'bank-additional-full.csv');
  if (!fs.existsSync(file)) { t.skip(`bank-additional-full.csv not found in data dir ${dataDir()}`); return; }
  const { table } = loadDataset('bank-additional-full');
  const p = buildPipeline('bank-additional-full').fit(table);
  const sel = p.selection!;
  const before = p.stages(takeTableRows(table, [0, 1])).beforeSelection.columns.length;
  assert.equal(sel.kept.length + sel.report.length, before, 'every feature is kept or reported');
  assert.ok(sel.kept.includes('economic_pressure'));
  assert.ok(Object.values(sel.finalVif!).every((v) => v <= 10));
  assert.equal(p.X.rows, 41188);
});

test('saveDatasetPipeline and loadDatasetPipeline round-trip through a file; a missing file names its path', () => {
  const table = generateBankCustomers({ n: 800, seed: 11 });
  const p = buildPipeline('synthetic-bank').fit(table);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-features-')), 'm', 'pipeline.json');
  saveDatasetPipeline(p, file);
  const q = loadDatasetPipeline(file);
  const a = p.transform(table).X.data;
  const b = q.transform(table).X.data;
  assert.ok(a.every((v, i) => Object.is(v, b[i])));
  assert.throws(() => loadDatasetPipeline(path.join(path.dirname(file), 'nope.json')), /nope\.json/);
  fs.rmSync(path.dirname(path.dirname(file)), { recursive: true, force: true });
});
