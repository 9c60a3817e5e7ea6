/**
 * The element-wise loops of {@link JsDenseNet}'s training step in WebAssembly SIMD (internal), assembled here byte
 * by byte and instantiated on the net's own memory (the one the matrix kernel uses). Each gives bit-identical results
 * to the JavaScript loop it replaces (same operations in the same order per element; f64x2.pmax(0, z) is exactly
 * `z > 0 ? z : 0`, NaN and −0 included; column sums run down the rows in order):
 *   biasRelu(y, rows, w, b):      y[r][o] = max⁺(y[r][o] + b[o])        biasAdd(y, rows, w, b): y[r][o] += b[o]
 *   mulMask(y, mask, n):          y[k] *= mask[k]
 *   reluGradMask(d, y, mask, n):  d[k] = mask[k] == 0 ? 0 : y[k] > 0 ? d[k]·mask[k] : d[k]·0
 *   reluGrad(d, y, n):            d[k] = y[k] > 0 ? d[k] : 0
 *   colSums(dz, rows, w, out):    out[o] = 0 + Σ_r dz[r][o]
 * Pointers are byte offsets of float64 arrays; widths and counts are in elements (odd ones end with a scalar step).
 * Complexity O(elements). Null where WebAssembly SIMD is missing.
 */
import { uleb as leb, section, wasmName } from '../core/wasm-leb';

/** The compiled loops bound to a memory. */
export interface DenseSimdKernels {
  biasRelu(y: number, rows: number, w: number, b: number): void;
  biasAdd(y: number, rows: number, w: number, b: number): void;
  mulMask(y: number, mask: number, n: number): void;
  reluGradMask(d: number, y: number, mask: number, n: number): void;
  reluGrad(d: number, y: number, n: number): void;
  colSums(dz: number, rows: number, w: number, out: number): void;
}


