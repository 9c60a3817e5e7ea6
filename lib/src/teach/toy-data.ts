/**
 * Small seeded 2-D data sets for teaching clustering: customer blobs, age vs income (very different scales),
 * elongated blobs, uniform noise, two moons and concentric rings (the last two after scikit-learn's `make_moons` and
 * `make_circles`). Each returns the rows, the planted ("true") group of each row and axis names. Deterministic per
 * seed: the same seed gives the same numbers on every machine.
 */
import type { Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { Rng } from '../core/random';

/** A 2-D teaching data set. */
export interface ToyData {
  /** n×2 rows. */
  X: Matrix;
  /** Planted group of each row (0..groups-1): the answer a clustering should find, when it exists. */
  truth: Int32Array;
  /** Names of the two columns (axis titles). */
  columns: [string, string];
  /** Names of the planted groups, by label. */
  groupNames: string[];
}

/** Options shared by the generators. */
export interface ToyDataOptions {
  /** Number of rows. */
  n?: number;
  /** Seed of the random source. Default 0. */
  seed?: number;
  /** Gaussian noise added to each coordinate (moons, rings). */
  noise?: number;
}

function checkN(n: number, min: number): void {
  if (!Number.isInteger(n) || n < min) throw new ValidationError(`n=${n} should be an integer >= ${min}`);
}

/** Rows i = 0..n-1 go round-robin to the groups, each drawn as mean + sd·N(0,1) per column, then `post` applied. */
function gaussianGroups(
  n: number, seed: number, means: number[][], sds: number[][], post?: (x: number, y: number) => [number, number],
): { X: Matrix; truth: Int32Array } {
  const rng = new Rng(seed);
  const data = new Float64Array(n * 2);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = i % means.length;
    truth[i] = g;
    let x = means[g][0] + sds[g][0] * rng.normal();
    let y = means[g][1] + sds[g][1] * rng.normal();
    if (post) [x, y] = post(x, y);
    data[2 * i] = x;
    data[2 * i + 1] = y;
  }
  return { X: { data, rows: n, cols: 2 }, truth };
}

/** Segment centres of {@link customerBlobs}: annual spend (k€) and visits per month. */
export const CUSTOMER_SEGMENTS: ReadonlyArray<{ name: string; spend: number; visits: number; sdSpend: number; sdVisits: number }> = [
  { name: 'occasional', spend: 2, visits: 2, sdSpend: 0.7, sdVisits: 0.8 },
  { name: 'regulars', spend: 4.5, visits: 9, sdSpend: 0.9, sdVisits: 1.2 },
  { name: 'big spenders', spend: 10, visits: 4, sdSpend: 1.2, sdVisits: 1.0 },
  { name: 'enthusiasts', spend: 9, visits: 12, sdSpend: 1.0, sdVisits: 1.1 },
];

/**
 * Four customer segments, "annual spend (k€)" against "visits per month" (both clipped at 0), rows assigned
 * round-robin. O(n).
 * @example customerBlobs({ n: 120, seed: 7 }).X.rows // 120
 */
export function customerBlobs(opts: ToyDataOptions = {}): ToyData {
  const n = opts.n ?? 120;
  checkN(n, 4);
  const seg = CUSTOMER_SEGMENTS;
  const { X, truth } = gaussianGroups(
    n, opts.seed ?? 0, seg.map((s) => [s.spend, s.visits]), seg.map((s) => [s.sdSpend, s.sdVisits]),
    (x, y) => [Math.max(0, x), Math.max(0, y)],
  );
  return { X, truth, columns: ['annual spend (k€)', 'visits per month'], groupNames: seg.map((s) => s.name) };
}

/**
 * Age (years) against annual income (€): three life stages that differ by ~20 years of age and ~15,000 € of
 * income, with an income spread (sd 6,000 €) thousands of times larger than the age spread (sd 3 years). Unscaled,
 * Euclidean distance is all income; standardized, age counts too. O(n).
 */
export function ageIncomeData(opts: ToyDataOptions = {}): ToyData {
  const n = opts.n ?? 300;
  checkN(n, 3);
  const { X, truth } = gaussianGroups(
    n, opts.seed ?? 0,
    [[26, 38000], [45, 56000], [64, 44000]],
    [[3, 6000], [3, 6000], [3, 6000]],
  );
  return { X, truth, columns: ['age (years)', 'annual income (€)'], groupNames: ['young', 'mid-career', 'senior'] };
}

