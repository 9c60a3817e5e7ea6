/** SQL of OrdinalEncoder: an ordered categorical column becomes its rank (0 for the lowest level); other values NULL. */
import { ValidationError } from '../../core/errors';
import { spliceStage, type SqlOutput } from '../relation';
import type { StepTranslator } from '../step-registry';
import { inputColumn, optionsOf } from './common';

export const ordinalEncoderSql: StepTranslator = (json, input, { d }) => {
  const orders = (optionsOf(json).orders ?? {}) as Record<string, string[]>;
  const replace = new Map<string, SqlOutput[]>();
  for (const [name, order] of Object.entries(orders)) {
    const c = inputColumn(input, name, 'OrdinalEncoder');
    if (c.kind !== 'categorical') throw new ValidationError(`SQL export: OrdinalEncoder column "${name}" is ${c.kind}, expected categorical`);
    const x = d.ident(c.name);
    // the first position of a level, as Array.indexOf
    const whens = order.map((lv, r) => (order.indexOf(lv) === r ? `WHEN ${d.str(lv)} THEN ${d.num(r)}` : '')).filter(Boolean);
    replace.set(name, [{ name, kind: 'numeric', expr: `(CASE ${x} ${whens.join(' ')} END)` }]);
  }
  return [spliceStage(input, replace, d)];
};
