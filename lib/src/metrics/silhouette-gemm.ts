/**
 * The exact silhouette's n×k table of summed distances (row i, cluster c: Σ_{j in c} ‖x_i − x_j‖) computed with
 * a WebAssembly SIMD matrix product in blocked distance tiles, as scikit-learn's chunked `pairwise_distances`
 * does, but without its memory (internal engine of silhouette.ts).
 *
 * Method: rows are first sorted by cluster (so a tile's columns fall into a few runs of one cluster each); the
 * rows are cut into panels of P columns; the unit of work is one panel q: its P rows are packed transposed (d×P)
 * and multiplied with every row above the panel's end (MI rows per product), which gives every pair (i, j) with
 * i < j and j in panel q exactly once. A tile's squared distances come from the Gram form
 * ‖x‖² + ‖y‖² − 2x·y; wherever that form could have lost more than about 1e-12 of its relative accuracy to
 * cancellation (a squared distance below (‖x‖² + ‖y‖²)/64, i.e. near-duplicate rows), the distance is recomputed
 * in the direct form Σ(x_t − y_t)². So every distance is within ~1e-12 relative of the exact one (see the bound
 * below) and the silhouette agrees with the direct-form kernel to ~1e-12.
 *
 * Error bound: each of ‖x‖², ‖y‖², x·y carries at most γ_d = d·u/(1 − d·u) relative error (Higham, "Accuracy and
 * Stability of Numerical Algorithms", §3.1; u = 2⁻⁵³), so the Gram form is off by at most (2d + 3)·u·(‖x‖² + ‖y‖²),
 * which is below 64·(2d + 3)·u ≈ 9e-13 (d = 63) of any squared distance kept.
 *
 * Threads: the data lives once in a shared WebAssembly memory; the calling thread and worker threads (started from
 * source text) claim panels from a shared counter, largest first; each keeps its own n×k table, added at the end.
 * The call stays synchronous (Atomics.wait), and a worker that has not started when the caller runs out of panels
 * is cancelled, as in silhouette-kernel.ts.
 *
 * Complexity: O(n²·d/2) multiply-adds (about 8 G/s per core in the SIMD kernel) + O(n²/2) square roots; memory
 * n·d·8 bytes (one sorted copy of X) + threads·(n·k·8 + d·P·8 + MI·P·8 + k·P·8) bytes.
 */
import { Worker } from 'node:worker_threads';
import { createSharedWasmGemm, createWasmGemm, wasmGemmAvailable } from '../neural/wasm-gemm';

/** Columns per panel (the unit of work); a multiple of MI. */
export const SILHOUETTE_PANEL = 256;
/** Rows per matrix product; a multiple of 4. */
export const SILHOUETTE_TILE_ROWS = 64;
/** Squared distances below this share of ‖x‖² + ‖y‖² are recomputed in the direct form. */
export const GRAM_SAFE_SHARE = 1 / 64;

/** Whether the SIMD path can run here. */
export function silhouetteGemmAvailable(): boolean {
  return wasmGemmAvailable();
}

/** Byte offsets of the regions of the kernel memory. */
interface Layout {
  N: number;
  xOff: number;
  nrmOff: number;
  labOff: number;
  /** Per thread t: B panel at thr + t·thrBytes, then the product tile, then the column sums. */
  thrOff: number;
  thrBytes: number;
  bytes: number;
}

function layout(n: number, d: number, k: number, threads: number): Layout {
  const P = SILHOUETTE_PANEL, MI = SILHOUETTE_TILE_ROWS;
  const N = Math.ceil(n / P) * P;
  const xOff = 0;
  const nrmOff = xOff + N * d * 8;
  const labOff = nrmOff + N * 8;
  const thrOff = labOff + Math.ceil((N * 4) / 16) * 16;
  const thrBytes = (d * P + MI * P + k * P) * 8;
  return { N, xOff, nrmOff, labOff, thrOff, thrBytes, bytes: thrOff + threads * thrBytes };
}

/**
 * Process panel q: add the distances of every pair (i, j), i < j, j in the panel, to the sum table S (sorted row
 * order, n×k). Self-contained (no outside references) so that it can run in a worker from its source text.
 * `gemm` is the SIMD kernel's export; F and L are Float64/Int32 views of its memory.
 */
