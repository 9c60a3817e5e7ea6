/**
 * The direct-form engine of the exact silhouette (used with `kernel: 'direct'`, and where WebAssembly SIMD is missing;
 * the default is silhouette-gemm.ts): for every row i and every cluster c, the sum of Euclidean distances
 * from row i to the rows of cluster c (an n×k table), computed over the upper triangle of the pair matrix in
 * blocks of rows, never materializing the n×n distance matrix, optionally on several threads.
 *
 * Kernel: each unordered pair is visited once; distances are computed directly as sqrt(Σ(x_t − y_t)²) (exact in
 * Float64, no ||x||² + ||y||² − 2x·y cancellation) with 3×3 register blocking (9 accumulators share 6 loads
 * per coordinate), which measured as fast as the Gram form here.
 *
 * Threads: worker_threads started from source text (no file path needed); X and the labels are copied once to
 * SharedArrayBuffers; threads take row blocks from a shared atomic counter (the calling thread works too) and
 * each keeps its own n×k sum table, added at the end. The call stays synchronous: the calling thread blocks on
 * Atomics.wait until the workers it started are done. A worker that has not started by the time the calling thread
 * ran out of blocks is cancelled, so a slow or failed worker start never hangs the call.
 *
 * Complexity: O(n²·d/2) time; memory n·d·8 bytes (shared copy of X, threaded path only) + threads·n·k·8 bytes
 * (sum tables) + n·4 bytes (labels) + about 10–30 MB per extra worker isolate.
 */
import { Worker } from 'node:worker_threads';
import * as os from 'node:os';

/**
 * Add the distances of all pairs (i, j), i in [i0, i1), j > i, to the sum table S (n×k row-major):
 * S[i][lab[j]] += dist and S[j][lab[i]] += dist. Self-contained (no outside references) so that it can run in a
 * worker from its source text.
 */
export function silhouetteBlockKernel(
  X: Float64Array, n: number, d: number, lab: Int32Array, k: number, S: Float64Array, i0: number, i1: number,
): void {
  // Pairs inside the block (i < j < i1), and the leftover rows, scalar.
  const dist = (i: number, j: number): number => {
    const oi = i * d, oj = j * d;
    let s0 = 0, s1 = 0, t = 0;
    for (; t + 1 < d; t += 2) {
      const a = X[oi + t] - X[oj + t];
      const b = X[oi + t + 1] - X[oj + t + 1];
      s0 += a * a;
      s1 += b * b;
    }
    if (t < d) { const a = X[oi + t] - X[oj + t]; s0 += a * a; }
    return Math.sqrt(s0 + s1);
  };
  for (let i = i0; i < i1; i++) {
    const li = lab[i];
    for (let j = i + 1; j < i1; j++) {
      const q = dist(i, j);
      S[i * k + lab[j]] += q;
      S[j * k + li] += q;
    }
  }
  const j0 = i1;
  const jEnd3 = j0 + Math.floor((n - j0) / 3) * 3;
  // Column tiles of JT rows keep the j rows in L2 while every row triple of the block passes over them.
  const JT = 240;
  const iEnd3 = i0 + Math.floor((i1 - i0) / 3) * 3;
  for (let jt = j0; jt < jEnd3; jt += JT) {
    const jtEnd = Math.min(jEnd3, jt + JT);
    for (let i = i0; i < iEnd3; i += 3) {
      const o0 = i * d, o1 = o0 + d, o2 = o1 + d;
      const l0 = lab[i], l1 = lab[i + 1], l2 = lab[i + 2];
      const r0 = i * k, r1 = r0 + k, r2 = r1 + k;
      for (let j = jt; j < jtEnd; j += 3) {
        const p0 = j * d, p1 = p0 + d, p2 = p1 + d;
        let a0 = 0, a1 = 0, a2 = 0, b0 = 0, b1 = 0, b2 = 0, c0 = 0, c1 = 0, c2 = 0;
        for (let t = 0; t < d; t++) {
          const y0 = X[p0 + t], y1 = X[p1 + t], y2 = X[p2 + t];
          let x = X[o0 + t];
          let q = x - y0; a0 += q * q; q = x - y1; b0 += q * q; q = x - y2; c0 += q * q;
          x = X[o1 + t];
          q = x - y0; a1 += q * q; q = x - y1; b1 += q * q; q = x - y2; c1 += q * q;
          x = X[o2 + t];
          q = x - y0; a2 += q * q; q = x - y1; b2 += q * q; q = x - y2; c2 += q * q;
        }
        a0 = Math.sqrt(a0); a1 = Math.sqrt(a1); a2 = Math.sqrt(a2);
        b0 = Math.sqrt(b0); b1 = Math.sqrt(b1); b2 = Math.sqrt(b2);
        c0 = Math.sqrt(c0); c1 = Math.sqrt(c1); c2 = Math.sqrt(c2);
        const m0 = lab[j], m1 = lab[j + 1], m2 = lab[j + 2];
        S[r0 + m0] += a0; S[r0 + m1] += b0; S[r0 + m2] += c0;
        S[r1 + m0] += a1; S[r1 + m1] += b1; S[r1 + m2] += c1;
        S[r2 + m0] += a2; S[r2 + m1] += b2; S[r2 + m2] += c2;
        const s0 = j * k, s1 = s0 + k, s2 = s1 + k;
        S[s0 + l0] += a0; S[s0 + l1] += a1; S[s0 + l2] += a2;
        S[s1 + l0] += b0; S[s1 + l1] += b1; S[s1 + l2] += b2;
        S[s2 + l0] += c0; S[s2 + l1] += c1; S[s2 + l2] += c2;
      }
    }
  }
  // Leftover columns (fewer than 3 at the end) for the row triples, then leftover rows against every column.
  for (let i = i0; i < iEnd3; i++) {
    const li = lab[i];
    for (let j = jEnd3; j < n; j++) {
      const q = dist(i, j);
      S[i * k + lab[j]] += q;
      S[j * k + li] += q;
    }
  }
  let i = iEnd3;
  for (; i < i1; i++) {
    const li = lab[i];
    for (let j = j0; j < n; j++) {
      const q = dist(i, j);
      S[i * k + lab[j]] += q;
      S[j * k + li] += q;
    }
  }
}

