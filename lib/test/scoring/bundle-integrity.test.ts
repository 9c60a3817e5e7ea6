import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadDataset } from '../../src/data/load-dataset';
import { buildPipeline } from '../../src/features/presets';
import { KMeans } from '../../src/cluster/kmeans';
import { Autoencoder } from '../../src/neural/autoencoder';
import { MlpClassifier } from '../../src/neural/mlp-classifier';
import { writeModelDir, readModelDir } from '../../src/neural/model-files';
import { buildBundle } from '../../src/scoring/build';
import { saveBundle, loadBundle, disposeBundle, BundleError, BUNDLE_FORMAT, type ModelBundle } from '../../src/scoring/bundle';

let dir = '';
let good = '';
let bundle: ModelBundle;

// A bundle with every kind of file: bundle.json, encoder/{model.json,weights.bin}, classifier/{model.json,weights.bin}.
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-integrity-'));
  const loaded = loadDataset('synthetic-bank', { n: 400, seed: 1 });
  const pipeline = buildPipeline('synthetic-bank').fit(loaded.table);
  const X = pipeline.X;
  const encoder = await new Autoencoder({ hiddenLayers: [8], bottleneck: 2, epochs: 1, seed: 2 }).fit(X);
  const clusterer = new KMeans({ k: 3, nInit: 1, seed: 3 }).fit(encoder.transform(X));
  const classifier = await new MlpClassifier({ hiddenLayers: [8], maxEpochs: 1, seed: 5 }).fit(X, clusterer.labels);
  bundle = buildBundle({ loaded, pipeline, X, clusterer, encoder, classifier, assignWith: 'classifier' });
  good = path.join(dir, 'good');
  saveBundle(good, bundle);
});

after(() => {
  disposeBundle(bundle);
  fs.rmSync(dir, { recursive: true, force: true });
});

function filesOf(root: string, sub = ''): string[] {
  return fs.readdirSync(path.join(root, sub), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesOf(root, path.join(sub, e.name)) : [path.join(sub, e.name)]);
}

/** A fresh copy of the good bundle with `file` replaced by `damage(bytes)`. */
function damagedCopy(name: string, file: string, damage: (b: Buffer) => Buffer): string {
  const copy = path.join(dir, name);
  fs.cpSync(good, copy, { recursive: true });
  const f = path.join(copy, file);
  fs.writeFileSync(f, damage(fs.readFileSync(f)));
  return copy;
}

test('bundle.json records the format version and the size and SHA-256 of every other file of the bundle', () => {
  const json = JSON.parse(fs.readFileSync(path.join(good, 'bundle.json'), 'utf8'));
  assert.equal(json.meta.format, BUNDLE_FORMAT);
  const recorded = json.integrity.files.map((f: { path: string }) => f.path).sort();
  assert.deepEqual(recorded, ['classifier/model.json', 'classifier/weights.bin', 'encoder/model.json', 'encoder/weights.bin']);
  for (const r of json.integrity.files) {
    const bytes = fs.readFileSync(path.join(good, r.path));
    assert.equal(r.bytes, bytes.length, r.path);
    // reference: node's crypto over the file's bytes, independent of the writer's streaming hash
    assert.equal(r.sha256, crypto.createHash('sha256').update(bytes).digest('hex'), r.path);
  }
});

test('an intact bundle loads and keeps the training ranges of its numeric input columns', async () => {
  const b = await loadBundle(good);
  try {
    const age = b.ranges?.find((r) => r.name === 'age');
    const col = loadDataset('synthetic-bank', { n: 400, seed: 1 }).table.columns.find((c) => c.name === 'age') as { values: Float64Array };
    assert.deepEqual(age, { name: 'age', min: Math.min(...col.values), max: Math.max(...col.values) });
  } finally {
    disposeBundle(b);
  }
});

