import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MlpClassifier, DEFAULT_MLP_CLASSIFIER_OPTIONS, balancedClassWeights } from '../../src/neural/mlp-classifier';
import { tf, initBackend } from '../../src/neural/backend';
import { NotFittedError, ValidationError } from '../../src/core/errors';
import { takeRows } from '../../src/core/matrix';
import { blobs } from './helpers';
import { Rng } from '../../src/core/random';
import { JsDenseNet, type JsLayerSpec } from '../../src/neural/js-dense-net';
import { crossEntropyGradient, meanCrossEntropy } from '../../src/neural/mlp-train-js';

const FAST = { hiddenLayers: [16, 8], maxEpochs: 15, batchSize: 16, learningRate: 1e-2, seed: 5 };

test('DEFAULT_MLP_CLASSIFIER_OPTIONS follow seed 004: 128-64 ReLU, dropout 0.2, Adam 1e-3, patience 10', () => {
  const o = DEFAULT_MLP_CLASSIFIER_OPTIONS;
  assert.deepEqual(o.hiddenLayers, [128, 64]);
  assert.equal(o.activation, 'relu'); assert.equal(o.dropout, 0.2);
  assert.equal(o.learningRate, 1e-3); assert.equal(o.patience, 10); assert.equal(o.restoreBestWeights, true);
});

test('balancedClassWeights gives n / (K · n_c) (scikit-learn\'s balanced rule)', () => {
  // y = [0,0,0,1]: n = 4, K = 2 → [4/(2·3), 4/(2·1)] = [0.6667, 2].
  const w = balancedClassWeights(Int32Array.from([0, 0, 0, 1]), 2);
  assert.ok(Math.abs(w[0] - 2 / 3) < 1e-12); assert.equal(w[1], 2);
});

test('MlpClassifier separates well-separated blobs on held-out rows', async () => {
  const { X, y } = blobs(40, 3, 5, 3, 6);
  const idx = Array.from({ length: X.rows }, (_, i) => i);
  const trainIdx = idx.filter((i) => i % 4 !== 0);
  const testIdx = idx.filter((i) => i % 4 === 0);
  const clf = await new MlpClassifier(FAST).fit(takeRows(X, trainIdx), Int32Array.from(trainIdx, (i) => y[i]));
  try {
    const pred = clf.predict(takeRows(X, testIdx));
    const acc = testIdx.filter((i, r) => pred[r] === y[i]).length / testIdx.length;
    assert.ok(acc >= 0.95, `accuracy ${acc}`);
    assert.equal(clf.nClasses, 3);
    const P = clf.predictProba(X);
    for (let i = 0; i < P.rows; i++) {
      const s = P.data[i * 3] + P.data[i * 3 + 1] + P.data[i * 3 + 2];
      assert.ok(Math.abs(s - 1) < 1e-5);
    }
  } finally {
    clf.dispose();
  }
});

test('MlpClassifier uses a given validation set, class weights, and is deterministic per seed', async () => {
  const { X, y } = blobs(20, 2, 4, 4, 4);
  const val = blobs(10, 2, 4, 9, 4);
  const opts = { ...FAST, maxEpochs: 4, classWeight: 'balanced' as const };
  const a = await new MlpClassifier(opts).fit(X, y, { validation: val });
  const b = await new MlpClassifier(opts).fit(X, y, { validation: val });
  try {
    assert.equal(a.history.valLoss.length, a.history.loss.length);
    assert.ok(a.history.valLoss.every(Number.isFinite));
    a.getWeights().forEach((w, i) => assert.deepEqual(w, b.getWeights()[i]));
  } finally {
    a.dispose(); b.dispose();
  }
});

