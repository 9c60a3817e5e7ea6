/**
 * RareCategoryGrouper: in every categorical column, levels seen in fewer than a share of the rows at fit time (and
 * levels never seen) become one level `other`, so that one-hot encoding a long-tailed column (200 postcodes) does
 * not create hundreds of near-empty features. Plain fitted state: the kept levels per column.
 */
import { ValidationError } from '../core/errors';
import type { CategoricalColumn, Column, Table } from '../data/table';
import { expectType } from './json';
import type { StepJSON } from './types';
import { BaseStep, spliceColumns } from './util';

/** Options of {@link RareCategoryGrouper}. */
export interface RareCategoryGrouperOptions {
  /** Levels with a share of the non-missing rows below this are grouped. Default 0.01. */
  minShare: number;
  /** Name of the grouped level. Default `'other'`. */
  other: string;
}

/** Defaults of {@link RareCategoryGrouperOptions}. */
export const DEFAULT_RARE_CATEGORY_GROUPER_OPTIONS: RareCategoryGrouperOptions = { minShare: 0.01, other: 'other' };

/**
 * Group rare levels (see the module comment). Columns with no rare level are left as they are.
 * Complexity: O(n) per categorical column.
 * @example // region with 'north' 60 %, 'south' 39.5 %, 'islands' 0.5 % → levels north, other, south
 */
export class RareCategoryGrouper extends BaseStep {
  readonly stepName = 'RareCategoryGrouper';
  readonly options: RareCategoryGrouperOptions;
  private kept: Record<string, string[]> = {};

  constructor(options: Partial<RareCategoryGrouperOptions> = {}) {
    super();
    this.options = { ...DEFAULT_RARE_CATEGORY_GROUPER_OPTIONS, ...options };
    if (!(this.options.minShare > 0 && this.options.minShare < 1)) throw new ValidationError(`RareCategoryGrouper: minShare=${this.options.minShare} should be in (0, 1)`);
  }

  /** Per grouped column, the levels kept as they are (the others become `other`). */
  get keptLevels(): Readonly<Record<string, readonly string[]>> { this.checkFitted(); return this.kept; }

  fit(table: Table): this {
    this.checkTable(table);
    const kept: Record<string, string[]> = {};
    for (const c of table.columns) {
      if (c.kind !== 'categorical') continue;
      const counts = new Float64Array(c.levels.length);
      let present = 0;
      for (let i = 0; i < c.codes.length; i++) { const k = c.codes[i]; if (k >= 0) { counts[k]++; present++; } }
      const keep = c.levels.filter((_, k) => counts[k] >= this.options.minShare * present);
      const rare = c.levels.filter((_, k) => counts[k] > 0 && counts[k] < this.options.minShare * present);
      if (rare.length > 0) kept[c.name] = keep;
    }
    this.kept = kept;
    this.isFitted = true;
    return this;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const replace = new Map<string, Column[]>();
    for (const [name, keep] of Object.entries(this.kept)) {
      const c = table.columns.find((x) => x.name === name) as CategoricalColumn | undefined;
      if (!c || c.kind !== 'categorical') throw new ValidationError(`RareCategoryGrouper: categorical column "${name}" seen at fit time is missing from the table`);
      const levels = [...keep, this.options.other].sort();
      const index = new Map(levels.map((l, k) => [l, k]));
      const other = index.get(this.options.other)!;
      const remap = c.levels.map((l) => (keep.includes(l) ? index.get(l)! : other));
      const codes = new Int32Array(c.codes.length);
      for (let i = 0; i < codes.length; i++) { const k = c.codes[i]; codes[i] = k < 0 ? -1 : remap[k]; }
      replace.set(name, [{ kind: 'categorical', name, codes, levels }]);
    }
    return spliceColumns(table, replace);
  }

  toJSON(): StepJSON { return { type: 'RareCategoryGrouper', options: this.options, state: this.isFitted ? { kept: this.kept } : null }; }

  static fromJSON(json: StepJSON): RareCategoryGrouper {
    expectType(json, 'RareCategoryGrouper');
    const s = new RareCategoryGrouper(json.options as RareCategoryGrouperOptions);
    const st = json.state as { kept: Record<string, string[]> } | null;
    if (st) { s.kept = Object.fromEntries(Object.entries(st.kept).map(([k, v]) => [k, [...v]])); s.isFitted = true; }
    return s;
  }
}
