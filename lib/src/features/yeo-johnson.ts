/**
 * YeoJohnsonTransformer: the Yeo–Johnson power transform with λ per column chosen by maximum likelihood, as
 * scikit-learn's `PowerTransformer(method='yeo-johnson')` (Yeo & Johnson 2000, Biometrika 87(4)).
 *
 *   ψ(x, λ) = ((x + 1)^λ − 1) / λ              x ≥ 0, λ ≠ 0      log1p(x)     x ≥ 0, λ = 0
 *   ψ(x, λ) = −((1 − x)^(2−λ) − 1) / (2 − λ)    x < 0, λ ≠ 2      −log1p(−x)   x < 0, λ = 2
 *
 * λ maximizes the profile log-likelihood ℓ(λ) = −n/2 · log σ²(ψ(x, λ)) + (λ − 1) Σ sign(x) log1p(|x|), σ² the
 * population variance (the same objective scikit-learn minimizes with Brent's method). Here: a scan of λ over
 * [−10, 10] in steps of 0.5, then Brent's method in the best cell (tolerance 1e-9). Repeated values are collapsed
 * into (value, count) pairs first, which makes integer columns (counts, durations) cheap.
 */
import { ValidationError } from '../core/errors';
import type { Column, Table } from '../data/table';
import { decodeNumbers, encodeNumbers, expectType, type JsonNumber } from './json';
import { columnSkewness } from './skewness';
import type { ColumnSelector, StepJSON } from './types';
import { BaseStep, numericOf, resolveSelector, sortedFinite, spliceColumns } from './util';

/** Options of {@link YeoJohnsonTransformer}. */
export interface YeoJohnsonOptions {
  /** Candidate columns. Default every numeric column. */
  columns: ColumnSelector;
  /** Standardize the output to mean 0, std 1 (population), as scikit-learn's default. Default true. */
  standardize: boolean;
  /**
   * Transform only candidates whose |skewness| at fit time is >= this (and that have more than 2 distinct values,
   * so 0/1 flags are left alone); null transforms every candidate. Default null.
   */
  minAbsSkew: number | null;
}

/** Defaults of {@link YeoJohnsonOptions}. */
export const DEFAULT_YEO_JOHNSON_OPTIONS: YeoJohnsonOptions = { columns: 'numeric', standardize: true, minAbsSkew: null };

const EPS = 2.220446049250313e-16; // numpy.spacing(1.0), scikit-learn's switch to the log branches

/** ψ(x, λ): the Yeo–Johnson transform of one value. NaN stays NaN. */
export function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0) return Math.abs(lambda) < EPS ? Math.log1p(x) : (Math.exp(lambda * Math.log1p(x)) - 1) / lambda;
  if (x < 0) return Math.abs(lambda - 2) > EPS ? -(Math.exp((2 - lambda) * Math.log1p(-x)) - 1) / (2 - lambda) : -Math.log1p(-x);
  return NaN;
}

/**
 * The Yeo–Johnson profile log-likelihood ℓ(λ) of `values` (NaN ignored), as defined in the module comment.
 * Complexity: O(n).
 */
export function yeoJohnsonLogLikelihood(values: ArrayLike<number>, lambda: number): number {
  const u = uniqueCounts(values);
  return weightedLogLik(u.values, u.counts, u.logs, u.n, lambda);
}

/**
 * The maximum-likelihood λ of `values` (NaN ignored).
 * Complexity: O(u · e) for u distinct values and e ≈ 70 likelihood evaluations, plus O(n log n) to sort.
 * @throws ValidationError when fewer than 2 distinct values are observed.
 */
export function yeoJohnsonLambda(values: ArrayLike<number>): number {
  const u = uniqueCounts(values);
  if (u.values.length < 2) throw new ValidationError(`yeoJohnsonLambda: need at least 2 distinct observed values, got ${u.values.length}`);
  const f = (l: number) => -weightedLogLik(u.values, u.counts, u.logs, u.n, l);
  let best = 0;
  let bestF = Infinity;
  for (let l = -10; l <= 10 + 1e-12; l += 0.5) {
    const v = f(l);
    if (v < bestF) { bestF = v; best = l; }
  }
  return brentMinimize(f, Math.max(-10, best - 0.5), Math.min(10, best + 0.5), 1e-9);
}