export function silhouettePanel(
  gemm: (m: number, n: number, K: number, a: number, ai: number, ak: number, b: number, bk: number, c: number, cs: number) => void,
  F: Float64Array, L: Int32Array, n: number, d: number, k: number, P: number, MI: number, safe: number,
  xOff: number, nrmOff: number, labOff: number, bOff: number, gOff: number, colOff: number,
  S: Float64Array, q: number,
): void {
  const x0 = xOff / 8, nr0 = nrmOff / 8, lb0 = labOff / 4, b0 = bOff / 8, g0 = gOff / 8, c0 = colOff / 8;
  const j0 = q * P;
  const jn = Math.min(P, n - j0);
  // Pack the panel's rows transposed: B[t][jj] = X[j0 + jj][t] (padding rows of X are zeros).
  for (let jj = 0; jj < P; jj++) {
    const o = x0 + (j0 + jj) * d;
    for (let t = 0; t < d; t++) F[b0 + t * P + jj] = F[o + t];
  }
  F.fill(0, c0, c0 + k * P);
  // Runs of one cluster among the panel's columns (rows are sorted by cluster).
  const runA: number[] = [], runB: number[] = [], runC: number[] = [];
  for (let jj = 0; jj < jn;) {
    const c = L[lb0 + j0 + jj];
    let e = jj + 1;
    while (e < jn && L[lb0 + j0 + e] === c) e++;
    runA.push(jj); runB.push(e); runC.push(c);
    jj = e;
  }
  const nRuns = runA.length;
  const iEnd = Math.min(n, j0 + jn);
  for (let i0 = 0; i0 < iEnd; i0 += MI) {
    const m = Math.min(MI, j0 + P - i0);
    gemm(m, P, d, xOff + i0 * d * 8, d * 8, 8, bOff, P * 8, gOff, P * 8);
    const rEnd = Math.min(m, iEnd - i0);
    for (let r = 0; r < rEnd; r++) {
      const i = i0 + r;
      const ci = L[lb0 + i];
      const ni = F[nr0 + i];
      const from = i >= j0 ? i - j0 + 1 : 0;
      const gr = g0 + r * P;
      const cr = c0 + ci * P;
      const si = i * k;
      for (let u = 0; u < nRuns; u++) {
        const a = runA[u] > from ? runA[u] : from;
        const b = runB[u];
        if (a >= b) continue;
        let acc = 0;
        for (let jj = a; jj < b; jj++) {
          const nj = F[nr0 + j0 + jj];
          let s = ni + nj - 2 * F[gr + jj];
          if (s < (ni + nj) * safe) {
            // Near-duplicate rows: the Gram form may have cancelled; recompute directly.
            const oi = x0 + i * d, oj = x0 + (j0 + jj) * d;
            s = 0;
            for (let t = 0; t < d; t++) { const v = F[oi + t] - F[oj + t]; s += v * v; }
          }
          const dist = Math.sqrt(s);
          acc += dist;
          F[cr + jj] += dist;
        }
        S[si + runC[u]] += acc;
      }
    }
  }
  for (let jj = 0; jj < jn; jj++) {
    const sj = (j0 + jj) * k;
    for (let c = 0; c < k; c++) S[sj + c] += F[c0 + c * P + jj];
  }
}

