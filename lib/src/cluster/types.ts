/** The contract every clustering estimator in `cluster/` keeps (scikit-learn's). */
import type { Matrix } from '../core/matrix';

export interface Clusterer {
  /** Fit on X (rows are customers); returns `this`. */
  fit(X: Matrix): this;
  /** Assign rows of X to the fitted clusters (-1 = noise where the method has it). */
  predict(X: Matrix): Int32Array;
  /** Labels of the rows seen by `fit`. */
  readonly labels: Int32Array;
}

/** Something that can build a fresh, unfitted clusterer with a given seed (for stability by resampling). */
export type ClustererFactory = (seed: number) => Clusterer;
