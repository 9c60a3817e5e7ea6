/** SQL of MissingIndicator: after every flagged column, `<column><suffix>` = 1 where it is NULL, else 0. */
import { spliceStage, passthrough, type SqlOutput } from '../relation';
import type { StepTranslator } from '../step-registry';
import { inputColumn, optionsOf, stateOf } from './common';

export const missingIndicatorSql: StepTranslator = (json, input, { d }) => {
  const suffix = String(optionsOf(json).suffix ?? '_missing');
  const flagged = ((stateOf(json) as { flagged?: string[] }).flagged ?? []);
  const replace = new Map<string, SqlOutput[]>();
  for (const name of flagged) {
    const c = inputColumn(input, name, 'MissingIndicator');
    replace.set(name, [passthrough(c, d), { name: `${name}${suffix}`, kind: 'numeric', expr: `(CASE WHEN ${d.ident(c.name)} IS NULL THEN 1E0 ELSE 0E0 END)` }]);
  }
  return [spliceStage(input, replace, d)];
};
