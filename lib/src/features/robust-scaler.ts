/** RobustScaler: x → (x − median) / IQR (75th − 25th percentile), as scikit-learn's default RobustScaler. */
import { ValidationError } from '../core/errors';
import { expectType } from './json';
import { AffineScaler } from './affine-scaler';
import type { ColumnSelector, StepJSON } from './types';
import { quantileSorted, sortedFinite } from './util';

/** Options of {@link RobustScaler}. */
export interface RobustScalerOptions {
  /** Columns to scale. Default every numeric column. */
  columns: ColumnSelector;
  /** Quantile range in percent used as the spread. Default [25, 75] (the IQR). */
  quantileRange: readonly [number, number];
}

/** Defaults of {@link RobustScalerOptions}. */
export const DEFAULT_ROBUST_SCALER_OPTIONS: RobustScalerOptions = { columns: 'numeric', quantileRange: [25, 75] };

/**
 * Center on the median and divide by the interquartile range (linear-interpolated quantiles, as numpy).
 * A column with IQR 0 gets scale 1 (listed in `constantColumns`).
 * Complexity: O(n log n) per column at fit, O(n) at transform.
 * @example new RobustScaler().fitTransform(t) // [1, 2, 3, 4, 100] → median 3, IQR 4 − 2 = 2 → [-1, -0.5, 0, 0.5, 48.5]
 */
export class RobustScaler extends AffineScaler<RobustScalerOptions> {
  readonly stepName = 'RobustScaler';
  constructor(options: Partial<RobustScalerOptions> = {}) {
    super(DEFAULT_ROBUST_SCALER_OPTIONS, options);
    const [a, b] = this.options.quantileRange;
    if (!(a >= 0 && a < b && b <= 100)) throw new ValidationError(`RobustScaler: quantileRange should satisfy 0 <= a < b <= 100, got [${a}, ${b}]`);
  }

  protected columnParams(values: Float64Array): { center: number; spread: number } {
    const s = sortedFinite(values);
    if (s.length === 0) return { center: NaN, spread: 0 };
    const [a, b] = this.options.quantileRange;
    return { center: quantileSorted(s, 0.5), spread: quantileSorted(s, b / 100) - quantileSorted(s, a / 100) };
  }

  static fromJSON(json: StepJSON): RobustScaler {
    expectType(json, 'RobustScaler');
    return new RobustScaler(json.options as RobustScalerOptions).loadState(json.state);
  }
}
