/**
 * k-prototypes for mixed numeric and categorical data (Huang 1998): a prototype holds numeric means and categorical
 * modes; the cost of a row to a prototype is its squared Euclidean distance on the numeric columns plus gamma times
 * the number of categorical mismatches. This implementation alternates batch steps (assign every row, then update
 * means and modes), which minimizes the same cost as Huang's row-by-row updates and is deterministic given the init.
 * Missing categorical codes (-1) count as a mismatch against every prototype and are ignored by the modes.
 * Reference: Huang (1998), "Extensions to the k-means algorithm for clustering large data sets with categorical
 * values", Data Mining and Knowledge Discovery 2; Cao, Liang & Bai (2009) for the 'cao' initialization.
 * Complexity: O(n·k·(p + q)) per iteration for p numeric and q categorical columns; O(k·Σ levels) memory for modes.
 */
import { Matrix, checkMatrix, fromRows, toRows } from '../core/matrix';
import { NotFittedError, ValidationError } from '../core/errors';
import { Rng, toRng } from '../core/random';

/** Categorical codes, row-major n×q (`data[i*cols + j]`, -1 = missing). */
export interface CodeMatrix {
  readonly data: Int32Array;
  readonly rows: number;
  readonly cols: number;
}

/** Options of {@link KPrototypes}. */
export interface KPrototypesOptions {
  /** Number of clusters. */
  k: number;
  /** Weight of one categorical mismatch against squared numeric distance; null = half the mean (population) std of the numeric columns. */
  gamma: number | null;
  /** 'huang' (random rows drawn by category frequency) or 'cao' (density-based, deterministic). */
  init: 'huang' | 'cao';
  /** Number of runs (only the 'huang' init varies between runs); the lowest cost wins. */
  nInit: number;
  /** Maximum batch iterations per run. */
  maxIter: number;
  /** Seed of the random source. */
  seed: number | Rng;
}

/** Defaults of {@link KPrototypesOptions}. */
export const DEFAULT_KPROTOTYPES_OPTIONS: Omit<KPrototypesOptions, 'k'> = {
  gamma: null,
  init: 'huang',
  nInit: 10,
  maxIter: 100,
  seed: 0,
};

/** Fitted state of {@link KPrototypes} as plain JSON. */
export interface KPrototypesJSON {
  kind: 'KPrototypes';
  k: number;
  gamma: number;
  numericCentroids: number[][];
  categoricalModes: number[][];
  labels: number[];
  cost: number;
  nIter: number;
}

interface Run { labels: Int32Array; means: Float64Array; modes: Int32Array; cost: number; nIter: number }

/**
 * k-prototypes estimator. `fit(numeric, categorical)` takes at least one numeric column as a Matrix and at least one
 * categorical column as a {@link CodeMatrix} with the same rows (e.g. codes of `CategoricalColumn`s laid row-major).
 * @example
 *   const kp = new KPrototypes({ k: 3, seed: 1 }).fit(numeric, { data: codes, rows: n, cols: 2 });
 *   kp.labels; kp.cost
 */
export class KPrototypes {
  readonly options: KPrototypesOptions;
  private fitted: (Run & { gamma: number; p: number; q: number }) | null = null;

  constructor(options: Partial<KPrototypesOptions> & { k: number }) {
    this.options = { ...DEFAULT_KPROTOTYPES_OPTIONS, ...options };
  }

  /**
   * Fit on numeric + categorical columns of the same rows. Returns this.
   * @throws ValidationError on bad k, NaN, mismatched rows, codes below -1, fewer distinct rows than k.
   */
  fit(numeric: Matrix, categorical: CodeMatrix): this {
    const o = this.options;
    checkMatrix(numeric, { name: 'numeric' });
    checkCodes(categorical, numeric.rows);
    const n = numeric.rows;
    if (!Number.isInteger(o.k) || o.k < 1) throw new ValidationError(`k=${o.k} should be an integer >= 1`);
    if (n < o.k) throw new ValidationError(`nSamples=${n} should be >= k=${o.k}`);
    if (!Number.isInteger(o.nInit) || o.nInit < 1) throw new ValidationError(`nInit=${o.nInit} should be an integer >= 1`);
    if (o.init !== 'huang' && o.init !== 'cao') throw new ValidationError(`init="${String(o.init)}" should be 'huang' or 'cao'`);
    const gamma = o.gamma ?? defaultGamma(numeric);
    if (!(gamma >= 0)) throw new ValidationError(`gamma=${gamma} should be >= 0`);
    const rng = toRng(o.seed);
    const nLevels = levelCounts(categorical);
    const runs = o.init === 'cao' ? 1 : o.nInit;
    let best: Run | null = null;
    for (let r = 0; r < runs; r++) {
      const start = o.init === 'cao' ? caoInit(numeric, categorical, o.k) : huangInit(numeric, categorical, o.k, rng, nLevels);
      const run = this.iterate(numeric, categorical, start, gamma, nLevels);
      if (best === null || run.cost < best.cost) best = run;
    }
    this.fitted = { ...(best as Run), gamma, p: numeric.cols, q: categorical.cols };
    return this;
  }

