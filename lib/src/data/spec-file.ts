/**
 * Spec files: a data set described as JSON, the same format for the built-in data sets (lib/specs) and for a
 * user's own table. Only `file` (or `extends` / `generator`) is required; every column not listed is inferred.
 *
 * ```json
 * { "format": "seglab-spec/1", "id": "retail", "file": "customers.tsv",
 *   "columns": { "signup": { "role": "date", "description": "first purchase" },
 *                "income": { "role": "numeric", "sentinels": [{ "value": -1, "meaning": "not asked" }] },
 *                "notes":  { "role": "ignore" } },
 *   "target": "churn", "idColumn": "customer_id", "truth": null,
 *   "derived": [{ "name": "spend_per_order", "expr": "spend / orders" }],
 *   "personas": null }
 * ```
 *
 * `extends` names a built-in spec whose fields and columns the file overrides (`{ "extends": "bank-kaggle",
 * "file": "my-bank.csv" }`). Unknown fields, roles, levels and types are refused with the valid choices listed.
 * Complexity: O(columns).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataError, ValidationError } from '../core/errors';
import {
  COLUMN_LEVELS, COLUMN_ROLES, GENERIC_PIPELINE_SETTINGS,
  type ColumnLevel, type ColumnRole, type DatasetColumn, type DatasetSpec, type DerivedSpec, type PersonaSpec,
  type PipelineSettings, type SentinelExpansion, type StrategyRow,
} from './registry';

/** The format tag of spec files. */
export const SPEC_FORMAT = 'seglab-spec/1';

/** One column in a spec file. */
export interface ColumnSpecFile {
  role?: ColumnRole;
  type?: DatasetColumn['type'];
  level?: ColumnLevel;
  description?: string;
  sentinels?: Array<{ value: number | string; meaning?: string }>;
  levels?: string[];
  decimal?: '.' | ',';
  dateFormat?: DatasetColumn['dateFormat'];
  missing?: string[];
  postOutcome?: boolean;
  /** Why inference decided this (written by inference; informational). */
  reason?: string;
}

/** A spec file's JSON. */
export interface DatasetSpecFile {
  format?: string;
  id?: string;
  title?: string;
  extends?: string;
  file?: string | null;
  generator?: 'bank' | 'credit-card' | null;
  source?: { url?: string; download?: string | null; sha256?: string | null; rows?: number | null; license?: string };
  delimiter?: string | null;
  missing?: string[] | null;
  asOf?: string | null;
  columns?: Record<string, ColumnSpecFile>;
  target?: string | null;
  positiveClass?: string | null;
  idColumn?: string | null;
  truth?: string | null;
  dropColumns?: string[];
  featureSet?: string | null;
  prefer?: string[];
  pipeline?: Partial<PipelineSettings>;
  derived?: DerivedSpec[];
  personas?: string | PersonaSpec | null;
  strategies?: StrategyRow[];
  notes?: string[];
  /** Written by inference: when and from what. Informational. */
  generated?: string;
}

const TOP_FIELDS = ['format', 'id', 'title', 'extends', 'file', 'generator', 'source', 'delimiter', 'missing', 'asOf', 'columns', 'target',
  'positiveClass', 'idColumn', 'truth', 'dropColumns', 'featureSet', 'prefer', 'pipeline', 'derived', 'personas', 'strategies', 'notes', 'generated'];
const COLUMN_FIELDS = ['role', 'type', 'level', 'description', 'sentinels', 'levels', 'decimal', 'dateFormat', 'missing', 'postOutcome', 'reason'];
const PIPELINE_FIELDS = ['skewThreshold', 'missingFlags', 'rareCategories', 'expand', 'drop'];

/** Options of {@link specFromJSON}. */
export interface SpecFromJsonOptions {
  /** The built-in spec of an `extends` id (null when unknown). */
  lookup?: (id: string) => DatasetSpec | null;
  /** Name of the spec in messages. */
  name?: string;
  /** Where it came from (DatasetSpec.origin). */
  origin?: string;
}

function fail(name: string, what: string): never {
  throw new ValidationError(`spec ${name}: ${what}`);
}

