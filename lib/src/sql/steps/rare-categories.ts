/** SQL of RareCategoryGrouper: levels not kept at fit time become the `other` level; NULL stays NULL. */
import { ValidationError } from '../../core/errors';
import { spliceStage, type SqlOutput } from '../relation';
import type { StepTranslator } from '../step-registry';
import { inputColumn, optionsOf, stateOf } from './common';

export const rareCategoryGrouperSql: StepTranslator = (json, input, { d }) => {
  const other = String(optionsOf(json).other ?? 'other');
  const kept = ((stateOf(json) as { kept?: Record<string, string[]> }).kept ?? {});
  const replace = new Map<string, SqlOutput[]>();
  for (const [name, keep] of Object.entries(kept)) {
    const c = inputColumn(input, name, 'RareCategoryGrouper');
    if (c.kind !== 'categorical') throw new ValidationError(`SQL export: RareCategoryGrouper column "${name}" is ${c.kind}, expected categorical`);
    const x = d.ident(c.name);
    const known = keep.length ? `WHEN ${x} IN (${keep.map((l) => d.str(l)).join(', ')}) THEN ${x} ` : '';
    replace.set(name, [{ name, kind: 'categorical', expr: `(CASE WHEN ${x} IS NULL THEN NULL ${known}ELSE ${d.str(other)} END)` }]);
  }
  return [spliceStage(input, replace, d)];
};
