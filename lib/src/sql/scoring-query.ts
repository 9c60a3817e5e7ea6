/**
 * One SQL query that scores a customer table with a model bundle, where the table lives: the input conformed to
 * the training schema (an unseen category becomes missing, as in `npm run score`), the fitted pipeline step by step,
 * the nearest K-Means centre, the persona rules in priority order with their fitted thresholds. The result has the
 * id columns asked for, `segment`, `segment_name`, `persona`, `confidence` (as `npm run score`) and `near_tie`
 * (1 where a floating-point difference between engines could change the segment or persona; see kmeans.ts and
 * personas.ts).
 *
 * Missing values in the table must be SQL NULLs. Numeric columns are read with CAST(… AS DOUBLE), categorical ones
 * as trimmed text, a spec's date columns as days before its reference date (see dates.ts).
 */
import { ValidationError } from '../core/errors';
import type { StepJSON } from '../features/types';
import { dateDaysName, type DatasetColumn } from '../data/registry';
import { expressionColumns, parseExpression } from '../features/expression';
import { resolvePersonaPreset } from '../personas/presets';
import type { ModelBundle } from '../scoring/bundle';
import { sqlDialect, type SqlDialect, type SqlDialectName } from './dialect';
import { dateDaysSql, type DatePart } from './dates';
import { engineeredSql } from './engineered';
import { expressionSql } from './expression';
import { kmeansSql } from './kmeans';
import { personaSql, type PersonaScoreSql } from './personas';
import { CteChain, type SqlOutput } from './relation';
import { translateSteps } from './step-registry';
import './steps';

/** Options of {@link scoringSql}. */
export interface ScoringSqlOptions {
  /** Target dialect. Default 'duckdb'. */
  dialect: SqlDialectName;
  /** The relation to score, written into FROM as given: a table name (`bank.customers`) or any FROM item. Default `customers`. */
  table: string;
  /** Input columns copied to the output (customer ids), in order. Default none. */
  idColumns: readonly string[];
  /** Add the `near_tie` column. Default true. */
  nearTie: boolean;
  /**
   * A bundle that assigns segments with its classifier is refused (SQL computes the K-Means nearest centre, the JS
   * scorer's `nearestCentroid`); true exports the nearest centre anyway. Default false.
   */
  allowNearestCentre: boolean;
  /** Add the pipeline's output features, named `feature:<name>`, after the scores (for checks). Default false. */
  features: boolean;
}

/** Defaults of {@link ScoringSqlOptions}. */
export const DEFAULT_SCORING_SQL_OPTIONS: ScoringSqlOptions = { dialect: 'duckdb', table: 'customers', idColumns: [], nearTie: true, allowNearestCentre: false, features: false };

/** What the model needs of a bundle (a loaded ModelBundle has it all). */
export type SqlExportableBundle = Pick<ModelBundle, 'meta' | 'schema' | 'pipeline' | 'clusterer' | 'personas'>;

/** The date columns of the bundle's spec whose day counts the schema holds: day-count name → spec column. */
function dateColumns(bundle: SqlExportableBundle): Map<string, DatasetColumn> {
  const out = new Map<string, DatasetColumn>();
  for (const c of bundle.meta.spec?.columns ?? []) if (c.role === 'date') out.set(dateDaysName(c.name), c);
  return out;
}

/**
 * The conforming first stage: schema columns, unseen categories → NULL, a date's day count computed from the raw
 * date column (its matched parts added to the source relation first, see dates.ts).
 */
