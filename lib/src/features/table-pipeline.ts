/**
 * TablePipeline: chain Table → Table steps; fitting fits each step on the previous step's output, as
 * scikit-learn's `Pipeline`. A TablePipeline is itself a step, so pipelines nest.
 */
import type { Table } from '../data/table';
import { expectType } from './json';
import { stepFromJSON } from './registry';
import type { StepJSON, TableStep } from './types';
import { BaseStep } from './util';

/** Options of {@link TablePipeline}. */
export interface TablePipelineOptions {
  /** The steps, in order. */
  steps: readonly TableStep[];
}

/** Defaults of {@link TablePipelineOptions}. */
export const DEFAULT_TABLE_PIPELINE_OPTIONS: TablePipelineOptions = { steps: [] };

/**
 * Chain of steps. `fit` runs `fitTransform` through every step; `transform` runs `transform` through every step.
 * Complexity: the sum of the steps'.
 * @example new TablePipeline({steps: [new SimpleImputer(), new StandardScaler()]}).fitTransform(t)
 */
export class TablePipeline extends BaseStep {
  readonly stepName = 'TablePipeline';
  readonly options: TablePipelineOptions;

  constructor(options: Partial<TablePipelineOptions> = {}) {
    super();
    this.options = { ...DEFAULT_TABLE_PIPELINE_OPTIONS, ...options };
  }

  /** The steps (the same objects passed in, fitted in place by `fit`). */
  get steps(): readonly TableStep[] { return this.options.steps; }

  fit(table: Table): this { this.fitTransform(table); return this; }

  override fitTransform(table: Table): Table {
    this.checkTable(table);
    let t = table;
    for (const s of this.options.steps) t = s.fitTransform(t);
    this.isFitted = true;
    return t;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    let t = table;
    for (const s of this.options.steps) t = s.transform(t);
    return t;
  }

  toJSON(): StepJSON {
    return { type: 'TablePipeline', options: { steps: this.options.steps.map((s) => s.toJSON()) }, state: this.isFitted ? { fitted: true } : null };
  }

  static fromJSON(json: StepJSON): TablePipeline {
    expectType(json, 'TablePipeline');
    const o = json.options as { steps: StepJSON[] };
    const p = new TablePipeline({ steps: o.steps.map((s) => stepFromJSON(s)) });
    if (json.state) p.isFitted = true;
    return p;
  }
}
