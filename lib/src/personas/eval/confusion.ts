/**
 * Confusion matrix and the classification metrics read off it: accuracy, per-class precision, recall and F1, their
 * macro and support-weighted averages (scikit-learn's `classification_report`).
 *
 * Zero division: a class never predicted has precision 0, a class absent from y_true has recall 0, and F1 is 0 when
 * precision + recall = 0 (scikit-learn's `zero_division=0`). Macro averages include every class 0..K−1.
 */
import { ValidationError } from '../../core/errors';
import { checkClassLabels } from '../stats';

/** A K×K confusion matrix: `counts[t * K + p]` rows of true class t predicted as p. */
export interface ConfusionMatrix {
  readonly k: number;
  readonly counts: Float64Array;
}

/** The result of {@link classificationReport}. */
export interface ClassificationReport {
  readonly confusion: ConfusionMatrix;
  readonly accuracy: number;
  /** Per class 0..K−1. */
  readonly precision: readonly number[];
  readonly recall: readonly number[];
  readonly f1: readonly number[];
  /** True rows per class. */
  readonly support: readonly number[];
  readonly macroPrecision: number;
  readonly macroRecall: number;
  readonly macroF1: number;
  /** F1 averaged with weights = support. */
  readonly weightedF1: number;
}

/**
 * Count true × predicted classes. K = `nClasses` or max label + 1.
 * Complexity: O(n + K²).
 * @throws ValidationError on different lengths, non-integer or negative labels, or labels >= nClasses.
 * @example confusionMatrix([0, 0, 1], [0, 1, 1]).counts // → [1, 1, 0, 1]
 */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses?: number): ConfusionMatrix {
  const kt = checkClassLabels(yTrue, 'yTrue');
  const kp = checkClassLabels(yPred, 'yPred', yTrue.length);
  if (yTrue.length === 0) throw new ValidationError('yTrue is empty');
  const k = nClasses ?? Math.max(kt, kp);
  if (!Number.isInteger(k) || k < Math.max(kt, kp)) throw new ValidationError(`nClasses=${nClasses} is smaller than the largest label + 1 = ${Math.max(kt, kp)}`);
  const counts = new Float64Array(k * k);
  for (let i = 0; i < yTrue.length; i++) counts[yTrue[i] * k + yPred[i]]++;
  return { k, counts };
}

/**
 * Metrics of a confusion matrix (or of label vectors).
 * Complexity: O(K²) from a matrix.
 * @example classificationReport(confusionMatrix([0,0,1,1], [0,1,1,1])).f1 // → [2/3, 0.8]
 */
export function classificationReport(cm: ConfusionMatrix): ClassificationReport {
  const { k, counts } = cm;
  let diag = 0, n = 0;
  const precision: number[] = [], recall: number[] = [], f1: number[] = [], support: number[] = [];
  for (let c = 0; c < k; c++) {
    let row = 0, col = 0;
    for (let j = 0; j < k; j++) { row += counts[c * k + j]; col += counts[j * k + c]; }
    const tp = counts[c * k + c];
    diag += tp; n += row;
    const p = col > 0 ? tp / col : 0;
    const r = row > 0 ? tp / row : 0;
    precision.push(p); recall.push(r); f1.push(p + r > 0 ? (2 * p * r) / (p + r) : 0); support.push(row);
  }
  const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / k;
  return {
    confusion: cm, accuracy: n > 0 ? diag / n : NaN, precision, recall, f1, support,
    macroPrecision: mean(precision), macroRecall: mean(recall), macroF1: mean(f1),
    weightedF1: n > 0 ? f1.reduce((s, x, c) => s + x * support[c], 0) / n : NaN,
  };
}

/** Accuracy of predicted against true labels. O(n). */
export function accuracyScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkClassLabels(yTrue, 'yTrue');
  checkClassLabels(yPred, 'yPred', yTrue.length);
  if (yTrue.length === 0) throw new ValidationError('yTrue is empty');
  let hit = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hit++;
  return hit / yTrue.length;
}