function conformStage(bundle: SqlExportableBundle, table: string, d: SqlDialect): { from: string; outputs: SqlOutput[] } {
  const dates = dateColumns(bundle);
  const parts: DatePart[] = [];
  const outputs = bundle.schema.columns.map((sc): SqlOutput => {
    const x = d.ident(sc.name);
    const date = sc.kind === 'numeric' ? dates.get(sc.name) : undefined;
    if (date) {
      const asOf = bundle.meta.spec?.asOf ? Date.parse(bundle.meta.spec.asOf) : NaN;
      if (!Number.isFinite(asOf)) throw new ValidationError(`SQL export: input column "${date.name}" is a date, but the model's spec has no reference date "asOf" to count days from; refit with a spec that has one`);
      if (d.name === 'ansi') throw new ValidationError(`SQL export: input column "${date.name}" is a date, whose parsing needs REGEXP_EXTRACT, which the ansi dialect does not use; export for duckdb or spark`);
      const missing = [...(date.missing ?? []), ...(bundle.meta.spec?.missing ?? [])];
      const s = dateDaysSql(d.ident(date.name), date.dateFormat, asOf, `__t${parts.length}_`, d, missing);
      parts.push(...s.parts);
      return { name: sc.name, kind: 'numeric', expr: s.days };
    }
    if (sc.kind === 'numeric') return { name: sc.name, kind: 'numeric', expr: `CAST(${x} AS ${d.doubleType})` };
    if (sc.kind === 'date') throw new ValidationError(`SQL export: input column "${sc.name}" is a date without a spec saying how to count its days, which SQL cannot reproduce; refit with a spec that gives the column role "date" and a reference date "asOf"`);
    const text = `TRIM(CAST(${x} AS ${d.textType}))`;
    if (sc.kind === 'categorical' && sc.levels) {
      if (sc.levels.length === 0) return { name: sc.name, kind: 'categorical', expr: `CAST(NULL AS ${d.textType})` };
      return { name: sc.name, kind: 'categorical', expr: `(CASE WHEN ${text} IN (${sc.levels.map((l) => d.str(l)).join(', ')}) THEN ${text} END)` };
    }
    return { name: sc.name, kind: sc.kind === 'id' ? 'id' : 'categorical', expr: text };
  });
  const from = parts.length ? `(SELECT *, ${parts.map((p) => `${p.expr} AS ${d.ident(p.name)}`).join(', ')} FROM ${table}) ${d.ident('__dated')}` : table;
  return { from, outputs };
}

/** Persona scores read by the rules, computed from the conformed columns (as withPersonaScores does). */
function personaScores(bundle: SqlExportableBundle, conformed: readonly SqlOutput[], d: SqlDialect): { carried: Array<{ name: string; expr: string }>; scores: Map<string, PersonaScoreSql> } {
  const carried: Array<{ name: string; expr: string }> = [];
  const scores = new Map<string, PersonaScoreSql>();
  if (!bundle.personas) return { carried, scores };
  const preset = resolvePersonaPreset(bundle.personas.presetId, bundle.meta.spec);
  const col = (name: string) => {
    const c = conformed.find((x) => x.name === name);
    if (!c) throw new ValidationError(`SQL export: persona scores need input column "${name}", which the model's schema lacks`);
    return { expr: d.ident(c.name), kind: c.kind };
  };
  const computed = new Map<string, PersonaScoreSql>();
  // the spec's derived features the rules read (each may read the ones before it), as withPersonaScores adds them
  for (const f of preset.derived ?? []) {
    if (conformed.some((c) => c.name === f.name)) continue;
    const tree = parseExpression(f.expr, `derived feature "${f.name}"`);
    const e = expressionSql(tree, (name) => {
      const prev = computed.get(name);
      if (prev) return prev.expr;
      const c = col(name);
      if (c.kind !== 'numeric') throw new ValidationError(`SQL export: persona score "${f.name}" = ${f.expr} reads column "${name}", which is ${c.kind}, not numeric`);
      return c.expr;
    }, d);
    computed.set(f.name, { expr: e.sql, exact: e.exact && expressionColumns(tree).every((n) => computed.get(n)?.exact ?? true) });
  }
  for (const s of preset.scores) {
    if (computed.has(s.name)) continue;
    if (conformed.some((c) => c.name === s.name)) continue;
    const f = engineeredSql(s.name);
    if (f.kind !== 'numeric') throw new ValidationError(`SQL export: persona score "${s.name}" is not numeric`);
    computed.set(s.name, { expr: f.sql({ d, col, params: undefined }), exact: f.exact });
  }
  for (const name of bundle.personas.model.features) {
    const c = conformed.find((x) => x.name === name);
    let s: PersonaScoreSql | undefined;
    if (c) {
      if (c.kind !== 'numeric') throw new ValidationError(`SQL export: persona rules need feature "${name}" as numeric, it is ${c.kind}`);
      s = { expr: d.ident(name), exact: true };
    } else s = computed.get(name);
    if (!s) throw new ValidationError(`SQL export: persona rules read "${name}", which is neither an input column nor a score of the "${preset.id}" preset`);
    const carry = `__p${carried.length}`;
    carried.push({ name: carry, expr: s.expr });
    scores.set(name, { expr: d.ident(carry), exact: s.exact });
  }
  return { carried, scores };
}

