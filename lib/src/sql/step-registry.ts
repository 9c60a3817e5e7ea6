/**
 * The registry of step translators, keyed by the `type` tag a fitted step saves in its JSON (`SimpleImputer`,
 * `OneHotEncoder`, …). A translator turns one fitted step into one or more SQL projections over the columns of the
 * previous stage. New step types (missing flags, rare-category grouping, derived expressions…) add their SQL with
 * `registerStepSql(type, translator)`; a saved step whose type has no translator makes the export fail with an error
 * naming that type and the supported ones.
 */
import { ValidationError } from '../core/errors';
import type { StepJSON } from '../features/types';
import type { SqlDialect } from './dialect';
import type { SqlColumn, SqlStage } from './relation';

/** What a translator gets besides the step: the dialect and a way to translate nested steps. */
export interface SqlStepContext {
  readonly d: SqlDialect;
  /** Translate a nested step (for pipelines of steps). */
  translate(json: StepJSON, input: readonly SqlColumn[]): SqlStage[];
}

/**
 * Translate one fitted step: `input` are the feature columns of the previous stage; the result is one or more
 * stages (each a projection over the one before).
 */
export type StepTranslator = (json: StepJSON, input: readonly SqlColumn[], ctx: SqlStepContext) => SqlStage[];

const TRANSLATORS = new Map<string, StepTranslator>();

/** Register (or replace) the SQL translation of a step type. */
export function registerStepSql(type: string, translator: StepTranslator): void {
  if (typeof type !== 'string' || !type) throw new ValidationError(`registerStepSql: type should be a non-empty string, got ${JSON.stringify(type)}`);
  TRANSLATORS.set(type, translator);
}

/** The step types that have a SQL translation, sorted. */
export function supportedStepTypes(): string[] {
  return [...TRANSLATORS.keys()].sort();
}

/**
 * Translate a fitted step.
 * @throws ValidationError naming an unsupported type (and the supported ones), or a step saved before fitting.
 */
export function translateStep(json: StepJSON, input: readonly SqlColumn[], d: SqlDialect): SqlStage[] {
  const ctx: SqlStepContext = { d, translate: (j, cols) => translateStep(j, cols, d) };
  const type = json && typeof json === 'object' ? json.type : undefined;
  const t = typeof type === 'string' ? TRANSLATORS.get(type) : undefined;
  if (!t) {
    throw new ValidationError(
      `the pipeline step "${String(type)}" has no SQL translation, so this model cannot be exported to SQL; ` +
        `supported steps: ${supportedStepTypes().join(', ')} (a new step type adds its SQL with registerStepSql)`,
    );
  }
  if (json.state == null) throw new ValidationError(`the pipeline step "${type}" was saved before fitting: fit the pipeline before exporting it to SQL`);
  return t(json, input, ctx);
}

/** Translate a sequence of steps, threading the columns through. Returns the stages and the final columns. */
export function translateSteps(steps: readonly StepJSON[], input: readonly SqlColumn[], d: SqlDialect): { stages: SqlStage[]; columns: readonly SqlColumn[] } {
  const stages: SqlStage[] = [];
  let cols = input;
  for (const s of steps) {
    for (const stage of translateStep(s, cols, d)) {
      stages.push(stage);
      cols = stage.map((o) => ({ name: o.name, kind: o.kind }));
    }
  }
  return { stages, columns: cols };
}
