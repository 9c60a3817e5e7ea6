/**
 * OneHotEncoder: replace each categorical column by one 0/1 numeric column per level seen at fit time, named
 * `<column>=<level>`, as scikit-learn's `OneHotEncoder` (levels in sorted order).
 *
 * Unseen categories at transform time (`handleUnknown`):
 * - `'ignore'` (default): the row gets all zeros in that column's block; the count per column is available
 *   afterwards in `lastUnknownCounts` so the caller can report it;
 * - `'error'`: throw a ValidationError naming the column, the level and the row;
 * - `'infrequent'`: levels seen fewer than `minFrequency` times at fit time, and unseen levels at transform time,
 *   go to one extra column `<column>=<infrequent>`.
 * Missing values (code -1, `handleMissing`): `'indicator'` (default) adds a `<column>=<missing>` column when the
 * fit data had missing values (a missing value in a column that had none at fit time gives all zeros, counted
 * like an unknown); `'zeros'` gives an all-zero row; `'error'` throws.
 */
import { ValidationError } from '../core/errors';
import type { CategoricalColumn, Column, Table } from '../data/table';
import { isCategorical } from '../data/table';
import { expectType } from './json';
import type { ColumnSelector, StepJSON } from './types';
import { BaseStep, resolveSelector, spliceColumns } from './util';

/** Name suffix of the column collecting infrequent and unseen levels. */
export const ONE_HOT_INFREQUENT = '<infrequent>';
/** Name suffix of the missing-value indicator column. */
export const ONE_HOT_MISSING = '<missing>';

/** Options of {@link OneHotEncoder}. */
export interface OneHotEncoderOptions {
  /** Columns to encode. Default every categorical column (id columns excluded). */
  columns: ColumnSelector;
  /** Policy for a level not seen at fit time. Default `'ignore'`. */
  handleUnknown: 'ignore' | 'error' | 'infrequent';
  /** With `handleUnknown: 'infrequent'`: levels with fewer fit-time occurrences than this are grouped. Default 1. */
  minFrequency: number;
  /** Policy for missing values (code -1). Default `'indicator'`. */
  handleMissing: 'indicator' | 'zeros' | 'error';
  /** `'if_binary'`: a column with exactly two levels becomes a single column (the second level). Default `'none'`. */
  drop: 'none' | 'if_binary';
  /** Separator between column and level in output names. Default `'='`. */
  separator: string;
}

/** Defaults of {@link OneHotEncoderOptions}. */
export const DEFAULT_ONE_HOT_ENCODER_OPTIONS: OneHotEncoderOptions = {
  columns: 'categorical', handleUnknown: 'ignore', minFrequency: 1, handleMissing: 'indicator', drop: 'none', separator: '=',
};

/** The fitted encoding of one column. */
interface ColumnCategories {
  column: string;
  /** Levels that get their own output column, in output order. */
  levels: string[];
  /** Whether an `<infrequent>` column follows. */
  infrequent: boolean;
  /** Whether a `<missing>` column follows. */
  missing: boolean;
  /** With `drop: 'if_binary'`: the dropped first level (encoded as 0), else null. */
  reference: string | null;
}

/**
 * One-hot encode categorical columns (see the module comment for unknown and missing policies).
 * Complexity: O(n·L) per column at transform (L output columns), O(n) at fit.
 * @example // color ∈ {red, blue}: fit → columns color=blue, color=red; "green" at transform → [0, 0] and lastUnknownCounts {color: 1}
 */
export class OneHotEncoder extends BaseStep {
  readonly stepName = 'OneHotEncoder';
  readonly options: OneHotEncoderOptions;
  private cats: ColumnCategories[] = [];
  private unknownCounts: Record<string, number> = {};

  constructor(options: Partial<OneHotEncoderOptions> = {}) {
    super();
    this.options = { ...DEFAULT_ONE_HOT_ENCODER_OPTIONS, ...options };
    if (!['ignore', 'error', 'infrequent'].includes(this.options.handleUnknown)) {
      throw new ValidationError(`OneHotEncoder: handleUnknown should be 'ignore' | 'error' | 'infrequent', got ${JSON.stringify(this.options.handleUnknown)}`);
    }
    if (!(this.options.minFrequency >= 1)) throw new ValidationError(`OneHotEncoder: minFrequency should be >= 1, got ${this.options.minFrequency}`);
  }

  /** Per column, the rows of the last `transform` call whose level was unseen (or missing without an indicator). */
  get lastUnknownCounts(): Readonly<Record<string, number>> { this.checkFitted(); return this.unknownCounts; }

  /** The output column names, in order, per encoded column. */
  get outputNames(): Record<string, string[]> {
    this.checkFitted();
    const out: Record<string, string[]> = {};
    for (const c of this.cats) out[c.column] = this.namesOf(c);
    return out;
  }

  /** The fitted levels per column (those with their own output column). */
  get categories(): Record<string, readonly string[]> {
    this.checkFitted();
    return Object.fromEntries(this.cats.map((c) => [c.column, c.levels]));
  }