/** Default rows per block: 3·64 rows × d doubles stays in L2 for d up to ~100. */
export const SILHOUETTE_BLOCK_ROWS = 192;

/** Number of threads used by default: the machine's parallelism (at most 8). */
export function defaultThreads(): number {
  const p = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(8, p));
}

const WORKER_SOURCE = (kernelSource: string): string => `
const { workerData } = require('node:worker_threads');
const { xBuf, labBuf, ctlBuf, sBuf, n, d, k, blockRows, nBlocks, slot } = workerData;
const ctl = new Int32Array(ctlBuf);
// ctl[0]: next block; ctl[1]: workers finished; ctl[2]: error flag; ctl[3 + slot]: 0 idle, 1 running, 2 done, 3 cancelled
if (Atomics.compareExchange(ctl, 3 + slot, 0, 1) === 0) {
  try {
    const kernel = (${kernelSource});
    const X = new Float64Array(xBuf), lab = new Int32Array(labBuf), S = new Float64Array(sBuf);
    for (;;) {
      const b = Atomics.add(ctl, 0, 1);
      if (b >= nBlocks) break;
      kernel(X, n, d, lab, k, S, b * blockRows, Math.min(n, (b + 1) * blockRows));
    }
  } catch (e) {
    Atomics.store(ctl, 2, 1);
  }
  Atomics.store(ctl, 3 + slot, 2);
  Atomics.add(ctl, 1, 1);
  Atomics.notify(ctl, 1);
}
`;

/**
 * The n×k table of summed distances from each row to each cluster (labels are codes 0..k-1, all rows valid).
 * @param threads threads including the calling one; 1 = no workers.
 */
export function clusterDistanceSums(
  X: Float64Array, n: number, d: number, lab: Int32Array, k: number, threads: number, blockRows = SILHOUETTE_BLOCK_ROWS,
): Float64Array {
  const nBlocks = Math.ceil(n / blockRows);
  if (threads <= 1 || nBlocks < 4) {
    const S = new Float64Array(n * k);
    for (let b = 0; b < nBlocks; b++) silhouetteBlockKernel(X, n, d, lab, k, S, b * blockRows, Math.min(n, (b + 1) * blockRows));
    return S;
  }
  const nWorkers = threads - 1;
  const xBuf = new SharedArrayBuffer(n * d * 8);
  new Float64Array(xBuf).set(X.subarray(0, n * d));
  const labBuf = new SharedArrayBuffer(n * 4);
  new Int32Array(labBuf).set(lab.subarray(0, n));
  const ctlBuf = new SharedArrayBuffer((3 + nWorkers) * 4);
  const ctl = new Int32Array(ctlBuf);
  const sBufs: SharedArrayBuffer[] = [];
  const workers: Worker[] = [];
  const src = WORKER_SOURCE(silhouetteBlockKernel.toString());
  for (let w = 0; w < nWorkers; w++) {
    const sBuf = new SharedArrayBuffer(n * k * 8);
    sBufs.push(sBuf);
    try {
      const worker = new Worker(src, { eval: true, workerData: { xBuf, labBuf, ctlBuf, sBuf, n, d, k, blockRows, nBlocks, slot: w } });
      worker.unref();
      workers.push(worker);
    } catch {
      Atomics.store(ctl, 3 + w, 3);
    }
  }
  const S = new Float64Array(n * k);
  const Xs = new Float64Array(xBuf);
  const labs = new Int32Array(labBuf);
  for (;;) {
    const b = Atomics.add(ctl, 0, 1);
    if (b >= nBlocks) break;
    silhouetteBlockKernel(Xs, n, d, labs, k, S, b * blockRows, Math.min(n, (b + 1) * blockRows));
  }
  // Cancel workers that never started; wait for the running ones.
  for (let w = 0; w < nWorkers; w++) {
    const prev = Atomics.compareExchange(ctl, 3 + w, 0, 3);
    if (prev === 0) continue;
    while (Atomics.load(ctl, 3 + w) === 1) Atomics.wait(ctl, 1, Atomics.load(ctl, 1), 50);
  }
  for (const worker of workers) void worker.terminate();
  if (Atomics.load(ctl, 2) !== 0) throw new Error('silhouette: a worker thread failed');
  for (let w = 0; w < nWorkers; w++) {
    if (Atomics.load(ctl, 3 + w) !== 2) continue;
    const Sw = new Float64Array(sBufs[w]);
    for (let t = 0; t < S.length; t++) S[t] += Sw[t];
  }
  return S;
}