interface Unique { values: Float64Array; counts: Float64Array; logs: Float64Array; n: number }

function uniqueCounts(values: ArrayLike<number>): Unique {
  const s = sortedFinite(Float64Array.from(values));
  let m = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) m++;
  const vals = new Float64Array(m);
  const counts = new Float64Array(m);
  let k = -1;
  for (let i = 0; i < s.length; i++) {
    if (i === 0 || s[i] !== s[i - 1]) { k++; vals[k] = s[i]; }
    counts[k]++;
  }
  const logs = new Float64Array(m);
  for (let j = 0; j < m; j++) logs[j] = Math.log1p(Math.abs(vals[j]));
  return { values: vals, counts, logs, n: s.length };
}

function weightedLogLik(x: Float64Array, w: Float64Array, logs: Float64Array, n: number, lambda: number): number {
  let s = 0;
  let ss = 0;
  let sl = 0;
  const pos = Math.abs(lambda) >= EPS;
  const neg = Math.abs(lambda - 2) > EPS;
  // shift by ψ of the first value to keep the one-pass variance accurate
  let shift = NaN;
  for (let j = 0; j < x.length; j++) {
    const xj = x[j];
    const lj = logs[j];
    let t: number;
    if (xj >= 0) { t = pos ? (Math.exp(lambda * lj) - 1) / lambda : lj; sl += w[j] * lj; }
    else { t = neg ? -(Math.exp((2 - lambda) * lj) - 1) / (2 - lambda) : -lj; sl -= w[j] * lj; }
    if (Number.isNaN(shift)) shift = t;
    const d = t - shift;
    s += w[j] * d;
    ss += w[j] * d * d;
  }
  const mean = s / n;
  const variance = ss / n - mean * mean;
  if (!(variance > 1e-300) || !Number.isFinite(variance)) return -Infinity;
  return (-n / 2) * Math.log(variance) + (lambda - 1) * sl;
}

/** Brent's method for a minimum of f on [a, b] (Brent 1973, ch. 5; golden section with parabolic steps). */
function brentMinimize(f: (x: number) => number, a: number, b: number, tol: number): number {
  const golden = 0.3819660112501051;
  let x = a + golden * (b - a);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let iter = 0; iter < 200; iter++) {
    const m = 0.5 * (a + b);
    const tol1 = tol * Math.abs(x) + 1e-12;
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) { e = (x < m ? b : a) - x; d = golden * e; }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    if (fu <= fx) {
      if (u < x) b = x; else a = x;
      v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
    } else {
      if (u < x) a = u; else b = u;
      if (fu <= fw || w === x) { v = w; fv = fw; w = u; fw = fu; }
      else if (fu <= fv || v === x || v === w) { v = u; fv = fu; }
    }
  }
  return x;
}

/**
 * Yeo–Johnson transform per column with maximum-likelihood λ (see the module comment), optionally standardized.
 * Missing values are ignored at fit time and stay NaN. A column with fewer than 2 distinct values is left
 * unchanged (listed in `skippedColumns`).
 * Complexity: fit O(n log n + u·e) per column (see {@link yeoJohnsonLambda}), transform O(n) per column.
 * @example new YeoJohnsonTransformer({standardize: false}).fit(t).lambdas // {x: 1} for symmetric x = [−2, −1, 0, 1, 2]
 */
export class YeoJohnsonTransformer extends BaseStep {
  readonly stepName = 'YeoJohnsonTransformer';
  readonly options: YeoJohnsonOptions;
  private names: string[] = [];
  private lambda: Float64Array = new Float64Array(0);
  private mean: Float64Array = new Float64Array(0);
  private std: Float64Array = new Float64Array(0);
  private skipped: string[] = [];

  constructor(options: Partial<YeoJohnsonOptions> = {}) {
    super();
    this.options = { ...DEFAULT_YEO_JOHNSON_OPTIONS, ...options };
  }

