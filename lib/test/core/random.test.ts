import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/core/random';

test('Rng gives the same stream for the same seed and a different one for another seed', () => {
  const a = new Rng(42), b = new Rng(42), c = new Rng(43);
  const xa = Array.from({ length: 5 }, () => a.random());
  const xb = Array.from({ length: 5 }, () => b.random());
  const xc = Array.from({ length: 5 }, () => c.random());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, xc);
});

test('Rng.random is uniform on [0,1): mean ≈ 1/2 and variance ≈ 1/12 over 100k draws', () => {
  const r = new Rng(1);
  let s = 0, s2 = 0;
  const n = 100_000;
  for (let i = 0; i < n; i++) { const x = r.random(); assert.ok(x >= 0 && x < 1); s += x; s2 += x * x; }
  const m = s / n;
  assert.ok(Math.abs(m - 0.5) < 0.005);
  assert.ok(Math.abs(s2 / n - m * m - 1 / 12) < 0.002);
});

test('Rng.normal has mean ≈ 0 and sd ≈ 1', () => {
  const r = new Rng(7);
  let s = 0, s2 = 0;
  const n = 100_000;
  for (let i = 0; i < n; i++) { const x = r.normal(); s += x; s2 += x * x; }
  assert.ok(Math.abs(s / n) < 0.02);
  assert.ok(Math.abs(Math.sqrt(s2 / n) - 1) < 0.02);
});

test('Rng.permutation is a permutation', () => {
  const p = new Rng(3).permutation(100);
  assert.deepEqual(Array.from(p).sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
});
