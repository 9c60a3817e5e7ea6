/**
 * SQL of the power transforms: YeoJohnsonTransformer (fitted λ per column, optionally standardized) and
 * Log1pTransformer. log1p(x) is written LN(1 + x) (DuckDB has no LOG1P); JS uses Math.log1p, so values can differ
 * in the last bit (see engineered.ts): the segment comparison reports near-ties for that reason.
 */
import type { SqlDialect } from '../dialect';
import { spliceStage, type SqlOutput } from '../relation';
import type { StepTranslator } from '../step-registry';
import { numericInput, optionsOf, savedNumbers, stateOf } from './common';

/** numpy.spacing(1.0): the JS implementation's switch to the log branches. */
const EPS = 2.220446049250313e-16;

/** ψ(x, λ) as the JS `yeoJohnson` computes it, NULL for NULL. */
export function yeoJohnsonExpr(x: string, lambda: number, d: SqlDialect): string {
  const pos = Math.abs(lambda) < EPS ? `LN(1E0 + ${x})` : `(EXP(${d.num(lambda)} * LN(1E0 + ${x})) - 1E0) / ${d.num(lambda)}`;
  const l2 = 2 - lambda;
  const neg = Math.abs(lambda - 2) > EPS ? `-(EXP(${d.num(l2)} * LN(1E0 - ${x})) - 1E0) / ${d.num(l2)}` : `-LN(1E0 - ${x})`;
  return `(CASE WHEN ${x} >= 0E0 THEN ${pos} WHEN ${x} < 0E0 THEN ${neg} END)`;
}

export const yeoJohnsonSql: StepTranslator = (json, input, { d }) => {
  const o = optionsOf(json) as { standardize: boolean };
  const st = stateOf(json) as { names: string[] } & Record<string, unknown>;
  const lambdas = savedNumbers(st.lambdas, 'YeoJohnsonTransformer lambdas');
  const means = savedNumbers(st.means, 'YeoJohnsonTransformer means');
  const stds = savedNumbers(st.stds, 'YeoJohnsonTransformer stds');
  const replace = new Map<string, SqlOutput[]>();
  st.names.forEach((name, j) => {
    const c = numericInput(input, name, 'YeoJohnsonTransformer');
    const t = yeoJohnsonExpr(d.ident(c.name), lambdas[j], d);
    const expr = o.standardize ? `((${t} - ${d.num(means[j])}) / ${d.num(stds[j])})` : t;
    replace.set(name, [{ name, kind: 'numeric', expr }]);
  });
  return [spliceStage(input, replace, d)];
};

export const log1pSql: StepTranslator = (json, input, { d }) => {
  const o = optionsOf(json) as { signed: boolean };
  const st = stateOf(json) as { names: string[] } & Record<string, unknown>;
  const replace = new Map<string, SqlOutput[]>();
  for (const name of st.names) {
    const x = d.ident(numericInput(input, name, 'Log1pTransformer').name);
    const expr = o.signed
      ? `(CASE WHEN ${x} < 0E0 THEN -LN(1E0 - ${x}) ELSE LN(1E0 + ${x}) END)`
      : `(CASE WHEN ${x} > (-1E0) THEN LN(1E0 + ${x}) END)`;
    replace.set(name, [{ name, kind: 'numeric', expr }]);
  }
  return [spliceStage(input, replace, d)];
};
