/**
 * Stratified resampling: k-fold splits and a train/validation/test split that keep each class's share in every
 * part (scikit-learn's `StratifiedKFold(shuffle=True)` and a stratified `train_test_split` applied twice).
 * Randomness is a seed argument.
 */
import { ValidationError } from '../../core/errors';
import { toRng, type Rng } from '../../core/random';
import { checkClassLabels } from '../stats';

/** One fold: row indexes (increasing) to train on and to test on. */
export interface FoldIndices {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** Row indexes per class, each shuffled. */
function shuffledByClass(y: ArrayLike<number>, rng: Rng): number[][] {
  const K = checkClassLabels(y, 'y');
  const by: number[][] = Array.from({ length: K }, () => []);
  for (let i = 0; i < y.length; i++) by[y[i]].push(i);
  for (const g of by) rng.shuffle(g);
  return by;
}

/**
 * Stratified k-fold: each class's rows (shuffled) are dealt to the folds in turn, the dealing continuing from one
 * class to the next, so fold sizes differ by at most one and each class's count differs by at most one across folds.
 * Complexity: O(n·k) for the index arrays.
 * @throws ValidationError when k < 2 or k > n.
 * @example stratifiedKFold(Int32Array.from([0,0,1,1]), 2, 7).map((f) => f.test.length) // → [2, 2]
 */
export function stratifiedKFold(y: ArrayLike<number>, k = 5, seed: number | Rng = 0): FoldIndices[] {
  if (!Number.isInteger(k) || k < 2) throw new ValidationError(`k=${k} should be an integer >= 2`);
  if (k > y.length) throw new ValidationError(`k=${k} should be <= the number of rows ${y.length}`);
  const by = shuffledByClass(y, toRng(seed));
  const fold = new Int32Array(y.length);
  let t = 0;
  for (const g of by) for (const i of g) fold[i] = t++ % k;
  const out: FoldIndices[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [], test: number[] = [];
    for (let i = 0; i < y.length; i++) (fold[i] === f ? test : train).push(i);
    out.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return out;
}

/** Fractions of {@link stratifiedSplit}. */
export interface StratifiedSplitOptions {
  /** Fraction of each class for validation. Default 0.15. */
  validation: number;
  /** Fraction of each class for test. Default 0.15. The rest (0.70 by default) is for training. */
  test: number;
  /** Seed or Rng. Default 0. */
  seed: number | Rng;
}

/** Defaults of {@link StratifiedSplitOptions}: 70 / 15 / 15. */
export const DEFAULT_STRATIFIED_SPLIT_OPTIONS: Readonly<StratifiedSplitOptions> = Object.freeze({ validation: 0.15, test: 0.15, seed: 0 });

/** The three parts of {@link stratifiedSplit} (indexes increasing). */
export interface TrainValidationTest {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

/**
 * Stratified train / validation / test split: per class, round(n_c·test) rows go to test, round(n_c·validation) to
 * validation, the rest to train (so a part's overall fraction can differ from the target by up to K/2 rows).
 * Complexity: O(n).
 * @throws ValidationError when a fraction is outside [0, 1) or they sum to 1 or more.
 */
export function stratifiedSplit(y: ArrayLike<number>, options: Partial<StratifiedSplitOptions> = {}): TrainValidationTest {
  const o = { ...DEFAULT_STRATIFIED_SPLIT_OPTIONS, ...options };
  for (const key of ['validation', 'test'] as const) {
    if (!(o[key] >= 0 && o[key] < 1)) throw new ValidationError(`${key}=${o[key]} should be in [0, 1)`);
  }
  if (o.validation + o.test >= 1) throw new ValidationError(`validation + test = ${o.validation + o.test} should be < 1`);
  const by = shuffledByClass(y, toRng(o.seed));
  const part = new Uint8Array(y.length); // 0 train, 1 validation, 2 test
  for (const g of by) {
    const nt = Math.round(g.length * o.test), nv = Math.round(g.length * o.validation);
    for (let r = 0; r < g.length; r++) part[g[r]] = r < nt ? 2 : r < nt + nv ? 1 : 0;
  }
  const lists: number[][] = [[], [], []];
  for (let i = 0; i < y.length; i++) lists[part[i]].push(i);
  return { train: Int32Array.from(lists[0]), validation: Int32Array.from(lists[1]), test: Int32Array.from(lists[2]) };
}
