/**
 * Blocked pairwise squared distances on the WebAssembly SIMD matrix kernel (internal engine of DBSCAN and the
 * k-distances): the rows of X (padded to a multiple of the panel width P) and their squared norms live in one
 * WebAssembly memory (shared between threads when more than one works); a thread packs a panel of P rows transposed
 * (d×P) and multiplies up to TILE_ROWS rows with it, giving the Gram products x·y from which the squared distances
 * follow as ‖x‖² + ‖y‖² − 2x·y. Callers decide with {@link gramErrorBound}: wherever a decision could depend on
 * rounding they redo the pair in the direct form {@link TileThread.direct} (Σ(x_t − y_t)², summed left to right, the
 * same value as the brute-force neighbour scan), so results equal the direct-form algorithms exactly.
 *
 * Memory layout (bytes): X rows [0, N·d·8), norms [N·d·8, +N·8), a caller region of `extraBytes`, then per thread
 * the packed panel (d·P·8), the product tile (TILE_ROWS·P·8) and a thread region of `threadBytes`.
 * Complexity: a product tile costs TILE_ROWS·P·d multiply-adds (about 8 G/s per core).
 */
import { createSharedWasmGemm, createWasmGemm } from '../neural/wasm-gemm';

/** Columns per panel (multiple of TILE_ROWS). */
export const TILE_PANEL = 256;
/** Rows per product (multiple of 4). */
export const TILE_ROWS = 64;

/** Byte offsets of a tile memory. */
export interface TileLayout {
  n: number;
  d: number;
  /** n rounded up to a multiple of TILE_PANEL. */
  N: number;
  xOff: number;
  nrmOff: number;
  extraOff: number;
  thrOff: number;
  /** Bytes per thread: panel + tile + thread region. */
  thrBytes: number;
  threadBytes: number;
  bytes: number;
}

/** The memory of a job and how to instantiate its kernel (plain data: it can be posted to workers). */
export interface TileMemory {
  memory: WebAssembly.Memory;
  /** The shared-memory module (null for a private, one-thread memory). */
  module: WebAssembly.Module | null;
  layout: TileLayout;
}

type Gemm = (m: number, n: number, K: number, a: number, ai: number, ak: number, b: number, bk: number, c: number, cs: number) => void;

/**
 * |Gram-form − exact| ≤ gramErrorBound(d)·(‖x‖² + ‖y‖²) for the squared distance of two d-vectors: each of ‖x‖²,
 * ‖y‖², x·y is within γ_d = d·u/(1 − d·u) of its exact value relative to the sum of its absolute terms (Higham,
 * "Accuracy and Stability of Numerical Algorithms", §3.1), and |x·y| ≤ (‖x‖² + ‖y‖²)/2, plus three roundings;
 * doubled for slack. The direct form has its own error (γ_d·exact), added too, so a pair outside ± this bound of a
 * threshold is decided the same way by both forms.
 */
export function gramErrorBound(d: number): number {
  return 2 * (3 * d + 8) * 1.1102230246251565e-16;
}

/**
 * Copy X (or its rows `rows`) into a new tile memory for `threads` threads. Returns null without WebAssembly SIMD
 * (or without shared memories when threads > 1).
 */
