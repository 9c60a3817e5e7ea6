/**
 * One door to the data: `await loadData(DATASET, { dataDir })` returns a table, its complete spec, the schema
 * decisions (declared or inferred, each with its reason) and a plain statement of which data it is. `DATASET` is
 *  - `auto`: the first built-in real data set present in the data directory, else the synthetic bank customers
 *    (saying why, also when the data directory does not exist);
 *  - a built-in id (`bank-additional-full`, `bank-kaggle`, `cc-general`, `synthetic-bank`, `synthetic-cc`);
 *  - a path to a spec file (`*.json`, see spec-file.ts);
 *  - a path to a data file: CSV / TSV (any delimiter the sniffer knows, gzip and UTF-16 too) or Parquet; its
 *    schema is inferred (infer-schema.ts).
 * Relative paths are looked up in the data directory, then the working directory, then the project folder; the
 * result says which. `loadDataset` is the synchronous form for everything but Parquet.
 *
 * Complexity: O(file size) for files; O(n) for synthetic data.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataError, ValidationError } from '../core/errors';
import { dataDir as resolveDataDir, outputsDir, projectRoot } from './datadir';
import { displayPath } from '../display/path';
import { loadCsv, type CsvLoadReport } from './csv';
import { DEFAULT_MISSING_TOKENS } from './csv-values';
import { sha256File } from './checksum';
import { DATASETS, REAL_DATASET_IDS, SYNTHETIC_DATASET_IDS, isBuiltinDataset, type DatasetId, type DatasetSpec } from './registry';
import { formatSpecJson, idFromFileName, readSpecFile, specFromJSON, specToJSON } from './spec-file';
import { inferSpec, type ColumnDecision } from './infer-schema';
import { loaderTypes, prepareTable } from './prepare-table';
import { looksLikeParquet, readParquet } from './parquet';
import { generateBankCustomers } from './synthetic-bank';
import { generateCardCustomers } from './synthetic-cc';
import type { Table } from './table';

/** Options of `loadData` / `loadDataset`. */
export interface LoadDatasetOptions {
  /** Data directory (default: `dataDir()`: SEGLAB_DATA_DIR or `<project>/data`). Empty string = default. */
  dataDir?: string | null;
  /** Check the file's SHA-256 against the spec (throws DataError on a mismatch). */
  verify?: boolean;
  /** Rows of synthetic data (default: the size of the real counterpart). */
  n?: number;
  /** Seed of synthetic data. */
  seed?: number;
  /** Working directory for relative paths (default: `process.cwd()`; notebooks run in notebooks/). */
  cwd?: string;
}

/** Defaults of `loadDataset`. */
export const DEFAULT_LOAD_DATASET_OPTIONS = { verify: false, seed: 42 } as const;

/** Which data a result holds. */
export interface DatasetSource {
  id: DatasetId;
  kind: 'real' | 'synthetic';
  /** Absolute path of the file read (real data): for checksums, never for display. */
  file: string | null;
  /** The file as notebooks show it: a name in the data directory or a relative path. */
  shownFile: string | null;
  /** true / false when checked, null when not checked (or synthetic). */
  verified: boolean | null;
  /** Why this data set, and how a path was resolved (e.g. "auto: no real data set in …/data"). */
  reason: string;
  /** One sentence for the notebook: which data, how many rows, from where. */
  description: string;
  /** What the reader must know (a data directory that does not exist, renamed duplicate columns…). */
  warnings: string[];
}

/** What `loadData` returns. */
export interface LoadedDataset {
  /** The prepared table: dropped columns gone, dates as day counts, roles stored as the spec says. */
  table: Table;
  /** The table as read from the file, before preparation (columns preparation left alone are shared, not copied). */
  raw: Table;
  /** The complete spec (every column of the file has a role). */
  spec: DatasetSpec;
  source: DatasetSource;
  /** The CSV (or Parquet) load report (real data). */
  report: CsvLoadReport | null;
  /** One row per column of the file: role, use, reason, and whether the spec declared it or inference decided. */
  schema: ColumnDecision[];
  /** True when inference decided at least one column's role. */
  inferred: boolean;
  /** What preparation did (dates turned into days, columns dropped…). */
  notes: string[];
}

