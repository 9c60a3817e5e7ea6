/**
 * K-Means steps on the SIMD dot kernel (kmeans-dot-kernel.ts), EXACT: the same labels, centres, inertia and
 * iteration counts as the direct-form reference kernels (lloydRun, hamerlyRun, kmeansPlusPlusInit).
 * Distances are first estimated as ‖x‖² + ‖c‖² − 2x·c with an error bound e (|estimate − direct| ≤ e); a decision is
 * taken from the estimates only when no other candidate lies within the bound, otherwise the candidates are
 * recomputed in the direct form (sqDistRC) and the reference rule (lowest distance, lowest index on ties) applies.
 * Internal: not re-exported by the package index.
 */
import { ValidationError } from '../core/errors';
import { DOT_CHUNK, DotKernel, dotErrorScale } from './kmeans-dot-kernel';
import {
  KMeansRun, centerShifts, centersFromSums, diameterScale, inertiaOf, newCenterState, shiftHamerlyBounds, sqDistRC, syncSums,
} from './kmeans-common';

/** What the dot kernel needs besides X: per-row squared norms and their square roots. */
export interface FastData {
  X: Float64Array;
  n: number;
  d: number;
  kern: DotKernel;
  /** ‖x_i‖². */
  xn: Float64Array;
  /** ‖x_i‖. */
  xs: Float64Array;
  /** dotErrorScale(d). */
  eps: number;
}

/** Uniform draws in the order k-means++ consumes them (an Rng, or a replay of pre-drawn values). */
export interface UniformSource {
  random(): number;
  int(n: number): number;
}

/** Squared norms of the k centres into cn; returns max ‖c‖. O(k·d). */
function centerNorms(C: Float64Array, k: number, d: number, cn: Float64Array): number {
  let mx = 0;
  for (let j = 0; j < k; j++) {
    let s = 0;
    const o = j * d;
    for (let t = 0; t < d; t++) s += C[o + t] * C[o + t];
    cn[j] = s;
    if (s > mx) mx = s;
  }
  return Math.sqrt(mx);
}

/**
 * Exact nearest centre of the m rows listed in kern.idx (centres already loaded in the kernel). Optionally writes
 * Hamerly bounds: upper ≥ distance to the chosen centre, lower ≤ distance to every other centre (both in the direct
 * form's values). O(m·k·d) in the kernel, plus O(d) per ambiguous candidate.
 */
function assignListed(
  f: FastData, m: number, C: Float64Array, k: number, cn: Float64Array, cmax: number,
  labels: Int32Array, upper: Float64Array | null, lower: Float64Array | null,
): void {
  const { X, d, kern, xn, xs, eps } = f;
  kern.run(m);
  // v_j = ‖c_j‖² − 2x·c_j: the estimate minus ‖x‖², which is the same for every centre; smallest two per row.
  kern.cn.set(cn.subarray(0, k));
  kern.argmin2(m, k);
  const res = kern.res;
  const out = kern.out;
  const st = kern.stride;
  const idx = kern.idx;
  for (let r = 0; r < m; r++) {
    const i = idx[r];
    const o = r * st;
    const m1 = res[3 * r], m2 = res[3 * r + 1], j1 = res[3 * r + 2];
    const g = xs[i] + cmax;
    const e = eps * g * g;
    const thr = m1 + 2 * e;
    let best = j1;
    if (m2 <= thr) {
      // Another centre is within the error bound: decide in the direct form (lowest distance, lowest index on ties).
      let bestD = Infinity;
      for (let j = 0; j < k; j++) {
        if (cn[j] - 2 * out[o + j] > thr) continue;
        const s = sqDistRC(X, i, C, j, d);
        if (s < bestD) { bestD = s; best = j; }
      }
      if (upper !== null && lower !== null) {
        let second = Infinity;
        for (let j = 0; j < k; j++) {
          const v = cn[j] - 2 * out[o + j];
          if (j !== best && v < second) second = v;
        }
        upper[i] = Math.sqrt(bestD);
        const lo = xn[i] + second - e;
        lower[i] = lo > 0 ? Math.sqrt(lo) : 0;
      }
    } else if (upper !== null && lower !== null) {
      upper[i] = Math.sqrt(xn[i] + m1 + e);
      const lo = xn[i] + m2 - e;
      lower[i] = lo > 0 ? Math.sqrt(lo) : 0;
    }
    labels[i] = best;
  }
}

/** Exact nearest centre of every row (as assignAll), optionally with Hamerly bounds. O(n·k·d). */
function assignAllFast(
  f: FastData, C: Float64Array, k: number, cn: Float64Array, labels: Int32Array,
  upper: Float64Array | null = null, lower: Float64Array | null = null,
): void {
  const { kern, n, d } = f;
  kern.setCenters(C, k);
  const cmax = centerNorms(C, k, d, cn);
  const idx = kern.idx;
  for (let s = 0; s < n; s += DOT_CHUNK) {
    const m = Math.min(DOT_CHUNK, n - s);
    for (let r = 0; r < m; r++) idx[r] = s + r;
    assignListed(f, m, C, k, cn, cmax, labels, upper, lower);
  }
}

