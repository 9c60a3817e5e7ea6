/** SQL of the column-choosing steps: FeatureSelector (keep the fitted list, in its order) and ColumnDropper. */
import { passthrough } from '../relation';
import type { StepTranslator } from '../step-registry';
import { inputColumn, optionsOf, stateOf } from './common';

export const featureSelectorSql: StepTranslator = (json, input, { d }) => {
  const kept = (stateOf(json) as { kept: string[] }).kept;
  return [kept.map((n) => passthrough(inputColumn(input, n, 'FeatureSelector'), d))];
};

export const columnDropperSql: StepTranslator = (json, input, { d }) => {
  const o = optionsOf(json) as { columns: string[]; dropIds: boolean };
  const drop = new Set(o.columns ?? []);
  const keep = input.filter((c) => !drop.has(c.name) && !((o.dropIds ?? true) && c.kind === 'id'));
  return [keep.map((c) => passthrough(c, d))];
};
