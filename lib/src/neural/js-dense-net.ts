/**
 * A dense feed-forward network computed in plain JavaScript on Float64Arrays, with hand-written backpropagation
 * (internal): the autoencoder's default training engine.
 *
 * Why: with batches of 256 rows and layers of 8–64 units, TensorFlow.js spends most of a training step in per-op
 * overhead (≈ 120 small Adam ops, element-wise kernels, transposed products). Here one step is six matrix products
 * forward and eleven backward (dW = Xᵀ·dZ read down X's columns, dX = dZ·Wᵀ on a transposed copy of W), fused
 * bias + activation loops and one fused Adam loop ({@link FlatAdam}) over a single parameter array. Same math as
 * the tfjs graph (mean squared error, Glorot-uniform init, Adam), in float64 with float32-rounded weights.
 *
 * Products run on the WebAssembly SIMD kernel ({@link createWasmGemm}) when `simd` is on and the runtime has it,
 * else on {@link gemmStrided}; both give bit-identical results. All buffers live in one WebAssembly memory (or
 * plain Float64Arrays without SIMD), sized for the largest batch seen.
 *
 * Parameter layout: for each layer l in order, W_l (in×out, row-major) then b_l (out).
 * Complexity: O(rows · Σ in_l·out_l) per forward pass and ≈ 2× that per backward pass; O(rows · Σ out_l) buffers.
 */
import type { Matrix } from '../core/matrix';
import type { Rng } from '../core/random';
import type { NeuralActivation } from './activation';
import { gemmStrided } from './js-gemm';
import { glorotUniform } from './dense-stack';
import { createWasmGemm, type WasmGemm } from './wasm-gemm';
import { denseSimdKernels, type DenseSimdKernels } from './dense-simd-kernels';

/** One layer of a {@link JsDenseNet}. */
export interface JsLayerSpec {
  in: number;
  out: number;
  activation: NeuralActivation;
  /** Apply dropout to this layer's output during training. */
  dropoutAfter?: boolean;
}

interface Layer extends JsLayerSpec {
  /** Offset of W in the parameter array. */
  w: number;
  /** Offset of b in the parameter array. */
  b: number;
}

/** Training-time options of a forward pass. */
export interface JsForwardTraining {
  /** Dropout rate (0 = none). */
  dropout: number;
  rng: Rng;
}

/** A dense network with its own forward/backward buffers (internal). */
export class JsDenseNet {
  readonly layers: readonly Layer[];
  /** Use the WebAssembly SIMD kernel when available. */
  readonly simd: boolean;
  /** All weights and biases (layout in the file comment). Re-allocated (values kept) when the buffers grow. */
  params: Float64Array;
  /** Gradient of the last {@link backward}, same layout as `params`. */
  grads: Float64Array;
  private nW = 0;
  /** Transposed weights Wᵀ (out×in) per layer, same offsets as W minus the biases before it. */
  private WT: Float64Array;
  private wtOff: number[] = [];
  private H: Float64Array[] = [];
  private D: Float64Array[] = [];
  private masks: (Float64Array | null)[] = [];
  private capacity = 0;
  private kernel: WasmGemm | null = null;
  /** Output of ragged-edge products (SIMD only). */
  private scratch: Float64Array | null = null;
  /** The element-wise loops in WebAssembly SIMD (bit-identical to the JavaScript ones), with the kernel. */
  private ew: DenseSimdKernels | null = null;
  /** Dropout mask buffers in the kernel's memory (SIMD only), one per layer output. */
  private maskBufs: Float64Array[] = [];

  constructor(specs: readonly JsLayerSpec[], params?: Float64Array, simd = true) {
    let off = 0;
    const layers: Layer[] = [];
    for (const s of specs) {
      layers.push({ ...s, w: off, b: off + s.in * s.out });
      this.wtOff.push(this.nW);
      this.nW += s.in * s.out;
      off += s.in * s.out + s.out;
    }
    this.layers = layers;
    this.simd = simd;
    if (params && params.length !== off) throw new Error(`expected ${off} parameters, got ${params.length}`);
    this.params = params ? Float64Array.from(params) : new Float64Array(off);
    this.grads = new Float64Array(off);
    this.WT = new Float64Array(this.nW);
  }

