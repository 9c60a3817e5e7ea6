/**
 * FeatureSelector: the three-stage selection of `selectFeatures` as a pipeline step on an all-numeric table; the
 * kept list and the report are fitted state, so scoring new customers keeps exactly the same columns.
 */
import { ValidationError } from '../core/errors';
import { selectColumns, type Table } from '../data/table';
import { expectType } from './json';
import { DEFAULT_FEATURE_SELECTION_OPTIONS, selectFeatures, type FeatureSelectionOptions, type FeatureSelectionResult } from './feature-selection';
import { tableToMatrix } from './table-to-matrix';
import type { StepJSON } from './types';
import { BaseStep } from './util';

/**
 * Select columns by variance, correlation and VIF at fit time; keep those at transform time.
 * Complexity: fit as {@link selectFeatures}; transform O(1) (columns are shared, not copied).
 */
export class FeatureSelector extends BaseStep {
  readonly stepName = 'FeatureSelector';
  readonly options: FeatureSelectionOptions;
  private result: FeatureSelectionResult | null = null;

  constructor(options: Partial<FeatureSelectionOptions> = {}) {
    super();
    this.options = { ...DEFAULT_FEATURE_SELECTION_OPTIONS, ...options };
  }

  /** The kept names, report and final VIFs from fit. */
  get selection(): FeatureSelectionResult { this.checkFitted(); return this.result!; }

  fit(table: Table): this {
    this.checkTable(table);
    const { X, featureNames } = tableToMatrix(table);
    this.result = selectFeatures(X, featureNames, this.options);
    this.isFitted = true;
    return this;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const have = new Set(table.columns.map((c) => c.name));
    const missing = this.result!.kept.filter((n) => !have.has(n));
    if (missing.length) throw new ValidationError(`FeatureSelector: kept feature(s) ${missing.join(', ')} absent from the table`);
    return selectColumns(table, this.result!.kept);
  }

  toJSON(): StepJSON {
    return { type: 'FeatureSelector', options: this.options, state: this.result ? JSON.parse(JSON.stringify(this.result)) : null };
  }

  static fromJSON(json: StepJSON): FeatureSelector {
    expectType(json, 'FeatureSelector');
    const s = new FeatureSelector(json.options as FeatureSelectionOptions);
    if (json.state) { s.result = JSON.parse(JSON.stringify(json.state)) as FeatureSelectionResult; s.isFitted = true; }
    return s;
  }
}