function checkFields(obj: Record<string, unknown>, known: readonly string[], name: string, where: string): void {
  for (const k of Object.keys(obj)) {
    if (!known.includes(k)) {
      const near = known.find((x) => x.toLowerCase() === k.toLowerCase() || (x.length > 3 && (x.startsWith(k.slice(0, 4)) || k.startsWith(x.slice(0, 4)))));
      fail(name, `unknown field "${k}"${where}${near ? ` (did you mean "${near}"?)` : ''}; the fields are ${known.join(', ')}`);
    }
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => x != null && typeof x === 'object' && !Array.isArray(x);
const strOrNull = (x: unknown, name: string, field: string): string | null => {
  if (x === undefined || x === null) return null;
  if (typeof x !== 'string') fail(name, `"${field}" should be a string or null, got ${JSON.stringify(x)}`);
  return x;
};
const strList = (x: unknown, name: string, field: string): string[] => {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x) || x.some((v) => typeof v !== 'string')) fail(name, `"${field}" should be a list of strings, got ${JSON.stringify(x)}`);
  return [...(x as string[])];
};

function columnFromFile(colName: string, c: unknown, base: DatasetColumn | undefined, name: string): { column: DatasetColumn | null; sentinels: DatasetSpec['sentinels'] | null } {
  if (!isObj(c)) fail(name, `column "${colName}" should be an object like { "role": "numeric" }, got ${JSON.stringify(c)}`);
  checkFields(c, COLUMN_FIELDS, name, ` in column "${colName}"`);
  const role = (c.role ?? base?.role) as ColumnRole | undefined;
  if (role === undefined) return { column: null, sentinels: null }; // a description or sentinel alone: role inferred
  if (!COLUMN_ROLES.includes(role)) fail(name, `column "${colName}" has role ${JSON.stringify(c.role)}; the roles are ${COLUMN_ROLES.join(', ')}`);
  const level = (c.level ?? base?.level ?? (role === 'target' || role === 'truth' ? 'outcome' : 'customer')) as ColumnLevel;
  if (!COLUMN_LEVELS.includes(level)) fail(name, `column "${colName}" has level ${JSON.stringify(c.level)}; the levels are ${COLUMN_LEVELS.join(', ')}`);
  if (c.type !== undefined && !['numeric', 'categorical', 'date'].includes(c.type as string)) fail(name, `column "${colName}" has type ${JSON.stringify(c.type)}; the types are numeric, categorical, date`);
  if (c.decimal !== undefined && c.decimal !== '.' && c.decimal !== ',') fail(name, `column "${colName}": decimal should be "." or ",", got ${JSON.stringify(c.decimal)}`);
  if (c.dateFormat !== undefined && !['iso', 'dmy', 'mdy'].includes(c.dateFormat as string)) fail(name, `column "${colName}": dateFormat should be "iso", "dmy" or "mdy", got ${JSON.stringify(c.dateFormat)}`);
  if (role === 'ordinal' && !Array.isArray(c.levels ?? base?.levels)) fail(name, `column "${colName}" is ordinal: give its "levels" in order, lowest first`);
  const col: DatasetColumn = { name: colName, role, level, description: typeof c.description === 'string' ? c.description : base?.description ?? '' };
  const type = (c.type ?? base?.type) as DatasetColumn['type'];
  if (type) col.type = type;
  const levels = c.levels !== undefined ? strList(c.levels, name, `columns.${colName}.levels`) : base?.levels;
  if (levels) col.levels = levels;
  const decimal = (c.decimal ?? base?.decimal) as DatasetColumn['decimal'];
  if (decimal) col.decimal = decimal;
  const dateFormat = (c.dateFormat ?? base?.dateFormat) as DatasetColumn['dateFormat'];
  if (dateFormat) col.dateFormat = dateFormat;
  const missing = c.missing !== undefined ? strList(c.missing, name, `columns.${colName}.missing`) : base?.missing;
  if (missing && missing.length) col.missing = missing;
  if ((c.postOutcome ?? base?.postOutcome) === true) col.postOutcome = true;
  let sentinels: DatasetSpec['sentinels'] | null = null;
  if (c.sentinels !== undefined) {
    if (!Array.isArray(c.sentinels)) fail(name, `column "${colName}": sentinels should be a list like [{ "value": 999, "meaning": "never contacted" }]`);
    sentinels = (c.sentinels as unknown[]).map((s) => {
      if (!isObj(s) || (typeof s.value !== 'number' && typeof s.value !== 'string')) fail(name, `column "${colName}": a sentinel should be { "value": number or text, "meaning": text }, got ${JSON.stringify(s)}`);
      return { column: colName, value: s.value as number | string, meaning: typeof s.meaning === 'string' ? s.meaning : 'a code, not a value' };
    });
  }
  return { column: col, sentinels };
}

