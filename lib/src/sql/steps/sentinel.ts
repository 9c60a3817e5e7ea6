/** SQL of SentinelExpander: a 0/1 flag (NULL when missing) and the value with sentinel rows set to the fitted fill. */
import { spliceStage, passthrough, type SqlOutput } from '../relation';
import type { StepTranslator } from '../step-registry';
import { numberOrNull, numericInput, optionsOf, savedNumber, stateOf } from './common';

export const sentinelExpanderSql: StepTranslator = (json, input, { d }) => {
  const o = optionsOf(json) as { column: string; flagName: string; valueName: string; keepOriginal: boolean };
  const st = stateOf(json);
  const c = numericInput(input, o.column, 'SentinelExpander');
  const x = d.ident(c.name);
  const s = d.num(savedNumber(st.sentinel));
  const fill = numberOrNull(savedNumber(st.fill), d);
  const outs: SqlOutput[] = [
    { name: o.flagName, kind: 'numeric', expr: `(CASE WHEN ${x} IS NULL THEN NULL WHEN ${x} = ${s} THEN 0E0 ELSE 1E0 END)` },
    { name: o.valueName, kind: 'numeric', expr: `(CASE WHEN ${x} IS NULL THEN NULL WHEN ${x} = ${s} THEN ${fill} ELSE ${x} END)` },
  ];
  return [spliceStage(input, new Map([[c.name, o.keepOriginal ? [passthrough(c, d), ...outs] : outs]]), d)];
};
