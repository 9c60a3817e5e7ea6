/** MinMaxScaler: x → (x − min) / (max − min) mapped onto `featureRange` (default [0, 1]), as scikit-learn. */
import { ValidationError } from '../core/errors';
import { expectType } from './json';
import { AffineScaler } from './affine-scaler';
import type { ColumnSelector, StepJSON } from './types';

/** Options of {@link MinMaxScaler}. */
export interface MinMaxScalerOptions {
  /** Columns to scale. Default every numeric column. */
  columns: ColumnSelector;
  /** Output range [a, b] with a < b. Default [0, 1]. */
  featureRange: readonly [number, number];
}

/** Defaults of {@link MinMaxScalerOptions}. */
export const DEFAULT_MIN_MAX_SCALER_OPTIONS: MinMaxScalerOptions = { columns: 'numeric', featureRange: [0, 1] };

/**
 * Rescale columns linearly so the fit-time minimum maps to `featureRange[0]` and the maximum to `featureRange[1]`.
 * New values outside the fitted range map outside the output range (no clipping). Constant column: scale 1.
 * Complexity: O(n) per column.
 * @example new MinMaxScaler().fitTransform(t) // [2, 4, 6] → [0, 0.5, 1]
 */
export class MinMaxScaler extends AffineScaler<MinMaxScalerOptions> {
  readonly stepName = 'MinMaxScaler';
  constructor(options: Partial<MinMaxScalerOptions> = {}) {
    super(DEFAULT_MIN_MAX_SCALER_OPTIONS, options);
    const [a, b] = this.options.featureRange;
    if (!(a < b)) throw new ValidationError(`MinMaxScaler: featureRange should be [a, b] with a < b, got [${a}, ${b}]`);
  }

  protected override offset(): number { return this.options.featureRange[0]; }

  protected columnParams(values: Float64Array): { center: number; spread: number } {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    if (lo === Infinity) return { center: NaN, spread: 0 };
    const [a, b] = this.options.featureRange;
    return { center: lo, spread: (hi - lo) / (b - a) };
  }

  static fromJSON(json: StepJSON): MinMaxScaler {
    expectType(json, 'MinMaxScaler');
    return new MinMaxScaler(json.options as MinMaxScalerOptions).loadState(json.state);
  }
}
