/**
 * A cache- and register-blocked general matrix product in plain JavaScript on Float64Arrays (internal):
 * C[i·cs + j] = Σ_k A[aOff + i·ai + k·ak] · B[bOff + k·bk + j·bj] for i < m, j < n, k < K.
 *
 * Strides let one kernel serve the three products of a dense layer without materialising a transpose:
 * forward `Y = X·W`, weight gradient `dW = Xᵀ·dZ` (A read down its columns), input gradient `dX = dZ·Wᵀ` (B read
 * across its rows). The inner block keeps a 4×2 tile of C in eight scalar accumulators, so each k step loads six
 * numbers for eight multiply-adds; the operands of a dense layer of the autoencoder (≤ 256×64 doubles) stay in L2.
 * Sums run in float64 in index order k = 0, 1, …, so results are deterministic on every machine.
 * Complexity: O(m·n·K) time, no allocation.
 */
export function gemmStrided(
  m: number, n: number, K: number,
  A: Float64Array, aOff: number, ai: number, ak: number,
  B: Float64Array, bOff: number, bk: number, bj: number,
  C: Float64Array, cOff: number, cs: number,
): void {
  const m4 = m & ~3;
  const n2 = n & ~1;
  let i = 0;
  for (; i < m4; i += 4) {
    const a0 = aOff + i * ai;
    const a1 = a0 + ai;
    const a2 = a1 + ai;
    const a3 = a2 + ai;
    const c0 = cOff + i * cs;
    let j = 0;
    for (; j < n2; j += 2) {
      let c00 = 0, c01 = 0, c10 = 0, c11 = 0, c20 = 0, c21 = 0, c30 = 0, c31 = 0;
      let pb = bOff + j * bj;
      let pa = 0;
      for (let k = 0; k < K; k++, pb += bk, pa += ak) {
        const w0 = B[pb];
        const w1 = B[pb + bj];
        const v0 = A[a0 + pa];
        const v1 = A[a1 + pa];
        const v2 = A[a2 + pa];
        const v3 = A[a3 + pa];
        c00 += v0 * w0; c01 += v0 * w1;
        c10 += v1 * w0; c11 += v1 * w1;
        c20 += v2 * w0; c21 += v2 * w1;
        c30 += v3 * w0; c31 += v3 * w1;
      }
      const c = c0 + j;
      C[c] = c00; C[c + 1] = c01;
      C[c + cs] = c10; C[c + cs + 1] = c11;
      C[c + 2 * cs] = c20; C[c + 2 * cs + 1] = c21;
      C[c + 3 * cs] = c30; C[c + 3 * cs + 1] = c31;
    }
    for (; j < n; j++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let pb = bOff + j * bj;
      let pa = 0;
      for (let k = 0; k < K; k++, pb += bk, pa += ak) {
        const w = B[pb];
        s0 += A[a0 + pa] * w; s1 += A[a1 + pa] * w; s2 += A[a2 + pa] * w; s3 += A[a3 + pa] * w;
      }
      const c = c0 + j;
      C[c] = s0; C[c + cs] = s1; C[c + 2 * cs] = s2; C[c + 3 * cs] = s3;
    }
  }
  for (; i < m; i++) {
    const a0 = aOff + i * ai;
    for (let j = 0; j < n; j++) {
      let s = 0;
      let pb = bOff + j * bj;
      let pa = a0;
      for (let k = 0; k < K; k++, pb += bk, pa += ak) s += A[pa] * B[pb];
      C[cOff + i * cs + j] = s;
    }
  }
}
