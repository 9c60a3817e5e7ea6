import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadDataset } from '../../src/data/load-dataset';
import { writeCsv } from '../../src/data/csv-write';
import { dropColumns, categoricalColumn, type Table } from '../../src/data/table';
import { buildPipeline } from '../../src/features/presets';
import { KMeans } from '../../src/cluster/kmeans';
import { MlpClassifier } from '../../src/neural/mlp-classifier';
import { buildBundle, inputColumns } from '../../src/scoring/build';
import { saveBundle, loadBundle, disposeBundle, type ModelBundle } from '../../src/scoring/bundle';
import { scoreCsv, scoreTable } from '../../src/scoring/score';
import { DataError } from '../../src/core/errors';

let dir = '';
let bundle: ModelBundle;
let loadedBack: ModelBundle;
let fresh: Table;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-bundle-'));
  const loaded = loadDataset('synthetic-bank', { n: 1500, seed: 1 });
  const pipeline = buildPipeline('synthetic-bank').fit(loaded.table);
  const X = pipeline.X;
  const clusterer = new KMeans({ k: 3, nInit: 2, seed: 3 }).fit(X);
  const classifier = await new MlpClassifier({ hiddenLayers: [16], maxEpochs: 3, seed: 5 }).fit(X, clusterer.labels);
  bundle = buildBundle({ loaded, pipeline, X, clusterer, classifier, assignWith: 'classifier', seeds: { kmeans: 3, mlp: 5 } });
  saveBundle(path.join(dir, 'bundle'), bundle);
  loadedBack = await loadBundle(path.join(dir, 'bundle'));
  fresh = loadDataset('synthetic-bank', { n: 200, seed: 2 }).table;
});

