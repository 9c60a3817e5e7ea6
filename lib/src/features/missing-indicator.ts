/**
 * MissingIndicator: a 0/1 column `<column>_missing` after every column whose share of missing values at fit time
 * exceeds a threshold (scikit-learn's `SimpleImputer(add_indicator=True)` with a floor), so that imputing the values
 * does not hide that they were absent. Plain fitted state: the list of flagged columns.
 */
import { ValidationError } from '../core/errors';
import { isNumeric, type Column, type Table } from '../data/table';
import { expectType } from './json';
import type { StepJSON } from './types';
import { BaseStep, spliceColumns } from './util';

/** Options of {@link MissingIndicator}. */
export interface MissingIndicatorOptions {
  /** Flag a column when more than this share of its values is missing at fit time. Default 0.05. */
  threshold: number;
  /** Suffix of the flag's name. Default `'_missing'`. */
  suffix: string;
}

/** Defaults of {@link MissingIndicatorOptions}. */
export const DEFAULT_MISSING_INDICATOR_OPTIONS: MissingIndicatorOptions = { threshold: 0.05, suffix: '_missing' };

function missingMask(c: Column, n: number): Float64Array {
  const out = new Float64Array(n);
  if (isNumeric(c)) for (let i = 0; i < n; i++) out[i] = c.values[i] !== c.values[i] ? 1 : 0;
  else for (let i = 0; i < n; i++) out[i] = c.codes[i] < 0 ? 1 : 0;
  return out;
}

/**
 * Add missing-value flags (see the module comment). Identifier columns are never flagged.
 * Complexity: O(n) per column.
 * @example // income missing in 12 % of rows → a column income_missing (1 where income was empty) follows income
 */
export class MissingIndicator extends BaseStep {
  readonly stepName = 'MissingIndicator';
  readonly options: MissingIndicatorOptions;
  private flagged: string[] = [];

  constructor(options: Partial<MissingIndicatorOptions> = {}) {
    super();
    this.options = { ...DEFAULT_MISSING_INDICATOR_OPTIONS, ...options };
    if (!(this.options.threshold >= 0 && this.options.threshold < 1)) throw new ValidationError(`MissingIndicator: threshold=${this.options.threshold} should be in [0, 1)`);
  }

  /** The columns that get a flag. */
  get flaggedColumns(): readonly string[] { this.checkFitted(); return this.flagged; }

  fit(table: Table): this {
    this.checkTable(table);
    const n = table.nRows;
    this.flagged = table.columns.filter((c) => {
      if (c.kind === 'id' || n === 0) return false;
      let m = 0;
      if (isNumeric(c)) { for (let i = 0; i < n; i++) if (c.values[i] !== c.values[i]) m++; }
      else for (let i = 0; i < n; i++) if (c.codes[i] < 0) m++;
      return m / n > this.options.threshold && m < n;
    }).map((c) => c.name);
    this.isFitted = true;
    return this;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const replace = new Map<string, Column[]>();
    for (const name of this.flagged) {
      const c = table.columns.find((x) => x.name === name);
      if (!c) throw new ValidationError(`MissingIndicator: column "${name}" seen at fit time is missing from the table`);
      replace.set(name, [c, { kind: 'numeric', name: `${name}${this.options.suffix}`, values: missingMask(c, table.nRows) }]);
    }
    return spliceColumns(table, replace);
  }

  toJSON(): StepJSON { return { type: 'MissingIndicator', options: this.options, state: this.isFitted ? { flagged: this.flagged } : null }; }

  static fromJSON(json: StepJSON): MissingIndicator {
    expectType(json, 'MissingIndicator');
    const s = new MissingIndicator(json.options as MissingIndicatorOptions);
    const st = json.state as { flagged: string[] } | null;
    if (st) { s.flagged = [...st.flagged]; s.isFitted = true; }
    return s;
  }
}