  /** Glorot-uniform weights drawn from `rng` layer by layer (the same draws as `DenseStack`), zero biases. */
  static initialized(specs: readonly JsLayerSpec[], rng: Rng, simd = true): JsDenseNet {
    const net = new JsDenseNet(specs, undefined, simd);
    for (const L of net.layers) net.params.set(glorotUniform(L.in, L.out, rng), L.w);
    return net;
  }

  /** True when products run on the WebAssembly SIMD kernel (after the first forward pass). */
  get usesSimd(): boolean {
    return this.kernel !== null;
  }

  /** Weights as float32 arrays in the order W0, b0, W1, b1, … */
  weightArrays(): Float32Array[] {
    const out: Float32Array[] = [];
    for (const L of this.layers) {
      out.push(Float32Array.from(this.params.subarray(L.w, L.w + L.in * L.out)));
      out.push(Float32Array.from(this.params.subarray(L.b, L.b + L.out)));
    }
    return out;
  }

  /** Set weights from arrays in the order of {@link weightArrays}. */
  setWeightArrays(ws: readonly ArrayLike<number>[]): void {
    if (ws.length !== 2 * this.layers.length) throw new Error(`expected ${2 * this.layers.length} weight arrays, got ${ws.length}`);
    this.layers.forEach((L, l) => {
      const W = ws[2 * l];
      const b = ws[2 * l + 1];
      if (W.length !== L.in * L.out || b.length !== L.out) throw new Error(`weights of layer ${l} have the wrong size`);
      this.params.set(W, L.w);
      this.params.set(b, L.b);
    });
  }

  private ensure(rows: number): void {
    if (rows <= this.capacity) return;
    const widths = [this.layers[0].in, ...this.layers.map((L) => L.out)];
    const P = this.params.length;
    const maxW = Math.max(...widths);
    const scratchLen = (Math.max(rows, maxW) + 4) * (maxW + 4);
    // + scratch for ragged products + a padding that over-reads of the last buffer stay inside
    const sumW = widths.reduce((a, b) => a + b, 0);
    const total = 2 * P + this.nW + 3 * rows * sumW + scratchLen + 8 * (rows + maxW + 8);
    const kernel = this.simd ? createWasmGemm(total * 8) : null;
    const buf = kernel ? kernel.memory.buffer : new ArrayBuffer(total * 8);
    let off = 0;
    const take = (n: number): Float64Array => {
      const v = new Float64Array(buf, off * 8, n);
      off += n;
      return v;
    };
    const params = take(P);
    params.set(this.params);
    const grads = take(P);
    grads.set(this.grads);
    this.params = params;
    this.grads = grads;
    this.WT = take(this.nW);
    this.H = widths.map((w) => take(rows * w));
    this.D = widths.map((w) => take(rows * w));
    this.masks = widths.map(() => null);
    this.maskBufs = kernel ? widths.map((w) => take(rows * w)) : [];
    this.scratch = kernel ? take(scratchLen) : null;
    this.kernel = kernel;
    this.ew = kernel ? denseSimdKernels(kernel.memory) : null;
    this.capacity = rows;
  }