after(() => {
  disposeBundle(bundle);
  disposeBundle(loadedBack);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the bundle records schema, metadata and training distributions, and never requires the target or the ground truth', () => {
  const names = bundle.schema.columns.map((c) => c.name);
  assert.ok(!names.includes('y') && !names.includes('segment'));
  assert.ok(names.includes('age') && names.includes('job'));
  assert.equal(bundle.meta.assignWith, 'classifier');
  assert.equal(bundle.meta.dataset.id, 'synthetic-bank');
  assert.ok(bundle.meta.packages.some((p) => p.name === 'tslab' && p.version));
  assert.equal(bundle.training.segmentShares.length, 3);
  assert.ok(Math.abs(bundle.training.segmentShares.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.ok(bundle.personas, 'the bank persona preset is fitted');
});

test('a saved and loaded bundle scores a CSV identically', () => {
  const input = path.join(dir, 'new.csv');
  writeCsv(fresh, input);
  const a = scoreCsv(bundle, input, { output: path.join(dir, 'a.csv') });
  const b = scoreCsv(loadedBack, input, { output: path.join(dir, 'b.csv') });
  assert.deepEqual(Array.from(a.segment), Array.from(b.segment));
  assert.deepEqual(Array.from(a.confidence), Array.from(b.confidence));
  assert.deepEqual(Array.from(a.persona!), Array.from(b.persona!));
  assert.equal(fs.readFileSync(path.join(dir, 'a.csv'), 'utf8'), fs.readFileSync(path.join(dir, 'b.csv'), 'utf8'));
  const lines = fs.readFileSync(path.join(dir, 'a.csv'), 'utf8').trim().split('\n');
  assert.equal(lines.length, 201);
  assert.match(lines[0], /segment,segment_name,persona,confidence/);
  assert.ok(Array.from(a.confidence).every((c) => c >= 0 && c <= 1));
});

test('scoring the training rows reproduces the clusterer labels by nearest centroid', () => {
  const loaded = loadDataset('synthetic-bank', { n: 1500, seed: 1 });
  const r = scoreTable(loadedBack, loaded.table);
  assert.deepEqual(Array.from(r.nearestCentroid), Array.from(bundle.clusterer.labels));
  const worst = Math.max(...r.drift.features.map((f) => f.psi));
  assert.ok(worst < 1e-9, `the training rows show no feature drift (largest PSI ${worst})`);
});

function expectRejected(name: string, t: Table | string, pattern: RegExp): void {
  const input = path.join(dir, `${name}.csv`);
  if (typeof t === 'string') fs.writeFileSync(input, t);
  else writeCsv(t, input);
  const output = path.join(dir, `${name}-scored.csv`);
  assert.throws(() => scoreCsv(loadedBack, input, { output }), (e: Error) => e instanceof DataError && pattern.test(e.message), name);
  assert.equal(fs.existsSync(output), false, `${name}: no output file is written`);
}

test('malformed inputs give clear errors and no output file', () => {
  expectRejected('missing-column', dropColumns(fresh, ['age', 'job']), /missing column\(s\): age, job/);
  const text = fs.readFileSync((() => { const f = path.join(dir, 'ok.csv'); writeCsv(fresh, f); return f; })(), 'utf8').split('\n');
  const header = text[0].split(',');
  const ageAt = header.indexOf('age');
  const row = text[3].split(',');
  row[ageAt] = 'abc';
  text[3] = row.join(',');
  expectRejected('text-in-number', text.join('\n'), /column "age" should be numeric, but row 4 of text-in-number\.csv holds "abc"/);
  expectRejected('empty', '', /empty/i);
  expectRejected('wrong-delimiter', text.slice(0, 5).map((l) => l.replace(/,/g, '|')).join('\n'), /missing column[\s\S]*seems to use "\|" as separator/);
  expectRejected('lower-case', [text[0].toUpperCase(), ...text.slice(1, 5)].join('\n'), /differ only in letter case \("AGE" for "age"/);
});

test('an unseen category is handled by the documented fallback (treated as missing) and reported', () => {
  const job = categoricalColumn(fresh, 'job');
  const levels = [...job.levels, 'astronaut'];
  const codes = Int32Array.from(job.codes);
  codes[0] = levels.length - 1;
  const t: Table = { ...fresh, columns: fresh.columns.map((c) => (c.name === 'job' ? { ...job, levels, codes } : c)) };
  const r = scoreTable(loadedBack, t);
  assert.deepEqual(r.check.unseen, [{ column: 'job', values: ['astronaut'], rows: 1 }]);
  assert.equal(r.segment.length, fresh.nRows);
});

test('loading a folder without a bundle names it', async () => {
  await assert.rejects(() => loadBundle(dir), /no model bundle in/);
});

test('extra input columns never reach the model, even when named like an engineered feature or a persona score', () => {
  const base = scoreTable(loadedBack, fresh);
  const huge = new Float64Array(fresh.nRows).fill(1e6);
  const extras: Table = {
    ...fresh,
    columns: [...fresh.columns, { kind: 'numeric', name: 'engagement_score', values: huge }, { kind: 'numeric', name: 'campaign_intensity', values: huge }],
  };
  const r = scoreTable(loadedBack, extras);
  assert.deepEqual(Array.from(r.segment), Array.from(base.segment));
  assert.deepEqual(Array.from(r.persona!), Array.from(base.persona!));
});

test('a numeric column that arrives as dates is rejected, not read as epoch milliseconds', () => {
  const text = fs.readFileSync((() => { const f = path.join(dir, 'ok-dates.csv'); writeCsv(fresh, f); return f; })(), 'utf8').trim().split('\n');
  const ageAt = text[0].split(',').indexOf('age');
  const dated = text.map((line, i) => (i === 0 ? line : line.split(',').map((v, j) => (j === ageAt ? `2024-01-${String(1 + (i % 28)).padStart(2, '0')}` : v)).join(',')));
  expectRejected('dates-in-number', dated.join('\n'), /column "age" holds dates, expected numbers/);
});

test('a column left empty in every row is imputed and reported, for numeric and categorical columns alike', () => {
  const emptyJob = { kind: 'categorical' as const, name: 'job', codes: new Int32Array(fresh.nRows).fill(-1), levels: [] as string[] };
  const emptyAge = { kind: 'numeric' as const, name: 'age', values: new Float64Array(fresh.nRows).fill(NaN) };
  const t: Table = { ...fresh, columns: fresh.columns.map((c) => (c.name === 'job' ? emptyJob : c.name === 'age' ? emptyAge : c)) };
  const r = scoreTable(loadedBack, t);
  assert.deepEqual(r.check.empty, ['age', 'job']);
  assert.equal(r.segment.length, fresh.nRows);
  // through a CSV too: the loader types an all-empty column as numeric, which must not be "numeric, expected categorical"
  const input = path.join(dir, 'empty-job.csv');
  writeCsv(t, input);
  const c = scoreCsv(loadedBack, input);
  assert.deepEqual(c.check.empty, ['age', 'job']);
});
