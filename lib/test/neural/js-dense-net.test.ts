import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/core/random';
import { JsDenseNet, type JsLayerSpec } from '../../src/neural/js-dense-net';
import { reconstructionGradient } from '../../src/neural/autoencoder-train-js';
import { DenseStack } from '../../src/neural/dense-stack';
import { tf, initBackend } from '../../src/neural/backend';
import { lowRankData } from './helpers';

const SPECS: JsLayerSpec[] = [
  { in: 5, out: 6, activation: 'relu' },
  { in: 6, out: 2, activation: 'linear' },
  { in: 2, out: 6, activation: 'tanh' },
  { in: 6, out: 5, activation: 'linear' },
];

function loss(net: JsDenseNet, X: ReturnType<typeof lowRankData>, idx: Int32Array): number {
  return reconstructionGradient(net, X, idx, 0, idx.length, 0, new Rng(0));
}

for (const simd of [true, false]) {
  test(`JsDenseNet (simd=${simd}) gradient of the reconstruction MSE matches central finite differences`, () => {
    // Independent check: (L(θ+h) − L(θ−h)) / 2h in float64 with h = 1e-6 has error O(h²) ≈ 1e-12 plus rounding
    // ≈ 1e-10 / h; ReLU kinks are avoided because no pre-activation sits within 1e-6 of 0 for this seed.
    const X = lowRankData(13, 5, 3);
    const idx = Int32Array.from({ length: 13 }, (_, i) => i);
    const net = JsDenseNet.initialized(SPECS, new Rng(5), simd);
    loss(net, X, idx);
    const g = Float64Array.from(net.grads);
    const h = 1e-6;
    for (let k = 0; k < net.params.length; k++) {
      const p0 = net.params[k];
      net.params[k] = p0 + h; const up = loss(net, X, idx);
      net.params[k] = p0 - h; const down = loss(net, X, idx);
      net.params[k] = p0;
      const fd = (up - down) / (2 * h);
      assert.ok(Math.abs(fd - g[k]) < 1e-6 + 1e-4 * Math.abs(fd), `param ${k}: analytic ${g[k]} vs numeric ${fd}`);
    }
  });
}

test('JsDenseNet gradients equal TensorFlow.js autodiff of the same network (float32 rounding)', async () => {
  await initBackend();
  const X = lowRankData(37, 5, 4);
  const idx = Int32Array.from({ length: 37 }, (_, i) => i);
  const net = JsDenseNet.initialized(SPECS, new Rng(6));
  loss(net, X, idx);
  const stack = new DenseStack(SPECS, new Rng(0), 'gradcheck');
  try {
    stack.setWeights(net.weightArrays());
    const xs = tf.tensor2d(Float32Array.from(X.data), [37, 5]);
    const { grads } = tf.variableGrads(() => tf.mean(tf.squaredDifference(stack.apply(xs), xs)) as tf.Scalar, stack.variables);
    let k = 0;
    for (const v of stack.variables) {
      const tg = grads[v.name].dataSync();
      for (let i = 0; i < tg.length; i++, k++) {
        assert.ok(Math.abs(tg[i] - net.grads[k]) < 1e-5 + 1e-3 * Math.abs(tg[i]), `grad ${v.name}[${i}]: tfjs ${tg[i]} vs js ${net.grads[k]}`);
      }
    }
    assert.equal(k, net.grads.length);
    xs.dispose();
    for (const g of Object.values(grads)) g.dispose();
  } finally {
    stack.dispose();
  }
});

test('JsDenseNet forward with and without the SIMD kernel is bit-identical on odd sizes (edge strips)', () => {
  const specs: JsLayerSpec[] = [{ in: 7, out: 9, activation: 'elu' }, { in: 9, out: 3, activation: 'sigmoid' }, { in: 3, out: 7, activation: 'linear' }];
  const X = lowRankData(103, 7, 8);
  const a = JsDenseNet.initialized(specs, new Rng(2), true);
  const b = JsDenseNet.initialized(specs, new Rng(2), false);
  assert.deepEqual(a.predict(X, 0, 3, 50), b.predict(X, 0, 3, 50));
  assert.equal(b.usesSimd, false);
});
