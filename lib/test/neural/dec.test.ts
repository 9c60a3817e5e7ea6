import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../../src/core/matrix';
import { Autoencoder } from '../../src/neural/autoencoder';
import { DecClusterer, decTargetDistribution } from '../../src/neural/dec';
import { tf, initBackend } from '../../src/neural/backend';
import { NotFittedError, ValidationError } from '../../src/core/errors';
import { adjustedRand, blobs } from './helpers';

test('decTargetDistribution sharpens Q as in Xie et al. (hand-computed 2×2 case)', () => {
  // Q = [[0.6, 0.4], [0.5, 0.5]] → f = [1.1, 0.9].
  // Row 0: [0.36/1.1, 0.16/0.9] = [0.327273, 0.177778], sum 0.505051 → [0.648000, 0.352000].
  // Row 1: [0.25/1.1, 0.25/0.9] = [0.227273, 0.277778], sum 0.505051 → [0.45, 0.55].
  const P = decTargetDistribution(fromRows([[0.6, 0.4], [0.5, 0.5]]));
  const want = [0.648, 0.352, 0.45, 0.55];
  want.forEach((w, i) => assert.ok(Math.abs(P.data[i] - w) < 1e-9, `P[${i}]=${P.data[i]} want ${w}`));
});

async function fitBlobs(seed: number): Promise<{ ae: Autoencoder; dec: DecClusterer; y: Int32Array; X: ReturnType<typeof blobs>['X'] }> {
  const { X, y } = blobs(60, 4, 6, 21, 6);
  const ae = await new Autoencoder({ hiddenLayers: [16], bottleneck: 3, epochs: 30, batchSize: 32, learningRate: 5e-3, seed: 4 }).fit(X);
  const dec = await new DecClusterer({ nClusters: 4, maxEpochs: 8, batchSize: 32, nInit: 5, seed }).fit(X, ae);
  return { ae, dec, y, X };
}

test('DecClusterer keeps or improves the recovery of well-separated blobs (ARI vs planted labels)', async () => {
  const { ae, dec, y } = await fitBlobs(1);
  try {
    const before = adjustedRand(dec.initialLabels, y);
    const after = adjustedRand(dec.labels, y);
    assert.ok(after >= 0.9, `ARI after DEC ${after}`);
    assert.ok(after >= before - 0.02, `ARI fell from ${before} to ${after}`);
  } finally {
    ae.dispose(); dec.dispose();
  }
});

test('DecClusterer soft assignments are probabilities whose argmax is predict', async () => {
  const { ae, dec, X } = await fitBlobs(2);
  try {
    const Q = dec.predictProba(X);
    assert.equal(Q.cols, 4);
    for (let i = 0; i < Q.rows; i++) {
      let s = 0; for (let j = 0; j < 4; j++) { assert.ok(Q.data[i * 4 + j] >= 0); s += Q.data[i * 4 + j]; }
      assert.ok(Math.abs(s - 1) < 1e-5);
    }
    const labels = dec.predict(X);
    for (let i = 0; i < Q.rows; i++) {
      const row = Array.from(Q.data.subarray(i * 4, i * 4 + 4));
      assert.equal(labels[i], row.indexOf(Math.max(...row)));
    }
    assert.deepEqual(labels, dec.labels);
    assert.equal(dec.transform(X).cols, 3);
    assert.equal(dec.centers.rows, 4);
  } finally {
    ae.dispose(); dec.dispose();
  }
});

test('DecClusterer leaves the autoencoder untouched, is deterministic per seed and leaks no tensors', async () => {
  await initBackend();
  const before = tf.memory().numTensors;
  const a = await fitBlobs(3);
  const w0 = a.ae.getWeights();
  const b = await fitBlobs(3);
  try {
    assert.deepEqual(a.dec.labels, b.dec.labels);
    assert.deepEqual(a.dec.centers, b.dec.centers);
    // the autoencoder's encoder was copied, not fine-tuned in place: a fresh fit with the same seed has equal weights
    a.ae.getWeights().forEach((w, i) => assert.deepEqual(w, w0[i]));
    assert.deepEqual(a.ae.getWeights(), b.ae.getWeights());
  } finally {
    a.ae.dispose(); a.dec.dispose(); b.ae.dispose(); b.dec.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});

test('DecClusterer rejects an unfitted autoencoder, a width mismatch and use before fit', async () => {
  const { X } = blobs(10, 2, 4, 1);
  await assert.rejects(new DecClusterer({ nClusters: 2 }).fit(X, new Autoencoder({ bottleneck: 2 })), NotFittedError);
  const ae = await new Autoencoder({ hiddenLayers: [4], bottleneck: 2, epochs: 1 }).fit(X);
  try {
    const wide = { data: new Float64Array(20 * 5), rows: 20, cols: 5 };
    await assert.rejects(new DecClusterer({ nClusters: 2 }).fit(wide, ae), (e: Error) => e instanceof ValidationError && /5 columns.*4/.test(e.message));
    await assert.rejects(new DecClusterer({ nClusters: 1 }).fit(X, ae), /nClusters=1/);
  } finally {
    ae.dispose();
  }
  assert.throws(() => new DecClusterer().predict(X), NotFittedError);
});
