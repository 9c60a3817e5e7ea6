/**
 * The full-covariance Gaussian mixture's E and M steps on the WebAssembly SIMD matrix kernel over all cores
 * (internal engine of gmm.ts), as scikit-learn computes them: with the precision Cholesky factor U = L⁻ᵀ of each
 * covariance Σ = L·Lᵀ, the Mahalanobis term of row x is ‖x·U − μ·U‖² (one n×d by d×d product per component), and
 * the covariance is Wᵀ·W with W = √resp ⊙ (X − μ) (one d×n by n×d product per component), and Σ resp·x is
 * respᵀ·X; the element-wise loops around the products run in WebAssembly SIMD too (gmm-wasm-kernels.ts).
 *
 * Rows are cut into units of CH rows; each unit writes its partial sums (Σ log-sum-exp, Σ resp, Σ resp·x, and the
 * d×d covariance sums per component) to its own slot and the caller adds the slots in unit order, so the result does
 * not depend on the number of threads or on which thread ran which unit.
 *
 * Both products skip the zero half (U is upper triangular, the covariance symmetric).
 *
 * Complexity per EM iteration: about n·k·d² multiply-adds (about 8 G/s per core) + O(k·d³) factorizations; memory
 * n·dp·8 (a padded copy of X, dp = d rounded up to 4) + n·k·8 (responsibilities) + (n/CH)·k·d²·8 (unit partials)
 * + threads·(2·CH·dp + dp²)·8 bytes.
 */
import { createSharedWasmGemm, createWasmGemm } from '../neural/wasm-gemm';
import type { UnitHandler } from './parallel-handlers';
import { gmmKernelModule, gmmKernels, type SqDiffFn, type WDiffFn } from './gmm-wasm-kernels';
import { runUnits } from './parallel-pool';

/** Rows per unit (a multiple of KB). */
export const GMM_UNIT_ROWS = 512;
/** Rows per slice of the covariance products (keeps the strided panels in the L1 cache). */
const KB = 128;

type Gemm = (m: number, n: number, K: number, a: number, ai: number, ak: number, b: number, bk: number, c: number, cs: number) => void;

interface Layout {
  n: number; d: number; dp: number; k: number; nPad: number; units: number;
  xOff: number; uOff: number; muUOff: number; muOff: number; respOff: number; thrOff: number; thrBytes: number; bytes: number;
}

interface Payload {
  memory: WebAssembly.Memory;
  module: WebAssembly.Module | null;
  /** The element-wise SIMD loops (gmm-wasm-kernels.ts) for this memory. */
  kmod: WebAssembly.Module;
  L: Layout;
  /** k constants log w_j − ½(d·log 2π + log det Σ_j). */
  consts: Float64Array;
  /** Unit partials: Σ lse (units), Σ resp (units×k), Σ resp·x (units×k×d), covariance sums (units×k×d×d). */
  lse: Float64Array; nk: Float64Array; srx: Float64Array; cov: Float64Array;
}

interface State {
  p: Payload; F: Float64Array; gemm: Gemm; sqdiff: SqDiffFn; wdiff: WDiffFn;
  cOff: number; wOff: number; qOff: number; sOff: number; tOff: number;
}

function layout(n: number, d: number, k: number, threads: number): Layout {
  const CH = GMM_UNIT_ROWS;
  const dp = Math.ceil(d / 4) * 4;
  const units = Math.ceil(n / CH);
  const nPad = units * CH;
  const xOff = 0;
  const uOff = xOff + nPad * dp * 8;
  const muUOff = uOff + k * d * dp * 8;
  const muOff = muUOff + k * dp * 8;
  const respOff = muOff + k * dp * 8;
  const thrOff = respOff + nPad * k * 8;
  const k4 = Math.ceil(k / 4) * 4;
  const thrBytes = (2 * CH * dp + CH + k4 * dp + dp * dp) * 8;
  return { n, d, dp, k, nPad, units, xOff, uOff, muUOff, muOff, respOff, thrOff, thrBytes, bytes: thrOff + threads * thrBytes };
}