/**
 * The scoring query of a bundle.
 * Complexity: O(steps + k·d + rule size) text; the engine's work is O(n·(pipeline + k·d)).
 * @throws ValidationError for a bundle the SQL cannot reproduce (a step type or engineered feature without SQL, an
 *   autoencoder space, a classifier assignment without `allowNearestCentre`), naming what is missing.
 * @example scoringSql(await loadBundle('outputs/models/x/bundle'), { dialect: 'spark', table: 'bank.customers', idColumns: ['id'] })
 */
export function scoringSql(bundle: SqlExportableBundle, options: Partial<ScoringSqlOptions> = {}): string {
  const o = { ...DEFAULT_SCORING_SQL_OPTIONS, ...options };
  const d = sqlDialect(o.dialect);
  if (bundle.meta.clusterSpace === 'embedding') {
    throw new ValidationError('SQL export: this bundle clusters in the autoencoder\'s embedding space, which has no SQL translation; export a bundle clustered on the pipeline features');
  }
  if (bundle.meta.assignWith === 'classifier' && !o.allowNearestCentre) {
    throw new ValidationError('SQL export: this bundle assigns segments with its MLP classifier, which has no SQL translation; the SQL can assign the nearest K-Means centre instead (the JS scorer\'s nearestCentroid): pass allowNearestCentre (--nearest-centre)');
  }
  const { from, outputs: conformed } = conformStage(bundle, o.table, d);
  const chain = new CteChain(d);
  const ids = o.idColumns.map((name, i) => ({ name: `__id${i}`, expr: d.ident(name), out: name }));
  chain.start(from, ids, conformed);
  const persona = personaScores(bundle, conformed, d);
  if (persona.carried.length) chain.carry(persona.carried);
  const steps = (bundle.pipeline.toJSON().pipeline.steps ?? []) as StepJSON[];
  const { stages, columns } = translateSteps(steps, chain.columns, d);
  for (const s of stages) chain.add(s);
  const names = bundle.pipeline.featureNames;
  if (columns.length !== names.length || columns.some((c, j) => c.name !== names[j])) {
    throw new ValidationError(`SQL export: the translated pipeline yields [${columns.map((c) => c.name).join(', ')}], the model expects [${names.join(', ')}]`);
  }
  const km = kmeansSql(bundle.clusterer.centers, names.map((n) => d.ident(n)), d);
  chain.carry(km.distances.map((expr, j) => ({ name: `__d${j}`, expr })));
  const dist = km.distances.map((_, j) => d.ident(`__d${j}`));
  chain.carry([{ name: '__seg', expr: km.segment(dist) }]);
  const seg = d.ident('__seg');
  const segNames = bundle.meta.segmentNames;
  const segName = `(CASE ${seg} ${km.distances.map((_, j) => `WHEN ${j} THEN ${d.str(segNames[j] ?? `segment ${j}`)}`).join(' ')} END)`;
  const p = bundle.personas ? personaSql(bundle.personas.model, persona.scores, d) : null;
  const select = [
    ...ids.map((c) => `${d.ident(c.name)} AS ${d.ident(c.out)}`),
    `${seg} AS ${d.ident('segment')}`,
    `${segName} AS ${d.ident('segment_name')}`,
    `${p ? p.caseExpr : "''"} AS ${d.ident('persona')}`,
    `${km.confidence(dist, seg)} AS ${d.ident('confidence')}`,
  ];
  if (o.nearTie) {
    const tie = p ? `(${km.nearTie(dist, seg)} OR ${p.nearTie})` : km.nearTie(dist, seg);
    select.push(`(CASE WHEN ${tie} THEN 1 ELSE 0 END) AS ${d.ident('near_tie')}`);
  }
  if (o.features) select.push(...names.map((n) => `${d.ident(n)} AS ${d.ident(`feature:${n}`)}`));
  const header = [
    `-- seglab scoring query (${d.name}): ${bundle.meta.dataset.id}, ${bundle.clusterer.centers.rows} segments, created ${bundle.meta.createdAt}`,
    '-- missing values must be NULL; categories not seen in training are treated as missing, as `npm run score` does',
    ...(from !== o.table ? [`-- date columns (${[...dateColumns(bundle).values()].map((c) => c.name).join(', ')}) count days before ${bundle.meta.spec?.asOf}; a cell that is no date in the column's layout counts as missing`] : []),
  ];
  return `${header.join('\n')}\n${chain.sql(select)}\n`;
}
