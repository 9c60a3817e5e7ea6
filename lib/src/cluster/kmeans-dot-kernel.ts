/**
 * Fast dot products of data rows with a small set of centres, the inner kernel of K-Means assignment and k-means++
 * seeding. A tiny WebAssembly module using 128-bit SIMD (two doubles per lane, four centres per pass, each row read
 * once per block of four centres), assembled here byte by byte, runs at about 8 G multiply-adds per second on one
 * core (about 5× the scalar JavaScript loop); a plain JavaScript kernel with the same contract is used where
 * WebAssembly SIMD is missing. Dot products are only used to FILTER candidates in ||x||² + ||c||² − 2x·c form with a
 * rigorous rounding-error bound (see {@link dotErrorScale}); every decision that could depend on rounding is redone
 * in the direct form, so results are bit-identical to the direct-form kernels of kmeans-common.ts.
 * Internal: not re-exported by the package index.
 */
import { uleb as leb, sleb, section, wasmName } from '../core/wasm-leb';

/** Minimal typing of the WebAssembly API (not in the ES2022 + node type libraries this project compiles with). */
interface WasmMemory { buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (d: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => unknown;
  Instance: new (m: unknown, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}

type DotsFn = (x: number, idx: number, m: number, rb: number, c: number, nb: number, out: number) => void;
type AminFn = (out: number, m: number, sb: number, k: number, cn: number, res: number) => void;


/**
 * The module: imports memory "e"."m", exports `dots(x, idx, m, rb, c, nb, out)`: for r in 0..m-1, row pointer
 * p = x + idx[r]·rb (rb = bytes per padded row, a multiple of 16), and for each block b < nb of four centres packed
 * pairwise-interleaved at c + b·4·rb, writes the 4 dot products to out + (r·nb + b)·32.
 */
function moduleBytes(): Uint8Array {
  const G = (i: number): number[] => [0x20, ...leb(i)];
  const S = (i: number): number[] => [0x21, ...leb(i)];
  const T = (i: number): number[] => [0x22, ...leb(i)];
  const I = (v: number): number[] => [0x41, ...sleb(v)];
  const ADD = 0x6a, MUL = 0x6c, LTU = 0x49, BRIF0 = [0x0d, 0x00], LOOP = [0x03, 0x40], END = 0x0b;
  const vload = (off: number): number[] => [0xfd, 0x00, 0x04, ...leb(off)];
  const FMUL = [0xfd, 0xf2, 0x01], FADD = [0xfd, 0xf0, 0x01];
  const VZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
  const lane = (l: number): number[] => [0xfd, 0x21, l];
  const i32load = [0x28, 0x02, 0x00];
  const fstore = (off: number): number[] => [0x39, 0x03, ...leb(off)];
  // params: 0 x, 1 idx, 2 m, 3 rb, 4 c, 5 nb, 6 out; i32 locals: 7 r, 8 b, 9 p, 10 q, 11 pend; v128: 12..15 acc, 16 xv
  const c: number[] = [];
  c.push(...I(0), ...S(7), ...LOOP);
  c.push(...G(4), ...S(10), ...I(0), ...S(8));
  c.push(...LOOP);
  for (let a = 12; a <= 15; a++) c.push(...VZERO, ...S(a));
  c.push(...G(0), ...G(1), ...i32load, ...G(3), MUL, ADD, ...T(9), ...G(3), ADD, ...S(11));
  c.push(...LOOP);
  c.push(...G(9), ...vload(0), ...S(16));
  for (let q = 0; q < 4; q++) c.push(...G(12 + q), ...G(16), ...G(10), ...vload(16 * q), ...FMUL, ...FADD, ...S(12 + q));
  c.push(...G(10), ...I(64), ADD, ...S(10));
  c.push(...G(9), ...I(16), ADD, ...T(9), ...G(11), LTU, ...BRIF0, END);
  for (let q = 0; q < 4; q++) c.push(...G(6), ...G(12 + q), ...lane(0), ...G(12 + q), ...lane(1), 0xa0, ...fstore(8 * q));
  c.push(...G(6), ...I(32), ADD, ...S(6));
  c.push(...G(8), ...I(1), ADD, ...T(8), ...G(5), LTU, ...BRIF0, END);
  c.push(...G(1), ...I(4), ADD, ...S(1));
  c.push(...G(7), ...I(1), ADD, ...T(7), ...G(2), LTU, ...BRIF0, END);
  c.push(END);
  const fb = [0x02, 0x05, 0x7f, 0x05, 0x7b, ...c];
  // amin(out, m, sb, k, cn, res): for each row r < m, over v_j = cn[j] − 2·out[r·sb/8 + j] (j < k): the smallest
  // v, the second smallest, and the first index of the smallest, stored as three f64 at res + 24·r.
  // params: 0 out, 1 m, 2 sb, 3 k, 4 cn, 5 res; i32 locals 6 r, 7 j, 8 j1; f64 locals 9 m1, 10 m2, 11 v
  const F64 = 0x7c;
  const f64load = [0x2b, 0x03, 0x00];
  const inf = [0x44, ...Array.from(new Uint8Array(new Float64Array([Infinity]).buffer))];
  const a: number[] = [];
  a.push(...I(0), ...S(6));
  a.push(0x02, 0x40, ...LOOP);
  a.push(...G(6), ...G(1), 0x4f, 0x0d, 0x01);
  a.push(...inf, ...S(9), ...inf, ...S(10), ...I(0), ...S(8), ...I(0), ...S(7));
  a.push(0x02, 0x40, ...LOOP);
  a.push(...G(7), ...G(3), 0x4f, 0x0d, 0x01);
  // v = cn[j] − 2·out[j]
  a.push(...G(4), ...G(7), ...I(8), MUL, ADD, ...f64load);
  a.push(...G(0), ...G(7), ...I(8), MUL, ADD, ...f64load, ...T(11), ...G(11), 0xa0, 0xa1, ...S(11));
  a.push(...G(11), ...G(9), 0x63, 0x04, 0x40);
  a.push(...G(9), ...S(10), ...G(11), ...S(9), ...G(7), ...S(8));
  a.push(0x05, ...G(11), ...G(10), 0x63, 0x04, 0x40, ...G(11), ...S(10), END, END);
  a.push(...G(7), ...I(1), ADD, ...S(7), 0x0c, 0x00, END, END);
  a.push(...G(5), ...G(9), 0x39, 0x03, 0x00, ...G(5), ...G(10), 0x39, 0x03, 0x08, ...G(5), ...G(8), 0xb7, 0x39, 0x03, 0x10);
  a.push(...G(5), ...I(24), ADD, ...S(5), ...G(0), ...G(2), ADD, ...S(0));
  a.push(...G(6), ...I(1), ADD, ...S(6), 0x0c, 0x00, END, END);
  a.push(END);
  const ab = [0x02, 0x03, 0x7f, 0x03, F64, ...a];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [2, 0x60, 7, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0, 0x60, 6, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(2, [1, ...wasmName('e'), ...wasmName('m'), 0x02, 0x00, 0x01]),
    ...section(3, [2, 0, 1]),
    ...section(7, [2, ...wasmName('dots'), 0x00, 0x00, ...wasmName('amin'), 0x00, 0x01]),
    ...section(10, [2, ...leb(fb.length), ...fb, ...leb(ab.length), ...ab]),
  ]);
}

let compiled: unknown | null | undefined;
function wasmModule(): unknown | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  const W = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (W && process.env.SEGLAB_NO_WASM !== '1') {
    const bytes = moduleBytes();
    try { if (W.validate(bytes)) compiled = new W.Module(bytes); } catch { compiled = null; }
  }
  return compiled;
}