function pipelineFromFile(p: unknown, base: PipelineSettings, name: string): PipelineSettings {
  if (p === undefined || p === null) return { ...base, drop: [...base.drop], expand: base.expand ? base.expand.map((e) => ({ ...e })) : null };
  if (!isObj(p)) fail(name, `"pipeline" should be an object, got ${JSON.stringify(p)}`);
  checkFields(p, PIPELINE_FIELDS, name, ' in "pipeline"');
  const num = (k: string, x: unknown, d: number): number => {
    if (x === undefined) return d;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) fail(name, `pipeline.${k}=${JSON.stringify(x)} should be a number >= 0`);
    return x;
  };
  let expand: SentinelExpansion[] | null = base.expand;
  if (p.expand !== undefined) {
    if (p.expand === null) expand = null;
    else if (!Array.isArray(p.expand)) fail(name, '"pipeline.expand" should be a list of { column, sentinel, flag, value, fill } or null');
    else expand = (p.expand as unknown[]).map((e) => {
      if (!isObj(e) || typeof e.column !== 'string' || typeof e.sentinel !== 'number') fail(name, `pipeline.expand: ${JSON.stringify(e)} should be { "column": name, "sentinel": number, "flag"?: name, "value"?: name, "fill"?: "nan" | "median" }`);
      const fill = e.fill ?? 'median';
      if (fill !== 'nan' && fill !== 'median') fail(name, `pipeline.expand: fill should be "nan" or "median", got ${JSON.stringify(e.fill)}`);
      return { column: e.column, sentinel: e.sentinel, flag: typeof e.flag === 'string' ? e.flag : `has_${e.column}`, value: typeof e.value === 'string' ? e.value : e.column, fill } as SentinelExpansion;
    });
  }
  const mf = p.missingFlags === undefined ? base.missingFlags : p.missingFlags === null ? null : num('missingFlags', p.missingFlags, 0);
  return {
    skewThreshold: p.skewThreshold === null ? Infinity : num('skewThreshold', p.skewThreshold, base.skewThreshold),
    missingFlags: mf,
    rareCategories: num('rareCategories', p.rareCategories, base.rareCategories),
    expand,
    drop: p.drop !== undefined ? strList(p.drop, name, 'pipeline.drop') : [...base.drop],
  };
}

/**
 * Resolve a spec file's JSON into a spec (columns not listed stay to be inferred from the data).
 * @throws ValidationError naming the spec, the field and the valid choices
 */
