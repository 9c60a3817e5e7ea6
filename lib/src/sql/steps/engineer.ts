/** SQL of FeatureEngineer: the fitted features appended after the input columns, each from the input columns. */
import { engineeredSql } from '../engineered';
import { spliceStage, type SqlOutput } from '../relation';
import type { StepTranslator } from '../step-registry';
import { inputColumn, stateOf } from './common';

export const featureEngineerSql: StepTranslator = (json, input, { d }) => {
  const st = stateOf(json) as { names: string[]; params: Record<string, Record<string, unknown>> };
  const col = (name: string) => {
    const c = inputColumn(input, name, 'FeatureEngineer');
    return { expr: d.ident(c.name), kind: c.kind };
  };
  const added: SqlOutput[] = st.names.map((name) => {
    const f = engineeredSql(name);
    return { name, kind: f.kind, expr: f.sql({ d, col, params: st.params?.[name] }) };
  });
  return [spliceStage(input, new Map(), d, added)];
};