  /** Fitted λ per transformed column. */
  get lambdas(): Record<string, number> {
    this.checkFitted();
    return Object.fromEntries(this.names.map((n, j) => [n, this.lambda[j]]));
  }
  /** Candidate columns left unchanged (not skewed enough, binary, or constant). */
  get skippedColumns(): readonly string[] { this.checkFitted(); return this.skipped; }

  fit(table: Table): this {
    this.checkTable(table);
    const candidates = resolveSelector(table, this.options.columns, this.stepName);
    const names: string[] = [];
    const lambdas: number[] = [];
    const means: number[] = [];
    const stds: number[] = [];
    const skipped: string[] = [];
    for (const name of candidates) {
      const v = numericOf(table, name, this.stepName).values;
      const distinct = countDistinct(v, 3);
      if (distinct === 0) throw new ValidationError(`YeoJohnsonTransformer: column "${name}" has no observed value (all ${table.nRows} missing)`);
      const min = this.options.minAbsSkew;
      if (distinct < 2 || (min !== null && (distinct < 3 || !(Math.abs(columnSkewness(v)) >= min)))) { skipped.push(name); continue; }
      const l = yeoJohnsonLambda(v);
      names.push(name);
      lambdas.push(l);
      let s = 0;
      let ss = 0;
      let n = 0;
      for (let i = 0; i < v.length; i++) {
        if (Number.isNaN(v[i])) continue;
        const t = yeoJohnson(v[i], l);
        s += t; n++;
      }
      const mu = s / n;
      for (let i = 0; i < v.length; i++) {
        if (Number.isNaN(v[i])) continue;
        const d = yeoJohnson(v[i], l) - mu;
        ss += d * d;
      }
      const sd = Math.sqrt(ss / n);
      means.push(mu);
      stds.push(sd > 0 && Number.isFinite(sd) ? sd : 1);
    }
    this.names = names;
    this.lambda = Float64Array.from(lambdas);
    this.mean = Float64Array.from(means);
    this.std = Float64Array.from(stds);
    this.skipped = skipped;
    this.isFitted = true;
    return this;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const replace = new Map<string, Column[]>();
    const standardize = this.options.standardize;
    this.names.forEach((name, j) => {
      const src = numericOf(table, name, this.stepName).values;
      const l = this.lambda[j];
      const mu = this.mean[j];
      const sd = this.std[j];
      const out = new Float64Array(src.length);
      for (let i = 0; i < out.length; i++) {
        const t = yeoJohnson(src[i], l);
        out[i] = standardize ? (t - mu) / sd : t;
      }
      replace.set(name, [{ kind: 'numeric', name, values: out }]);
    });
    return spliceColumns(table, replace);
  }

  toJSON(): StepJSON {
    return {
      type: 'YeoJohnsonTransformer', options: this.options,
      state: this.isFitted
        ? { names: this.names, lambdas: encodeNumbers(this.lambda), means: encodeNumbers(this.mean), stds: encodeNumbers(this.std), skipped: this.skipped }
        : null,
    };
  }

  static fromJSON(json: StepJSON): YeoJohnsonTransformer {
    expectType(json, 'YeoJohnsonTransformer');
    const t = new YeoJohnsonTransformer(json.options as YeoJohnsonOptions);
    const st = json.state as { names: string[]; lambdas: JsonNumber[]; means: JsonNumber[]; stds: JsonNumber[]; skipped: string[] } | null;
    if (st) {
      t.names = [...st.names];
      t.lambda = decodeNumbers(st.lambdas);
      t.mean = decodeNumbers(st.means);
      t.std = decodeNumbers(st.stds);
      t.skipped = [...st.skipped];
      t.isFitted = true;
    }
    return t;
  }
}

/** Number of distinct non-NaN values, counting only up to `cap`. O(n·cap). */
function countDistinct(v: Float64Array, cap: number): number {
  const seen: number[] = [];
  for (let i = 0; i < v.length && seen.length < cap; i++) {
    const x = v[i];
    if (!Number.isNaN(x) && !seen.includes(x)) seen.push(x);
  }
  return seen.length;
}