export function specFromJSON(json: unknown, opts: SpecFromJsonOptions = {}): DatasetSpec {
  const name = opts.name ?? 'spec';
  if (!isObj(json)) fail(name, `a spec should be a JSON object, got ${Array.isArray(json) ? 'an array' : typeof json}`);
  checkFields(json, TOP_FIELDS, name, '');
  if (json.format !== undefined && json.format !== SPEC_FORMAT) fail(name, `"format" is ${JSON.stringify(json.format)}; this version reads "${SPEC_FORMAT}"`);
  let base: DatasetSpec | null = null;
  if (json.extends !== undefined) {
    if (typeof json.extends !== 'string') fail(name, `"extends" should name a built-in spec, got ${JSON.stringify(json.extends)}`);
    base = opts.lookup?.(json.extends) ?? null;
    if (!base) fail(name, `"extends": "${json.extends}" is not a built-in spec`);
  }
  const src = isObj(json.source) ? json.source : {};
  if (json.source !== undefined && !isObj(json.source)) fail(name, '"source" should be an object { url, download, sha256, rows, license }');
  const generator = (json.generator ?? base?.generator ?? null) as DatasetSpec['generator'];
  if (generator !== null && generator !== 'bank' && generator !== 'credit-card') fail(name, `"generator" should be "bank" or "credit-card", got ${JSON.stringify(generator)}`);
  const file = json.file !== undefined ? strOrNull(json.file, name, 'file') : generator ? null : base?.file ?? null;
  if (!file && !generator) fail(name, '"file" is missing: name the data file (a CSV, TSV, .gz or Parquet file), relative to the spec file or the data directory');
  const id = strOrNull(json.id, name, 'id') ?? base?.id ?? (file ? idFromFileName(file) : 'dataset');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) fail(name, `"id" ${JSON.stringify(id)} should be letters, digits, ".", "_" or "-" (it names the outputs folder)`);

  // columns: the base's, overridden and extended by the file's, in the file's order after the base's
  const columns: DatasetColumn[] = base ? base.columns.map((c) => ({ ...c })) : [];
  let sentinels = base ? base.sentinels.map((s) => ({ ...s })) : [];
  const described: Record<string, string> = {};
  if (json.columns !== undefined && !isObj(json.columns)) fail(name, '"columns" should be an object keyed by column name: { "age": { "role": "numeric" } }');
  for (const [colName, c] of Object.entries((json.columns ?? {}) as Record<string, unknown>)) {
    const i = columns.findIndex((x) => x.name === colName);
    const r = columnFromFile(colName, c, i >= 0 ? columns[i] : undefined, name);
    if (r.column) {
      if (i >= 0) columns[i] = r.column;
      else columns.push(r.column);
    } else if (isObj(c) && typeof c.description === 'string') described[colName] = c.description;
    if (r.sentinels) sentinels = [...sentinels.filter((s) => s.column !== colName), ...r.sentinels];
  }
  // a top-level "target" / "truth" / "idColumn" names a column and gives it that role; a column's own role, when the
  // file sets one, must agree (a spec edited in one place only is refused, naming both)
  const fileColumns = (json.columns ?? {}) as Record<string, ColumnSpecFile>;
  const pick = <K extends 'target' | 'truth' | 'idColumn'>(k: K, role: ColumnRole): string | null => {
    const top = json[k] !== undefined ? strOrNull(json[k], name, k) : undefined;
    const byRole = columns.filter((c) => c.role === role).map((c) => c.name);
    if (top !== undefined && top !== null) {
      const own = fileColumns[top]?.role;
      if (own !== undefined && own !== role) fail(name, `"${k}" names column "${top}", but that column's role is "${own}": change one of the two`);
      const col = columns.find((c) => c.name === top);
      if (col) { col.role = role; if (role !== 'id' && fileColumns[top]?.level === undefined) col.level = 'outcome'; }
      else columns.push({ name: top, role, level: role === 'id' ? 'customer' : 'outcome', description: described[top] ?? '' });
      for (const other of byRole) if (other !== top) fail(name, `"${k}" is "${top}" but column "${other}" also has role "${role}": keep one`);
      return top;
    }
    if (byRole.length > 1) fail(name, `${byRole.length} columns have role "${role}" (${byRole.join(', ')}): keep one`);
    return byRole[0] ?? null;
  };
  const target = pick('target', 'target');
  const truth = pick('truth', 'truth');
  const idColumn = pick('idColumn', 'id');
  const personas = json.personas !== undefined ? (json.personas as DatasetSpec['personas']) : base?.personas ?? null;
  if (personas !== null && typeof personas !== 'string' && !(isObj(personas) && Array.isArray((personas as PersonaSpec).personas))) {
    fail(name, '"personas" should be a preset id ("bank", "credit-card"), null, or { "personas": [ { id, name, priority, rule, strategy, channel } … ] }');
  }
  const derived = json.derived !== undefined ? json.derived : base?.derived ?? [];
  if (!Array.isArray(derived) || derived.some((d) => !isObj(d) || typeof d.name !== 'string' || typeof d.expr !== 'string')) {
    fail(name, '"derived" should be a list of { "name": "spend_per_order", "expr": "spend / orders" }');
  }
  const strategies = json.strategies !== undefined ? json.strategies : base?.strategies ?? [];
  if (!Array.isArray(strategies) || strategies.some((s) => !isObj(s) || typeof s.feature !== 'string' || (s.direction !== 'high' && s.direction !== 'low') || !Array.isArray(s.strategy))) {
    fail(name, '"strategies" should be a list of { "feature": name, "direction": "high" | "low", "strategy": [text…], "channel"?: text }');
  }
  const missing = json.missing !== undefined ? (json.missing === null ? null : strList(json.missing, name, 'missing')) : base?.missing ?? null;
  const delimiter = json.delimiter !== undefined ? strOrNull(json.delimiter, name, 'delimiter') : base?.delimiter ?? null;
  if (delimiter !== null && delimiter.length !== 1) fail(name, `"delimiter" should be one character (or null to detect it), got ${JSON.stringify(delimiter)}`);
  const asOf = json.asOf !== undefined ? strOrNull(json.asOf, name, 'asOf') : base?.asOf ?? null;
  if (asOf !== null && !Number.isFinite(Date.parse(asOf))) fail(name, `"asOf" should be an ISO date like "2024-06-30", got ${JSON.stringify(asOf)}`);
  const spec: DatasetSpec = {
    id,
    title: strOrNull(json.title, name, 'title') ?? base?.title ?? (file ? `${path.basename(file)} (your data)` : id),
    kind: generator ? 'synthetic' : 'real',
    file,
    generator,
    sourceUrl: typeof src.url === 'string' ? src.url : base?.sourceUrl ?? (file ? path.basename(file) : ''),
    downloadUrl: src.download !== undefined ? strOrNull(src.download, name, 'source.download') : base?.downloadUrl ?? null,
    sha256: src.sha256 !== undefined ? strOrNull(src.sha256, name, 'source.sha256') : base?.sha256 ?? null,
    delimiter,
    rows: typeof src.rows === 'number' ? src.rows : src.rows === null ? null : base?.rows ?? null,
    license: typeof src.license === 'string' ? src.license : base?.license ?? '',
    columns,
    sentinels: sentinels.filter((s) => columns.some((c) => c.name === s.column) || !base),
    target,
    positiveClass: json.positiveClass !== undefined ? strOrNull(json.positiveClass, name, 'positiveClass') : base?.positiveClass ?? null,
    truth,
    idColumn,
    dropColumns: json.dropColumns !== undefined ? strList(json.dropColumns, name, 'dropColumns') : [...(base?.dropColumns ?? [])],
    missing,
    asOf,
    featureSet: json.featureSet !== undefined ? strOrNull(json.featureSet, name, 'featureSet') : base?.featureSet ?? null,
    prefer: json.prefer !== undefined ? strList(json.prefer, name, 'prefer') : [...(base?.prefer ?? [])],
    pipeline: pipelineFromFile(json.pipeline, base?.pipeline ?? GENERIC_PIPELINE_SETTINGS, name),
    derived: (derived as DerivedSpec[]).map((d) => ({ ...d })),
    personas,
    strategies: (strategies as StrategyRow[]).map((s) => ({ ...s, strategy: [...s.strategy] })),
    notes: json.notes !== undefined ? strList(json.notes, name, 'notes') : [...(base?.notes ?? [])],
    origin: opts.origin ?? name,
  };
  if (Object.keys(described).length) spec.undeclared = described;
  return spec;
}

