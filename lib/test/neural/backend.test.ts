import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, tf } from '../../src/neural/backend';

test('initBackend picks a working backend and reports it', async () => {
  const info = await initBackend();
  assert.ok(['tensorflow', 'wasm', 'cpu'].includes(info.name));
  assert.equal(tf.getBackend(), info.name);
  assert.equal(info.version, tf.version_core);
  assert.ok(info.threads >= 0);
});

test('initBackend is idempotent: a second call returns the same answer without re-initialising', async () => {
  const a = await initBackend();
  const b = await initBackend();
  assert.equal(a, b);
});

test('initBackend does not mistake the npm alias of tfjs-node for the native binding', async () => {
  // In this project package.json aliases @tensorflow/tfjs-node to @tensorflow/tfjs; the real binding has its own name.
  let realName: string | undefined;
  try { realName = (require('@tensorflow/tfjs-node/package.json') as { name: string }).name; } catch { realName = undefined; }
  const info = await initBackend();
  if (realName !== '@tensorflow/tfjs-node') assert.notEqual(info.name, 'tensorflow');
});

test('initBackend computes correctly on the chosen backend (2×2 matrix product)', async () => {
  await initBackend();
  // [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]] by hand.
  const before = tf.memory().numTensors;
  const r = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])));
  assert.deepEqual(Array.from(r.dataSync()), [19, 22, 43, 50]);
  r.dispose();
  assert.equal(tf.memory().numTensors, before);
});
