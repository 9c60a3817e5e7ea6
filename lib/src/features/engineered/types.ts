/**
 * An engineered feature declared once, as data: its name, a one-line meaning, the formula in words (with the
 * handling of zero denominators and missing values), the columns it needs, whether it uses the post-call
 * `duration`, and the function computing it. Features with fitted parameters (quantile edges, means) declare
 * `fit`, whose JSON-able result is stored in the saved pipeline and reused for new rows.
 */
import type { Table } from '../../data/table';

/** Fitted parameters of one feature (plain JSON: numbers, arrays of numbers or strings). */
export type EngineeredParams = Record<string, number | number[] | string[]>;

/** A categorical feature value: codes into `levels`, −1 for missing. */
export interface EngineeredCategorical { readonly codes: Int32Array; readonly levels: readonly string[] }

/** The declaration of one engineered feature. */
export interface EngineeredFeature {
  /** Output column name. */
  readonly name: string;
  /** One line: what it means for a customer. */
  readonly meaning: string;
  /** The formula, including zero-denominator and missing-value handling. */
  readonly formula: string;
  /** Columns it needs; the feature is skipped when one is absent. */
  readonly requires: readonly string[];
  /** True when it uses `duration`, known only after the call ends (exclude for prospect segmentation). */
  readonly usesDuration: boolean;
  /** Output kind. */
  readonly kind: 'numeric' | 'categorical';
  /** Learn parameters from the training table (omitted when the feature has none). */
  readonly fit?: (table: Table) => EngineeredParams;
  /** Compute the feature for every row; missing inputs give NaN (numeric) or −1 (categorical). */
  readonly compute: (table: Table, params: EngineeredParams | undefined) => Float64Array | EngineeredCategorical;
}

/** The named sets of engineered features. */
export type FeatureSetId = 'bank-additional' | 'bank-kaggle' | 'credit-card';
