import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseSimdKernels } from '../../src/neural/dense-simd-kernels';

// Reference: the element-wise rules written out in JavaScript (the loops the kernels replace), compared with
// Object.is so that −0 vs +0 and NaN count.
const SPECIAL = [0, -0, 1.5, -2.25, NaN, Infinity, -Infinity, 1e-310, -1e-310, 3];

function setup() {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const k = denseSimdKernels(memory);
  const F = new Float64Array(memory.buffer);
  return { k, F };
}

function same(a: ArrayLike<number>, b: ArrayLike<number>, msg: string): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `${msg}[${i}]: ${a[i]} vs ${b[i]}`);
}

test('SIMD bias + ReLU and bias add equal z > 0 ? z : 0 and y + b element by element (odd widths, NaN, −0)', (t) => {
  const { k, F } = setup();
  if (!k) { t.skip('WebAssembly SIMD unavailable'); return; }
  for (const relu of [true, false]) {
    const rows = 3, w = 5;
    const y0 = Array.from({ length: rows * w }, (_, i) => SPECIAL[i % SPECIAL.length] * (i % 3 === 0 ? -1 : 1));
    const b = [0.5, -0, -1.5, NaN, 2];
    F.set(y0, 0); F.set(b, 100);
    if (relu) k.biasRelu(0, rows, w, 800); else k.biasAdd(0, rows, w, 800);
    const want = y0.map((v, i) => { const z = v + b[i % w]; return relu ? (z > 0 ? z : 0) : z; });
    same(F.subarray(0, rows * w), want, relu ? 'relu' : 'add');
  }
});

test('SIMD mask product, masked and plain ReLU gradients and column sums equal the JavaScript rules', (t) => {
  const { k, F } = setup();
  if (!k) { t.skip('WebAssembly SIMD unavailable'); return; }
  const n = 11;
  const d = Array.from({ length: n }, (_, i) => SPECIAL[(i * 3) % SPECIAL.length]);
  const y = Array.from({ length: n }, (_, i) => SPECIAL[(i * 7 + 1) % SPECIAL.length]);
  const m = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1.25));
  F.set(d, 0); F.set(y, 100); F.set(m, 200);
  k.mulMask(0, 1600, n);
  same(F.subarray(0, n), d.map((v, i) => v * m[i]), 'mulMask');
  F.set(d, 0);
  k.reluGradMask(0, 800, 1600, n);
  same(F.subarray(0, n), d.map((v, i) => (m[i] === 0 ? 0 : y[i] > 0 ? v * m[i] : v * 0)), 'reluGradMask');
  F.set(d, 0);
  k.reluGrad(0, 800, n);
  same(F.subarray(0, n), d.map((v, i) => (y[i] > 0 ? v : 0)), 'reluGrad');
  const rows = 4, w = 3;
  const dz = Array.from({ length: rows * w }, (_, i) => [0.1, 2, -3, 1e16, -1e16, 7][i % 6] + i);
  F.set(dz, 300);
  k.colSums(2400, rows, w, 3200);
  const want = [0, 0, 0];
  for (let r = 0; r < rows; r++) for (let o = 0; o < w; o++) want[o] += dz[r * w + o];
  same(F.subarray(400, 403), want, 'colSums');
});