  /**
   * C[i·cs + j] = Σ_k A[aOff + i·ai + k·ak] · B[bOff + k·bk + j] (m×n, all arrays in this net's buffers): the SIMD
   * kernel on the 4-aligned block, the scalar kernel on the edges (same arithmetic, so identical results).
   */
  private mm(m: number, n: number, K: number, A: Float64Array, aOff: number, ai: number, ak: number,
    B: Float64Array, bOff: number, bk: number, C: Float64Array, cOff: number, cs: number): void {
    const kern = this.kernel;
    const m4 = m & ~3;
    const n4 = n & ~3;
    if (!kern || m4 === 0 || n4 === 0) {
      gemmStrided(m, n, K, A, aOff, ai, ak, B, bOff, bk, 1, C, cOff, cs);
      return;
    }
    if ((m4 < m || n4 < n) && this.scratch && (m4 + 4) * (n4 + 4) <= this.scratch.length) {
      // Ragged edges: the kernel on the sizes rounded up to 4, into scratch, then the m×n block copied out. The
      // extra rows/columns read past A's and B's logical ends, still inside this net's memory (the scratch and a
      // padding follow every buffer); their products are discarded. Same sums as the scalar edge kernel.
      const mu = m4 < m ? m4 + 4 : m4, nu = n4 < n ? n4 + 4 : n4;
      const Sc = this.scratch;
      kern.gemm(mu, nu, K, A.byteOffset + aOff * 8, ai * 8, ak * 8, B.byteOffset + bOff * 8, bk * 8, Sc.byteOffset, nu * 8);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) C[cOff + i * cs + j] = Sc[i * nu + j];
      return;
    }
    kern.gemm(m4, n4, K, A.byteOffset + aOff * 8, ai * 8, ak * 8, B.byteOffset + bOff * 8, bk * 8, C.byteOffset + cOff * 8, cs * 8);
    if (n4 < n) gemmStrided(m, n - n4, K, A, aOff, ai, ak, B, bOff + n4, bk, 1, C, cOff + n4, cs);
    if (m4 < m) gemmStrided(m - m4, n4, K, A, aOff + m4 * ai, ai, ak, B, bOff, bk, 1, C, cOff + m4 * cs, cs);
  }

  /** The input buffer of layer `from` (rows × in), to fill before {@link forward}. */
  inputBuffer(rows: number, from = 0): Float64Array {
    this.ensure(rows);
    return this.H[from];
  }

  /**
   * Forward pass of layers [from, to) on the rows already in `inputBuffer(rows, from)`.
   * @returns a view of the output buffer (rows × out of layer to−1), valid until the next call.
   */
  forward(rows: number, from = 0, to = this.layers.length, training?: JsForwardTraining): Float64Array {
    this.ensure(rows);
    const P = this.params;
    for (let l = from; l < to; l++) {
      const L = this.layers[l];
      const x = this.H[l];
      const y = this.H[l + 1];
      const nOut = L.out;
      this.mm(rows, nOut, L.in, x, 0, L.in, 1, P, L.w, nOut, y, 0, nOut);
      const ew = this.ew;
      if (ew && L.activation === 'relu') ew.biasRelu(y.byteOffset, rows, nOut, P.byteOffset + L.b * 8);
      else if (ew && L.activation === 'linear') ew.biasAdd(y.byteOffset, rows, nOut, P.byteOffset + L.b * 8);
      else activateInPlace(y, rows * nOut, nOut, P, L.b, L.activation);
      const rate = training && L.dropoutAfter ? training.dropout : 0;
      if (rate > 0) {
        let mask = this.masks[l + 1];
        if (ew) mask = this.masks[l + 1] = this.maskBufs[l + 1];
        else if (!mask || mask.length < this.capacity * nOut) mask = this.masks[l + 1] = new Float64Array(this.capacity * nOut);
        // One 32-bit draw per unit: dropped with probability rate (to 2⁻³²).
        const keep = 1 / (1 - rate);
        const thr = rate * 4294967296;
        const rng = training!.rng;
        const nk = rows * nOut;
        if (ew) {
          for (let k = 0; k < nk; k++) mask[k] = rng.nextUint32() < thr ? 0 : keep;
          ew.mulMask(y.byteOffset, mask.byteOffset, nk);
        } else {
          for (let k = 0; k < nk; k++) {
            const m = rng.nextUint32() < thr ? 0 : keep;
            mask[k] = m;
            y[k] *= m;
          }
        }
      } else if (this.masks[l + 1]) {
        this.masks[l + 1] = null;
      }
    }
    return this.H[to].subarray(0, rows * (to > 0 ? this.layers[to - 1].out : this.layers[0].in));
  }

  /** The gradient buffer of the output of layer to−1 (rows × out), to fill with dLoss/dOutput before {@link backward}. */
  outputGradBuffer(rows: number, to = this.layers.length): Float64Array {
    this.ensure(rows);
    return this.D[to];
  }

  /**
   * Backward pass of layers [from, to) after a {@link forward} over the same rows and layers; writes `grads` for
   * those layers (the others are left as they are).
   */
  backward(rows: number, from = 0, to = this.layers.length): void {
    const P = this.params;
    const G = this.grads;
    const WT = this.WT;
    for (let l = to - 1; l >= from; l--) {
      const L = this.layers[l];
      const nIn = L.in;
      const nOut = L.out;
      const dZ = this.D[l + 1];
      const ew = this.ew;
      const mask = this.masks[l + 1];
      if (ew && L.activation === 'relu') {
        if (mask) ew.reluGradMask(dZ.byteOffset, this.H[l + 1].byteOffset, mask.byteOffset, rows * nOut);
        else ew.reluGrad(dZ.byteOffset, this.H[l + 1].byteOffset, rows * nOut);
      } else if (!(ew && L.activation === 'linear' && !mask)) {
        activationGradInPlace(dZ, this.H[l + 1], mask, rows * nOut, L.activation);
      }
      // dW = Xᵀ·dZ (in×out): A = X read down its columns.
      this.mm(nIn, nOut, rows, this.H[l], 0, 1, nIn, dZ, 0, nOut, G, L.w, nOut);
      if (ew) ew.colSums(dZ.byteOffset, rows, nOut, G.byteOffset + L.b * 8);
      else {
        for (let o = 0; o < nOut; o++) G[L.b + o] = 0;
        for (let r = 0; r < rows; r++) {
          const base = r * nOut;
          for (let o = 0; o < nOut; o++) G[L.b + o] += dZ[base + o];
        }
      }
      if (l > from) {
        // dX = dZ·Wᵀ (rows×in) on a transposed copy of W (out×in), so B is read along its rows.
        const t = this.wtOff[l];
        for (let i = 0; i < nIn; i++) for (let o = 0; o < nOut; o++) WT[t + o * nIn + i] = P[L.w + i * nOut + o];
        this.mm(rows, nIn, nOut, dZ, 0, nOut, 1, WT, t, nIn, this.D[l], 0, nIn);
      }
    }
  }

  /** Inference on a whole matrix through layers [from, to), in chunks of `chunk` rows. @returns rows × out. */
  predict(X: Matrix, from = 0, to = this.layers.length, chunk = 2048): Matrix {
    const nIn = this.layers[from].in;
    const nOut = this.layers[to - 1].out;
    const out = new Float64Array(X.rows * nOut);
    for (let start = 0; start < X.rows; start += chunk) {
      const rows = Math.min(chunk, X.rows - start);
      const x = this.inputBuffer(Math.min(chunk, X.rows), from);
      x.set(X.data.subarray(start * nIn, (start + rows) * nIn));
      out.set(this.forward(rows, from, to), start * nOut);
    }
    return { data: out, rows: X.rows, cols: nOut };
  }
}