/** Whether the WebAssembly SIMD kernel is in use (else the JavaScript fallback). */
export function dotKernelIsWasm(): boolean {
  return wasmModule() !== null;
}

/** Rows processed per kernel call; `out` holds CHUNK × (centre slots) doubles. */
export const DOT_CHUNK = 1024;

/**
 * Kernel state of one thread: a copy of X with rows padded to an even length, the current centres packed four by
 * four, an index list and an output block. Views are refreshed whenever the memory grows.
 */
export class DotKernel {
  n = 0;
  d = 0;
  /** Padded row length (doubles, even). */
  dp = 0;
  /** Centre blocks of four currently loaded. */
  nb = 0;
  /** Row indices of the next call (DOT_CHUNK entries). */
  idx: Int32Array = new Int32Array(0);
  /** Output of the last call: row r of the call, centre j at out[r·stride + j]. */
  out: Float64Array = new Float64Array(0);
  /** = 4·nb. */
  stride = 0;
  private mem: WasmMemory | null = null;
  private fn: DotsFn | null = null;
  private aminFn: AminFn | null = null;
  private cnOff = 0; private resOff = 0;
  /** Centre norms for {@link argmin2} (maxNb·4 entries). */
  cn: Float64Array = new Float64Array(0);
  /** Output of {@link argmin2}: per row, the smallest and second smallest cn_j − 2·dot_j and the first argmin. */
  res: Float64Array = new Float64Array(0);
  private F: Float64Array = new Float64Array(0);
  private xOff = 0; private idxOff = 0; private cOff = 0; private outOff = 0;
  private maxNb = 0;

