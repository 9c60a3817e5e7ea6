/** SQL of QuantileClipper and of the affine scalers (StandardScaler, RobustScaler, MinMaxScaler): (x − c) / s + offset. */
import { spliceStage, type SqlOutput } from '../relation';
import type { StepTranslator } from '../step-registry';
import { numericInput, optionsOf, savedNumbers, stateOf } from './common';

export const quantileClipperSql: StepTranslator = (json, input, { d }) => {
  const st = stateOf(json) as { names: string[] } & Record<string, unknown>;
  const lo = savedNumbers(st.lo, 'QuantileClipper lo');
  const hi = savedNumbers(st.hi, 'QuantileClipper hi');
  const replace = new Map<string, SqlOutput[]>();
  st.names.forEach((name, j) => {
    const x = d.ident(numericInput(input, name, 'QuantileClipper').name);
    replace.set(name, [{ name, kind: 'numeric', expr: `(CASE WHEN ${x} < ${d.num(lo[j])} THEN ${d.num(lo[j])} WHEN ${x} > ${d.num(hi[j])} THEN ${d.num(hi[j])} ELSE ${x} END)` }]);
  });
  return [spliceStage(input, replace, d)];
};

export const affineScalerSql: StepTranslator = (json, input, { d }) => {
  const st = stateOf(json) as { names: string[] } & Record<string, unknown>;
  const centers = savedNumbers(st.centers, `${json.type} centers`);
  const scales = savedNumbers(st.scales, `${json.type} scales`);
  const range = (optionsOf(json).featureRange as number[] | undefined) ?? [0, 1];
  const offset = json.type === 'MinMaxScaler' ? range[0] : 0;
  const replace = new Map<string, SqlOutput[]>();
  st.names.forEach((name, j) => {
    const x = d.ident(numericInput(input, name, json.type).name);
    const z = `(${x} - ${d.num(centers[j])}) / ${d.num(scales[j])}`;
    replace.set(name, [{ name, kind: 'numeric', expr: offset === 0 ? `(${z})` : `(${z} + ${d.num(offset)})` }]);
  });
  return [spliceStage(input, replace, d)];
};