/** log w_j + log N(x_i | μ_j, Σ_j) for the unit's rows, into the responsibilities' region. */
function logProbUnit(st: State, u: number): void {
  const { p, F, gemm, cOff, qOff } = st;
  const { n, d, dp, k, xOff, uOff, muUOff, respOff } = p.L;
  const CH = GMM_UNIT_ROWS;
  const r0 = u * CH, rows = Math.min(CH, n - r0);
  const q0 = qOff / 8, rs0 = respOff / 8 + r0 * k;
  for (let j = 0; j < k; j++) {
    // C = X·U_j in column blocks of 16: U_j is upper triangular, so columns c..c+15 need its rows 0..c+15 only.
    for (let cb = 0; cb < dp; cb += 16) {
      const w = Math.min(16, dp - cb);
      gemm(CH, w, Math.min(d, cb + w), xOff + r0 * dp * 8, dp * 8, 8, uOff + (j * d * dp + cb) * 8, dp * 8, cOff + cb * 8, dp * 8);
    }
    st.sqdiff(cOff, rows, dp, muUOff + j * dp * 8, qOff);
    const cj = p.consts[j];
    for (let r = 0; r < rows; r++) F[rs0 + r * k + j] = cj - 0.5 * F[q0 + r];
  }
}

/** E step of one unit: log-probabilities, responsibilities, and the unit's partial sums. */
function eUnit(st: State, u: number): void {
  logProbUnit(st, u);
  const { p, F, gemm, sOff } = st;
  const { n, d, dp, k, xOff, respOff } = p.L;
  const CH = GMM_UNIT_ROWS;
  const r0 = u * CH, rows = Math.min(CH, n - r0);
  const rs0 = respOff / 8 + r0 * k;
  let lseSum = 0;
  const nk = p.nk, srx = p.srx;
  const nkO = u * k, srxO = u * k * d;
  for (let j = 0; j < k; j++) nk[nkO + j] = 0;
  for (let r = 0; r < rows; r++) {
    const o = rs0 + r * k;
    let m = -Infinity;
    for (let j = 0; j < k; j++) if (F[o + j] > m) m = F[o + j];
    let s = 0;
    for (let j = 0; j < k; j++) s += Math.exp(F[o + j] - m);
    const lse = m === -Infinity ? -Infinity : m + Math.log(s);
    lseSum += lse;
    for (let j = 0; j < k; j++) {
      const w = Math.exp(F[o + j] - lse);
      F[o + j] = w;
      nk[nkO + j] += w;
    }
  }
  p.lse[u] = lseSum;
  // Σ resp·x of the unit = respᵀ·X (k×dp): A = the responsibilities read transposed, rows rounded up to 4 (the extra
  // rows read the next entries and are discarded; rows of X past n are zeros, as are their responsibilities).
  const k4 = Math.ceil(k / 4) * 4;
  gemm(k4, dp, CH, respOff + r0 * k * 8, 8, k * 8, xOff + r0 * dp * 8, dp * 8, sOff, dp * 8);
  const s0 = sOff / 8;
  for (let j = 0; j < k; j++) for (let t = 0; t < d; t++) srx[srxO + j * d + t] = F[s0 + j * dp + t];
}

/** M step (covariance sums) of one unit: for each component, Wᵀ·W with W = √resp ⊙ (X − μ) over the unit's rows. */
function covUnit(st: State, u: number): void {
  const { p, F, gemm, wOff, tOff } = st;
  const { n, d, dp, k, xOff, muOff, respOff } = p.L;
  const CH = GMM_UNIT_ROWS;
  const r0 = u * CH, rows = Math.min(CH, n - r0);
  const w0 = wOff / 8, t0 = tOff / 8;
  const cov = p.cov;
  if (rows < CH) F.fill(0, w0 + rows * dp, w0 + CH * dp);
  for (let j = 0; j < k; j++) {
    st.wdiff(xOff + r0 * dp * 8, rows, dp, muOff + j * dp * 8, respOff + (r0 * k + j) * 8, k * 8, wOff);
    // Lower triangle of T (dp×dp) = Wᵀ·W in row blocks of 16: A = W read transposed (element (a, i) at i·dp + a),
    // B = W (row i, column b); block ab needs columns 0..ab+15 only. The rows go in slices of KB so that the strided
    // column panels stay in the L1 cache; the slices' products are added in order.
    const co = (u * k + j) * d * d;
    for (let sb = 0; sb < CH; sb += KB) {
      const ws = wOff + sb * dp * 8;
      for (let ab = 0; ab < dp; ab += 16) {
        const m = Math.min(16, dp - ab);
        gemm(m, ab + m, KB, ws + ab * 8, 8, dp * 8, ws, dp * 8, tOff + ab * dp * 8, dp * 8);
      }
      if (sb === 0) for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) cov[co + a * d + b] = F[t0 + a * dp + b];
      else for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) cov[co + a * d + b] += F[t0 + a * dp + b];
    }
  }
}

