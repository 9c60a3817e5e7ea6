/**
 * SQL of OneHotEncoder: one 0/1 column per fitted level, then the `<infrequent>` and `<missing>` columns where the
 * fit made them; an unseen level gives zeros (or the infrequent column), as the JS step with handleUnknown
 * 'ignore' / 'infrequent'. ('error' policies cannot raise in SQL: after the schema check and imputation an unseen
 * or missing value never reaches this step in scoring, so they are written like 'ignore' / 'zeros'.)
 */
import { ValidationError } from '../../core/errors';
import { spliceStage, type SqlOutput } from '../relation';
import type { StepTranslator } from '../step-registry';
import { inputColumn, optionsOf, stateOf } from './common';

const INFREQUENT = '<infrequent>';
const MISSING = '<missing>';

interface Cats { column: string; levels: string[]; infrequent: boolean; missing: boolean; reference: string | null }

export const oneHotEncoderSql: StepTranslator = (json, input, { d }) => {
  const sep = String(optionsOf(json).separator ?? '=');
  const st = stateOf(json) as { cats: Cats[] };
  const replace = new Map<string, SqlOutput[]>();
  for (const cat of st.cats) {
    const c = inputColumn(input, cat.column, 'OneHotEncoder');
    if (c.kind === 'numeric') throw new ValidationError(`SQL export: OneHotEncoder column "${cat.column}" is numeric, expected categorical`);
    const x = d.ident(c.name);
    const outs: SqlOutput[] = cat.levels.map((lv) => ({ name: `${cat.column}${sep}${lv}`, kind: 'numeric', expr: `(CASE WHEN ${x} = ${d.str(lv)} THEN 1E0 ELSE 0E0 END)` }));
    if (cat.infrequent) {
      const known = [...cat.levels, ...(cat.reference !== null ? [cat.reference] : [])];
      const inList = known.length ? `WHEN ${x} IN (${known.map((l) => d.str(l)).join(', ')}) THEN 0E0 ` : '';
      outs.push({ name: `${cat.column}${sep}${INFREQUENT}`, kind: 'numeric', expr: `(CASE WHEN ${x} IS NULL THEN 0E0 ${inList}ELSE 1E0 END)` });
    }
    if (cat.missing) outs.push({ name: `${cat.column}${sep}${MISSING}`, kind: 'numeric', expr: `(CASE WHEN ${x} IS NULL THEN 1E0 ELSE 0E0 END)` });
    replace.set(cat.column, outs);
  }
  return [spliceStage(input, replace, d)];
};