  private iterate(num: Matrix, cat: CodeMatrix, startRows: Int32Array, gamma: number, nLevels: Int32Array): Run {
    const { k, maxIter } = this.options;
    const { rows: n, cols: p } = num;
    const q = cat.cols;
    const means = new Float64Array(k * p);
    const modes = new Int32Array(k * q);
    for (let c = 0; c < k; c++) {
      const i = startRows[c];
      means.set(num.data.subarray(i * p, i * p + p), c * p);
      modes.set(cat.data.subarray(i * q, i * q + q), c * q);
    }
    const labels = new Int32Array(n).fill(-1);
    const offs = new Int32Array(q + 1);
    for (let j = 0; j < q; j++) offs[j + 1] = offs[j] + nLevels[j];
    const freq = new Int32Array(k * offs[q]);
    const sums = new Float64Array(k * p);
    const counts = new Int32Array(k);
    let it = 0;
    for (; it < maxIter; it++) {
      let changed = 0;
      for (let i = 0; i < n; i++) {
        const l = nearestPrototype(num.data, cat.data, i, means, modes, k, p, q, gamma);
        if (l !== labels[i]) { changed++; labels[i] = l; }
      }
      if (changed === 0) break;
      sums.fill(0);
      counts.fill(0);
      freq.fill(0);
      for (let i = 0; i < n; i++) {
        const c = labels[i];
        counts[c]++;
        for (let t = 0; t < p; t++) sums[c * p + t] += num.data[i * p + t];
        for (let j = 0; j < q; j++) {
          const v = cat.data[i * q + j];
          if (v >= 0) freq[c * offs[q] + offs[j] + v]++;
        }
      }
      for (let c = 0; c < k; c++) {
        if (counts[c] === 0) continue; // an empty cluster keeps its prototype
        for (let t = 0; t < p; t++) means[c * p + t] = sums[c * p + t] / counts[c];
        for (let j = 0; j < q; j++) {
          let bestV = -1;
          let bestF = 0;
          const base = c * offs[q] + offs[j];
          for (let v = 0; v < nLevels[j]; v++) if (freq[base + v] > bestF) { bestF = freq[base + v]; bestV = v; }
          modes[c * q + j] = bestV;
        }
      }
    }
    let cost = 0;
    for (let i = 0; i < n; i++) cost += mixedCost(num.data, cat.data, i, means, modes, labels[i], p, q, gamma);
    return { labels, means, modes, cost, nIter: Math.min(it + 1, maxIter) };
  }

  private need(): Run & { gamma: number; p: number; q: number } {
    if (!this.fitted) throw new NotFittedError('KPrototypes');
    return this.fitted;
  }

  /** Nearest prototype of each row (lowest mixed cost, first on ties). O(n·k·(p+q)). */
  predict(numeric: Matrix, categorical: CodeMatrix): Int32Array {
    const f = this.need();
    checkMatrix(numeric, { name: 'numeric' });
    checkCodes(categorical, numeric.rows);
    if (numeric.cols !== f.p || categorical.cols !== f.q) {
      throw new ValidationError(`expected ${f.p} numeric and ${f.q} categorical columns, got ${numeric.cols} and ${categorical.cols}`);
    }
    const out = new Int32Array(numeric.rows);
    for (let i = 0; i < numeric.rows; i++) out[i] = nearestPrototype(numeric.data, categorical.data, i, f.means, f.modes, this.options.k, f.p, f.q, f.gamma);
    return out;
  }

