import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Autoencoder, DEFAULT_AUTOENCODER_OPTIONS } from '../../src/neural/autoencoder';
import { tf, initBackend } from '../../src/neural/backend';
import { ValidationError, NotFittedError } from '../../src/core/errors';
import { lowRankData } from './helpers';

const FAST = { hiddenLayers: [16, 8], bottleneck: 2, epochs: 25, batchSize: 32, learningRate: 5e-3, seed: 11 };

test('DEFAULT_AUTOENCODER_OPTIONS is the seeds\' d→64→32→8 network with Adam 1e-3 and batch 256', () => {
  assert.deepEqual(DEFAULT_AUTOENCODER_OPTIONS.hiddenLayers, [64, 32]);
  assert.equal(DEFAULT_AUTOENCODER_OPTIONS.bottleneck, 8);
  assert.equal(DEFAULT_AUTOENCODER_OPTIONS.activation, 'relu');
  assert.equal(DEFAULT_AUTOENCODER_OPTIONS.learningRate, 1e-3);
  assert.equal(DEFAULT_AUTOENCODER_OPTIONS.batchSize, 256);
  assert.equal(DEFAULT_AUTOENCODER_OPTIONS.patience, 5);
  assert.equal(DEFAULT_AUTOENCODER_OPTIONS.validationFraction, 0.1);
});

test('Autoencoder transform, reconstruct and reconstructionError have the expected shapes', async () => {
  const X = lowRankData(300, 6, 1);
  const ae = await new Autoencoder({ ...FAST, epochs: 3 }).fit(X);
  try {
    const Z = ae.transform(X);
    assert.equal(Z.rows, 300); assert.equal(Z.cols, 2);
    const R = ae.reconstruct(X);
    assert.equal(R.rows, 300); assert.equal(R.cols, 6);
    const D = ae.decode(Z);
    assert.equal(D.cols, 6);
    const e = ae.reconstructionError(X);
    assert.equal(e.perFeature.length, 6); assert.equal(e.perRow.length, 300);
    // total is the mean of the per-feature means and of the per-row means (equal-sized groups).
    const mf = e.perFeature.reduce((a, b) => a + b, 0) / 6;
    const mr = e.perRow.reduce((a, b) => a + b, 0) / 300;
    assert.ok(Math.abs(mf - e.total) < 1e-9 && Math.abs(mr - e.total) < 1e-9);
    assert.equal(ae.history.loss.length, 3);
  } finally {
    ae.dispose();
  }
});

test('Autoencoder with a 2-unit code learns rank-2 data far below its variance', async () => {
  // Data = A·z + 0.05·noise with z ∈ R²: the best 2-unit code leaves ≈ 0.05² = 0.0025 per cell, while predicting
  // the mean leaves the per-cell variance (≈ mean of A_j0² + A_j1² ≈ 2). Require < 5% of the variance after training.
  const X = lowRankData(600, 6, 2);
  let variance = 0;
  for (let j = 0; j < 6; j++) {
    let m = 0; for (let i = 0; i < 600; i++) m += X.data[i * 6 + j]; m /= 600;
    for (let i = 0; i < 600; i++) variance += (X.data[i * 6 + j] - m) ** 2;
  }
  variance /= 600 * 6;
  const ae = await new Autoencoder({ ...FAST, epochs: 60, patience: 10 }).fit(X);
  try {
    const err = ae.reconstructionError(X).total;
    assert.ok(err < 0.05 * variance, `reconstruction MSE ${err} should be < 5% of variance ${variance}`);
    assert.ok(ae.history.loss[ae.history.loss.length - 1] < ae.history.loss[0]);
  } finally {
    ae.dispose();
  }
});

test('Autoencoder is deterministic per seed: same seed gives identical weights, another seed different ones', async () => {
  const X = lowRankData(200, 5, 3);
  const opts = { ...FAST, epochs: 3, dropout: 0.1 };
  const a = await new Autoencoder(opts).fit(X);
  const b = await new Autoencoder(opts).fit(X);
  const c = await new Autoencoder({ ...opts, seed: 12 }).fit(X);
  try {
    const wa = a.getWeights(); const wb = b.getWeights(); const wc = c.getWeights();
    assert.equal(wa.length, 12);
    wa.forEach((w, i) => assert.deepEqual(w, wb[i]));
    assert.notDeepEqual(wa[0], wc[0]);
    assert.deepEqual(a.history.loss, b.history.loss);
  } finally {
    a.dispose(); b.dispose(); c.dispose();
  }
});