/** Same contract and the same result as lloydRun, on the dot kernel (f.kern must hold X and room for k centres). */
export function lloydFastRun(f: FastData, init: Float64Array, k: number, maxIter: number, tolAbs: number): KMeansRun {
  const { X, n, d } = f;
  let C = Float64Array.from(init);
  let Cn = new Float64Array(k * d);
  const cs = newCenterState(n, k, d);
  const shift2 = new Float64Array(k);
  const cn = new Float64Array(k);
  const labels = new Int32Array(n).fill(-1);
  let strict = false;
  let it = 0;
  for (; it < maxIter; it++) {
    assignAllFast(f, C, k, cn, labels);
    const changed = syncSums(X, n, d, labels, cs.synced, cs.sums, cs.counts);
    centersFromSums(X, n, d, k, labels, cs.sums, cs.counts, C, Cn);
    const tot = centerShifts(C, Cn, k, d, shift2);
    const t = C; C = Cn; Cn = t;
    if (changed === 0) { strict = true; break; }
    if (tot <= tolAbs) break;
  }
  const converged = it < maxIter;
  const nIter = Math.min(it + 1, maxIter);
  if (!strict) assignAllFast(f, C, k, cn, labels);
  return { labels, centers: C, inertia: inertiaOf(X, n, C, d, labels), nIter, converged };
}

/**
 * Same contract and the same result as hamerlyRun (hence as lloydRun), on the dot kernel: rows whose bounds cannot
 * exclude a change are gathered and assigned DOT_CHUNK at a time.
 */
export function hamerlyFastRun(f: FastData, init: Float64Array, k: number, maxIter: number, tolAbs: number, margin?: number): KMeansRun {
  const { X, n, d, kern } = f;
  let C = Float64Array.from(init);
  let Cn = new Float64Array(k * d);
  const cs = newCenterState(n, k, d);
  const shift2 = new Float64Array(k);
  const s = new Float64Array(k);
  const cn = new Float64Array(k);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const labels = new Int32Array(n).fill(-1);
  const mg = margin ?? 1e-10 * diameterScale(X, n, d);

  const boundedAssign = (): void => {
    for (let j = 0; j < k; j++) {
      let mn = Infinity;
      for (let j2 = 0; j2 < k; j2++) {
        if (j2 === j) continue;
        const v = sqDistRC(C, j, C, j2, d);
        if (v < mn) mn = v;
      }
      s[j] = 0.5 * Math.sqrt(mn);
    }
    kern.setCenters(C, k);
    const cmax = centerNorms(C, k, d, cn);
    const idx = kern.idx;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const lab = labels[i];
      const li = lower[i];
      const bound = s[lab] > li ? s[lab] : li;
      if (upper[i] + mg < bound) continue;
      upper[i] = Math.sqrt(sqDistRC(X, i, C, lab, d));
      if (upper[i] + mg < bound) continue;
      idx[m++] = i;
      if (m === DOT_CHUNK) { assignListed(f, m, C, k, cn, cmax, labels, upper, lower); m = 0; }
    }
    assignListed(f, m, C, k, cn, cmax, labels, upper, lower);
  };

  let strict = false;
  let it = 0;
  for (; it < maxIter; it++) {
    if (it === 0) assignAllFast(f, C, k, cn, labels, upper, lower);
    else boundedAssign();
    const changed = syncSums(X, n, d, labels, cs.synced, cs.sums, cs.counts);
    centersFromSums(X, n, d, k, labels, cs.sums, cs.counts, C, Cn);
    const tot = centerShifts(C, Cn, k, d, shift2);
    const t = C; C = Cn; Cn = t;
    shiftHamerlyBounds(shift2, k, labels, upper, lower, n);
    if (changed === 0) { strict = true; break; }
    if (tot <= tolAbs) break;
  }
  const converged = it < maxIter;
  const nIter = Math.min(it + 1, maxIter);
  if (!strict) boundedAssign();
  return { labels, centers: C, inertia: inertiaOf(X, n, C, d, labels), nIter, converged };
}

/**
 * Greedy k-means++ seeding on the dot kernel: the same draws, candidates, potentials (bit for bit, summed in the same
 * order) and centres as kmeansPlusPlusInit. For each step, all 2 + ⌊ln k⌋ candidates are evaluated in one pass
 * over the rows on dot-kernel estimates, which give each candidate's potential within a stated bound; when the best
 * candidate is certain from them, only its distances are recomputed in the direct form (where they may be below the
 * row's current closest distance), else every candidate's are. O(n·d·k·(2+ln k)) time (in the kernel),
 * O(n·(2+ln k)) memory.
 * @throws ValidationError when X has fewer than k distinct rows.
 */