test('every file of the bundle, truncated, overwritten with same-length garbage or replaced by other JSON, is refused naming that file', async () => {
  const files = filesOf(good).map((f) => f.split(path.sep).join('/'));
  assert.equal(files.length, 5);
  let n = 0;
  for (const file of files) {
    const damages: Array<[string, (b: Buffer) => Buffer]> = [
      ['truncated', (b) => b.subarray(0, Math.floor(b.length / 2))],
      ['same-length garbage', (b) => { const g = crypto.randomBytes(b.length); return g.equals(b) ? Buffer.alloc(b.length, 1) : g; }],
    ];
    if (file.endsWith('.json')) damages.push(['other JSON', () => Buffer.from(JSON.stringify({ meta: { format: BUNDLE_FORMAT }, hello: 'world' }))]);
    if (file.endsWith('weights.bin')) damages.push(['one weight changed', (b) => { const c = Buffer.from(b); c.writeFloatLE(c.readFloatLE(0) + 1, 0); return c; }]);
    for (const [how, damage] of damages) {
      const copy = damagedCopy(`case-${n++}`, file, damage);
      await assert.rejects(loadBundle(copy), (e: Error) => {
        assert.ok(e instanceof BundleError, `${file} ${how}: ${e.name}: ${e.message}`);
        assert.ok(e.message.includes(file), `${file} ${how}: the message names the file: ${e.message}`);
        return true;
      });
    }
  }
});

test('a missing bundle file and a bundle of an older format are refused with a named reason', async () => {
  const copy = path.join(dir, 'missing');
  fs.cpSync(good, copy, { recursive: true });
  fs.rmSync(path.join(copy, 'encoder', 'weights.bin'));
  await assert.rejects(loadBundle(copy), /encoder\/weights\.bin is missing/);
  const old = path.join(dir, 'old-format');
  fs.cpSync(good, old, { recursive: true });
  const json = JSON.parse(fs.readFileSync(path.join(old, 'bundle.json'), 'utf8'));
  delete json.integrity;
  json.meta.format = 1;
  fs.writeFileSync(path.join(old, 'bundle.json'), JSON.stringify(json));
  await assert.rejects(loadBundle(old), (e: Error) => e instanceof BundleError && /format 1.*reads format 2/.test(e.message));
});

test('weights that are NaN or infinite are refused naming weights.bin, even when the files are consistent', () => {
  const m = path.join(dir, 'nan-model');
  writeModelDir(m, { kind: 'test', format: 1, weightShapes: [[2, 2], [2]] }, [Float32Array.of(1, 2, NaN, 4), Float32Array.of(0, 0)]);
  assert.throws(() => readModelDir(m, 'test'), /weights\.bin holds a non-finite weight \(NaN\) at value 2 of 6/);
  writeModelDir(m, { kind: 'test', format: 1, weightShapes: [[2]] }, [Float32Array.of(1, -Infinity)]);
  assert.throws(() => readModelDir(m, 'test'), /non-finite weight \(-Infinity\) at value 1/);
  fs.writeFileSync(path.join(m, 'model.json'), '{"kind": "test", "form');
  assert.throws(() => readModelDir(m, 'test'), /model\.json is not readable JSON/);
});

test('saving a bundle removes the temporary folders of dead writers beside it and keeps those of live ones', () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  const target = path.join(dir, 'stale', 'bundle');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staleTmp = `${target}.tmp-${dead}-1700000000000`;
  const staleOld = `${target}.old-${dead}-1700000000000`;
  const live = `${target}.tmp-${process.ppid}-1700000000000`;
  for (const d of [staleTmp, staleOld, live]) fs.mkdirSync(d, { recursive: true });
  saveBundle(target, bundle);
  assert.equal(fs.existsSync(staleTmp), false);
  assert.equal(fs.existsSync(staleOld), false);
  assert.equal(fs.existsSync(live), true, 'a folder of a running process is not touched');
  assert.deepEqual(fs.readdirSync(path.dirname(target)).sort(), ['bundle', path.basename(live)].sort());
});
