/**
 * The inner loop of the Ward nearest-neighbour chain as a WebAssembly SIMD function, assembled here byte by byte
 * (internal): for cluster a and the m centroids stored contiguously (rows of dp doubles, dp a multiple of 4), the
 * Ward cost w_a·w_q/(w_a + w_q)·‖c_a − c_q‖² of every q ≠ skip, in the direct form Σ(c_a,t − c_q,t)² (two f64x2
 * accumulators over the coordinates, no cancellation), and the first q with the smallest cost.
 * Complexity O(m·dp), no allocation. Null where WebAssembly SIMD is missing.
 */
import { uleb as leb, sleb, section, wasmName } from '../core/wasm-leb';

/** The compiled scan bound to its memory. */
export interface WardScan {
  memory: WebAssembly.Memory;
  /** Index of the cheapest q in [0, m) other than `skip` (-1 when none), its cost stored as f64 at byte `out`. */
  scan(base: number, m: number, dp: number, a: number, wa: number, w: number, skip: number, out: number): number;
}


function moduleBytes() {
  const G = (i: number): number[] => [0x20, i], S = (i: number): number[] => [0x21, i];
  const I = (v: number): number[] => [0x41, ...sleb(v)];
  const ADD = 0x6a, MUL = 0x6c, NE = 0x47, GEU = 0x4f;
  const F64ADD = 0xa0, F64MUL = 0xa2, F64DIV = 0xa3, F64LT = 0x63;
  const f64const = (v: number): number[] => [0x44, ...Array.from(new Uint8Array(new Float64Array([v]).buffer))];
  const vload = (off: number): number[] => [0xfd, 0x00, 0x04, ...leb(off)];
  const VSUB = [0xfd, 0xf1, 0x01], VMUL = [0xfd, 0xf2, 0x01], VADD = [0xfd, 0xf0, 0x01];
  const VZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
  const lane = (l: number): number[] => [0xfd, 0x21, l];
  const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], END = 0x0b;
  // params: 0 base, 1 m, 2 dp, 3 a, 4 wa (f64), 5 w, 6 skip, 7 out
  // locals: i32 8 q, 9 p, 10 t, 11 rb, 12 arg; f64 13 best, 14 s, 15 wq, 16 cost; v128 17 acc0, 18 acc1, 19 v
  const c: number[] = [];
  c.push(...G(2), ...I(8), MUL, ...S(11));
  c.push(...f64const(Infinity), ...S(13), ...I(-1), ...S(12), ...I(0), ...S(8), ...G(0), ...S(9));
  c.push(...BLOCK, ...LOOP);
  c.push(...G(8), ...G(1), GEU, 0x0d, 1);
  c.push(...G(8), ...G(6), NE, ...IF);
  c.push(...VZERO, ...S(17), ...VZERO, ...S(18), ...I(0), ...S(10));
  c.push(...BLOCK, ...LOOP);
  c.push(...G(10), ...G(11), GEU, 0x0d, 1);
  for (const [off, acc] of [[0, 17], [16, 18]]) {
    c.push(...G(3), ...G(10), ADD, ...vload(off), ...G(9), ...G(10), ADD, ...vload(off), ...VSUB, ...S(19));
    c.push(...G(acc), ...G(19), ...G(19), ...VMUL, ...VADD, ...S(acc));
  }
  c.push(...G(10), ...I(32), ADD, ...S(10), 0x0c, 0, END, END);
  c.push(...G(17), ...G(18), ...VADD, ...S(17));
  c.push(...G(17), ...lane(0), ...G(17), ...lane(1), F64ADD, ...S(14));
  c.push(...G(5), ...G(8), ...I(8), MUL, ADD, 0x2b, 0x03, 0x00, ...S(15));
  c.push(...G(4), ...G(15), F64MUL, ...G(4), ...G(15), F64ADD, F64DIV, ...G(14), F64MUL, ...S(16));
  c.push(...G(16), ...G(13), F64LT, ...IF, ...G(16), ...S(13), ...G(8), ...S(12), END);
  c.push(END); // if q != skip
  c.push(...G(8), ...I(1), ADD, ...S(8), ...G(9), ...G(11), ADD, ...S(9), 0x0c, 0, END, END);
  c.push(...G(7), ...G(13), 0x39, 0x03, 0x00, ...G(12), END);
  const locals = [3, 5, 0x7f, 4, 0x7c, 3, 0x7b];
  const fb = [...locals, ...c];
  const I32 = 0x7f, F64 = 0x7c;
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 8, I32, I32, I32, I32, F64, I32, I32, I32, 1, I32]),
    ...section(2, [1, ...wasmName('e'), ...wasmName('m'), 0x02, 0x00, 0x01]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...wasmName('scan'), 0x00, 0x00]),
    ...section(10, [1, ...leb(fb.length), ...fb]),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

function wasmModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try { compiled = process.env.SEGLAB_NO_WASM === '1' ? null : new WebAssembly.Module(moduleBytes()); } catch { compiled = null; }
  }
  return compiled;
}

/** Whether the SIMD scan can run here. */
export function wardScanAvailable(): boolean {
  return wasmModule() !== null;
}

/** The scan on a new memory of at least `bytes` bytes, or null without WebAssembly SIMD. */
export function createWardScan(bytes: number): WardScan | null {
  if (!wasmModule()) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const inst = new WebAssembly.Instance(compiled as WebAssembly.Module, { e: { m: memory } });
  return { memory, scan: inst.exports.scan as WardScan['scan'] };
}