/** A data set id from a file name: `Retail Customers.csv.gz` → `retail-customers`. */
export function idFromFileName(file: string): string {
  const base = path.basename(file).replace(/\.(gz|gzip)$/i, '').replace(/\.(csv|tsv|txt|tab|parquet|pq|json)$/i, '').replace(/\.spec$/i, '');
  const id = base.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '');
  return id || 'dataset';
}

/** Options of {@link readSpecFile}. */
export interface ReadSpecOptions {
  lookup?: (id: string) => DatasetSpec | null;
  origin?: string;
  /** How to show the file in messages (default: its name). */
  shown?: string;
}

/**
 * Read a spec file. @throws DataError when the file cannot be read or is not JSON (naming the line of a JSON error),
 * ValidationError for a malformed spec.
 */
export function readSpecFile(file: string, opts: ReadSpecOptions = {}): DatasetSpec {
  const shown = opts.shown ?? path.basename(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new DataError(`cannot read the spec ${shown}: ${(e as Error).message}`, shown);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, +m[1]).split('\n').length : undefined;
    throw new DataError(`the spec ${shown} is not valid JSON${line ? ` (line ${line})` : ''}: ${(e as Error).message}; fix it in an editor (a trailing comma or a missing quote is the usual cause)`, shown, line);
  }
  return specFromJSON(json, { lookup: opts.lookup, name: shown, origin: opts.origin ?? `spec file ${shown}` });
}

/** The JSON of a column as a spec file writes it (only the fields that carry information). */
function columnToFile(c: DatasetColumn, spec: DatasetSpec, reason?: string): ColumnSpecFile {
  const o: ColumnSpecFile = { role: c.role };
  if (c.type) o.type = c.type;
  if (c.level !== 'customer') o.level = c.level;
  if (c.levels) o.levels = [...c.levels];
  if (c.decimal) o.decimal = c.decimal;
  if (c.dateFormat) o.dateFormat = c.dateFormat;
  if (c.missing?.length) o.missing = [...c.missing];
  if (c.postOutcome) o.postOutcome = true;
  const sen = spec.sentinels.filter((s) => s.column === c.name).map(({ value, meaning }) => ({ value, meaning }));
  if (sen.length) o.sentinels = sen;
  o.description = c.description;
  if (reason) o.reason = reason;
  return o;
}