// opcodes
const G = (i: number): number[] => [0x20, i], S = (i: number): number[] => [0x21, i];
const I = (v: number): number[] => [0x41, ...leb(v)]; // small non-negative constants
const ADD = 0x6a, SUB = 0x6b, MUL = 0x6c, GEU = 0x4f;
const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], END = 0x0b;
const BR = (d: number): number[] => [0x0c, d], BRIF = (d: number): number[] => [0x0d, d];
const VLOAD = [0xfd, 0x00, 0x03, 0x00], VSTORE = [0xfd, 0x0b, 0x03, 0x00];
const VADD = [0xfd, 0xf0, 0x01], VMUL = [0xfd, 0xf2, 0x01], VPMAX = [0xfd, 0xf7, 0x01];
const VGT = [0xfd, 0x4a], VEQ = [0xfd, 0x47], VSEL = [0xfd, 0x52];
const VZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const FLOAD = [0x2b, 0x03, 0x00], FSTORE = [0x39, 0x03, 0x00];
const FADD = 0xa0, FMUL = 0xa2, FGT = 0x64, FEQ = 0x61, SELECT = 0x1b;
const F0 = [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
const I32 = 0x7f, V128 = 0x7b;

/**
 * for (i = 0; i + 2 <= n; i += 2) pair(i·8); if (i < n) tail(i·8) — `n` in local nL, byte cursor in local iL,
 * element limit computed into local lim (n & ~1).
 */
function pairsThenTail(nL: number, iL: number, limL: number, pair: number[], tail: number[]): number[] {
  return [
    ...G(nL), ...I(1), 0x71 /* i32.and */, ...S(limL), // lim = n & 1 (reused below)
    ...G(nL), ...G(limL), SUB, ...I(8), MUL, ...S(limL), // lim = (n − (n&1))·8 bytes
    ...I(0), ...S(iL),
    ...BLOCK, ...LOOP, ...G(iL), ...G(limL), GEU, ...BRIF(1), ...pair, ...G(iL), ...I(16), ADD, ...S(iL), ...BR(0), END, END,
    ...G(nL), ...I(1), 0x71, ...IF, ...tail, END,
  ];
}

function moduleBytes() {
  const bodies: number[][] = [];
  const types: number[][] = [];
  // biasRelu / biasAdd(y, rows, w, b): locals 4 r, 5 i, 6 lim, 7 yrow
  for (const relu of [true, false]) {
    const op = (v: number[]): number[] => (relu ? [...VZERO, ...v, ...VPMAX] : v);
    const pair = [...G(7), ...G(5), ADD, ...op([...G(7), ...G(5), ADD, ...VLOAD, ...G(3), ...G(5), ADD, ...VLOAD, ...VADD]), ...VSTORE];
    // tail: z = y + b; relu ? select(z, 0, z > 0) : z   (the pmax(0, z) rule in scalar form)
    const z = [...G(7), ...G(5), ADD, ...FLOAD, ...G(3), ...G(5), ADD, ...FLOAD, FADD];
    const tail = relu
      ? [...G(7), ...G(5), ADD, ...z, ...F0, ...z, ...F0, FGT, SELECT, ...FSTORE]
      : [...G(7), ...G(5), ADD, ...z, ...FSTORE];
    const body = [
      ...I(0), ...S(4), ...G(0), ...S(7),
      ...BLOCK, ...LOOP, ...G(4), ...G(1), GEU, ...BRIF(1),
      ...pairsThenTail(2, 5, 6, pair, tail),
      ...G(7), ...G(2), ...I(8), MUL, ADD, ...S(7), ...G(4), ...I(1), ADD, ...S(4), ...BR(0), END, END, END,
    ];
    bodies.push([0x01, 4, I32, ...body]);
    types.push([0x60, 4, I32, I32, I32, I32, 0]);
  }
  // mulMask(y, mask, n): locals 3 i, 4 lim
  {
    const pair = [...G(0), ...G(3), ADD, ...G(0), ...G(3), ADD, ...VLOAD, ...G(1), ...G(3), ADD, ...VLOAD, ...VMUL, ...VSTORE];
    const tail = [...G(0), ...G(3), ADD, ...G(0), ...G(3), ADD, ...FLOAD, ...G(1), ...G(3), ADD, ...FLOAD, FMUL, ...FSTORE];
    bodies.push([0x01, 2, I32, ...pairsThenTail(2, 3, 4, pair, tail), END]);
    types.push([0x60, 3, I32, I32, I32, 0]);
  }
  // reluGradMask(d, y, mask, n): locals 4 i, 5 lim; v128 6 dv, 7 mv
  {
    const at = (p: number): number[] => [...G(p), ...G(4), ADD];
    const pair = [
      ...at(0), ...VLOAD, ...S(6), ...at(2), ...VLOAD, ...S(7), ...at(0),
      // inner = bitselect(d·m, d·0, y > 0); out = bitselect(0, inner, m == 0)
      ...VZERO,
      ...G(6), ...G(7), ...VMUL, ...G(6), ...VZERO, ...VMUL, ...at(1), ...VLOAD, ...VZERO, ...VGT, ...VSEL,
      ...G(7), ...VZERO, ...VEQ, ...VSEL, ...VSTORE,
    ];
    const d = [...at(0), ...FLOAD], m = [...at(2), ...FLOAD], y = [...at(1), ...FLOAD];
    const tail = [
      ...at(0),
      ...F0,
      ...d, ...m, FMUL, ...d, ...F0, FMUL, ...y, ...F0, FGT, SELECT,
      ...m, ...F0, FEQ, SELECT, ...FSTORE,
    ];
    bodies.push([0x02, 2, I32, 2, V128, ...pairsThenTail(3, 4, 5, pair, tail), END]);
    types.push([0x60, 4, I32, I32, I32, I32, 0]);
  }
  // reluGrad(d, y, n): locals 3 i, 4 lim
  {
    const at = (p: number): number[] => [...G(p), ...G(3), ADD];
    const pair = [...at(0), ...at(0), ...VLOAD, ...VZERO, ...at(1), ...VLOAD, ...VZERO, ...VGT, ...VSEL, ...VSTORE];
    const tail = [...at(0), ...at(0), ...FLOAD, ...F0, ...at(1), ...FLOAD, ...F0, FGT, SELECT, ...FSTORE];
    bodies.push([0x01, 2, I32, ...pairsThenTail(2, 3, 4, pair, tail), END]);
    types.push([0x60, 3, I32, I32, I32, 0]);
  }
  // colSums(dz, rows, w, out): out = 0; for each row r: out[o] += dz[r][o].  locals 4 r, 5 i, 6 lim, 7 row
  {
    const pair = [...G(3), ...G(5), ADD, ...G(3), ...G(5), ADD, ...VLOAD, ...G(7), ...G(5), ADD, ...VLOAD, ...VADD, ...VSTORE];
    const tail = [...G(3), ...G(5), ADD, ...G(3), ...G(5), ADD, ...FLOAD, ...G(7), ...G(5), ADD, ...FLOAD, FADD, ...FSTORE];
    const zeroPair = [...G(3), ...G(5), ADD, ...VZERO, ...VSTORE];
    const zeroTail = [...G(3), ...G(5), ADD, ...F0, ...FSTORE];
    const body = [
      ...pairsThenTail(2, 5, 6, zeroPair, zeroTail),
      ...I(0), ...S(4), ...G(0), ...S(7),
      ...BLOCK, ...LOOP, ...G(4), ...G(1), GEU, ...BRIF(1),
      ...pairsThenTail(2, 5, 6, pair, tail),
      ...G(7), ...G(2), ...I(8), MUL, ADD, ...S(7), ...G(4), ...I(1), ADD, ...S(4), ...BR(0), END, END, END,
    ];
    bodies.push([0x01, 4, I32, ...body]);
    types.push([0x60, 4, I32, I32, I32, I32, 0]);
  }
  const names = ['biasRelu', 'biasAdd', 'mulMask', 'reluGradMask', 'reluGrad', 'colSums'];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [types.length, ...types.flat()]),
    ...section(2, [1, ...wasmName('env'), ...wasmName('memory'), 0x02, 0x00, 0x01]),
    ...section(3, [bodies.length, ...bodies.map((_, i) => i)]),
    ...section(7, [names.length, ...names.flatMap((nm, i) => [...wasmName(nm), 0x00, i])]),
    ...section(10, [bodies.length, ...bodies.flatMap((b) => [...leb(b.length), ...b])]),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

/** The loops on `memory`, or null without WebAssembly SIMD. */
export function denseSimdKernels(memory: WebAssembly.Memory): DenseSimdKernels | null {
  if (compiled === undefined) {
    try { compiled = process.env.SEGLAB_NO_WASM === '1' ? null : new WebAssembly.Module(moduleBytes()); } catch { compiled = null; }
  }
  if (!compiled) return null;
  return new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as DenseSimdKernels;
}