/**
 * Three elongated (anisotropic, correlated) Gaussian groups: round blobs sheared by the linear map
 * (x, y) → (0.6x − 0.64y, −0.4x + 0.85y) as in scikit-learn's "anisotropic" example. Good for GMM. O(n).
 */
export function ellipticalBlobs(opts: ToyDataOptions = {}): ToyData {
  const n = opts.n ?? 300;
  checkN(n, 3);
  const { X, truth } = gaussianGroups(
    n, opts.seed ?? 0,
    [[-7.2, -2.4], [0, 3.6], [7.2, -1.2]],
    [[1.5, 0.7], [1.5, 0.7], [1.5, 0.7]],
    (x, y) => [0.6 * x - 0.64 * y, -0.4 * x + 0.85 * y],
  );
  return { X, truth, columns: ['x1', 'x2'], groupNames: ['A', 'B', 'C'] };
}

/** Rows uniform on the unit square [0, 1]²: no clusters at all (every row in group 0). O(n). */
export function uniformSquare(opts: ToyDataOptions = {}): ToyData {
  const n = opts.n ?? 300;
  checkN(n, 1);
  const rng = new Rng(opts.seed ?? 0);
  const data = new Float64Array(n * 2);
  for (let i = 0; i < 2 * n; i++) data[i] = rng.random();
  return { X: { data, rows: n, cols: 2 }, truth: new Int32Array(n), columns: ['x1', 'x2'], groupNames: ['all'] };
}

/**
 * Two interleaving half circles (scikit-learn's `make_moons`): ⌈n/2⌉ rows on the upper moon (cos t, sin t) and
 * ⌊n/2⌋ on the lower moon (1 − cos t, 0.5 − sin t), t evenly spaced on [0, π], then N(0, noise²) added to each
 * coordinate (default noise 0.06). Labels: 0 upper, 1 lower. O(n).
 */
export function twoMoons(opts: ToyDataOptions = {}): ToyData {
  const n = opts.n ?? 300;
  checkN(n, 4);
  const noise = opts.noise ?? 0.06;
  if (!(noise >= 0)) throw new ValidationError(`noise=${noise} should be >= 0`);
  const rng = new Rng(opts.seed ?? 0);
  const nOut = Math.ceil(n / 2);
  const nIn = n - nOut;
  const data = new Float64Array(n * 2);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const inner = i >= nOut;
    const j = inner ? i - nOut : i;
    const t = (Math.PI * j) / ((inner ? nIn : nOut) - 1);
    truth[i] = inner ? 1 : 0;
    data[2 * i] = (inner ? 1 - Math.cos(t) : Math.cos(t)) + (noise > 0 ? rng.normal(0, noise) : 0);
    data[2 * i + 1] = (inner ? 0.5 - Math.sin(t) : Math.sin(t)) + (noise > 0 ? rng.normal(0, noise) : 0);
  }
  return { X: { data, rows: n, cols: 2 }, truth, columns: ['x1', 'x2'], groupNames: ['upper moon', 'lower moon'] };
}

/**
 * Two concentric rings (scikit-learn's `make_circles`): ⌈n/2⌉ rows on the unit circle and ⌊n/2⌋ on the circle of
 * radius `factor` (default 0.45), angles evenly spaced on [0, 2π), then N(0, noise²) per coordinate (default 0.05).
 * Labels: 0 outer, 1 inner. O(n).
 */
export function concentricRings(opts: ToyDataOptions & { factor?: number } = {}): ToyData {
  const n = opts.n ?? 300;
  checkN(n, 2);
  const noise = opts.noise ?? 0.05;
  const factor = opts.factor ?? 0.45;
  if (!(noise >= 0)) throw new ValidationError(`noise=${noise} should be >= 0`);
  if (!(factor > 0 && factor < 1)) throw new ValidationError(`factor=${factor} should be in (0, 1)`);
  const rng = new Rng(opts.seed ?? 0);
  const nOut = Math.ceil(n / 2);
  const nIn = n - nOut;
  const data = new Float64Array(n * 2);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const inner = i >= nOut;
    const j = inner ? i - nOut : i;
    const t = (2 * Math.PI * j) / (inner ? nIn : nOut);
    const r = inner ? factor : 1;
    truth[i] = inner ? 1 : 0;
    data[2 * i] = r * Math.cos(t) + (noise > 0 ? rng.normal(0, noise) : 0);
    data[2 * i + 1] = r * Math.sin(t) + (noise > 0 ? rng.normal(0, noise) : 0);
  }
  return { X: { data, rows: n, cols: 2 }, truth, columns: ['x1', 'x2'], groupNames: ['outer ring', 'inner ring'] };
}