/** A spec as spec-file JSON (the inverse of {@link specFromJSON}), with optional per-column reasons. */
export function specToJSON(spec: DatasetSpec, reasons: Readonly<Record<string, string>> = {}): DatasetSpecFile {
  const out: DatasetSpecFile = { format: SPEC_FORMAT, id: spec.id, title: spec.title };
  if (spec.generator) out.generator = spec.generator;
  else out.file = spec.file;
  if (spec.sourceUrl || spec.sha256 || spec.rows || spec.license) {
    out.source = { url: spec.sourceUrl, download: spec.downloadUrl, sha256: spec.sha256, rows: spec.rows, license: spec.license };
  }
  out.delimiter = spec.delimiter;
  if (spec.missing) out.missing = [...spec.missing];
  if (spec.asOf) out.asOf = spec.asOf;
  out.columns = Object.fromEntries(spec.columns.map((c) => [c.name, columnToFile(c, spec, reasons[c.name])]));
  // the target, the labelled segment and the id are the columns with those roles (one place to edit them)
  if (spec.positiveClass !== null) out.positiveClass = spec.positiveClass;
  if (spec.dropColumns.length) out.dropColumns = [...spec.dropColumns];
  out.featureSet = spec.featureSet;
  if (spec.prefer.length) out.prefer = [...spec.prefer];
  const p = spec.pipeline;
  const pipe: Partial<PipelineSettings> = { skewThreshold: p.skewThreshold, missingFlags: p.missingFlags, rareCategories: p.rareCategories };
  if (p.expand) pipe.expand = p.expand.map((e) => ({ ...e }));
  if (p.drop.length) pipe.drop = [...p.drop];
  out.pipeline = pipe;
  out.derived = spec.derived.map((d) => ({ ...d }));
  out.personas = spec.personas;
  if (spec.strategies.length) out.strategies = spec.strategies.map((s) => ({ ...s }));
  if (spec.notes.length) out.notes = [...spec.notes];
  return out;
}

/**
 * Spec-file text: pretty JSON with one line per column, so that a person can read and edit it.
 * @example formatSpecJson({ id: 'x', columns: { a: { role: 'numeric' } } }) // '{\n  "id": "x",\n  "columns": {\n    "a": { "role": "numeric" }\n  }\n}\n'
 */
export function formatSpecJson(json: DatasetSpecFile): string {
  const lines: string[] = ['{'];
  const keys = Object.keys(json).filter((k) => (json as Record<string, unknown>)[k] !== undefined);
  keys.forEach((k, i) => {
    const v = (json as Record<string, unknown>)[k];
    const comma = i < keys.length - 1 ? ',' : '';
    if (k === 'columns' && isObj(v)) {
      const cols = Object.entries(v);
      lines.push('  "columns": {');
      cols.forEach(([name, c], j) => lines.push(`    ${JSON.stringify(name)}: ${oneLine(c)}${j < cols.length - 1 ? ',' : ''}`));
      lines.push(`  }${comma}`);
    } else if (Array.isArray(v) && v.length && v.every(isObj)) {
      lines.push(`  ${JSON.stringify(k)}: [`);
      v.forEach((x, j) => lines.push(`    ${oneLine(x)}${j < v.length - 1 ? ',' : ''}`));
      lines.push(`  ]${comma}`);
    } else if (isObj(v)) {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined);
      lines.push(`  ${JSON.stringify(k)}: {`);
      entries.forEach(([kk, x], j) => lines.push(`    ${JSON.stringify(kk)}: ${oneLine(x)}${j < entries.length - 1 ? ',' : ''}`));
      lines.push(`  }${comma}`);
    } else if (Array.isArray(v) && v.some((x) => typeof x === 'string' && x.length > 50)) {
      lines.push(`  ${JSON.stringify(k)}: [`);
      v.forEach((x, j) => lines.push(`    ${oneLine(x)}${j < v.length - 1 ? ',' : ''}`));
      lines.push(`  ]${comma}`);
    } else {
      lines.push(`  ${JSON.stringify(k)}: ${oneLine(v)}${comma}`);
    }
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

function oneLine(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(oneLine).join(', ')}]`;
  if (isObj(v)) {
    const parts = Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => `${JSON.stringify(k)}: ${oneLine(x)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  if (typeof v === 'number' && !Number.isFinite(v)) return 'null';
  return JSON.stringify(v) ?? 'null';
}
