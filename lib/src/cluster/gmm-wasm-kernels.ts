/**
 * Two small WebAssembly SIMD loops of the full-covariance Gaussian mixture (internal, used by gmm-full-tiles.ts),
 * assembled here byte by byte on the memory of the matrix kernel (shared between threads, or private):
 *   sqdiff(c, m, dp, v, out): out[r] = Σ_{t<dp} (c[r·dp + t] − v[t])²  (the Mahalanobis terms ‖x·U − μ·U‖²);
 *   wdiff(x, m, dp, mu, resp, rs, out): out[r·dp + t] = √resp[r·rs] · (x[r·dp + t] − mu[t])  (W with Wᵀ·W the
 *   weighted scatter matrix).
 * All pointers are byte offsets, dp a multiple of 4, rs a byte stride. Sums run over two f64x2 lanes. O(m·dp) each.
 */
import { uleb as leb, section, wasmName } from '../core/wasm-leb';

export type SqDiffFn = (c: number, m: number, dp: number, v: number, out: number) => void;
export type WDiffFn = (x: number, m: number, dp: number, mu: number, resp: number, rs: number, out: number) => void;


function moduleBytes(shared: boolean) {
  const G = (i: number): number[] => [0x20, i], S = (i: number): number[] => [0x21, i];
  const I = (v: number): number[] => [0x41, ...leb(v)]; // small non-negative constants only
  const ADD = 0x6a, MUL = 0x6c, GEU = 0x4f;
  const vload = [0xfd, 0x00, 0x03, 0x00], vstore = [0xfd, 0x0b, 0x03, 0x00];
  const VSUB = [0xfd, 0xf1, 0x01], VMUL = [0xfd, 0xf2, 0x01], VADD = [0xfd, 0xf0, 0x01];
  const VZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
  const SPLAT = [0xfd, 0x14];
  const lane = (l: number): number[] => [0xfd, 0x21, l];
  const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], END = 0x0b;
  const I32 = 0x7f, V128 = 0x7b;
  // sqdiff: params 0 c, 1 m, 2 dp, 3 v, 4 out; locals i32 5 r, 6 t, 7 rb; v128 8 acc, 9 d
  const a: number[] = [];
  a.push(...G(2), ...I(8), MUL, ...S(7), ...I(0), ...S(5));
  a.push(...BLOCK, ...LOOP, ...G(5), ...G(1), GEU, 0x0d, 1);
  a.push(...VZERO, ...S(8), ...I(0), ...S(6));
  a.push(...BLOCK, ...LOOP, ...G(6), ...G(7), GEU, 0x0d, 1);
  a.push(...G(0), ...G(6), ADD, ...vload, ...G(3), ...G(6), ADD, ...vload, ...VSUB, ...S(9));
  a.push(...G(8), ...G(9), ...G(9), ...VMUL, ...VADD, ...S(8));
  a.push(...G(6), ...I(16), ADD, ...S(6), 0x0c, 0, END, END);
  a.push(...G(4), ...G(8), ...lane(0), ...G(8), ...lane(1), 0xa0, 0x39, 0x03, 0x00);
  a.push(...G(4), ...I(8), ADD, ...S(4), ...G(0), ...G(7), ADD, ...S(0));
  a.push(...G(5), ...I(1), ADD, ...S(5), 0x0c, 0, END, END, END);
  const fa = [0x02, 3, I32, 2, V128, ...a];
  // wdiff: params 0 x, 1 m, 2 dp, 3 mu, 4 resp, 5 rs, 6 out; locals i32 7 r, 8 t, 9 rb; v128 10 w
  const b: number[] = [];
  b.push(...G(2), ...I(8), MUL, ...S(9), ...I(0), ...S(7));
  b.push(...BLOCK, ...LOOP, ...G(7), ...G(1), GEU, 0x0d, 1);
  b.push(...G(4), 0x2b, 0x03, 0x00, 0x9f, ...SPLAT, ...S(10), ...I(0), ...S(8)); // w = splat(sqrt(resp))
  b.push(...BLOCK, ...LOOP, ...G(8), ...G(9), GEU, 0x0d, 1);
  b.push(...G(6), ...G(8), ADD, ...G(0), ...G(8), ADD, ...vload, ...G(3), ...G(8), ADD, ...vload, ...VSUB, ...G(10), ...VMUL, ...vstore);
  b.push(...G(8), ...I(16), ADD, ...S(8), 0x0c, 0, END, END);
  b.push(...G(0), ...G(9), ADD, ...S(0), ...G(6), ...G(9), ADD, ...S(6), ...G(4), ...G(5), ADD, ...S(4));
  b.push(...G(7), ...I(1), ADD, ...S(7), 0x0c, 0, END, END, END);
  const fb = [0x02, 3, I32, 1, V128, ...b];
  const mem = shared ? [0x03, 0x01, ...leb(65536)] : [0x00, 0x01];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [2, 0x60, 5, I32, I32, I32, I32, I32, 0, 0x60, 7, I32, I32, I32, I32, I32, I32, I32, 0]),
    ...section(2, [1, ...wasmName('env'), ...wasmName('memory'), 0x02, ...mem]),
    ...section(3, [2, 0, 1]),
    ...section(7, [2, ...wasmName('sqdiff'), 0x00, 0, ...wasmName('wdiff'), 0x00, 1]),
    ...section(10, [2, ...leb(fa.length), ...fa, ...leb(fb.length), ...fb]),
  ]);
}

const compiled: Array<WebAssembly.Module | null | undefined> = [undefined, undefined];

/** The module for a shared or a private memory (null without WebAssembly SIMD). Modules can be posted to workers. */
export function gmmKernelModule(shared: boolean): WebAssembly.Module | null {
  const i = shared ? 1 : 0;
  if (compiled[i] === undefined) {
    try { compiled[i] = new WebAssembly.Module(moduleBytes(shared)); } catch { compiled[i] = null; }
  }
  return compiled[i] ?? null;
}

/** Instantiate on a memory. */
export function gmmKernels(mod: WebAssembly.Module, memory: WebAssembly.Memory): { sqdiff: SqDiffFn; wdiff: WDiffFn } {
  const e = new WebAssembly.Instance(mod, { env: { memory } }).exports;
  return { sqdiff: e.sqdiff as SqDiffFn, wdiff: e.wdiff as WDiffFn };
}