  fit(table: Table): this {
    this.checkTable(table);
    const names = resolveSelector(table, this.options.columns, this.stepName);
    const cats: ColumnCategories[] = [];
    for (const name of names) {
      const c = table.columns.find((x) => x.name === name)!;
      if (!isCategorical(c)) throw new ValidationError(`OneHotEncoder: column "${name}" is ${c.kind}, expected categorical`);
      const counts = new Float64Array(c.levels.length);
      let nMissing = 0;
      for (let i = 0; i < c.codes.length; i++) { const k = c.codes[i]; if (k < 0) nMissing++; else counts[k]++; }
      if (nMissing && this.options.handleMissing === 'error') throw new ValidationError(`OneHotEncoder: column "${name}" has ${nMissing} missing values (handleMissing: 'error')`);
      const seen: string[] = [];
      let anyInfrequent = false;
      const minF = this.options.handleUnknown === 'infrequent' ? this.options.minFrequency : 1;
      c.levels.forEach((lv, k) => {
        if (counts[k] >= minF) seen.push(lv);
        else if (counts[k] > 0) anyInfrequent = true;
      });
      if (seen.length === 0 && nMissing === table.nRows && this.options.handleMissing !== 'indicator') {
        throw new ValidationError(`OneHotEncoder: column "${name}" has no observed value (all ${table.nRows} missing)`);
      }
      seen.sort();
      const binary = this.options.drop === 'if_binary' && seen.length === 2 && !anyInfrequent && nMissing === 0;
      cats.push({
        column: name,
        levels: binary ? [seen[1]] : seen,
        infrequent: this.options.handleUnknown === 'infrequent',
        missing: nMissing > 0 && this.options.handleMissing === 'indicator',
        reference: binary ? seen[0] : null,
      });
    }
    this.cats = cats;
    this.isFitted = true;
    return this;
  }

  private namesOf(c: ColumnCategories): string[] {
    const sep = this.options.separator;
    const out = c.levels.map((l) => `${c.column}${sep}${l}`);
    if (c.infrequent) out.push(`${c.column}${sep}${ONE_HOT_INFREQUENT}`);
    if (c.missing) out.push(`${c.column}${sep}${ONE_HOT_MISSING}`);
    return out;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    const replace = new Map<string, Column[]>();
    const unknown: Record<string, number> = {};
    for (const cat of this.cats) {
      const col = table.columns.find((x) => x.name === cat.column);
      if (!col) throw new ValidationError(`OneHotEncoder: column "${cat.column}" seen at fit time is missing from the table`);
      if (!isCategorical(col)) throw new ValidationError(`OneHotEncoder: column "${cat.column}" is ${col.kind}, expected categorical`);
      const names = this.namesOf(cat);
      const L = cat.levels.length;
      const outs = names.map(() => new Float64Array(table.nRows));
      // this table's level codes → output column (>= 0), reference level of a binary column (-2), unknown (-1);
      // matched by level string, since two tables may code the same levels differently
      const levelIndex = new Map(cat.levels.map((l, j) => [l, j]));
      const pos = new Int32Array(col.levels.length);
      col.levels.forEach((lv, k) => { pos[k] = levelIndex.get(lv) ?? (lv === cat.reference ? -2 : -1); });
      let nUnknown = 0;
      const missIdx = cat.missing ? names.length - 1 : -1;
      const infIdx = cat.infrequent ? L : -1;
      for (let i = 0; i < table.nRows; i++) {
        const k = col.codes[i];
        if (k < 0) {
          if (missIdx >= 0) outs[missIdx][i] = 1;
          else if (this.options.handleMissing === 'error') throw new ValidationError(`OneHotEncoder: column "${cat.column}" row ${i} is missing (handleMissing: 'error')`);
          else if (this.options.handleMissing === 'indicator') nUnknown++;
          continue;
        }
        const p = pos[k];
        if (p >= 0) { outs[p][i] = 1; continue; }
        if (p === -2) continue; // reference level of a binary column: encoded 0
        if (infIdx >= 0) { outs[infIdx][i] = 1; continue; }
        if (this.options.handleUnknown === 'error') {
          throw new ValidationError(`OneHotEncoder: column "${cat.column}" row ${i} has level "${col.levels[k]}" not seen at fit time (handleUnknown: 'error'); seen: ${cat.levels.join(', ')}`);
        }
        nUnknown++;
      }
      unknown[cat.column] = nUnknown;
      replace.set(cat.column, names.map((n, j) => ({ kind: 'numeric', name: n, values: outs[j] })));
    }
    this.unknownCounts = unknown;
    return spliceColumns(table, replace);
  }

  toJSON(): StepJSON {
    return { type: 'OneHotEncoder', options: this.options, state: this.isFitted ? { cats: this.cats } : null };
  }

  static fromJSON(json: StepJSON): OneHotEncoder {
    expectType(json, 'OneHotEncoder');
    const e = new OneHotEncoder(json.options as OneHotEncoderOptions);
    const st = json.state as { cats: ColumnCategories[] } | null;
    if (st) {
      e.cats = st.cats.map((c) => ({ ...c, levels: [...c.levels] }));
      e.isFitted = true;
    }
    return e;
  }
}