/** y ← act(y + b) row by row (one loop per activation, so the hot ReLU/linear loops carry no branch on it). */
function activateInPlace(y: Float64Array, n: number, width: number, P: Float64Array, bOff: number, act: NeuralActivation): void {
  if (act === 'relu') {
    for (let r = 0; r < n; r += width) {
      for (let o = 0; o < width; o++) {
        const z = y[r + o] + P[bOff + o];
        y[r + o] = z > 0 ? z : 0;
      }
    }
    return;
  }
  for (let k = 0, o = bOff, end = bOff + width; k < n; k++) {
    const z = y[k] + P[o];
    if (++o === end) o = bOff;
    switch (act) {
      case 'elu': y[k] = z > 0 ? z : Math.exp(z) - 1; break;
      case 'tanh': y[k] = Math.tanh(z); break;
      case 'sigmoid': y[k] = 1 / (1 + Math.exp(-z)); break;
      default: y[k] = z;
    }
  }
}

/** d ← d ⊙ mask ⊙ act′, with act′ written in terms of the unmasked output y/mask. */
function activationGradInPlace(d: Float64Array, y: Float64Array, mask: Float64Array | null, n: number, act: NeuralActivation): void {
  if (mask && act === 'relu') {
    // Bit-identical to the general branch below: 0 where dropped; else m·relu′(y/m) is m when y > 0 (m > 0), else
    // m·0, and d·(m·0) = d·0 (sign of zero included).
    for (let k = 0; k < n; k++) {
      const m = mask[k];
      d[k] = m === 0 ? 0 : y[k] > 0 ? d[k] * m : d[k] * 0;
    }
    return;
  }
  if (mask) {
    for (let k = 0; k < n; k++) {
      const m = mask[k];
      if (m === 0) { d[k] = 0; continue; }
      d[k] *= m * derivative(y[k] / m, act);
    }
    return;
  }
  if (act === 'linear') return;
  if (act === 'relu') {
    for (let k = 0; k < n; k++) if (!(y[k] > 0)) d[k] = 0;
    return;
  }
  for (let k = 0; k < n; k++) d[k] *= derivative(y[k], act);
}

/** act′(z) from the output y = act(z). */
function derivative(y: number, act: NeuralActivation): number {
  switch (act) {
    case 'relu': return y > 0 ? 1 : 0;
    case 'elu': return y > 0 ? 1 : y + 1;
    case 'tanh': return 1 - y * y;
    case 'sigmoid': return y * (1 - y);
    default: return 1;
  }
}
