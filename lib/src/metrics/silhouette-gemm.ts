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
 * Threads: the data lives once in a shared WebAssembly memory; the calling thread and the pooled workers of
 * cluster/parallel-pool.ts claim panels ('silhouette-panel' units) from a shared counter, largest first; each keeps
 * its own n×k table, added at the end in slot order. The call stays synchronous, and a worker that has not started
 * when the caller runs out of panels is cancelled (see parallel-pool.ts).
 *
 * Complexity: O(n²·d/2) multiply-adds (about 8 G/s per core in the SIMD kernel) + O(n²/2) square roots; memory
 * n·d·8 bytes (one sorted copy of X) + threads·(n·k·8 + d·P·8 + MI·P·8 + k·P·8) bytes.
 */
import { runUnits } from '../cluster/parallel-pool';
import type { UnitHandler } from '../cluster/parallel-handlers';
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
 * order, n×k).
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

type GemmFn = Parameters<typeof silhouettePanel>[0];

/** What every thread of a threaded run shares: the kernel memory and module, the layout, one sum table per slot. */
interface PanelJob { n: number; d: number; k: number; nPanels: number; lay: Layout }

/** A threaded run's payload: the job, the shared kernel memory and its module, one sum table per slot. */
interface PanelPayload extends PanelJob {
  mod: WebAssembly.Module;
  memory: WebAssembly.Memory;
  sBufs: SharedArrayBuffer[];
}

interface PanelState { p: PanelJob; gemm: GemmFn; F: Float64Array; L: Int32Array; S: Float64Array; bOff: number; gOff: number; colOff: number }

/** Slot t's scratch: its B panel, its product tile, its column sums. */
function region(lay: Layout, d: number, t: number): { bOff: number; gOff: number; colOff: number } {
  const P = SILHOUETTE_PANEL;
  const bOff = lay.thrOff + t * lay.thrBytes;
  const gOff = bOff + d * P * 8;
  return { bOff, gOff, colOff: gOff + SILHOUETTE_TILE_ROWS * P * 8 };
}

function runPanel(st: PanelState, c: number): void {
  const { p } = st;
  silhouettePanel(st.gemm, st.F, st.L, p.n, p.d, p.k, SILHOUETTE_PANEL, SILHOUETTE_TILE_ROWS, GRAM_SAFE_SHARE,
    p.lay.xOff, p.lay.nrmOff, p.lay.labOff, st.bOff, st.gOff, st.colOff, st.S, p.nPanels - 1 - c);
}

/** Handler of the parallel pool's 'silhouette-panel' job: unit c is panel nPanels − 1 − c (largest first). */
export const SILHOUETTE_HANDLERS: Record<string, UnitHandler> = {
  'silhouette-panel': {
    init(payload: unknown, slot: number): PanelState {
      const p = payload as PanelPayload;
      const gemm = new WebAssembly.Instance(p.mod, { env: { memory: p.memory } }).exports.gemm as GemmFn;
      return { p, gemm, F: new Float64Array(p.memory.buffer), L: new Int32Array(p.memory.buffer), S: new Float64Array(p.sBufs[slot]), ...region(p.lay, p.d, slot) };
    },
    unit: (st, c) => runPanel(st as PanelState, c),
  },
};


/**
 * The n×k table of summed distances (rows in the original order) with the SIMD kernel; labels are codes 0..k-1,
 * all rows valid. Returns null when WebAssembly SIMD (or, for threads > 1, a shared memory) is unavailable.
 * @param threads threads including the calling one; 1 = no workers.
 */
export function clusterDistanceSumsGemm(
  X: Float64Array, n: number, d: number, lab: Int32Array, k: number, threads: number,
): Float64Array | null {
  const nPanels = Math.ceil(n / SILHOUETTE_PANEL);
  const nThreads = Math.max(1, Math.min(threads, nPanels));
  const lay = layout(n, d, k, nThreads);
  const shared = nThreads > 1 ? createSharedWasmGemm(lay.bytes) : null;
  const kernel = shared ?? (nThreads > 1 ? null : createWasmGemm(lay.bytes));
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
  const job: PanelJob = { n, d, k, nPanels, lay };
  let S: Float64Array;
  if (!shared) {
    S = new Float64Array(n * k);
    const st: PanelState = { p: job, gemm: kernel.gemm, F, L, S, ...region(lay, d, 0) };
    for (let c = 0; c < nPanels; c++) runPanel(st, c);
  } else {
    const sBufs = Array.from({ length: nThreads }, () => new SharedArrayBuffer(n * k * 8));
    const slots = runUnits('silhouette-panel', { ...job, mod: shared.module, memory: shared.memory, sBufs } satisfies PanelPayload, nPanels, nThreads);
    S = new Float64Array(sBufs[slots[0]]);
    for (const slot of slots.slice(1)) {
      const Sw = new Float64Array(sBufs[slot]);
      for (let t = 0; t < S.length; t++) S[t] += Sw[t];
    }
  }
  // Back to the original row order.
  const out = new Float64Array(n * k);
  for (let s = 0; s < n; s++) out.set(S.subarray(s * k, s * k + k), order[s] * k);
  return out;
}
