/**
 * The contracts every preprocessing step shares: Table → Table steps that chain (`TableStep`) and the JSON shape
 * their fitted state serializes to (`StepJSON`). Steps follow scikit-learn's estimator contract: the constructor
 * stores options and does no work, `fit` returns `this`, `transform` before `fit` throws `NotFittedError`.
 */
import type { Table } from '../data/table';

/** The serialized form of a step: its registered type name, its options, and (when fitted) its fitted state. */
export interface StepJSON {
  /** The step's class name, used by `stepFromJSON` to rebuild it. */
  readonly type: string;
  /** The constructor options (plain JSON). */
  readonly options: unknown;
  /** The fitted state (plain JSON), or null when the step was saved before fitting. */
  readonly state: unknown;
}

/** A preprocessing step mapping a table to a table. Never mutates its input. */
export interface TableStep {
  /** Learn the step's parameters from `table`. @returns this */
  fit(table: Table): this;
  /** Apply the fitted step to `table` (same columns as at fit time; extra columns pass through). */
  transform(table: Table): Table;
  /** `fit(table)` then `transform(table)`. */
  fitTransform(table: Table): Table;
  /** Whether `fit` has run (or fitted state was loaded). */
  readonly fitted: boolean;
  /** Plain-JSON form: `stepFromJSON(step.toJSON())` behaves identically. */
  toJSON(): StepJSON;
}

/** Which columns a step applies to: explicit names, or every numeric / categorical column present at fit time. */
export type ColumnSelector = readonly string[] | 'numeric' | 'categorical' | 'all';
