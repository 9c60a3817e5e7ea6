/**
 * The distance of every row to its k-th nearest row (itself included, at distance 0), on blocked SIMD distance
 * tiles (internal engine of `suggestEps` for the brute-force case): the unit of work is a panel of P "owner" rows
 * multiplied with every row of X; each owner keeps a max-heap of its k smallest Gram-form squared distances
 * g = ‖x‖² + ‖y‖² − 2x·y, plus the "near ties": rows rejected or evicted with g within 2T of the heap's top, where
 * T bounds |g − e| against the direct form e = Σ(x_t − y_t)² (T = {@link gramErrorBound}·(‖x_owner‖² + max‖x‖²)).
 * Every other row then has e ≥ G_k + T while the heap's k rows have e ≤ G_k + T (G_k the final top), so the k-th
 * smallest direct-form value among the heap and the near ties, recomputed at the end, is exactly the one the
 * brute-force scan finds. (More than 64 near ties for an owner, e.g. many duplicate rows: that owner is rescanned
 * directly.)
 * Complexity: O(n²·d) multiply-adds (both orders of each pair: every owner's heap belongs to one thread) +
 * O(n·k·log(n/k)·log k) heap work + O(n·k·d) direct recomputation; memory n·d·8 + threads·P·(k·12 + 800) bytes.
 */
import { TILE_PANEL, TILE_ROWS, TileThread, createTileMemory, gramErrorBound, type TileMemory } from './pair-tiles';
import type { UnitHandler } from './parallel-handlers';
import { runUnits } from './parallel-pool';

interface Payload { mem: TileMemory; k: number; bound: number; maxNorm: number; out: Float64Array }
interface State {
  p: Payload; T: TileThread;
  /** Per owner: max-heap of the k smallest Gram-form values and their rows. */
  heap: Float64Array; hrow: Int32Array; size: Int32Array;
  /** Per owner: rejected or evicted rows whose Gram value was within 2·tol of the heap's top (near ties). */
  near: Int32Array; nNear: Int32Array;
  /** Per owner: heap top + 2·tol (Infinity while the heap fills), the rejection threshold. */
  thr: Float64Array; tol2: Float64Array;
}

/** Near ties kept per owner before falling back to an exact scan of that owner's row. */
const NEAR_MAX = 64;

function addNear(st: State, jj: number, i: number): void {
  const m = st.nNear[jj];
  if (m < NEAR_MAX) st.near[jj * NEAR_MAX + m] = i;
  st.nNear[jj] = m + 1;
}

function kthUnit(st: State, q: number): void {
  const { p, T, heap, hrow, size, thr, tol2 } = st;
  const { n, d } = T.L;
  const { k, bound, out } = p;
  const P = TILE_PANEL, MI = TILE_ROWS;
  const { F, nr0, g0 } = T;
  const j0 = q * P, jn = Math.min(P, n - j0);
  size.fill(0);
  st.nNear.fill(0);
  thr.fill(Infinity);
  for (let jj = 0; jj < jn; jj++) tol2[jj] = 2 * bound * (F[nr0 + j0 + jj] + p.maxNorm);
  T.packPanel(q);
  for (let i0 = 0; i0 < n; i0 += MI) {
    T.product(i0 * d * 8, MI);
    const rEnd = Math.min(MI, n - i0);
    for (let r = 0; r < rEnd; r++) {
      const i = i0 + r;
      const ni = F[nr0 + i];
      const gr = g0 + r * P;
      for (let jj = 0; jj < jn; jj++) {
        const g = ni + F[nr0 + j0 + jj] - 2 * F[gr + jj];
        if (g >= thr[jj]) continue;
        const h = jj * k;
        let m = size[jj];
        if (m < k) {
          let c = m++;
          while (c > 0) {
            const par = (c - 1) >> 1;
            if (heap[h + par] >= g) break;
            heap[h + c] = heap[h + par]; hrow[h + c] = hrow[h + par];
            c = par;
          }
          heap[h + c] = g; hrow[h + c] = i;
          size[jj] = m;
          if (m === k) thr[jj] = heap[h] + tol2[jj];
        } else if (g < heap[h]) {
          // evict the top (kept as a near tie when close to the new top), insert g
          const evicted = hrow[h], ev = heap[h];
          let c = 0;
          for (;;) {
            const l = 2 * c + 1;
            if (l >= k) break;
            const rr = l + 1;
            const big = rr < k && heap[h + rr] > heap[h + l] ? rr : l;
            if (heap[h + big] <= g) break;
            heap[h + c] = heap[h + big]; hrow[h + c] = hrow[h + big];
            c = big;
          }
          heap[h + c] = g; hrow[h + c] = i;
          thr[jj] = heap[h] + tol2[jj];
          if (ev < thr[jj]) addNear(st, jj, evicted);
        } else addNear(st, jj, i); // heap[h] <= g < heap[h] + 2·tol
      }
    }
  }
  // Exact k-th value per owner: direct-form values of the heap and the near ties (see the file comment).
  const cand: number[] = [];
  for (let jj = 0; jj < jn; jj++) {
    const j = j0 + jj, h = jj * k;
    cand.length = 0;
    if (st.nNear[jj] > NEAR_MAX) {
      for (let i = 0; i < n; i++) cand.push(T.direct(i, j));
    } else {
      for (let c = 0; c < size[jj]; c++) cand.push(T.direct(hrow[h + c], j));
      for (let c = 0; c < st.nNear[jj]; c++) cand.push(T.direct(st.near[jj * NEAR_MAX + c], j));
    }
    cand.sort((a, b) => a - b);
    out[j] = cand[k - 1];
  }
}

const init = (payload: unknown, slot: number, gemm?: ConstructorParameters<typeof TileThread>[2]): State => {
  const p = payload as Payload;
  const P = TILE_PANEL;
  return {
    p, T: new TileThread(p.mem, slot, gemm),
    heap: new Float64Array(P * p.k), hrow: new Int32Array(P * p.k), size: new Int32Array(P),
    near: new Int32Array(P * NEAR_MAX), nNear: new Int32Array(P), thr: new Float64Array(P), tol2: new Float64Array(P),
  };
};

/** Handler of the pool's 'knn-kth' job. */
export const KNN_HANDLERS: Record<string, UnitHandler> = {
  'knn-kth': { init, unit: (s, u) => kthUnit(s as State, u) },
};

/**
 * Squared distance of each row of X (n×d) to its k-th nearest row, itself counted first (1 ≤ k ≤ n); null
 * without WebAssembly SIMD.
 */
export function kthNeighborSqDistances(X: Float64Array, n: number, d: number, k: number, threads: number): Float64Array | null {
  const nPanels = Math.ceil(n / TILE_PANEL);
  const th = Math.max(1, Math.min(threads, nPanels));
  const made = createTileMemory(X, d, null, n, th);
  if (!made) return null;
  const { gemm, ...mem } = made;
  let maxNorm = 0;
  const F = new Float64Array(mem.memory.buffer);
  for (let i = 0; i < n; i++) maxNorm = Math.max(maxNorm, F[mem.layout.nrmOff / 8 + i]);
  const p: Payload = { mem, k, bound: gramErrorBound(d), maxNorm, out: new Float64Array(th > 1 ? new SharedArrayBuffer(8 * n) : new ArrayBuffer(8 * n)) };
  if (th === 1) {
    const st = init(p, 0, gemm);
    for (let q = 0; q < nPanels; q++) kthUnit(st, q);
  } else runUnits('knn-kth', p, nPanels, th);
  return Float64Array.from(p.out);
}