  /** Labels of the training rows. */
  get labels(): Int32Array { return this.need().labels; }
  /** Total cost Σ (squared numeric distance + gamma · mismatches) of the training rows to their prototype. */
  get cost(): number { return this.need().cost; }
  /** The gamma used (given or default). */
  get gamma(): number { return this.need().gamma; }
  /** Numeric part of the prototypes, k×p. */
  get numericCentroids(): Matrix { const f = this.need(); return { data: Float64Array.from(f.means), rows: this.options.k, cols: f.p }; }
  /** Categorical modes of the prototypes, k×q codes (-1 when a cluster has only missing values in a column). */
  get categoricalModes(): CodeMatrix { const f = this.need(); return { data: Int32Array.from(f.modes), rows: this.options.k, cols: f.q }; }
  /** Iterations of the winning run. */
  get nIter(): number { return this.need().nIter; }

  /** Fitted state as plain JSON. */
  toJSON(): KPrototypesJSON {
    const f = this.need();
    const k = this.options.k;
    const modes: number[][] = [];
    for (let c = 0; c < k; c++) modes.push(Array.from(f.modes.subarray(c * f.q, (c + 1) * f.q)));
    return {
      kind: 'KPrototypes', k, gamma: f.gamma, numericCentroids: toRows(this.numericCentroids), categoricalModes: modes,
      labels: Array.from(f.labels), cost: f.cost, nIter: f.nIter,
    };
  }

  /** Rebuild a fitted KPrototypes from {@link KPrototypes.toJSON}. */
  static fromJSON(json: KPrototypesJSON): KPrototypes {
    if (!json || json.kind !== 'KPrototypes') throw new ValidationError('fromJSON expects the output of KPrototypes.toJSON()');
    const kp = new KPrototypes({ k: json.k, gamma: json.gamma });
    const means = fromRows(json.numericCentroids, 'numericCentroids');
    const q = json.categoricalModes[0]?.length ?? 0;
    kp.fitted = {
      labels: Int32Array.from(json.labels), means: means.data, modes: Int32Array.from(json.categoricalModes.flat()),
      cost: json.cost, nIter: json.nIter, gamma: json.gamma, p: means.cols, q,
    };
    return kp;
  }
}

function checkCodes(c: CodeMatrix, rows: number): void {
  if (c == null || !(c.data instanceof Int32Array)) throw new ValidationError('categorical should be {data: Int32Array, rows, cols}');
  if (c.rows !== rows) throw new ValidationError(`categorical has ${c.rows} rows, numeric has ${rows}`);
  if (!Number.isInteger(c.cols) || c.cols < 1 || c.data.length !== c.rows * c.cols) {
    throw new ValidationError(`categorical: data length ${c.data.length} does not match rows×cols = ${c.rows}×${c.cols}`);
  }
  for (let t = 0; t < c.data.length; t++) {
    if (c.data[t] < -1) throw new ValidationError(`categorical has code ${c.data[t]} at row ${Math.floor(t / c.cols)}, column ${t % c.cols}; codes are >= 0, -1 = missing`);
  }
}

/** Half the mean population standard deviation of the numeric columns (Huang's suggested scale). O(n·p). */
function defaultGamma(num: Matrix): number {
  const { data, rows: n, cols: p } = num;
  let total = 0;
  for (let t = 0; t < p; t++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += data[i * p + t];
    const m = s / n;
    let v = 0;
    for (let i = 0; i < n; i++) { const z = data[i * p + t] - m; v += z * z; }
    total += Math.sqrt(v / n);
  }
  return (0.5 * total) / p;
}

function levelCounts(cat: CodeMatrix): Int32Array {
  const out = new Int32Array(cat.cols);
  for (let i = 0; i < cat.rows; i++) for (let j = 0; j < cat.cols; j++) {
    const v = cat.data[i * cat.cols + j];
    if (v + 1 > out[j]) out[j] = v + 1;
  }
  return out;
}

function mixedCost(x: Float64Array, c: Int32Array, i: number, means: Float64Array, modes: Int32Array, l: number, p: number, q: number, gamma: number): number {
  let s = 0;
  for (let t = 0; t < p; t++) { const z = x[i * p + t] - means[l * p + t]; s += z * z; }
  let mis = 0;
  for (let j = 0; j < q; j++) { const v = c[i * q + j]; if (v < 0 || v !== modes[l * q + j]) mis++; }
  return s + gamma * mis;
}

