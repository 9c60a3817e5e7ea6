import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ccGeneralStandardized } from '../../src/bench/fixtures';
import { dataDir } from '../../src/data/datadir';
import { loadDataset } from '../../src/data/load-dataset';
import { clusteringColumns } from '../../src/data/registry';
import { makeTable, type Table } from '../../src/data/table';
import { buildRepresentations, readEmbedding, standardizedRepresentation } from '../../src/lab/representations';

const small = loadDataset('synthetic-bank', { n: 400, seed: 3 });
const reps = buildRepresentations(small, { embeddingFile: null });

test('the raw representation never holds the target, the planted segment nor duration', () => {
  const names = reps.raw.featureNames.join(' ');
  assert.doesNotMatch(names, /(^| )y=/);
  assert.doesNotMatch(names, /segment/);
  assert.doesNotMatch(names, /duration/);
  assert.ok(reps.raw.featureNames.includes('age'));
  assert.ok(reps.raw.featureNames.some((f) => f.startsWith('job=')));
  assert.ok(!reps.rawColumns.includes('y') && !reps.rawColumns.includes('segment'));
});

test('the engineered representation never holds the target nor the planted segment', () => {
  const names = reps.engineered.featureNames.join(' ');
  assert.doesNotMatch(names, /(^| )y(=| |$)/);
  assert.doesNotMatch(names, /segment/);
  assert.equal(reps.engineered.X.rows, 400);
});

test('the target enters the representations only when opted in', () => {
  const withY = buildRepresentations(small, { embeddingFile: null, includeTarget: true });
  assert.ok(withY.raw.featureNames.some((f) => f.startsWith('y=')));
  assert.ok(withY.rawColumns.includes('y'));
  assert.ok(!withY.raw.featureNames.some((f) => f.includes('segment')));
});

test('the raw representation has a mixed form for k-prototypes with the categorical codes of the table', () => {
  const m = reps.raw.mixed!;
  assert.ok(m.numericNames.includes('age') && !m.numericNames.includes('duration'));
  assert.ok(m.categoricalNames.includes('job') && !m.categoricalNames.includes('y'));
  assert.equal(m.categorical.rows, 400);
  const job = small.table.columns.find((c) => c.name === 'job') as { codes: Int32Array };
  const j = m.categoricalNames.indexOf('job');
  for (let i = 0; i < 400; i++) assert.equal(m.categorical.data[i * m.categorical.cols + j], job.codes[i]);
  assert.deepEqual(reps.all.map((r) => r.name), ['raw', 'engineered']);
});

test('standardizedRepresentation mean-imputes, standardizes and one-hot encodes (hand-checked)', () => {
  // a = [1, NaN, 3] → mean 2 → [1, 2, 3] → population std √(2/3) → [-1.2247, 0, 1.2247]; c = [u, v, u] → c=u, c=v.
  const t: Table = Object.freeze(makeTable([
    { kind: 'numeric', name: 'a', values: Float64Array.from([1, NaN, 3]) },
    { kind: 'categorical', name: 'c', codes: Int32Array.from([0, 1, 0]), levels: ['u', 'v'] },
  ]));
  const r = standardizedRepresentation(t, ['a', 'c']);
  assert.deepEqual(r.featureNames, ['a', 'c=u', 'c=v']);
  const z = Math.sqrt(3 / 2);
  const want = [-z, 1, 0, 0, 0, 1, z, 1, 0];
  r.X.data.forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-12, `${i}: ${v} vs ${want[i]}`));
  assert.deepEqual(Array.from(r.mixed!.categorical.data), [0, 1, 0]);
  assert.ok(Number.isNaN((t.columns[0] as { values: Float64Array }).values[1]), 'input not mutated');
  assert.throws(() => standardizedRepresentation(t, ['a', 'zz']), /column\(s\) zz not in the table/);
});

test('an embedding file {rows, cols, data} is read; absent or mis-shaped files are skipped with the reason', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-emb-'));
  const good = path.join(dir, 'e.json');
  fs.writeFileSync(good, JSON.stringify({ rows: 400, cols: 2, data: Array.from({ length: 800 }, (_, i) => i % 7) }));
  const withEmb = buildRepresentations(small, { embeddingFile: good });
  assert.deepEqual(withEmb.all.map((r) => r.name), ['raw', 'engineered', 'embedding']);
  assert.equal(withEmb.embedding!.X.data[8], 1); // 8 mod 7
  assert.match(readEmbedding(path.join(dir, 'none.json'), 400).note, /no autoencoder embedding/);
  const wrong = path.join(dir, 'w.json');
  fs.writeFileSync(wrong, JSON.stringify({ rows: 10, cols: 2, data: new Array(20).fill(0) }));
  const r = buildRepresentations(small, { embeddingFile: wrong, fittedPipeline: reps.pipeline });
  assert.equal(r.embedding, null);
  assert.match(r.embeddingNote, /has 10 rows but the data set has 400/);
  // header + little-endian float64 file (notebook 03's form): values 0.5·i
  const buf = Buffer.alloc(400 * 2 * 8);
  for (let i = 0; i < 800; i++) buf.writeDoubleLE(0.5 * i, i * 8);
  fs.writeFileSync(path.join(dir, 'z.f64'), buf);
  fs.writeFileSync(path.join(dir, 'h.json'), JSON.stringify({ format: 'seglab-embedding/1', rows: 400, cols: 2, dtype: 'float64', byteOrder: 'little-endian', dataFile: 'z.f64' }));
  const bin = readEmbedding(path.join(dir, 'h.json'), 400);
  assert.equal(bin.X!.data[7], 3.5);
  fs.writeFileSync(path.join(dir, 'h2.json'), JSON.stringify({ rows: 400, cols: 3, dataFile: 'z.f64' }));
  assert.match(readEmbedding(path.join(dir, 'h2.json'), 400).note, /has 6400 bytes, expected rows·cols·8 = 9600/);
  fs.rmSync(dir, { recursive: true });
});

test('raw can be restricted to column levels (e.g. customer traits only)', () => {
  const r = buildRepresentations(small, { embeddingFile: null, levels: ['customer'], fittedPipeline: reps.pipeline });
  assert.ok(r.rawColumns.includes('age') && !r.rawColumns.includes('euribor3m') && !r.rawColumns.includes('month'));
});

test('on CC GENERAL the mean-imputed standardized 17 columns equal the independent bench reader', (t) => {
  const ref = ccGeneralStandardized(dataDir());
  if (!ref) { t.skip(`cc-general.csv not found in data dir ${dataDir()}`); return; }
  const cc = loadDataset('cc-general');
  const r = standardizedRepresentation(cc.table, clusteringColumns(cc.spec), { impute: 'mean' });
  assert.equal(r.X.cols, 17);
  assert.deepEqual(r.featureNames, ref.columns);
  let maxDiff = 0;
  for (let i = 0; i < r.X.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(r.X.data[i] - ref.X.data[i]));
  assert.ok(maxDiff < 1e-9, `max difference ${maxDiff}`);
});