  /** Load X (n×d row-major); allows up to `maxCenters` centres. O(n·d). */
  setData(X: Float64Array, n: number, d: number, maxCenters: number): void {
    this.n = n; this.d = d;
    const dp = d + (d & 1);
    this.dp = dp;
    this.maxNb = Math.ceil(Math.max(1, maxCenters) / 4);
    const rb = dp * 8;
    this.xOff = 0;
    this.idxOff = n * rb;
    this.cOff = this.idxOff + DOT_CHUNK * 4;
    this.outOff = this.cOff + this.maxNb * 4 * rb;
    this.cnOff = this.outOff + DOT_CHUNK * this.maxNb * 4 * 8;
    this.resOff = this.cnOff + this.maxNb * 4 * 8;
    const bytes = this.resOff + DOT_CHUNK * 3 * 8;
    const mod = wasmModule();
    if (mod !== null) {
      const W = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      const pages = Math.ceil(bytes / 65536);
      if (this.mem === null) {
        this.mem = new W.Memory({ initial: pages });
        const inst = new W.Instance(mod, { e: { m: this.mem } });
        this.fn = inst.exports.dots as DotsFn;
        this.aminFn = inst.exports.amin as AminFn;
      } else {
        const have = this.mem.buffer.byteLength / 65536;
        if (pages > have) this.mem.grow(pages - have);
      }
      const buf = this.mem.buffer;
      this.F = new Float64Array(buf);
      this.idx = new Int32Array(buf, this.idxOff, DOT_CHUNK);
      this.out = new Float64Array(buf, this.outOff, DOT_CHUNK * this.maxNb * 4);
    } else {
      this.F = new Float64Array(bytes / 8);
      this.idx = new Int32Array(DOT_CHUNK);
      this.out = this.F.subarray(this.outOff / 8, this.cnOff / 8);
    }
    this.cn = this.F.subarray(this.cnOff / 8, this.resOff / 8);
    this.res = this.F.subarray(this.resOff / 8, this.resOff / 8 + DOT_CHUNK * 3);
    const F = this.F;
    for (let i = 0; i < n; i++) {
      const o = i * dp;
      F.set(X.subarray(i * d, i * d + d), o);
      if (dp !== d) F[o + d] = 0;
    }
  }

