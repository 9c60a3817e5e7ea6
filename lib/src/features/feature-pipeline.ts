/**
 * FeaturePipeline: Table → Table steps followed by the Table → Matrix step; what clustering, the autoencoder and
 * scoring consume. Fitted once, saved to JSON, loaded back to transform new customers identically.
 */
import { ValidationError } from '../core/errors';
import type { Table } from '../data/table';
import { NotFittedError } from '../core/errors';
import { stepFromJSON } from './registry';
import { tableToMatrix, type FeatureMatrix } from './table-to-matrix';
import type { StepJSON, TableStep } from './types';

/** Options of {@link FeaturePipeline}. */
export interface FeaturePipelineOptions {
  /** Table → Table steps, in order. */
  steps: readonly TableStep[];
  /** Allow NaN in the output matrix. Default false. */
  allowNaN: boolean;
}

/** Defaults of {@link FeaturePipelineOptions}. */
export const DEFAULT_FEATURE_PIPELINE_OPTIONS: FeaturePipelineOptions = { steps: [], allowNaN: false };

/** The JSON form of a FeaturePipeline. */
export interface FeaturePipelineJSON {
  readonly type: 'FeaturePipeline';
  readonly steps: StepJSON[];
  readonly allowNaN: boolean;
  readonly featureNames: string[] | null;
}

/**
 * Steps then matrix. `transform` checks that a new table yields the same feature names as at fit time.
 * Complexity: the sum of the steps' plus O(n·d) for the matrix.
 * @example const p = new FeaturePipeline({steps: [new SimpleImputer(), new OneHotEncoder(), new StandardScaler()]});
 *          const {X, featureNames} = p.fitTransform(train); p.transform(newCustomers).X
 */
export class FeaturePipeline {
  readonly options: FeaturePipelineOptions;
  private names: string[] | null = null;

  constructor(options: Partial<FeaturePipelineOptions> = {}) {
    this.options = { ...DEFAULT_FEATURE_PIPELINE_OPTIONS, ...options };
  }

  get fitted(): boolean { return this.names !== null; }

  /** Output feature names (after fit). */
  get featureNames(): readonly string[] {
    if (!this.names) throw new NotFittedError('FeaturePipeline');
    return this.names;
  }

  /** Fit every step in order. @returns this */
  fit(table: Table): this { this.fitTransform(table); return this; }

  /** Fit, and return the training feature matrix. */
  fitTransform(table: Table): FeatureMatrix {
    let t = table;
    for (const s of this.options.steps) t = s.fitTransform(t);
    const out = tableToMatrix(t, { allowNaN: this.options.allowNaN });
    this.names = [...out.featureNames];
    return out;
  }

  /**
   * For callers that fitted the steps themselves (fitTransform through each, keeping intermediate tables):
   * mark the pipeline fitted from the last step's output and return the matrix.
   */
  adoptFitted(finalTable: Table): FeatureMatrix {
    if (this.options.steps.some((s) => !s.fitted)) throw new ValidationError('FeaturePipeline.adoptFitted: every step should be fitted');
    const out = tableToMatrix(finalTable, { allowNaN: this.options.allowNaN });
    this.names = [...out.featureNames];
    return out;
  }

  /** Apply the fitted steps to the table only (before the matrix step): for inspection. */
  transformTable(table: Table): Table {
    if (!this.names) throw new NotFittedError('FeaturePipeline');
    let t = table;
    for (const s of this.options.steps) t = s.transform(t);
    return t;
  }

  /** Apply the fitted pipeline to new rows. @throws ValidationError if the output features differ from fit time. */
  transform(table: Table): FeatureMatrix {
    const out = tableToMatrix(this.transformTable(table), { allowNaN: this.options.allowNaN });
    const names = this.names!;
    if (out.featureNames.length !== names.length || out.featureNames.some((n, j) => n !== names[j])) {
      throw new ValidationError(`FeaturePipeline: transform produced features [${out.featureNames.join(', ')}], fit produced [${names.join(', ')}]`);
    }
    return out;
  }

  toJSON(): FeaturePipelineJSON {
    return { type: 'FeaturePipeline', steps: this.options.steps.map((s) => s.toJSON()), allowNaN: this.options.allowNaN, featureNames: this.names };
  }

  static fromJSON(json: FeaturePipelineJSON): FeaturePipeline {
    if (json == null || json.type !== 'FeaturePipeline') throw new ValidationError(`cannot load FeaturePipeline from JSON of type ${JSON.stringify((json as { type?: unknown } | null)?.type)}`);
    const p = new FeaturePipeline({ steps: json.steps.map((s) => stepFromJSON(s)), allowNaN: json.allowNaN });
    p.names = json.featureNames ? [...json.featureNames] : null;
    return p;
  }
}