export function createTileMemory(
  X: Float64Array, d: number, rows: Int32Array | null, nRows: number, threads: number, extraBytes = 0, threadBytes = 0,
): TileMemory & { gemm: Gemm } | null {
  const n = rows ? rows.length : nRows;
  const P = TILE_PANEL;
  const N = Math.max(P, Math.ceil(n / P) * P);
  const xOff = 0;
  const nrmOff = N * d * 8;
  const extraOff = nrmOff + N * 8;
  const thrOff = extraOff + Math.ceil(extraBytes / 16) * 16;
  const thrBytes = (d * P + TILE_ROWS * P) * 8 + Math.ceil(threadBytes / 16) * 16;
  const layout: TileLayout = { n, d, N, xOff, nrmOff, extraOff, thrOff, thrBytes, threadBytes, bytes: thrOff + threads * thrBytes };
  const k = threads > 1 ? createSharedWasmGemm(layout.bytes) : createWasmGemm(layout.bytes);
  if (!k) return null;
  const F = new Float64Array(k.memory.buffer);
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    const src = X.subarray(i * d, i * d + d);
    F.set(src, r * d);
    let q = 0;
    for (let t = 0; t < d; t++) q += src[t] * src[t];
    F[nrmOff / 8 + r] = q;
  }
  return { memory: k.memory, module: 'module' in k ? (k.module as WebAssembly.Module) : null, layout, gemm: k.gemm };
}

/** One thread's view of a tile memory: its kernel instance, panel and tile. */
export class TileThread {
  readonly F: Float64Array;
  readonly L: TileLayout;
  readonly gemm: Gemm;
  /** Byte offsets of this thread's packed panel, product tile and region. */
  readonly bOff: number;
  readonly gOff: number;
  readonly regionOff: number;
  /** Index in F of the first norm and of this thread's tile. */
  readonly nr0: number;
  readonly g0: number;

  constructor(mem: TileMemory, slot: number, gemm?: Gemm) {
    this.L = mem.layout;
    this.F = new Float64Array(mem.memory.buffer);
    if (gemm) this.gemm = gemm;
    else {
      const inst = new WebAssembly.Instance(mem.module as WebAssembly.Module, { env: { memory: mem.memory } });
      this.gemm = inst.exports.gemm as Gemm;
    }
    const L = this.L;
    this.bOff = L.thrOff + slot * L.thrBytes;
    this.gOff = this.bOff + L.d * TILE_PANEL * 8;
    this.regionOff = this.gOff + TILE_ROWS * TILE_PANEL * 8;
    this.nr0 = L.nrmOff / 8;
    this.g0 = this.gOff / 8;
  }

  /** Pack rows [q·P, q·P + P) transposed into this thread's panel (padding rows are zeros). O(P·d). */
  packPanel(q: number): void {
    const { F } = this;
    const { d } = this.L;
    const P = TILE_PANEL;
    const b0 = this.bOff / 8;
    const j0 = q * P;
    for (let jj = 0; jj < P; jj++) {
      const o = (j0 + jj) * d;
      for (let t = 0; t < d; t++) F[b0 + t * P + jj] = F[o + t];
    }
  }

  /**
   * Pack the rows `rows[start..start+count)` (count ≤ P) transposed into this thread's panel, zeros after them.
   * O(P·d).
   */
  packRows(rows: Int32Array, start: number, count: number): void {
    const { F } = this;
    const { d } = this.L;
    const P = TILE_PANEL;
    const b0 = this.bOff / 8;
    for (let jj = 0; jj < P; jj++) {
      if (jj < count) {
        const o = rows[start + jj] * d;
        for (let t = 0; t < d; t++) F[b0 + t * P + jj] = F[o + t];
      } else for (let t = 0; t < d; t++) F[b0 + t * P + jj] = 0;
    }
  }

  /** Tile G (m×P, row stride P, at F[g0…]) = m rows starting at byte `aOff` (row stride d) × the packed panel. */
  product(aOff: number, m: number): void {
    const d = this.L.d;
    this.gemm(m, TILE_PANEL, d, aOff, d * 8, 8, this.bOff, TILE_PANEL * 8, this.gOff, TILE_PANEL * 8);
  }

  /** Direct-form squared distance between rows i and j of the memory's X, summed left to right. O(d). */
  direct(i: number, j: number): number {
    const { F } = this;
    const d = this.L.d;
    const oi = i * d, oj = j * d;
    let s = 0;
    for (let t = 0; t < d; t++) { const v = F[oi + t] - F[oj + t]; s += v * v; }
    return s;
  }
}
