/**
 * Kneedle knee/elbow finder (Satopää, Albrecht, Irwin, Raghavan 2011), offline form as in the `kneed` package:
 * normalize the curve to the unit square, turn it into a concave increasing curve (a "knee"), take the difference
 * curve D = y′ − x′, and declare a knee at the most recent local maximum of D once D drops below that maximum's
 * threshold T = D_max − S · mean(Δx′) (the threshold resets to 0 after a local minimum).
 *
 * Transforms to the concave increasing form: convex decreasing (an elbow curve such as inertia against k):
 * y′ = 1 − y; concave decreasing: x′ = 1 − x; convex increasing (a sorted k-distance curve): both.
 * The x mirror is exact for uneven spacing (kneed flips arrays instead; the same for evenly spaced x).
 *
 * Reference: V. Satopää et al. (2011), "Finding a 'Kneedle' in a Haystack", ICDCS Workshops, 166–171.
 */
import { ValidationError } from '../core/errors';

/** Options of {@link kneedle}. */
export interface KneedleOptions {
  /** Shape of the curve: 'convex' (elbow curves, k-distance curves) or 'concave'. Default 'convex'. */
  curve?: 'convex' | 'concave';
  /** Whether y grows or shrinks with x. Default 'decreasing'. */
  direction?: 'decreasing' | 'increasing';
  /** Sensitivity S ≥ 0: larger waits for a more pronounced knee. Default 1 (the paper's choice). */
  S?: number;
}

/** Defaults of {@link KneedleOptions}: an elbow curve. */
export const DEFAULT_KNEEDLE_OPTIONS: Required<KneedleOptions> = { curve: 'convex', direction: 'decreasing', S: 1 };

/** Result of {@link kneedle}. */
export interface KneedleResult {
  /** x of the knee, or null when none is found. */
  knee: number | null;
  /** y of the knee, or null. */
  kneeY: number | null;
  /** Index of the knee in the input arrays, or -1. */
  kneeIndex: number;
  /** Normalized x (x − min)/(max − min), input order. */
  xNormalized: Float64Array;
  /** Normalized y, input order. */
  yNormalized: Float64Array;
  /** Difference curve D = y′ − x′ of the transformed (concave increasing) curve, input order. */
  difference: Float64Array;
  /** The threshold T that was crossed, or NaN. */
  threshold: number;
}

/**
 * Find the knee (or elbow) of a curve.
 *
 * Complexity: O(n).
 * @param xs strictly increasing x values (n ≥ 3); @param ys y values (finite).
 * @throws ValidationError on lengths, non-increasing x, non-finite values or S < 0.
 * @example kneedle([1,2,3,4,5,6,7,8,9], [100,50,30,25,22,20,19,18,17]).knee // → 3
 */
export function kneedle(xs: ArrayLike<number>, ys: ArrayLike<number>, opts: KneedleOptions = {}): KneedleResult {
  const o = { ...DEFAULT_KNEEDLE_OPTIONS, ...opts };
  const n = xs.length;
  if (ys.length !== n) throw new ValidationError(`xs has ${n} values but ys has ${ys.length}`);
  if (n < 3) throw new ValidationError(`kneedle needs at least 3 points, got ${n}`);
  if (!(o.S >= 0)) throw new ValidationError(`S=${o.S} should be >= 0`);
  if (o.curve !== 'convex' && o.curve !== 'concave') throw new ValidationError(`curve="${o.curve}" should be 'convex' or 'concave'`);
  if (o.direction !== 'decreasing' && o.direction !== 'increasing') throw new ValidationError(`direction="${o.direction}" should be 'decreasing' or 'increasing'`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) throw new ValidationError(`point ${i} is (${xs[i]}, ${ys[i]}), expected finite values`);
    if (i > 0 && !(xs[i] > xs[i - 1])) throw new ValidationError(`xs should be strictly increasing: xs[${i}]=${xs[i]} after ${xs[i - 1]}`);
  }
  let ymin = Infinity, ymax = -Infinity;
  for (let i = 0; i < n; i++) { ymin = Math.min(ymin, ys[i]); ymax = Math.max(ymax, ys[i]); }
  const xr = xs[n - 1] - xs[0], yr = ymax - ymin;
  const xn = new Float64Array(n), yn = new Float64Array(n), D = new Float64Array(n);
  for (let i = 0; i < n; i++) { xn[i] = (xs[i] - xs[0]) / xr; yn[i] = yr > 0 ? (ys[i] - ymin) / yr : 0; }
  const flipY = (o.curve === 'convex' && o.direction === 'decreasing') || (o.curve === 'convex' && o.direction === 'increasing');
  const flipX = (o.curve === 'concave' && o.direction === 'decreasing') || (o.curve === 'convex' && o.direction === 'increasing');
  for (let i = 0; i < n; i++) D[i] = (flipY ? 1 - yn[i] : yn[i]) - (flipX ? 1 - xn[i] : xn[i]);
  const result: KneedleResult = { knee: null, kneeY: null, kneeIndex: -1, xNormalized: xn, yNormalized: yn, difference: D, threshold: NaN };
  if (yr === 0) return result;
  // Walk the transformed curve in increasing x′: original indices in order, reversed when x is mirrored.
  const at = (p: number): number => (flipX ? n - 1 - p : p);
  const Dp = (p: number): number => D[at(p)];
  const meanStep = 1 / (n - 1); // mean(Δx′) of a curve normalized to [0, 1]
  const isMax = (p: number): boolean => Dp(p) >= Dp(Math.max(0, p - 1)) && Dp(p) >= Dp(Math.min(n - 1, p + 1));
  const isMin = (p: number): boolean => Dp(p) <= Dp(Math.max(0, p - 1)) && Dp(p) <= Dp(Math.min(n - 1, p + 1));
  let firstMax = -1;
  for (let p = 0; p < n; p++) if (isMax(p)) { firstMax = p; break; }
  if (firstMax < 0) return result;
  let threshold = NaN;
  let thresholdIndex = -1;
  for (let p = firstMax; p < n - 1; p++) {
    if (isMax(p)) { threshold = Dp(p) - o.S * meanStep; thresholdIndex = p; }
    if (isMin(p)) threshold = 0;
    if (Dp(p + 1) < threshold) {
      const idx = at(thresholdIndex);
      result.knee = xs[idx];
      result.kneeY = ys[idx];
      result.kneeIndex = idx;
      result.threshold = threshold;
      return result;
    }
  }
  return result;
}
