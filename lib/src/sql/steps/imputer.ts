/** SQL of SimpleImputer: COALESCE with the fitted fill value; columns dropped at fit time are removed. */
import { ValidationError } from '../../core/errors';
import type { SqlOutput } from '../relation';
import { spliceStage } from '../relation';
import type { StepTranslator } from '../step-registry';
import { inputColumn, savedNumber, stateOf } from './common';

export const simpleImputerSql: StepTranslator = (json, input, { d }) => {
  const st = stateOf(json) as { fills: Array<{ column: string; kind: string; value: unknown }>; dropped: string[] };
  const replace = new Map<string, SqlOutput[]>();
  for (const name of st.dropped ?? []) if (input.some((c) => c.name === name)) replace.set(name, []);
  for (const f of st.fills) {
    const c = inputColumn(input, f.column, 'SimpleImputer');
    if (f.kind === 'numeric') {
      if (c.kind !== 'numeric') throw new ValidationError(`SQL export: SimpleImputer column "${f.column}" was numeric at fit time, is ${c.kind} now`);
      replace.set(f.column, [{ name: c.name, kind: c.kind, expr: `COALESCE(${d.ident(c.name)}, ${d.num(savedNumber(f.value))})` }]);
    } else {
      if (c.kind === 'numeric') throw new ValidationError(`SQL export: SimpleImputer column "${f.column}" was categorical at fit time, is numeric now`);
      replace.set(f.column, [{ name: c.name, kind: c.kind, expr: `COALESCE(${d.ident(c.name)}, ${d.str(String(f.value))})` }]);
    }
  }
  return [spliceStage(input, replace, d)];
};