/** The values `DATASET` accepts besides paths. */
export const DATASET_IDS: readonly string[] = ['auto', ...REAL_DATASET_IDS, ...SYNTHETIC_DATASET_IDS];

/** The path a built-in real data set would have in `dir`. */
export function datasetPath(id: DatasetId, dir?: string | null): string | null {
  const spec = DATASETS[id];
  return spec?.file ? path.join(resolveDataDir(dir), spec.file) : null;
}

/** Which built-in real data sets are present in the data directory. */
export function availableDatasets(dir?: string | null): DatasetId[] {
  return REAL_DATASET_IDS.filter((id) => fs.existsSync(datasetPath(id, dir)!));
}

/** A load to do: the spec so far, the file, how it was found. */
interface LoadPlan {
  spec: DatasetSpec;
  file: string | null;
  shown: string | null;
  format: 'csv' | 'parquet' | null;
  reason: string;
  warnings: string[];
  builtin: boolean;
}

const DATA_EXT = /\.(csv|tsv|tab|txt|gz|gzip|parquet|pq|json)$/i;

/** Where a relative path was found. */
interface Found { abs: string; shown: string; via: string }

/** Resolve a path: absolute as is; relative against each base in turn. Null when nothing exists. */
function findPath(p: string, bases: ReadonlyArray<{ dir: string; via: string }>, dataDirAbs: string): Found | null {
  if (path.isAbsolute(p)) return fs.existsSync(p) ? { abs: p, shown: displayPath(p, { dataDir: dataDirAbs }), via: 'a path given in full' } : null;
  for (const b of bases) {
    const abs = path.resolve(b.dir, p);
    if (fs.existsSync(abs)) return { abs, shown: p, via: b.via };
  }
  return null;
}

function bases(dir: string, cwd: string, extra: Array<{ dir: string; via: string }> = []): Array<{ dir: string; via: string }> {
  const out = [...extra, { dir, via: 'the data directory' }, { dir: cwd, via: 'the working directory' }, { dir: projectRoot(), via: 'the project folder' }];
  return out.filter((b, i) => out.findIndex((x) => path.resolve(x.dir) === path.resolve(b.dir)) === i);
}

function formatOf(file: string): 'csv' | 'parquet' {
  if (/\.(parquet|pq)$/i.test(file)) return 'parquet';
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(4);
      fs.readSync(fd, head, 0, 4, 0);
      return looksLikeParquet(head) ? 'parquet' : 'csv';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return 'csv';
  }
}

function checkNotDirectory(found: Found): void {
  if (fs.statSync(found.abs).isDirectory()) {
    const inside = fs.readdirSync(found.abs).filter((f) => DATA_EXT.test(f)).sort().slice(0, 6);
    throw new DataError(
      `DATASET "${found.shown}" is a directory, not a data file: pass one file inside it` +
        (inside.length ? ` (it holds ${inside.join(', ')})` : ' (it holds no .csv, .tsv, .gz, .parquet or .json file)') +
        ', or make it the data directory (DATA_DIR / --data-dir) and pass a file name',
      found.shown,
    );
  }
}