for (const engine of ['simd', 'tfjs'] as const) {
  test(`MlpClassifier (engine=${engine}) holds no tensors and its save/load round trip predicts identically`, async () => {
    await initBackend();
    const { X, y } = blobs(15, 3, 4, 6, 5);
    const before = tf.memory().numTensors;
    const clf = await new MlpClassifier({ ...FAST, maxEpochs: 3, engine }).fit(X, y);
    clf.predictProba(X);
    assert.equal(tf.memory().numTensors, before);
    clf.preprocessing = { features: ['a', 'b', 'c', 'd'] };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-mlp-'));
    try {
      clf.save(dir);
      const back = await MlpClassifier.load(dir);
      assert.deepEqual(back.predictProba(X), clf.predictProba(X));
      assert.deepEqual(back.predict(X), clf.predict(X));
      assert.deepEqual(back.preprocessing, clf.preprocessing);
      assert.equal(back.nClasses, 3);
      assert.deepEqual(back.history, clf.history);
      back.dispose();
    } finally {
      clf.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(tf.memory().numTensors, before);
    assert.throws(() => clf.predict(X), NotFittedError);
  });
}

test('MlpClassifier rejects bad labels, NaN input and use before fit', async () => {
  const { X, y } = blobs(5, 2, 3, 1);
  await assert.rejects(new MlpClassifier(FAST).fit(X, y.subarray(1)), (e: Error) => e instanceof ValidationError && /9 labels for 10 rows/.test(e.message));
  await assert.rejects(new MlpClassifier(FAST).fit(X, new Int32Array(10)), /1 class/);
  const neg = Int32Array.from(y); neg[3] = -1;
  await assert.rejects(new MlpClassifier(FAST).fit(X, neg), /y\[3\]=-1/);
  const nan = { ...X, data: Float64Array.from(X.data) }; nan.data[0] = NaN;
  await assert.rejects(new MlpClassifier(FAST).fit(nan, y), ValidationError);
  await assert.rejects(new MlpClassifier({ ...FAST, classWeight: [1] }).fit(X, y), /classWeight has 1 weights for 2 classes/);
  assert.throws(() => new MlpClassifier().predict(X), NotFittedError);
  await assert.rejects(new MlpClassifier({ ...FAST, engine: 'gpu' as never }).fit(X, y), /engine="gpu" should be one of simd, js, tfjs/);
});

const TINY: JsLayerSpec[] = [
  { in: 4, out: 5, activation: 'relu', dropoutAfter: true },
  { in: 5, out: 6, activation: 'tanh', dropoutAfter: true },
  { in: 6, out: 3, activation: 'linear' },
];

for (const simd of [true, false]) {
  test(`weighted softmax cross-entropy gradient (simd=${simd}) matches central finite differences in float64`, () => {
    // Independent check: (L(θ+h) − L(θ−h)) / 2h with h = 1e-6 has truncation error O(h²) ≈ 1e-12 and rounding
    // error ≈ 1e-16 / h ≈ 1e-10; no ReLU pre-activation of this seed sits within h of its kink.
    const { X, y } = blobs(6, 3, 4, 11, 2);
    const idx = Int32Array.from({ length: X.rows }, (_, i) => X.rows - 1 - i);
    const w = Float64Array.from([0.5, 2, 1.25]);
    const net = JsDenseNet.initialized(TINY, new Rng(3), simd);
    const loss = (): number => crossEntropyGradient(net, X, y, idx, 2, 13, w, 0, new Rng(0));
    loss();
    const g = Float64Array.from(net.grads);
    const h = 1e-6;
    let nonzero = 0;
    for (let k = 0; k < net.params.length; k++) {
      const p0 = net.params[k];
      net.params[k] = p0 + h; const up = loss();
      net.params[k] = p0 - h; const down = loss();
      net.params[k] = p0;
      const fd = (up - down) / (2 * h);
      if (Math.abs(fd) > 1e-8) nonzero++;
      assert.ok(Math.abs(fd - g[k]) < 1e-7 + 1e-5 * Math.abs(fd), `param ${k}: analytic ${g[k]} vs numeric ${fd}`);
    }
    assert.ok(nonzero > net.params.length / 2, `only ${nonzero} non-zero gradients`);
  });
}

test('cross-entropy equals hand-derived values: ln K at zero logits, exact and finite at logits ±1000', () => {
  const { X, y } = blobs(2, 3, 4, 1);
  const idx = Int32Array.from({ length: 6 }, (_, i) => i);
  const net = new JsDenseNet(TINY, undefined, true); // all parameters 0 → logits 0 → p = 1/3 for every class
  assert.ok(Math.abs(meanCrossEntropy(net, X, y, idx) - Math.log(3)) < 1e-15);
  // Weighted batch loss: (1/B) Σ w_{y_i} ln 3 with two rows per class: (2·0.5 + 2·2 + 2·1.25)/6 · ln 3 = 1.25 ln 3.
  const l = crossEntropyGradient(net, X, y, idx, 0, 6, Float64Array.from([0.5, 2, 1.25]), 0, new Rng(0));
  assert.ok(Math.abs(l - 1.25 * Math.log(3)) < 1e-14);
  // Output bias (1000, 0, −1000): CE = logsumexp − z_y = 1000 + ln(1 + e^−1000 + e^−2000) − z_y = 0, 1000, 2000.
  const b = net.layers[2].b;
  net.params[b] = 1000; net.params[b + 2] = -1000;
  assert.equal(meanCrossEntropy(net, X, y, idx), (0 + 0 + 1000 + 1000 + 2000 + 2000) / 6);
});

test('MlpClassifier fits the same weights for the same seed, other weights for another, identical across simd/js', async () => {
  const { X, y } = blobs(30, 3, 5, 2, 3);
  const opts = { ...FAST, maxEpochs: 3, dropout: 0.3 };
  const a = await new MlpClassifier(opts).fit(X, y);
  const b = await new MlpClassifier(opts).fit(X, y);
  const c = await new MlpClassifier({ ...opts, seed: 6 }).fit(X, y);
  const js = await new MlpClassifier({ ...opts, engine: 'js' }).fit(X, y);
  assert.deepEqual(a.getWeights(), b.getWeights());
  assert.deepEqual(a.getWeights(), js.getWeights());
  assert.notDeepEqual(a.getWeights(), c.getWeights());
  assert.deepEqual(a.history.loss, js.history.loss);
  // Dropout acts in training only: it changes the fitted weights, never predictions of a fitted model.
  const noDrop = await new MlpClassifier({ ...opts, dropout: 0 }).fit(X, y);
  assert.notDeepEqual(a.getWeights(), noDrop.getWeights());
  assert.deepEqual(a.predictProba(X), a.predictProba(X));
});

test('MlpClassifier simd and tfjs engines start from the same weights and agree on the first epoch loss', async () => {
  // No dropout, so both engines compute the same function (float64 vs float32 arithmetic); one epoch = 8 Adam steps.
  const { X, y } = blobs(40, 3, 5, 4, 3);
  const opts = { ...FAST, maxEpochs: 1, dropout: 0, batchSize: 16 };
  const s = await new MlpClassifier(opts).fit(X, y);
  const t = await new MlpClassifier({ ...opts, engine: 'tfjs' }).fit(X, y);
  assert.ok(Math.abs(s.history.loss[0] - t.history.loss[0]) < 1e-4 * s.history.loss[0], `${s.history.loss[0]} vs ${t.history.loss[0]}`);
  assert.ok(Math.abs(s.history.valLoss[0] - t.history.valLoss[0]) < 1e-4 * s.history.valLoss[0]);
  s.getWeights().forEach((w, i) => w.forEach((v, j) => assert.ok(Math.abs(v - t.getWeights()[i][j]) < 1e-4)));
});

test('MlpClassifier early stopping keeps the best epoch: its validation cross-entropy is the restored model\'s', async () => {
  // Noisy overlapping blobs with a high learning rate overfit fast, so the validation loss turns up and stops training.
  const { X, y } = blobs(60, 3, 4, 8, 1);
  const val = blobs(40, 3, 4, 9, 1);
  const logs: { epoch: number; loss: number; valLoss: number; ms: number }[] = [];
  const clf = await new MlpClassifier({
    hiddenLayers: [64, 64], learningRate: 0.03, batchSize: 16, maxEpochs: 200, patience: 3, dropout: 0, seed: 1,
    onEpoch: (epoch, log) => logs.push({ epoch, ...log }),
  }).fit(X, y, { validation: val });
  const h = clf.history;
  assert.ok(h.stoppedEarly, 'expected early stopping');
  assert.equal(h.loss.length - 1 - h.bestEpoch, 3);
  assert.equal(h.valLoss[h.bestEpoch], Math.min(...h.valLoss));
  assert.deepEqual(logs.map((l) => l.valLoss), h.valLoss);
  assert.deepEqual(logs.map((l) => l.epoch), h.loss.map((_, i) => i));
  assert.ok(logs.every((l) => l.ms >= 0 && l.loss > 0));
  // Independent evaluation of the restored weights: −mean log p(y) from predictProba.
  const P = clf.predictProba(val.X);
  let ce = 0;
  for (let i = 0; i < P.rows; i++) ce -= Math.log(P.data[i * 3 + val.y[i]]);
  ce /= P.rows;
  assert.ok(Math.abs(ce - h.valLoss[h.bestEpoch]) < 1e-9, `${ce} vs ${h.valLoss[h.bestEpoch]}`);
});
