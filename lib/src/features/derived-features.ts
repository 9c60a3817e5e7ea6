/**
 * DerivedFeatures: engineered features a spec asks for, as expressions over numeric columns
 * (`{ name: 'spend_per_order', expr: 'spend / orders' }`, see expression.ts). Parsed at construction into plain-JSON
 * syntax trees (saved with the step; no `eval`), added after the existing columns.
 */
import { ValidationError } from '../core/errors';
import { isNumeric, type Column, type Table } from '../data/table';
import { evaluateExpression, expressionColumns, parseExpression, type ExprNode } from './expression';
import { expectType } from './json';
import type { StepJSON } from './types';
import { BaseStep } from './util';

/** One derived feature. */
export interface DerivedFeature { readonly name: string; readonly expr: string; readonly description?: string }

/** Options of {@link DerivedFeatures}. */
export interface DerivedFeaturesOptions {
  features: readonly DerivedFeature[];
}

/** Defaults of {@link DerivedFeaturesOptions}. */
export const DEFAULT_DERIVED_FEATURES_OPTIONS: DerivedFeaturesOptions = { features: [] };

/** The numeric columns of a table, by name (for evaluation). */
function numericColumns(table: Table): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const c of table.columns) if (isNumeric(c)) out[c.name] = c.values;
  return out;
}

/**
 * Compute the derived features of `features` on a table (each may use the ones before it).
 * @throws ValidationError naming the feature and a column it reads that the table lacks or that is not numeric
 */
export function addDerivedFeatures(table: Table, features: readonly DerivedFeature[], trees?: readonly ExprNode[]): Table {
  const cols: Column[] = [...table.columns];
  const nums = numericColumns(table);
  features.forEach((f, j) => {
    const tree = trees?.[j] ?? parseExpression(f.expr, `derived feature "${f.name}"`);
    for (const c of expressionColumns(tree)) {
      if (!nums[c]) {
        const col = table.columns.find((x) => x.name === c);
        throw new ValidationError(col
          ? `derived feature "${f.name}" = ${f.expr}: column "${c}" is ${col.kind}, not numeric; use numeric columns only`
          : `derived feature "${f.name}" = ${f.expr}: no column "${c}" (numeric columns: ${Object.keys(nums).join(', ')}); fix the name in the spec's "derived" list`);
      }
    }
    if (table.columns.some((c) => c.name === f.name)) throw new ValidationError(`derived feature "${f.name}": a column of that name already exists; choose another name`);
    const values = evaluateExpression(tree, nums, table.nRows);
    nums[f.name] = values;
    cols.push({ kind: 'numeric', name: f.name, values });
  });
  return { nRows: table.nRows, columns: cols, source: table.source };
}

/**
 * The pipeline step (see the module comment). Stateless apart from the parsed expressions.
 * Complexity: O(n · nodes) per feature.
 * @example new DerivedFeatures({ features: [{ name: 'spend_per_order', expr: 'spend / orders' }] }).fitTransform(t)
 */
export class DerivedFeatures extends BaseStep {
  readonly stepName = 'DerivedFeatures';
  readonly options: DerivedFeaturesOptions;
  /** The parsed expressions, in feature order (plain JSON). */
  readonly trees: readonly ExprNode[];

  constructor(options: Partial<DerivedFeaturesOptions> = {}) {
    super();
    this.options = { ...DEFAULT_DERIVED_FEATURES_OPTIONS, ...options };
    const names = new Set<string>();
    this.trees = this.options.features.map((f) => {
      if (!f || typeof f.name !== 'string' || !f.name) throw new ValidationError(`DerivedFeatures: every feature needs a name, got ${JSON.stringify(f)}`);
      if (names.has(f.name)) throw new ValidationError(`DerivedFeatures: feature "${f.name}" is defined twice`);
      names.add(f.name);
      return parseExpression(f.expr, `derived feature "${f.name}"`);
    });
  }

  /** Names of the features added. */
  get added(): readonly string[] { return this.options.features.map((f) => f.name); }

  fit(table: Table): this {
    this.checkTable(table);
    addDerivedFeatures({ nRows: Math.min(table.nRows, 1), columns: table.columns.map((c) => (isNumeric(c) ? { ...c, values: c.values.subarray(0, 1) } : { ...c, codes: c.codes.subarray(0, 1) })) }, this.options.features, this.trees);
    this.isFitted = true;
    return this;
  }

  transform(table: Table): Table {
    this.checkFitted();
    this.checkTable(table);
    return addDerivedFeatures(table, this.options.features, this.trees);
  }

  toJSON(): StepJSON { return { type: 'DerivedFeatures', options: this.options, state: this.isFitted ? { trees: this.trees } : null }; }

  static fromJSON(json: StepJSON): DerivedFeatures {
    expectType(json, 'DerivedFeatures');
    const s = new DerivedFeatures(json.options as DerivedFeaturesOptions);
    if (json.state) s.isFitted = true;
    return s;
  }
}