function planLoad(input: string, opts: LoadDatasetOptions): LoadPlan {
  const dirAbs = resolveDataDir(opts.dataDir ?? null);
  const cwd = opts.cwd ?? process.cwd();
  const shownDir = displayPath(dirAbs, { dataDir: dirAbs });
  const id = (input ?? '').trim();
  if (id === '' || id === 'auto') {
    const warnings: string[] = [];
    if (!fs.existsSync(dirAbs)) {
      warnings.push(`the data directory "${path.basename(dirAbs)}" does not exist: set DATA_DIR (or SEGLAB_DATA_DIR, or --data-dir) to the folder that holds your data files; using the synthetic bank customers meanwhile`);
    }
    const present = availableDatasets(dirAbs);
    const chosen = present.length ? present[0] : 'synthetic-bank';
    const reason = present.length
      ? `auto: the first built-in data set found in ${shownDir}`
      : fs.existsSync(dirAbs)
        ? `auto: no built-in real data set (${REAL_DATASET_IDS.map((r) => DATASETS[r].file).join(', ')}) in ${shownDir}, so the synthetic bank customers`
        : `auto: the data directory "${path.basename(dirAbs)}" does not exist, so the synthetic bank customers`;
    return { ...builtinPlan(chosen, dirAbs), reason, warnings };
  }
  if (isBuiltinDataset(id)) return { ...builtinPlan(id, dirAbs), reason: 'requested' };
  const found = findPath(id, bases(dirAbs, cwd), dirAbs);
  if (!found) {
    if (!DATA_EXT.test(id) && !/[\\/]/.test(id)) {
      throw new ValidationError(`unknown data set "${id}": DATASET is auto, a built-in id (${DATASET_IDS.slice(1).join(', ')}), or a path to a CSV/TSV/Parquet file or a spec .json (looked for a file "${id}" in the data directory, the working directory and the project folder)`);
    }
    const asGiven = path.isAbsolute(id) ? displayPath(id, { dataDir: dirAbs }) : id;
    if (path.isAbsolute(id)) throw new DataError(`DATASET "${asGiven}" not found: the full path given does not exist; check it`, asGiven);
    throw new DataError(`DATASET "${asGiven}" not found: looked in the data directory (${shownDir}), the working directory (${displayPath(cwd, { dataDir: dirAbs })}) and the project folder; check the spelling, or pass the data directory with DATA_DIR / --data-dir`, asGiven);
  }
  checkNotDirectory(found);
  if (/\.json$/i.test(found.abs)) {
    const spec = readSpecFile(found.abs, { lookup: (b) => (isBuiltinDataset(b) ? DATASETS[b] : null), shown: found.shown, origin: `spec file ${found.shown}` });
    const reason = `the spec ${found.shown} (found in ${found.via})`;
    if (spec.kind === 'synthetic') return { spec, file: null, shown: null, format: null, reason, warnings: [], builtin: false };
    const data = findPath(spec.file!, bases(dirAbs, cwd, [{ dir: path.dirname(found.abs), via: 'the spec\'s folder' }]), dirAbs);
    if (!data) {
      throw new DataError(`the spec ${found.shown} names the data file "${spec.file}", found neither beside the spec, in the data directory (${shownDir}), in the working directory nor in the project folder: fix "file" in the spec, or move the file there`, found.shown);
    }
    checkNotDirectory(data);
    return { spec, file: data.abs, shown: data.shown, format: formatOf(data.abs), reason: `${reason}; data ${data.shown} from ${data.via}`, warnings: [], builtin: false };
  }
  const spec = specFromJSON({ file: found.abs, id: uniqueId(idFromFileName(found.abs)), title: `${path.basename(found.abs)} (your data)` }, { origin: `inference from ${found.shown}` });
  spec.sourceUrl = path.basename(found.abs);
  return { spec, file: found.abs, shown: found.shown, format: formatOf(found.abs), reason: `the file ${found.shown}, found in ${found.via}`, warnings: [], builtin: false };
}

/** A file-derived id never shadows a built-in one (its outputs would mix). */
function uniqueId(id: string): string {
  return isBuiltinDataset(id) ? `${id}-file` : id;
}

function builtinPlan(id: DatasetId, dirAbs: string): LoadPlan {
  const spec = DATASETS[id];
  if (spec.kind === 'synthetic') return { spec, file: null, shown: null, format: null, reason: '', warnings: [], builtin: true };
  const file = path.join(dirAbs, spec.file!);
  if (!fs.existsSync(file)) {
    throw new DataError(
      `${spec.id} is not in the data directory: ${spec.file} not found in ${displayPath(dirAbs, { dataDir: dirAbs })}. Run \`npm run data\` or set SEGLAB_DATA_DIR ` +
        `(source: ${spec.sourceUrl})`,
      spec.file!,
    );
  }
  return { spec, file, shown: spec.file, format: formatOf(file), reason: '', warnings: [], builtin: true };
}

function readCsvRaw(plan: LoadPlan): { table: Table; report: CsvLoadReport } {
  const spec = plan.spec;
  const loaded = loadCsv(plan.file!, {
    ...(spec.delimiter ? { delimiter: spec.delimiter } : {}),
    missing: spec.missing ?? DEFAULT_MISSING_TOKENS,
    types: loaderTypes(spec),
    typesMayBeAbsent: true,
    fileName: plan.shown!,
  });
  const { report, ...table } = loaded;
  return { table, report };
}