const init = (payload: unknown, slot: number, gemm?: Gemm): State => {
  const p = payload as Payload;
  const g = gemm ?? (new WebAssembly.Instance(p.module as WebAssembly.Module, { env: { memory: p.memory } }).exports.gemm as Gemm);
  const kern = gmmKernels(p.kmod, p.memory);
  const base = p.L.thrOff + slot * p.L.thrBytes;
  const CH = GMM_UNIT_ROWS, dp = p.L.dp, k4 = Math.ceil(p.L.k / 4) * 4;
  const cOff = base, wOff = cOff + CH * dp * 8, qOff = wOff + CH * dp * 8, sOff = qOff + CH * 8, tOff = sOff + k4 * dp * 8;
  return { p, F: new Float64Array(p.memory.buffer), gemm: g, sqdiff: kern.sqdiff, wdiff: kern.wdiff, cOff, wOff, qOff, sOff, tOff };
};

/** Handlers of the pool's 'gmm-logp', 'gmm-e' and 'gmm-cov' jobs. */
export const GMM_HANDLERS: Record<string, UnitHandler> = {
  'gmm-logp': { init, unit: (s, u) => logProbUnit(s as State, u) },
  'gmm-e': { init, unit: (s, u) => eUnit(s as State, u) },
  'gmm-cov': { init, unit: (s, u) => covUnit(s as State, u) },
};

/** Result of an E step. */
export interface GmmEStep {
  /** Mean over rows of log Σ_j w_j N(x | μ_j, Σ_j). */
  meanLogLik: number;
  /** Σ_i resp_ij (k). */
  nk: Float64Array;
  /** Σ_i resp_ij x_i (k×d). */
  sumRespX: Float64Array;
}

/** The E and M steps of a full-covariance mixture on fixed data X (n×d). */
export class FullGmmTiles {
  private readonly p: Payload;
  private readonly gemm: Gemm;
  private readonly threads: number;
  private readonly F: Float64Array;

  private constructor(p: Payload, gemm: Gemm, threads: number) {
    this.p = p;
    this.gemm = gemm;
    this.threads = threads;
    this.F = new Float64Array(p.memory.buffer);
  }

  /** Copy X into a new kernel memory; null without WebAssembly SIMD (or shared memories when threads > 1). */
  static create(X: Float64Array, n: number, d: number, k: number, threads: number): FullGmmTiles | null {
    const th = Math.max(1, Math.min(threads, Math.ceil(n / GMM_UNIT_ROWS)));
    const L = layout(n, d, k, th);
    const kern = th > 1 ? createSharedWasmGemm(L.bytes) : createWasmGemm(L.bytes);
    const kmod = gmmKernelModule(th > 1);
    if (!kern || !kmod) return null;
    const F = new Float64Array(kern.memory.buffer);
    for (let i = 0; i < n; i++) F.set(X.subarray(i * d, i * d + d), L.xOff / 8 + i * L.dp);
    const sab = (len: number): Float64Array => new Float64Array(th > 1 ? new SharedArrayBuffer(8 * len) : new ArrayBuffer(8 * len));
    const p: Payload = {
      memory: kern.memory, module: 'module' in kern ? (kern.module as WebAssembly.Module) : null, kmod, L,
      consts: sab(k), lse: sab(L.units), nk: sab(L.units * k), srx: sab(L.units * k * d), cov: sab(L.units * k * d * d),
    };
    return new FullGmmTiles(p, kern.gemm, th);
  }

  private run(kind: string): void {
    const { units } = this.p.L;
    if (this.threads === 1) {
      const st = init(this.p, 0, this.gemm);
      const h = GMM_HANDLERS[kind];
      for (let u = 0; u < units; u++) h.unit(st, u);
    } else runUnits(kind, this.p, units, this.threads);
  }

