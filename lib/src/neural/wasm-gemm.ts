/**
 * A WebAssembly SIMD (f64x2) kernel for the core block of {@link gemmStrided}, emitted as bytes at run time by a
 * few lines of code below (no toolchain, no binary blob) (internal).
 *
 * It computes C[i·cs + j] = Σ_k A[i·ai + k·ak] · B[k·bk + j] for i < m, j < n with m and n multiples of 4, on
 * float64 data living in one `WebAssembly.Memory`. Each tile is 4 rows × 4 columns held in eight f64x2
 * accumulators; A is read one number at a time (broadcast), B's row segment two at a time. Every C element is still
 * the float64 sum of A·B over k = 0, 1, … in order, with a separate multiply and add (wasm SIMD has no fused
 * multiply-add), so results are bit-identical to the scalar JavaScript kernel (a test checks it).
 * Complexity: O(m·n·K), no allocation. Returns null where WebAssembly SIMD is unavailable.
 */
import { uleb, section, wasmName } from '../core/wasm-leb';

/** The compiled kernel bound to a memory: byte offsets and byte strides. */
export interface WasmGemm {
  memory: WebAssembly.Memory;
  gemm(m: number, n: number, K: number, a: number, ai: number, ak: number, b: number, bk: number, c: number, cs: number): void;
}

// Opcodes used (WebAssembly core spec 2.0 §5.4, SIMD prefix 0xfd).
const BLOCK = 0x02, LOOP = 0x03, END = 0x0b, BR = 0x0c, BR_IF = 0x0d;
const GET = 0x20, SET = 0x21, TEE = 0x22;
const I32_CONST = 0x41, I32_EQZ = 0x45, I32_GE_U = 0x4f, I32_ADD = 0x6a, I32_SUB = 0x6b, I32_MUL = 0x6c;
const SIMD = 0xfd, V128_LOAD = 0, V128_LOAD64_SPLAT = 10, V128_STORE = 11, V128_CONST = 12, F64X2_ADD = 240, F64X2_MUL = 242;
const VOID = 0x40, T_I32 = 0x7f, T_V128 = 0x7b;

function simd(op: number): number[] {
  return [SIMD, ...uleb(op)];
}

/**
 * Bytes of the module: imports env.memory (a shared memory of up to 4 GiB when `shared`, so that worker threads can
 * run the kernel on one copy of the data), exports gemm(m, n, K, a, ai, ak, b, bk, c, cs).
 */