const WORKER_SOURCE = (panelSource: string): string => `
const { workerData } = require('node:worker_threads');
const { mod, memory, ctlBuf, sBuf, n, d, k, P, MI, safe, xOff, nrmOff, labOff, bOff, gOff, colOff, nPanels, slot } = workerData;
const ctl = new Int32Array(ctlBuf);
// ctl[0]: next panel; ctl[1]: workers finished; ctl[2]: error flag; ctl[3 + slot]: 0 idle, 1 running, 2 done, 3 cancelled
if (Atomics.compareExchange(ctl, 3 + slot, 0, 1) === 0) {
  try {
    const panel = (${panelSource});
    const inst = new WebAssembly.Instance(mod, { env: { memory } });
    const gemm = inst.exports.gemm;
    const F = new Float64Array(memory.buffer), L = new Int32Array(memory.buffer), S = new Float64Array(sBuf);
    for (;;) {
      const c = Atomics.add(ctl, 0, 1);
      if (c >= nPanels) break;
      panel(gemm, F, L, n, d, k, P, MI, safe, xOff, nrmOff, labOff, bOff, gOff, colOff, S, nPanels - 1 - c);
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
 * The n×k table of summed distances (rows in the original order) with the SIMD kernel; labels are codes 0..k-1,
 * all rows valid. Returns null when WebAssembly SIMD (or, for threads > 1, a shared memory) is unavailable.
 * @param threads threads including the calling one; 1 = no workers.
 */
export function clusterDistanceSumsGemm(
  X: Float64Array, n: number, d: number, lab: Int32Array, k: number, threads: number,
): Float64Array | null {
  const P = SILHOUETTE_PANEL, MI = SILHOUETTE_TILE_ROWS;
  const nPanels = Math.ceil(n / P);
  const nThreads = Math.max(1, Math.min(threads, nPanels));
  const lay = layout(n, d, k, nThreads);
  const kernel = nThreads > 1 ? createSharedWasmGemm(lay.bytes) : createWasmGemm(lay.bytes);
  if (!kernel) return null;
  const buf = kernel.memory.buffer;
  const F = new Float64Array(buf);
  const L = new Int32Array(buf);
  // Stable counting sort of the rows by cluster: order[s] = original row of sorted position s.
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) start[lab[i] + 1]++;
  for (let c = 0; c < k; c++) start[c + 1] += start[c];
  const order = new Int32Array(n);
  const fillPos = start.slice(0, k);
  for (let i = 0; i < n; i++) order[fillPos[lab[i]]++] = i;
  const x0 = lay.xOff / 8, nr0 = lay.nrmOff / 8, lb0 = lay.labOff / 4;
  for (let s = 0; s < n; s++) {
    const i = order[s];
    F.set(X.subarray(i * d, i * d + d), x0 + s * d);
    let q = 0;
    for (let t = 0; t < d; t++) { const v = X[i * d + t]; q += v * v; }
    F[nr0 + s] = q;
    L[lb0 + s] = lab[i];
  }
  for (let s = n; s < lay.N; s++) L[lb0 + s] = -1;
  const region = (t: number): { bOff: number; gOff: number; colOff: number } => {
    const bOff = lay.thrOff + t * lay.thrBytes;
    const gOff = bOff + d * P * 8;
    return { bOff, gOff, colOff: gOff + MI * P * 8 };
  };
  const S = new Float64Array(n * k);
  const nWorkers = nThreads - 1;
  const ctlBuf = new SharedArrayBuffer((3 + nWorkers) * 4);
  const ctl = new Int32Array(ctlBuf);
  const sBufs: SharedArrayBuffer[] = [];
  const workers: Worker[] = [];
  if (nWorkers > 0) {
    const src = WORKER_SOURCE(silhouettePanel.toString());
    const mod = (kernel as { module?: WebAssembly.Module }).module;
    for (let w = 0; w < nWorkers; w++) {
      const sBuf = new SharedArrayBuffer(n * k * 8);
      sBufs.push(sBuf);
      try {
        const worker = new Worker(src, {
          eval: true,
          workerData: {
            mod, memory: kernel.memory, ctlBuf, sBuf, n, d, k, P, MI, safe: GRAM_SAFE_SHARE,
            xOff: lay.xOff, nrmOff: lay.nrmOff, labOff: lay.labOff, ...region(w + 1), nPanels, slot: w,
          },
        });
        worker.unref();
        workers.push(worker);
      } catch {
        Atomics.store(ctl, 3 + w, 3);
      }
    }
  }
  const own = region(0);
  for (;;) {
    const c = Atomics.add(ctl, 0, 1);
    if (c >= nPanels) break;
    silhouettePanel(kernel.gemm, F, L, n, d, k, P, MI, GRAM_SAFE_SHARE, lay.xOff, lay.nrmOff, lay.labOff, own.bOff, own.gOff, own.colOff, S, nPanels - 1 - c);
  }
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
  // Back to the original row order.
  const out = new Float64Array(n * k);
  for (let s = 0; s < n; s++) out.set(S.subarray(s * k, s * k + k), order[s] * k);
  return out;
}