function finishLoad(plan: LoadPlan, raw: { table: Table; report: CsvLoadReport } | null, opts: LoadDatasetOptions): LoadedDataset {
  let spec = plan.spec;
  const seed = opts.seed ?? DEFAULT_LOAD_DATASET_OPTIONS.seed;
  if (!raw) {
    const table = spec.generator === 'credit-card'
      ? generateCardCustomers({ n: opts.n ?? 8950, seed })
      : generateBankCustomers({ n: opts.n ?? 41188, seed });
    const r = inferSpec(table, spec);
    return {
      table, raw: table, spec: r.spec, report: null, schema: r.decisions, inferred: false, notes: [],
      source: {
        id: spec.id, kind: 'synthetic', file: null, shownFile: null, verified: null, reason: plan.reason, warnings: plan.warnings,
        description: `${spec.id}: ${spec.title}, ${table.nRows.toLocaleString('en-US')} rows, seed ${seed} (SYNTHETIC data, not real customers)`,
      },
    };
  }
  const shown = plan.shown!;
  const header = raw.table.columns.map((c) => c.name);
  const absent = spec.columns.map((c) => c.name).filter((c) => !header.includes(c) && !spec.dropColumns.includes(c));
  if (absent.length) {
    throw new DataError(
      plan.builtin
        ? `${shown} does not look like ${spec.id}: column(s) ${absent.join(', ')} absent; it has ${header.join(', ')}`
        : `the ${spec.origin} declares column(s) ${absent.join(', ')}, absent from ${shown} (it has: ${header.join(', ')}): fix the names in the spec or the file`,
      shown, 1, absent[0],
    );
  }
  let verified: boolean | null = null;
  if (opts.verify ?? DEFAULT_LOAD_DATASET_OPTIONS.verify) {
    const got = sha256File(plan.file!);
    verified = got === spec.sha256;
    if (!verified) throw new DataError(`${shown} has sha256 ${got}, expected ${spec.sha256} for ${spec.id}`, shown);
  }
  const inf = inferSpec(raw.table, spec);
  spec = inf.spec;
  const prepared = prepareTable(raw.table, spec, { fileName: shown });
  const table: Table = { ...prepared.table, source: plan.builtin ? `${spec.id} (${shown})` : shown };
  const inferred = inf.decisions.some((d) => !d.declared);
  const warnings = [...plan.warnings, ...raw.report.warnings.map((w) => `${shown}: ${w}`)];
  const via = plan.builtin ? `${shown} in the data directory` : shown;
  return {
    table, raw: raw.table, spec, report: raw.report, schema: inf.decisions, inferred, notes: prepared.notes,
    source: {
      id: spec.id, kind: 'real', file: plan.file, shownFile: shown, verified, reason: plan.reason, warnings,
      description: `${spec.id}: ${spec.title}, ${table.nRows.toLocaleString('en-US')} rows, read from ${via}` +
        (raw.report.compression ? ' (gzip)' : '') + (raw.report.encoding !== 'utf-8' ? ` (${raw.report.encoding.toUpperCase()})` : '') +
        (verified ? ' (sha256 verified)' : ''),
    },
  };
}

/**
 * Load a data set, synchronously (every kind but Parquet; use {@link loadData} for those).
 * @param input 'auto' | a built-in id | a path to a CSV/TSV/.gz file or a spec .json
 * @returns `{table, spec, source, report, schema, inferred, notes}`; `source.description` says which data it is
 * @throws ValidationError for an unknown id or a malformed spec; DataError when a file is absent, a directory,
 *   malformed, lacks a declared column, or (verify) fails its checksum
 * @example loadDataset('synthetic-cc', { n: 100 }).source.description
 *   // 'synthetic-cc: Synthetic credit-card customers (CC GENERAL schema, 4 planted segments), 100 rows, seed 42 (SYNTHETIC data, not real customers)'
 */
export function loadDataset(input: string = 'auto', opts: LoadDatasetOptions = {}): LoadedDataset {
  const plan = planLoad(input, opts);
  if (plan.format === 'parquet') {
    throw new ValidationError(`${plan.shown} is a Parquet file: load it with the asynchronous loader, \`await loadData(${JSON.stringify(input)}, { dataDir })\``);
  }
  return finishLoad(plan, plan.file ? readCsvRaw(plan) : null, opts);
}