function nearestPrototype(x: Float64Array, c: Int32Array, i: number, means: Float64Array, modes: Int32Array, k: number, p: number, q: number, gamma: number): number {
  let best = 0;
  let bestC = Infinity;
  for (let l = 0; l < k; l++) {
    const v = mixedCost(x, c, i, means, modes, l, p, q, gamma);
    if (v < bestC) { bestC = v; best = l; }
  }
  return best;
}

/** Categorical dissimilarity (mismatch count) between rows a and b. */
function catDissim(c: Int32Array, a: number, b: number, q: number): number {
  let m = 0;
  for (let j = 0; j < q; j++) { const u = c[a * q + j]; if (u < 0 || u !== c[b * q + j]) m++; }
  return m;
}

function isDuplicate(num: Matrix, cat: CodeMatrix, i: number, chosen: number[]): boolean {
  const p = num.cols;
  const q = cat.cols;
  outer: for (const r of chosen) {
    for (let t = 0; t < p; t++) if (num.data[i * p + t] !== num.data[r * p + t]) continue outer;
    for (let j = 0; j < q; j++) if (cat.data[i * q + j] !== cat.data[r * q + j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Huang's initialization: for each cluster, draw a value of each categorical column with probability proportional
 * to its frequency, then take the (not yet used, not duplicate) row with the fewest mismatches to these values
 * (ties: a random one) as the initial prototype, numeric values included. O(k·n·q).
 */
function huangInit(num: Matrix, cat: CodeMatrix, k: number, rng: Rng, nLevels: Int32Array): Int32Array {
  const { rows: n } = num;
  const q = cat.cols;
  const freq: Float64Array[] = [];
  for (let j = 0; j < q; j++) {
    const f = new Float64Array(Math.max(1, nLevels[j]));
    for (let i = 0; i < n; i++) { const v = cat.data[i * q + j]; if (v >= 0) f[v]++; }
    freq.push(f);
  }
  const chosen: number[] = [];
  const want = new Int32Array(q);
  const order = rng.permutation(n);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < q; j++) want[j] = freq[j].some((v) => v > 0) ? rng.categorical(freq[j]) : -1;
    let best = -1;
    let bestM = Infinity;
    for (let r = 0; r < n; r++) {
      const i = order[r];
      let m = 0;
      for (let j = 0; j < q; j++) if (cat.data[i * q + j] !== want[j]) m++;
      if (m < bestM && !chosen.includes(i) && !isDuplicate(num, cat, i, chosen)) { bestM = m; best = i; }
    }
    if (best < 0) throw new ValidationError(`the data has fewer than k=${k} distinct rows`);
    chosen.push(best);
  }
  return Int32Array.from(chosen);
}

/**
 * Cao's initialization: the densest row (average frequency of its categories) first, then repeatedly the row
 * maximizing min over chosen prototypes of density × mismatches. Deterministic. O(n·q + k·n·q·k).
 */
function caoInit(num: Matrix, cat: CodeMatrix, k: number): Int32Array {
  const { rows: n } = num;
  const q = cat.cols;
  const dens = new Float64Array(n);
  for (let j = 0; j < q; j++) {
    const f = new Map<number, number>();
    for (let i = 0; i < n; i++) { const v = cat.data[i * q + j]; f.set(v, (f.get(v) ?? 0) + 1); }
    for (let i = 0; i < n; i++) dens[i] += (f.get(cat.data[i * q + j]) as number) / (n * q);
  }
  let first = 0;
  for (let i = 1; i < n; i++) if (dens[i] > dens[first]) first = i;
  const chosen = [first];
  const minScore = new Float64Array(n).fill(Infinity);
  while (chosen.length < k) {
    const last = chosen[chosen.length - 1];
    let best = -1;
    let bestS = -Infinity;
    for (let i = 0; i < n; i++) {
      const s = dens[i] * catDissim(cat.data, i, last, q);
      if (s < minScore[i]) minScore[i] = s;
      if (minScore[i] > bestS && !chosen.includes(i) && !isDuplicate(num, cat, i, chosen)) { bestS = minScore[i]; best = i; }
    }
    if (best < 0) throw new ValidationError(`the data has fewer than k=${k} distinct rows`);
    chosen.push(best);
  }
  return Int32Array.from(chosen);
}
