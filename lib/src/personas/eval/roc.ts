/**
 * ROC curves and the area under them. `rocAuc` is rank based (Mann–Whitney U / (n₊ n₋), ties counted one half, via
 * average ranks); `rocCurve` gives the curve's points (one per distinct score, thresholds decreasing) and its
 * trapezoidal area, which equals the rank-based AUC. `rocOneVsRest` does both per class of a multi-class
 * probability matrix (scikit-learn's `roc_auc_score(multi_class='ovr', average='macro')`).
 *
 * Reference: T. Fawcett (2006), "An introduction to ROC analysis", Pattern Recognition Letters 27:861–874.
 */
import { checkMatrix, type Matrix } from '../../core/matrix';
import { ValidationError } from '../../core/errors';
import { checkClassLabels } from '../stats';

/** A ROC curve. */
export interface RocCurve {
  /** False and true positive rates, from (0, 0) to (1, 1). */
  readonly fpr: number[];
  readonly tpr: number[];
  /** Score threshold of each point (`score >= threshold` is positive); the first is +Infinity. */
  readonly thresholds: number[];
  /** Area under the curve (NaN without positives or without negatives). */
  readonly auc: number;
}

function checkBinary(scores: ArrayLike<number>, positive: ArrayLike<number | boolean>): { nPos: number; nNeg: number } {
  if (scores.length !== positive.length) throw new ValidationError(`scores has ${scores.length} values, positive has ${positive.length}`);
  let nPos = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw new ValidationError(`scores[${i}] is ${scores[i]}, expected a finite number`);
    if (positive[i]) nPos++;
  }
  return { nPos, nNeg: scores.length - nPos };
}

/**
 * Rank-based AUC: the probability that a random positive scores above a random negative (ties count ½).
 * Complexity: O(n log n).
 * @param positive truthy for positive rows.
 * @example rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // → 0.75
 */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<number | boolean>): number {
  const { nPos, nNeg } = checkBinary(scores, positive);
  if (nPos === 0 || nNeg === 0) return NaN;
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  for (let s = 0; s < order.length;) {
    let e = s + 1;
    while (e < order.length && scores[order[e]] === scores[order[s]]) e++;
    const rank = (s + 1 + e) / 2;
    for (let r = s; r < e; r++) if (positive[order[r]]) rankSum += rank;
    s = e;
  }
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * ROC curve points, one per distinct score (ties move diagonally), and the trapezoidal AUC.
 * Complexity: O(n log n).
 * @example rocCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]).tpr // → [0, 0.5, 0.5, 1, 1]
 */
export function rocCurve(scores: ArrayLike<number>, positive: ArrayLike<number | boolean>): RocCurve {
  const { nPos, nNeg } = checkBinary(scores, positive);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const fpr = [0], tpr = [0], thresholds = [Infinity];
  let tp = 0, fp = 0, auc = 0;
  for (let s = 0; s < order.length;) {
    let e = s;
    const v = scores[order[s]];
    while (e < order.length && scores[order[e]] === v) { if (positive[order[e]]) tp++; else fp++; e++; }
    const x = nNeg > 0 ? fp / nNeg : NaN, y = nPos > 0 ? tp / nPos : NaN;
    auc += (x - fpr[fpr.length - 1]) * (y + tpr[tpr.length - 1]) / 2;
    fpr.push(x); tpr.push(y); thresholds.push(v);
    s = e;
  }
  return { fpr, tpr, thresholds, auc: nPos > 0 && nNeg > 0 ? auc : NaN };
}

/** One-vs-rest ROC of every class. */
export interface RocOneVsRest {
  /** One curve per class 0..K−1 (the class against all others, scored by its probability column). */
  readonly curves: readonly RocCurve[];
  /** Per-class AUC (NaN for a class with no positive or no negative row). */
  readonly auc: readonly number[];
  /** Mean of the defined per-class AUCs. */
  readonly macroAuc: number;
}

/**
 * One-vs-rest ROC curves and AUCs from an n×K score (probability) matrix.
 * Complexity: O(K · n log n).
 * @throws ValidationError when yTrue does not match, or a label is >= K.
 */
export function rocOneVsRest(yTrue: ArrayLike<number>, proba: Matrix): RocOneVsRest {
  checkMatrix(proba, { name: 'proba' });
  const k = checkClassLabels(yTrue, 'yTrue', proba.rows);
  if (k > proba.cols) throw new ValidationError(`yTrue has label ${k - 1} but proba has ${proba.cols} columns`);
  const curves: RocCurve[] = [];
  const col = new Float64Array(proba.rows);
  const pos = new Uint8Array(proba.rows);
  for (let c = 0; c < proba.cols; c++) {
    for (let i = 0; i < proba.rows; i++) { col[i] = proba.data[i * proba.cols + c]; pos[i] = yTrue[i] === c ? 1 : 0; }
    curves.push(rocCurve(col, pos));
  }
  const auc = curves.map((r) => r.auc);
  const defined = auc.filter((a) => !Number.isNaN(a));
  return { curves, auc, macroAuc: defined.length ? defined.reduce((s, a) => s + a, 0) / defined.length : NaN };
}