  /**
   * Load the parameters: weights (k), means (k×d) and lower Cholesky factors L_j of the covariances (d×d each).
   * Computes U_j = L_j⁻ᵀ, μ_j·U_j and the constants. O(k·d³).
   */
  setParams(weights: Float64Array, means: Float64Array, chol: Float64Array[]): void {
    const { d, dp, k, uOff, muUOff, muOff } = this.p.L;
    const F = this.F;
    const inv = new Float64Array(d * d);
    const c0 = d * Math.log(2 * Math.PI);
    for (let j = 0; j < k; j++) {
      const L = chol[j];
      // inv = L⁻¹ (lower triangular), column by column by forward substitution.
      inv.fill(0);
      let logDet = 0;
      for (let c = 0; c < d; c++) {
        for (let i = c; i < d; i++) {
          let s = i === c ? 1 : 0;
          for (let t = c; t < i; t++) s -= L[i * d + t] * inv[t * d + c];
          inv[i * d + c] = s / L[i * d + i];
        }
        logDet += Math.log(L[c * d + c]);
      }
      // U = inv ᵀ, stored row t (the K index) × column c, padded to dp columns.
      const uo = uOff / 8 + j * d * dp;
      for (let t = 0; t < d; t++) {
        for (let c = 0; c < dp; c++) F[uo + t * dp + c] = c < d ? inv[c * d + t] : 0;
      }
      const mo = muOff / 8 + j * dp, muo = muUOff / 8 + j * dp;
      for (let t = 0; t < dp; t++) F[mo + t] = t < d ? means[j * d + t] : 0;
      for (let c = 0; c < dp; c++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += means[j * d + t] * F[uo + t * dp + c];
        F[muo + c] = s;
      }
      this.p.consts[j] = Math.log(weights[j]) - 0.5 * (c0 + 2 * logDet);
    }
  }

  /** E step with the loaded parameters: responsibilities (kept for the M step) and the sums. */
  eStep(): GmmEStep {
    const { n, d, k, units } = this.p.L;
    this.run('gmm-e');
    const nk = new Float64Array(k), sumRespX = new Float64Array(k * d);
    let lse = 0;
    for (let u = 0; u < units; u++) {
      lse += this.p.lse[u];
      for (let j = 0; j < k; j++) nk[j] += this.p.nk[u * k + j];
      for (let t = 0; t < k * d; t++) sumRespX[t] += this.p.srx[u * k * d + t];
    }
    return { meanLogLik: lse / n, nk, sumRespX };
  }

  /** Σ_i resp_ij (x_i − μ_j)(x_i − μ_j)ᵀ for each component (k×d×d, lower triangle only), with the given means. */
  covarianceSums(means: Float64Array): Float64Array {
    const { d, dp, k, units, muOff } = this.p.L;
    const F = this.F;
    for (let j = 0; j < k; j++) for (let t = 0; t < dp; t++) F[muOff / 8 + j * dp + t] = t < d ? means[j * d + t] : 0;
    this.run('gmm-cov');
    const out = new Float64Array(k * d * d);
    for (let u = 0; u < units; u++) {
      const o = u * k * d * d;
      for (let t = 0; t < out.length; t++) out[t] += this.p.cov[o + t];
    }
    return out;
  }

  /** log w_j + log N(x_i | μ_j, Σ_j) of every row (n×k) with the loaded parameters. */
  weightedLogProb(): Float64Array {
    this.run('gmm-logp');
    return this.responsibilities();
  }

  /** Set the responsibilities (n×k row-major), e.g. from an initial labelling. */
  setResponsibilities(resp: Float64Array): void {
    const { n, k, respOff } = this.p.L;
    this.F.set(resp.subarray(0, n * k), respOff / 8);
  }

  /** A copy of the responsibilities after the last E step (n×k). */
  responsibilities(): Float64Array {
    const { n, k, respOff } = this.p.L;
    return this.F.slice(respOff / 8, respOff / 8 + n * k);
  }

  /** Σ_i resp_ij and Σ_i resp_ij x_i of the loaded responsibilities (for an M step without a preceding E step). */
  respSums(): { nk: Float64Array; sumRespX: Float64Array } {
    const { n, d, dp, k, respOff, xOff } = this.p.L;
    const F = this.F;
    const nk = new Float64Array(k), s = new Float64Array(k * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        const w = F[respOff / 8 + i * k + j];
        if (w === 0) continue;
        nk[j] += w;
        for (let t = 0; t < d; t++) s[j * d + t] += w * F[xOff / 8 + i * dp + t];
      }
    }
    return { nk, sumRespX: s };
  }
}
