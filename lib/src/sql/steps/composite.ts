/**
 * SQL of the composite steps: TablePipeline (its steps in order) and ColumnTransformer (each route's steps on its
 * columns, the other columns passed alongside; then the routes' outputs in route order and the remainder).
 */
import type { StepJSON } from '../../features/types';
import { passthrough, type SqlColumn, type SqlStage } from '../relation';
import type { StepTranslator } from '../step-registry';
import { inputColumn, optionsOf, stateOf } from './common';

export const tablePipelineSql: StepTranslator = (json, input, ctx) => {
  const steps = (optionsOf(json).steps ?? []) as StepJSON[];
  const stages: SqlStage[] = [];
  let cols = input;
  for (const s of steps) {
    for (const stage of ctx.translate(s, cols)) {
      stages.push(stage);
      cols = stage.map((o) => ({ name: o.name, kind: o.kind }));
    }
  }
  return stages;
};

export const columnTransformerSql: StepTranslator = (json, input, ctx) => {
  const { d } = ctx;
  const o = optionsOf(json) as { routes: Array<{ name: string; steps: StepJSON[] }> };
  const st = stateOf(json) as { routeColumns: string[][]; remainderColumns: string[] };
  const stages: SqlStage[] = [];
  let cols: readonly SqlColumn[] = input;
  const routeOutputs: string[][] = [];
  o.routes.forEach((r, k) => {
    const names = new Set(st.routeColumns[k]);
    let sub: readonly SqlColumn[] = st.routeColumns[k].map((n) => inputColumn(cols, n, `ColumnTransformer route "${r.name}"`));
    for (const step of r.steps) {
      for (const stage of ctx.translate(step, sub)) {
        const others = cols.filter((c) => !names.has(c.name));
        const full = [...others.map((c) => passthrough(c, d)), ...stage];
        stages.push(full);
        cols = full.map((x) => ({ name: x.name, kind: x.kind }));
        sub = stage.map((x) => ({ name: x.name, kind: x.kind }));
        names.clear();
        for (const x of sub) names.add(x.name);
      }
    }
    routeOutputs.push(sub.map((c) => c.name));
  });
  const order = [...routeOutputs.flat(), ...st.remainderColumns];
  stages.push(order.map((n) => passthrough(inputColumn(cols, n, 'ColumnTransformer'), d)));
  return stages;
};
