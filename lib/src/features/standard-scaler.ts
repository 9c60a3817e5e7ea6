/** StandardScaler: z = (x − mean) / std with the population standard deviation (ddof 0), as scikit-learn. */
import { expectType } from './json';
import { AffineScaler } from './affine-scaler';
import type { ColumnSelector, StepJSON } from './types';
import { meanVar } from './util';

/** Options of {@link StandardScaler}. */
export interface StandardScalerOptions {
  /** Columns to scale. Default every numeric column. */
  columns: ColumnSelector;
  /** Subtract the mean. Default true. */
  withMean: boolean;
  /** Divide by the standard deviation. Default true. */
  withStd: boolean;
}

/** Defaults of {@link StandardScalerOptions}. */
export const DEFAULT_STANDARD_SCALER_OPTIONS: StandardScalerOptions = { columns: 'numeric', withMean: true, withStd: true };

/**
 * Standardize columns to mean 0 and (population) standard deviation 1. NaN ignored at fit, kept at transform.
 * A constant column gets scale 1 (listed in `constantColumns`).
 * Complexity: O(n) per column for fit and transform.
 * @example new StandardScaler().fitTransform(t) // [1, 2, 3] → [-1.2247, 0, 1.2247] (std = √(2/3))
 */
export class StandardScaler extends AffineScaler<StandardScalerOptions> {
  readonly stepName = 'StandardScaler';
  constructor(options: Partial<StandardScalerOptions> = {}) { super(DEFAULT_STANDARD_SCALER_OPTIONS, options); }

  protected columnParams(values: Float64Array): { center: number; spread: number } {
    const { mean, variance } = meanVar(values);
    return { center: this.options.withMean ? mean : (Number.isNaN(mean) ? NaN : 0), spread: this.options.withStd ? Math.sqrt(variance) : 1 };
  }

  static fromJSON(json: StepJSON): StandardScaler {
    expectType(json, 'StandardScaler');
    return new StandardScaler(json.options as StandardScalerOptions).loadState(json.state);
  }
}