for (const engine of ['simd', 'js', 'tfjs'] as const) {
  test(`Autoencoder (engine ${engine}) leaves no tensors behind after fit, encode and reconstruct`, async () => {
    await initBackend();
    const X = lowRankData(150, 5, 4);
    const before = tf.memory().numTensors;
    const ae = await new Autoencoder({ ...FAST, epochs: 3, dropout: 0.2, engine }).fit(X);
    ae.transform(X); ae.reconstruct(X); ae.reconstructionError(X);
    // training tensors (tfjs engine) are freed at the end of fit; inference runs on JavaScript arrays
    assert.equal(tf.memory().numTensors, before);
    ae.dispose();
    assert.equal(tf.memory().numTensors, before);
  });
}

test('Autoencoder engines simd and js give bit-identical weights and losses; tfjs the same up to float32 rounding', async () => {
  const X = lowRankData(300, 7, 9);
  const opts = { ...FAST, epochs: 4, batchSize: 50 };
  const s = await new Autoencoder({ ...opts, engine: 'simd' }).fit(X);
  const j = await new Autoencoder({ ...opts, engine: 'js' }).fit(X);
  const t = await new Autoencoder({ ...opts, engine: 'tfjs' }).fit(X);
  assert.deepEqual(s.getWeights(), j.getWeights());
  assert.deepEqual(s.history.loss, j.history.loss);
  // tfjs computes in float32 from the same initial weights, split and batch order: epoch losses agree closely
  s.history.loss.forEach((l, e) => assert.ok(Math.abs(l - t.history.loss[e]) < 1e-3 * l, `epoch ${e}: ${l} vs tfjs ${t.history.loss[e]}`));
  const ws = s.getWeights(); const wt = t.getWeights();
  ws.forEach((w, i) => w.forEach((v, k) => assert.ok(Math.abs(v - wt[i][k]) < 1e-3, `weight ${i}[${k}]: ${v} vs ${wt[i][k]}`)));
});

test('Autoencoder save/load round trip gives identical embeddings and keeps preprocessing and history', async () => {
  const X = lowRankData(120, 5, 5);
  const ae = await new Autoencoder({ ...FAST, epochs: 3 }).fit(X);
  ae.preprocessing = { scaler: 'standard', means: [1, 2, 3, 4, 5] };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-ae-'));
  try {
    ae.save(dir);
    assert.ok(fs.existsSync(path.join(dir, 'model.json')) && fs.existsSync(path.join(dir, 'weights.bin')));
    const back = await Autoencoder.load(dir);
    try {
      assert.deepEqual(back.transform(X), ae.transform(X));
      assert.deepEqual(back.preprocessing, ae.preprocessing);
      assert.deepEqual(back.history.loss, ae.history.loss);
      assert.equal(back.options.bottleneck, 2);
    } finally {
      back.dispose();
    }
  } finally {
    ae.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('Autoencoder rejects NaN input, a bottleneck as wide as the input, and use before fit', async () => {
  const X = lowRankData(50, 4, 6);
  const bad = { data: Float64Array.from(X.data), rows: X.rows, cols: X.cols };
  bad.data[7] = NaN;
  await assert.rejects(new Autoencoder(FAST).fit(bad), (e: Error) => e instanceof ValidationError && /non-finite value NaN at row 1, column 3/.test(e.message));
  await assert.rejects(new Autoencoder({ ...FAST, bottleneck: 4 }).fit(X), (e: Error) => e instanceof ValidationError && /bottleneck=4 .*d=4/.test(e.message));
  await assert.rejects(new Autoencoder({ ...FAST, dropout: 1 }).fit(X), /dropout=1/);
  await assert.rejects(new Autoencoder({ ...FAST, engine: 'gpu' as never }).fit(X), /engine="gpu"/);
  assert.throws(() => new Autoencoder(FAST).transform(X), NotFittedError);
  assert.throws(() => new Autoencoder(FAST).save('/nonexistent'), NotFittedError);
});

test('Autoencoder does not mutate its input', async () => {
  const X = Object.freeze(lowRankData(80, 4, 7));
  const copy = Float64Array.from(X.data);
  const ae = await new Autoencoder({ ...FAST, bottleneck: 2, epochs: 2 }).fit(X);
  ae.transform(X);
  ae.dispose();
  assert.deepEqual(X.data, copy);
});

test('Autoencoder early stopping keeps the best validation epoch', async () => {
  const X = lowRankData(200, 5, 8);
  const logs: number[] = [];
  const ae = await new Autoencoder({ ...FAST, epochs: 40, patience: 2, learningRate: 0.05, onEpoch: (e) => logs.push(e) }).fit(X);
  try {
    const h = ae.history;
    assert.deepEqual(logs, h.loss.map((_, i) => i));
    const best = h.valLoss.indexOf(Math.min(...h.valLoss));
    assert.equal(h.bestEpoch, best);
    if (h.stoppedEarly) assert.equal(h.loss.length - 1 - best, 2);
    assert.ok(h.ms.every((m) => m > 0));
  } finally {
    ae.dispose();
  }
});