export function kmeansPlusPlusFast(f: FastData, k: number, draws: UniformSource, nLocalTrials?: number): Float64Array {
  const { X: data, n, d, kern, xn, xs, eps } = f;
  const trials = nLocalTrials ?? 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k * d);
  let closest: Float64Array = new Float64Array(n);
  const cum = new Float64Array(n);
  const bufs: Float64Array[] = [];
  for (let t = 0; t < trials; t++) bufs.push(new Float64Array(n));
  if (trials > 31) throw new ValidationError(`nLocalTrials=${trials} should be at most 31`);
  const pots = new Float64Array(trials);
  const ids = new Int32Array(trials);
  const cand = new Float64Array(trials * d);
  const cn = new Float64Array(trials);
  const errs = new Float64Array(trials);
  const flags = new Int32Array(n);
  const first = draws.int(n);
  centers.set(data.subarray(first * d, first * d + d), 0);
  let pot = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = sqDistRC(data, i, centers, 0, d);
    pot += closest[i];
  }
  const idx = kern.idx;
  for (let c = 1; c < k; c++) {
    if (!(pot > 0)) {
      throw new ValidationError(`X has only ${c} distinct rows, fewer than k=${k}: lower k or deduplicate the rows`);
    }
    let acc = 0;
    for (let i = 0; i < n; i++) { acc += closest[i]; cum[i] = acc; }
    for (let t = 0; t < trials; t++) {
      let id = searchLeft(cum, draws.random() * pot);
      if (id > n - 1) id = n - 1;
      ids[t] = id;
      cand.set(data.subarray(id * d, id * d + d), t * d);
    }
    kern.setCenters(cand, trials);
    const cmax = centerNorms(cand, trials, d, cn);
    const st = kern.stride;
    // Pass 1, estimates only: a trial's potential Σ_i min(closest_i, d_it) from the dot-kernel values, with its
    // error bound (Σ of the per-row bounds wherever the estimate was used); flags[i] marks the trials that may be
    // closer than closest_i (the rows whose exact value may differ from closest_i).
    pots.fill(0);
    errs.fill(0);
    for (let s0 = 0; s0 < n; s0 += DOT_CHUNK) {
      const m = Math.min(DOT_CHUNK, n - s0);
      for (let r = 0; r < m; r++) idx[r] = s0 + r;
      kern.run(m);
      const out = kern.out;
      for (let r = 0; r < m; r++) {
        const i = s0 + r;
        const ci = closest[i];
        const g = xs[i] + cmax;
        const e = eps * g * g;
        const xi = xn[i];
        const o = r * st;
        let fl = 0;
        for (let t = 0; t < trials; t++) {
          const est = xi + cn[t] - 2 * out[o + t];
          if (est - e <= ci) {
            fl |= 1 << t;
            pots[t] += est < ci ? est : ci;
            errs[t] += e;
          } else pots[t] += ci;
        }
        flags[i] = fl;
      }
    }
    // The reference picks the lowest exact potential (first on ties). When the lowest estimate is separated from every
    // other by more than both error bounds, that order is certain and only its trial needs exact values.
    let bt = 0;
    for (let t = 1; t < trials; t++) if (pots[t] < pots[bt]) bt = t;
    let certain = true;
    for (let t = 0; t < trials && certain; t++) if (t !== bt && !(pots[bt] + errs[bt] < pots[t] - errs[t])) certain = false;
    const exactTrial = (t: number, outBuf: Float64Array): number => {
      const bit = 1 << t;
      const id = ids[t];
      let p = 0;
      for (let i = 0; i < n; i++) {
        const ci = closest[i];
        let v = ci;
        if (flags[i] & bit) { const sd = sqDistRC(data, i, data, id, d); if (sd < ci) v = sd; }
        outBuf[i] = v;
        p += v;
      }
      return p;
    };
    if (certain) {
      pot = exactTrial(bt, bufs[0]);
    } else {
      // Ambiguous: exact potentials of every trial (summed in row order, as the reference).
      for (let t = 0; t < trials; t++) pots[t] = exactTrial(t, bufs[t]);
      bt = 0;
      for (let t = 1; t < trials; t++) if (pots[t] < pots[bt]) bt = t;
      pot = pots[bt];
      if (bt !== 0) { const tmp = bufs[0]; bufs[0] = bufs[bt]; bufs[bt] = tmp; }
    }
    const best = bufs[0];
    bufs[0] = closest;
    closest = best;
    centers.set(data.subarray(ids[bt] * d, ids[bt] * d + d), c * d);
  }
  return centers;
}

/** First index i with cum[i] >= v (numpy searchsorted side='left'); n when none. */
export function searchLeft(cum: Float64Array, v: number): number {
  let lo = 0;
  let hi = cum.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] < v) lo = mid + 1; else hi = mid;
  }
  return lo;
}

let threadKernel: DotKernel | null = null;

/**
 * Load X into this thread's dot kernel (one per thread, reused across calls; its memory grows to the largest X seen
 * and is kept) and compute the row norms. O(n·d).
 */
export function prepareFast(X: Float64Array, n: number, d: number, maxCenters: number): FastData {
  if (threadKernel === null) threadKernel = new DotKernel();
  threadKernel.setData(X, n, d, maxCenters);
  const xn = new Float64Array(n);
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * d;
    for (let t = 0; t < d; t++) s += X[o + t] * X[o + t];
    xn[i] = s;
    xs[i] = Math.sqrt(s);
  }
  return { X, n, d, kern: threadKernel, xn, xs, eps: dotErrorScale(d) };
}
