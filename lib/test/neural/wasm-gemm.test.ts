import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWasmGemm, wasmGemmAvailable } from '../../src/neural/wasm-gemm';
import { gemmStrided } from '../../src/neural/js-gemm';

test('gemmStrided computes a 2×2 product and its transposed variants (hand-computed)', () => {
  // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]: AB = [[19, 22], [43, 50]]; AᵀB = [[26, 30], [38, 44]]; ABᵀ = [[17, 23], [39, 53]]
  const A = Float64Array.from([1, 2, 3, 4]);
  const B = Float64Array.from([5, 6, 7, 8]);
  const C = new Float64Array(4);
  gemmStrided(2, 2, 2, A, 0, 2, 1, B, 0, 2, 1, C, 0, 2);
  assert.deepEqual(Array.from(C), [19, 22, 43, 50]);
  gemmStrided(2, 2, 2, A, 0, 1, 2, B, 0, 2, 1, C, 0, 2);
  assert.deepEqual(Array.from(C), [26, 30, 38, 44]);
  gemmStrided(2, 2, 2, A, 0, 2, 1, B, 0, 1, 2, C, 0, 2);
  assert.deepEqual(Array.from(C), [17, 23, 39, 53]);
});

test('the WebAssembly SIMD kernel is bit-identical to gemmStrided on 4-aligned blocks, plain and transposed A', (t) => {
  if (!wasmGemmAvailable()) { t.skip('WebAssembly SIMD is not available in this runtime'); return; }
  const k = createWasmGemm(1 << 20)!;
  const F = new Float64Array(k.memory.buffer);
  const [m, n, K] = [12, 8, 13];
  let s = 7;
  for (let i = 0; i < m * K + K * n; i++) { s = (s * 1103515245 + 12345) >>> 0; F[i] = s / 4294967296 - 0.5; }
  const aOff = 0; const bOff = m * K; const c1 = bOff + K * n; const c2 = c1 + m * n;
  k.gemm(m, n, K, aOff * 8, K * 8, 8, bOff * 8, n * 8, c1 * 8, n * 8);
  gemmStrided(m, n, K, F, aOff, K, 1, F, bOff, n, 1, F, c2, n);
  assert.deepEqual(F.slice(c1, c1 + m * n), F.slice(c2, c2 + m * n));
  // Aᵀ-style read: A is K×m stored row-major, element (i, k) at k·m + i (m = 12, K = 13 reuse the same numbers)
  k.gemm(m, n, K, aOff * 8, 8, m * 8, bOff * 8, n * 8, c1 * 8, n * 8);
  gemmStrided(m, n, K, F, aOff, 1, m, F, bOff, n, 1, F, c2, n);
  assert.deepEqual(F.slice(c1, c1 + m * n), F.slice(c2, c2 + m * n));
  // and one entry against a direct sum
  let want = 0;
  for (let q = 0; q < K; q++) want += F[aOff + q * m + 5] * F[bOff + q * n + 3];
  assert.ok(Math.abs(F[c1 + 5 * n + 3] - want) < 1e-12);
});
