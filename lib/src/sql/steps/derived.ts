/**
 * SQL of DerivedFeatures: each feature of the spec's `derived` list appended after the columns, from its saved
 * syntax tree (see ../expression.ts). One projection per feature, so that a feature may read the ones before it.
 */
import { ValidationError } from '../../core/errors';
import type { ExprNode } from '../../features/expression';
import { expressionSql } from '../expression';
import { spliceStage, type SqlColumn, type SqlStage } from '../relation';
import type { StepTranslator } from '../step-registry';
import { numericInput, optionsOf, stateOf } from './common';

export const derivedFeaturesSql: StepTranslator = (json, input, { d }) => {
  const features = (optionsOf(json).features ?? []) as Array<{ name: string; expr: string }>;
  const trees = (stateOf(json) as { trees?: ExprNode[] }).trees;
  if (!Array.isArray(trees) || trees.length !== features.length) {
    throw new ValidationError(`SQL export: step DerivedFeatures saved ${Array.isArray(trees) ? trees.length : 'no'} syntax trees for ${features.length} features; refit and save the pipeline`);
  }
  const stages: SqlStage[] = [];
  let cols: readonly SqlColumn[] = input;
  features.forEach((f, j) => {
    const where = `DerivedFeatures (feature "${f.name}" = ${f.expr})`;
    const e = expressionSql(trees[j], (name) => d.ident(numericInput(cols, name, where).name), d);
    const stage = spliceStage(cols, new Map(), d, [{ name: f.name, kind: 'numeric', expr: e.sql }]);
    stages.push(stage);
    cols = stage.map((o) => ({ name: o.name, kind: o.kind }));
  });
  return stages;
};