/**
 * Load a data set: the notebooks' one entry point (every kind, Parquet included).
 * @example const data = await loadData(DATASET, { dataDir: DATA_DIR }); md(data.source.description)
 */
export async function loadData(input: string = 'auto', opts: LoadDatasetOptions = {}): Promise<LoadedDataset> {
  const plan = planLoad(input, opts);
  if (!plan.file) return finishLoad(plan, null, opts);
  const raw = plan.format === 'parquet' ? await readParquet(plan.file, plan.shown!) : readCsvRaw(plan);
  return finishLoad(plan, raw, opts);
}

/** What {@link saveSpec} did. */
export interface SavedSpec {
  /** Absolute path (for code). */
  file: string;
  /** The path to show (relative to the project). */
  shown: string;
  /** written (new or replacing an unedited one), unchanged, or kept (edited by hand: the new one went beside it). */
  status: 'written' | 'unchanged' | 'kept';
  /** One sentence for the notebook. */
  message: string;
}

/** A short fingerprint of a spec file's content, the `generated` note left out. */
function fingerprint(json: Record<string, unknown>): string {
  const { generated: _g, ...rest } = json;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 12);
}

/**
 * Save a loaded data set's complete spec (with the inference's reasons) as `outputs/specs/<id>.spec.json`, for the
 * user to edit and pass back as DATASET. The data file is named relative to the data directory when it is inside
 * it, else relative to the spec's folder. The file records a fingerprint of what seglab wrote: a file edited by hand
 * since is never overwritten (the new spec goes beside it as `<id>.inferred.spec.json`).
 */
export function saveSpec(loaded: LoadedDataset, opts: { dir?: string; dataDir?: string | null } = {}): SavedSpec {
  const dir = opts.dir ?? outputsDir('specs');
  const file = path.join(dir, `${loaded.spec.id}.spec.json`);
  const shown = displayPath(file, { dataDir: resolveDataDir(opts.dataDir ?? null) });
  const reasons = Object.fromEntries(loaded.schema.filter((d) => !d.declared).map((d) => [d.column, d.reason]));
  const json = specToJSON(loaded.spec, reasons);
  const dataFile = loaded.source.file;
  if (dataFile) {
    const dd = resolveDataDir(opts.dataDir ?? null);
    const rel = path.relative(dd, dataFile);
    json.file = !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : path.relative(dir, dataFile).split(path.sep).join('/');
  }
  const from = loaded.inferred ? `schema inference from ${loaded.source.shownFile ?? loaded.spec.id}` : loaded.spec.origin;
  const note = (fp: string) => `by seglab (${from}; fingerprint ${fp}); edit the roles and pass this file back as DATASET`;
  json.generated = note(fingerprint(json as Record<string, unknown>));
  const text = formatSpecJson(json);
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(file)) {
    const old = fs.readFileSync(file, 'utf8');
    if (old === text) return { file, shown, status: 'unchanged', message: `The spec is saved as \`${shown}\` (unchanged): edit a role there and pass the file back as DATASET.` };
    let edited = true;
    try {
      const o = JSON.parse(old) as Record<string, unknown>;
      const m = /fingerprint ([0-9a-f]{12})/.exec(String(o.generated ?? ''));
      edited = !m || m[1] !== fingerprint(o);
    } catch { edited = true; }
    if (edited) {
      const beside = path.join(dir, `${loaded.spec.id}.inferred.spec.json`);
      fs.writeFileSync(beside, text, 'utf8');
      return { file: beside, shown: displayPath(beside, { dataDir: resolveDataDir(opts.dataDir ?? null) }), status: 'kept', message: `\`${shown}\` was edited by hand: it is left as it is (pass it as DATASET to use it), and this spec is saved beside it as \`${displayPath(beside, { dataDir: resolveDataDir(opts.dataDir ?? null) })}\`.` };
    }
  }
  fs.writeFileSync(file, text, 'utf8');
  return { file, shown, status: 'written', message: `The spec is saved as \`${shown}\`: edit a role there and pass the file back as DATASET.` };
}