  /** Load m ≤ maxCenters centres (m×d row-major); unused slots of the last block are zero. O(m·d). */
  setCenters(C: Float64Array, m: number): void {
    const { d, dp } = this;
    const nb = Math.ceil(m / 4);
    if (nb > this.maxNb) throw new Error(`DotKernel: ${m} centres, room for ${this.maxNb * 4}`);
    this.nb = nb;
    this.stride = 4 * nb;
    const F = this.F;
    const base = this.cOff / 8;
    F.fill(0, base, base + nb * 4 * dp);
    // Block b holds centres 4b..4b+3 interleaved by pairs of columns: [c0[t], c0[t+1], c1[t], c1[t+1], …].
    for (let j = 0; j < m; j++) {
      const bo = base + (j >> 2) * 4 * dp + (j & 3) * 2;
      const co = j * d;
      for (let t = 0; t < d; t++) F[bo + (t >> 1) * 8 + (t & 1)] = C[co + t];
    }
  }

  /**
   * After {@link run}: for each of the m rows, the smallest and second smallest v_j = cn_j − 2·x·c_j over the first
   * k centres (cn = this.cn, filled by the caller) and the first j of the smallest, into res[3r..3r+2]. The same
   * values, comparisons and ties as the JavaScript loop below (2·x·c is exact). O(m·k).
   */
  argmin2(m: number, k: number): void {
    if (this.aminFn !== null) { this.aminFn(this.outOff, m, this.stride * 8, k, this.cnOff, this.resOff); return; }
    const { out, cn, res, stride } = this;
    for (let r = 0; r < m; r++) {
      const o = r * stride;
      let m1 = Infinity, m2 = Infinity, j1 = 0;
      for (let j = 0; j < k; j++) {
        const v = cn[j] - 2 * out[o + j];
        if (v < m1) { m2 = m1; m1 = v; j1 = j; } else if (v < m2) m2 = v;
      }
      res[3 * r] = m1; res[3 * r + 1] = m2; res[3 * r + 2] = j1;
    }
  }

  /** Dot products of rows idx[0..m) (m ≤ DOT_CHUNK) with every loaded centre, into `out`. O(m·nb·4·d). */
  run(m: number): void {
    if (m <= 0) return;
    const rb = this.dp * 8;
    if (this.fn !== null) { this.fn(this.xOff, this.idxOff, m, rb, this.cOff, this.nb, this.outOff); return; }
    const { F, idx, out, dp, nb } = this;
    const cb = this.cOff / 8;
    for (let r = 0; r < m; r++) {
      const xo = idx[r] * dp;
      for (let b = 0; b < nb; b++) {
        const bo = cb + b * 4 * dp;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let t = 0; t < dp; t += 2) {
          const x0 = F[xo + t], x1 = F[xo + t + 1];
          const q = bo + t * 4;
          s0 += x0 * F[q] + x1 * F[q + 1];
          s1 += x0 * F[q + 2] + x1 * F[q + 3];
          s2 += x0 * F[q + 4] + x1 * F[q + 5];
          s3 += x0 * F[q + 6] + x1 * F[q + 7];
        }
        const o = (r * nb + b) * 4;
        out[o] = s0; out[o + 1] = s1; out[o + 2] = s2; out[o + 3] = s3;
      }
    }
  }
}

/**
 * Bound on |(‖x‖² + ‖c‖² − 2x·c) − directSqDist(x, c)| as a multiple of (‖x‖ + ‖c‖)², for d columns, whatever the
 * summation order: each side is within γ_{d+3}·(‖x‖+‖c‖)² of the exact value (Higham, "Accuracy and Stability of
 * Numerical Algorithms", §3.1, γ_m = m·u/(1 − m·u), u = 2⁻⁵³); we use 4·(d+8)·u, twice that sum, for slack.
 */
export function dotErrorScale(d: number): number {
  return 4 * (d + 8) * 1.1102230246251565e-16;
}