function moduleBytes(shared = false) {
  // parameters 0..9, then locals
  const [m, n, K, a, ai, ak, b, bk, c, cs] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [i, j, k, a0, a1, a2, a3, pa, pb, pc] = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
  const [c0l, c0h, c1l, c1h, c2l, c2h, c3l, c3h, bl, bh, av] = [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30];
  const get = (x: number): number[] => [GET, x];
  const set = (x: number): number[] => [SET, x];
  const addTo = (x: number, y: number): number[] => [...get(x), ...get(y), I32_ADD, ...set(x)];
  const zero = [...simd(V128_CONST), ...new Array(16).fill(0)];
  // acc += splat(A[p]) * b for both halves of a row
  const rowMac = (p: number, lo: number, hi: number): number[] => [
    ...get(p), ...get(pa), I32_ADD, ...simd(V128_LOAD64_SPLAT), 3, 0, TEE, av,
    ...get(bl), ...simd(F64X2_MUL), ...get(lo), ...simd(F64X2_ADD), ...set(lo),
    ...get(av), ...get(bh), ...simd(F64X2_MUL), ...get(hi), ...simd(F64X2_ADD), ...set(hi),
  ];
  const store = (off: number[], lo: number, hi: number): number[] => [
    ...off, ...get(lo), ...simd(V128_STORE), 3, 0,
    ...off, ...get(hi), ...simd(V128_STORE), 3, 16,
  ];
  const body: number[] = [
    I32_CONST, 0, ...set(i),
    BLOCK, VOID, LOOP, VOID,
    ...get(i), ...get(m), I32_GE_U, BR_IF, 1,
    // a0..a3 = a + i·ai + {0, 1, 2, 3}·ai
    ...get(a), ...get(i), ...get(ai), I32_MUL, I32_ADD, TEE, a0, ...get(ai), I32_ADD, TEE, a1, ...get(ai), I32_ADD, TEE, a2,
    ...get(ai), I32_ADD, ...set(a3),
    I32_CONST, 0, ...set(j),
    BLOCK, VOID, LOOP, VOID,
    ...get(j), ...get(n), I32_GE_U, BR_IF, 1,
    ...zero, ...set(c0l), ...zero, ...set(c0h), ...zero, ...set(c1l), ...zero, ...set(c1h),
    ...zero, ...set(c2l), ...zero, ...set(c2h), ...zero, ...set(c3l), ...zero, ...set(c3h),
    I32_CONST, 0, ...set(pa),
    // pb = b + 8·j
    ...get(b), ...get(j), I32_CONST, 8, I32_MUL, I32_ADD, ...set(pb),
    ...get(K), ...set(k),
    BLOCK, VOID, LOOP, VOID,
    ...get(k), I32_EQZ, BR_IF, 1,
    ...get(pb), ...simd(V128_LOAD), 3, 0, ...set(bl),
    ...get(pb), ...simd(V128_LOAD), 3, 16, ...set(bh),
    ...rowMac(a0, c0l, c0h), ...rowMac(a1, c1l, c1h), ...rowMac(a2, c2l, c2h), ...rowMac(a3, c3l, c3h),
    ...addTo(pa, ak), ...addTo(pb, bk),
    ...get(k), I32_CONST, 1, I32_SUB, ...set(k),
    BR, 0,
    END, END,
    // pc = c + i·cs + 8·j
    ...get(c), ...get(i), ...get(cs), I32_MUL, I32_ADD, ...get(j), I32_CONST, 8, I32_MUL, I32_ADD, ...set(pc),
    ...store(get(pc), c0l, c0h),
    ...store([...get(pc), ...get(cs), I32_ADD], c1l, c1h),
    ...store([...get(pc), ...get(cs), I32_CONST, 2, I32_MUL, I32_ADD], c2l, c2h),
    ...store([...get(pc), ...get(cs), I32_CONST, 3, I32_MUL, I32_ADD], c3l, c3h),
    ...get(j), I32_CONST, 4, I32_ADD, ...set(j),
    BR, 0,
    END, END,
    ...get(i), I32_CONST, 4, I32_ADD, ...set(i),
    BR, 0,
    END, END,
    END,
  ];
  const locals = [2, 10, T_I32, 11, T_V128];
  const fn = [...locals, ...body];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 10, ...new Array(10).fill(T_I32), 0]),
    ...section(2, [1, ...wasmName('env'), ...wasmName('memory'), 0x02, ...(shared ? [0x03, 0x01, ...uleb(65536)] : [0x00, 0x01])]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...wasmName('gemm'), 0x00, 0]),
    ...section(10, [1, ...uleb(fn.length), ...fn]),
  ];
  return Uint8Array.from(bytes);
}

let compiled: WebAssembly.Module | null | undefined;
let compiledShared: WebAssembly.Module | null | undefined;

/** The compiled module, or null when this runtime lacks WebAssembly SIMD (compiled once). */
function wasmModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(moduleBytes());
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * The module importing a SHARED memory (WebAssembly threads), or null where SIMD or shared memories are missing.
 * A `WebAssembly.Module` can be posted to worker threads, which instantiate it on the same shared memory.
 */
export function sharedWasmGemmModule(): WebAssembly.Module | null {
  if (compiledShared === undefined) {
    try {
      compiledShared = new WebAssembly.Module(moduleBytes(true));
    } catch {
      compiledShared = null;
    }
  }
  return compiledShared;
}

/**
 * Instantiate the shared-memory kernel on a new shared memory of at least `bytes` bytes (its buffer is a
 * SharedArrayBuffer); null where unavailable.
 */
export function createSharedWasmGemm(bytes: number): (WasmGemm & { module: WebAssembly.Module }) | null {
  const mod = sharedWasmGemmModule();
  if (!mod) return null;
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  try {
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true } as WebAssembly.MemoryDescriptor);
    const inst = new WebAssembly.Instance(mod, { env: { memory } });
    return { memory, gemm: inst.exports.gemm as WasmGemm['gemm'], module: mod };
  } catch {
    return null;
  }
}

/** Is the SIMD kernel usable here? */
export function wasmGemmAvailable(): boolean {
  return wasmModule() !== null;
}

/** Instantiate the kernel on a new memory of at least `bytes` bytes; null without WebAssembly SIMD. */
export function createWasmGemm(bytes: number): WasmGemm | null {
  const mod = wasmModule();
  if (!mod) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const inst = new WebAssembly.Instance(mod, { env: { memory } });
  const gemm = inst.exports.gemm as WasmGemm['gemm'];
  return { memory, gemm };
}
