/**
 * Scoring new customers with a model bundle: schema check (every problem listed at once), the fitted pipeline,
 * the segment (clusterer or classifier) with an assignment confidence, the persona, and drift against training.
 * `scoreCsv` is what `npm run score` runs and what a notebook calls; it writes its output atomically.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import { loadCsv } from '../data/csv';
import { writeCsv } from '../data/csv-write';
import { categoryAt, getColumn, hasColumn, isCategorical, isNumeric, type Column, type Table } from '../data/table';
import { DATASETS, columnsWithRole, type DatasetId } from '../data/registry';
import { resolvePersonaPreset } from '../personas/presets';
import { readTableForScoring } from '../data/prepare-table';
import { withPersonaScores } from '../personas/scores';
import { driftReport, type DriftReport } from './drift';
import { checkSchema, conformToSchema, type SchemaCheck } from './schema';
import { outOfRange, type OutOfRangeColumn } from './ranges';
import type { ModelBundle } from './bundle';

/** The scores of a table. */
export interface ScoreResult {
  n: number;
  segment: Int32Array;
  /** Probability of the assigned segment (classifier) or the nearest-centroid margin 1 − d₁/d₂ (clusterer), in [0, 1]. */
  confidence: Float64Array;
  /** The clusterer's own nearest-centroid segment (equal to `segment` when the bundle assigns with the clusterer). */
  nearestCentroid: Int32Array;
  persona: Int32Array | null;
  segmentNames: string[];
  personaNames: string[];
  check: SchemaCheck;
  /** Numeric columns with values far outside the training range (scored anyway, reported). */
  outOfRange: OutOfRangeColumn[];
  drift: DriftReport;
}

function argmaxRows(P: Matrix): { arg: Int32Array; max: Float64Array } {
  const arg = new Int32Array(P.rows);
  const max = new Float64Array(P.rows);
  for (let i = 0; i < P.rows; i++) {
    let b = 0;
    for (let j = 1; j < P.cols; j++) if (P.data[i * P.cols + j] > P.data[i * P.cols + b]) b = j;
    arg[i] = b;
    max[i] = P.data[i * P.cols + b];
  }
  return { arg, max };
}

/** Nearest-centroid margin 1 − d₁/d₂ from a distance matrix (1 = unambiguous, 0 = halfway between two centres). */
function margins(D: Matrix): Float64Array {
  const out = new Float64Array(D.rows);
  for (let i = 0; i < D.rows; i++) {
    let d1 = Infinity, d2 = Infinity;
    for (let j = 0; j < D.cols; j++) {
      const d = D.data[i * D.cols + j];
      if (d < d1) { d2 = d1; d1 = d; } else if (d < d2) d2 = d;
    }
    out[i] = D.cols < 2 || !(d2 > 0) ? 1 : 1 - d1 / d2;
  }
  return out;
}

/** Score a table of new customers. @throws DataError listing missing columns and wrong types together. */
export function scoreTable(bundle: ModelBundle, table: Table, file = 'input'): ScoreResult {
  if (table.nRows === 0) throw new DataError(`${file} has no rows to score`, file);
  const { table: conformed, check } = conformToSchema(table, bundle.schema, file);
  const { X } = bundle.pipeline.transform(conformed);
  const space = bundle.encoder ? bundle.encoder.transform(X) : X;
  const nearest = bundle.clusterer.predict(space);
  let segment = nearest;
  let confidence = margins(bundle.clusterer.transform(space));
  if (bundle.meta.assignWith === 'classifier' && bundle.classifier) {
    const { arg, max } = argmaxRows(bundle.classifier.predictProba(X));
    segment = arg;
    confidence = max;
  }
  let persona: Int32Array | null = null;
  let personaNames: string[] = [];
  if (bundle.personas) {
    const scored = withPersonaScores(conformed, resolvePersonaPreset(bundle.personas.presetId, bundle.meta.spec));
    const a = bundle.personas.model.assign(scored);
    persona = a.labels;
    personaNames = [...a.names];
  }
  return {
    n: table.nRows, segment, confidence, nearestCentroid: nearest, persona, segmentNames: bundle.meta.segmentNames, personaNames, check,
    outOfRange: bundle.ranges ? outOfRange(conformed, bundle.ranges) : [],
    drift: driftReport(bundle.training, X, segment, persona),
  };
}

/**
 * Find the first value of a text column that is not a number (to name row and value when a column that must be
 * numeric arrived as text). Rows are counted as in the file: the header is line 1.
 */
