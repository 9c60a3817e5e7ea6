import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlatAdam } from '../../src/neural/js-adam';
import { tf, initBackend } from '../../src/neural/backend';

test('FlatAdam follows tf.train.adam step for step on a quadratic (second implementation)', async () => {
  // minimise Σ (θ − t)²: gradient 2(θ − t); both optimizers start from θ0 and take 5 steps at lr 0.1
  await initBackend();
  const t = [1, -2, 0.5];
  const theta0 = [0.25, 0.5, -1];
  const v = tf.variable(tf.tensor1d(theta0));
  const target = tf.tensor1d(t);
  const opt = tf.train.adam(0.1);
  const params = Float64Array.from(theta0);
  const grads = new Float64Array(3);
  const adam = new FlatAdam(3, 0.1);
  for (let s = 0; s < 5; s++) {
    opt.minimize(() => tf.sum(tf.squaredDifference(v, target)) as tf.Scalar, false, [v]);
    for (let k = 0; k < 3; k++) grads[k] = 2 * (params[k] - t[k]);
    adam.step(params, grads);
    const want = v.dataSync();
    for (let k = 0; k < 3; k++) assert.ok(Math.abs(params[k] - want[k]) < 1e-5, `step ${s} θ${k}: ${params[k]} vs tfjs ${want[k]}`);
  }
  v.dispose(); target.dispose(); opt.dispose();
});

test('FlatAdam first step moves every parameter by lr against the sign of its gradient', () => {
  // t = 1: m̂ = g, v̂ = g², so the step is lr · g / (|g| + ε) ≈ lr · sign(g) (hand derivation).
  const p = Float64Array.from([0, 0, 0]);
  new FlatAdam(3, 0.01).step(p, Float64Array.from([3, -0.5, 100]));
  assert.ok(Math.abs(p[0] + 0.01) < 1e-8 && Math.abs(p[1] - 0.01) < 1e-8 && Math.abs(p[2] + 0.01) < 1e-8, String(p));
});