function firstNonNumeric(table: Table, column: string): { row: number; value: string } | null {
  const c = getColumn(table, column);
  if (!isCategorical(c)) return null;
  for (let i = 0; i < table.nRows; i++) {
    const v = categoryAt(c, i);
    if (v !== null && !Number.isFinite(Number(v))) return { row: i + 2, value: v };
  }
  return null;
}

/** Options of {@link scoreCsv}. */
export interface ScoreCsvOptions {
  /** Where to write the scored rows (atomically). Omit to only compute. */
  output?: string;
}

/** The outcome of {@link scoreCsv}. */
export interface ScoreCsvResult extends ScoreResult {
  input: string;
  output: string | null;
  idColumn: string | null;
}

/** Hints for missing columns: the same names in another letter case, or a separator the reader does not use. */
function missingHints(table: Table, missing: readonly string[]): string[] {
  if (!missing.length) return [];
  const hints: string[] = [];
  const byLower = new Map(table.columns.map((c) => [c.name.toLowerCase(), c.name]));
  const cased = missing.filter((m) => byLower.has(m.toLowerCase())).map((m) => `"${byLower.get(m.toLowerCase())}" for "${m}"`);
  if (cased.length) hints.push(`column names differ only in letter case (${cased.slice(0, 5).join(', ')}${cased.length > 5 ? ', …' : ''}): rename them as in training`);
  if (table.columns.length === 1) {
    const sep = ['|', '^', ':', '~'].find((ch) => table.columns[0].name.includes(ch));
    hints.push(sep ? `the header is one column holding "${sep}": the file seems to use "${sep}" as separator; save it with commas, semicolons or tabs` : 'the file was read as a single column: check its separator (comma, semicolon or tab)');
  }
  return hints;
}

/**
 * The customer id column of a scoring input: the training data set's id column (the registry's role 'id', e.g.
 * CUST_ID) when the input has it, whatever its type; else a text column whose values are all distinct.
 */
function idColumnOf(bundle: ModelBundle, table: Table): Column | null {
  const spec = bundle.meta.spec ?? DATASETS[bundle.meta.dataset.id as DatasetId];
  const named = spec ? columnsWithRole(spec, 'id').find((n) => hasColumn(table, n)) : undefined;
  if (named) return getColumn(table, named);
  return table.columns.find((c) => c.kind === 'id') ?? null;
}

function idValue(c: Column, i: number): string {
  if (isNumeric(c)) return Number.isFinite(c.values[i]) ? String(c.values[i]) : '';
  return isCategorical(c) ? categoryAt(c, i) ?? '' : '';
}

/** Score a CSV file with a bundle, writing `output` atomically (nothing is written when anything fails). */
export function scoreCsv(bundle: ModelBundle, input: string, opts: ScoreCsvOptions = {}): ScoreCsvResult {
  const name = path.basename(input);
  if (!fs.existsSync(input)) throw new DataError(`input file ${input} does not exist`, input);
  const table = bundle.meta.spec ? readTableForScoring(input, bundle.meta.spec, input) : loadCsv(input);
  // a column that must be numeric but was read as text: name the first offending row and value
  const check = checkSchema(table, bundle.schema);
  const details = check.wrongType.map((w) => {
    const bad = w.expected === 'numeric' && hasColumn(table, w.column) ? firstNonNumeric(table, w.column) : null;
    if (bad) return `column "${w.column}" should be numeric, but row ${bad.row} of ${name} holds "${bad.value}"`;
    if (w.got === 'date') return `column "${w.column}" holds dates, expected ${w.expected === 'numeric' ? 'numbers' : w.expected}`;
    return `column "${w.column}" is ${w.got}, expected ${w.expected}`;
  });
  if (check.missing.length || details.length) {
    const lines = [...(check.missing.length ? [`missing column(s): ${check.missing.join(', ')}`] : []), ...details, ...missingHints(table, check.missing)];
    throw new DataError(`${name} does not match the model's input schema:\n  - ${lines.join('\n  - ')}`, input);
  }
  const result = scoreTable(bundle, table, name);
  const idCol = idColumnOf(bundle, table);
  if (opts.output) {
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < result.n; i++) {
      rows.push({
        ...(idCol ? { [idCol.name]: idValue(idCol, i) } : { row: i + 1 }),
        segment: result.segment[i],
        segment_name: result.segmentNames[result.segment[i]] ?? String(result.segment[i]),
        persona: result.persona ? (result.personaNames[result.persona[i]] ?? 'none') : '',
        confidence: Math.round(result.confidence[i] * 1000) / 1000,
      });
    }
    writeCsv(rows, opts.output);
  }
  return { ...result, input, output: opts.output ?? null, idColumn: idCol?.name ?? null };
}
