/**
 * `loadDataset(id)`: one call that returns a registered data set as a Table, its spec, and a plain statement of
 * which data it is (every notebook prints it). `auto` picks the first real data set present in the data directory,
 * else the synthetic bank data.
 *
 * Complexity: O(file size) for real data; O(n) for synthetic.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataError, ValidationError } from '../core/errors';
import { displayPath } from '../display/path';
import { dataDir as resolveDataDir } from './datadir';
import { loadCsv, type CsvColumnType, type CsvLoadReport } from './csv';
import { sha256File } from './checksum';
import { DATASETS, REAL_DATASET_IDS, type DatasetId, type DatasetSpec } from './registry';
import { generateBankCustomers } from './synthetic-bank';
import { generateCardCustomers } from './synthetic-cc';
import type { Table } from './table';

/** Options of `loadDataset`. */
export interface LoadDatasetOptions {
  /** Data directory (default: `dataDir()`: SEGLAB_DATA_DIR or `<project>/data`). Empty string = default. */
  dataDir?: string | null;
  /** Check the file's SHA-256 against the registry (throws DataError on a mismatch). */
  verify?: boolean;
  /** Rows of synthetic data (default: the size of the real counterpart). */
  n?: number;
  /** Seed of synthetic data. */
  seed?: number;
}

/** Defaults of `loadDataset`. */
export const DEFAULT_LOAD_DATASET_OPTIONS = { verify: false, seed: 42 } as const;

/** Which data a result holds. */
export interface DatasetSource {
  id: DatasetId;
  kind: 'real' | 'synthetic';
  /** Absolute path of the file read (real data). */
  file: string | null;
  /** true / false when checked, null when not checked (or synthetic). */
  verified: boolean | null;
  /** Why this data set (e.g. "auto: no real data in /x/data"). */
  reason: string;
  /** One sentence for the notebook: which data, how many rows, from where. */
  description: string;
}

/** What `loadDataset` returns. */
export interface LoadedDataset {
  table: Table;
  spec: DatasetSpec;
  source: DatasetSource;
  /** The CSV load report (real data). */
  report: CsvLoadReport | null;
}

/** The ids `loadDataset` accepts. */
export const DATASET_IDS: readonly string[] = ['auto', ...Object.keys(DATASETS)];

/** The path a real data set would have in `dir`. */
export function datasetPath(id: DatasetId, dir?: string | null): string | null {
  const spec = DATASETS[id];
  return spec.file ? path.join(resolveDataDir(dir), spec.file) : null;
}

/** Which real data sets are present in the data directory. */
export function availableDatasets(dir?: string | null): DatasetId[] {
  return REAL_DATASET_IDS.filter((id) => fs.existsSync(datasetPath(id, dir)!));
}

function typesOf(spec: DatasetSpec): Record<string, CsvColumnType> {
  const t: Record<string, CsvColumnType> = {};
  for (const c of spec.columns) {
    if (c.role === 'numeric') t[c.name] = 'numeric';
    else if (c.role === 'id') t[c.name] = 'id';
    else t[c.name] = 'categorical';
  }
  return t;
}

/**
 * Load a registered data set.
 * @param id 'auto' | 'bank-additional-full' | 'bank-kaggle' | 'cc-general' | 'synthetic-bank' | 'synthetic-cc'
 * @returns `{table, spec, source, report}`; `source.description` says which data it is
 * @throws ValidationError for an unknown id; DataError when a real file is absent, malformed, lacks a registered
 *   column, or (verify) fails its checksum
 * @example loadDataset('synthetic-cc', { n: 100 }).source.description
 *   // 'synthetic-cc: Synthetic credit-card customers (CC GENERAL schema, 4 planted segments), 100 rows, seed 42'
 */
export function loadDataset(id: string = 'auto', opts: LoadDatasetOptions = {}): LoadedDataset {
  const dir = resolveDataDir(opts.dataDir ?? null);
  let chosen: DatasetId;
  let reason: string;
  if (id === 'auto' || id === '' || id == null) {
    const present = availableDatasets(dir);
    chosen = present.length ? present[0] : 'synthetic-bank';
    reason = present.length ? `auto: first real data set found in ${displayPath(dir)}` : `auto: no real data set in ${displayPath(dir)}, using synthetic data`;
  } else if (Object.prototype.hasOwnProperty.call(DATASETS, id)) {
    chosen = id as DatasetId;
    reason = 'requested';
  } else {
    throw new ValidationError(`unknown data set id "${id}"; choose from ${DATASET_IDS.join(', ')}`);
  }
  const spec = DATASETS[chosen];
  const seed = opts.seed ?? DEFAULT_LOAD_DATASET_OPTIONS.seed;
  if (spec.kind === 'synthetic') {
    const table =
      chosen === 'synthetic-bank'
        ? generateBankCustomers({ n: opts.n ?? 41188, seed })
        : generateCardCustomers({ n: opts.n ?? 8950, seed });
    return {
      table,
      spec,
      report: null,
      source: {
        id: chosen, kind: 'synthetic', file: null, verified: null, reason,
        description: `${chosen}: ${spec.title}, ${table.nRows.toLocaleString('en-US')} rows, seed ${seed} (SYNTHETIC data, not real customers)`,
      },
    };
  }
  const file = path.join(dir, spec.file!);
  if (!fs.existsSync(file)) {
    throw new DataError(
      `${spec.id} is not in the data directory: ${file} not found. Run \`npm run data\` or set SEGLAB_DATA_DIR ` +
        `(source: ${spec.sourceUrl})`,
      file,
    );
  }
  let verified: boolean | null = null;
  if (opts.verify ?? DEFAULT_LOAD_DATASET_OPTIONS.verify) {
    const got = sha256File(file);
    verified = got === spec.sha256;
    if (!verified) throw new DataError(`${file} has sha256 ${got}, expected ${spec.sha256} for ${spec.id}`, file);
  }
  const header = readHeaderNames(file, spec.delimiter);
  const expected = spec.columns.map((c) => c.name);
  const absent = expected.filter((c) => !header.includes(c));
  if (absent.length) {
    throw new DataError(`${file} does not look like ${spec.id}: column(s) ${absent.join(', ')} absent; it has ${header.join(', ')}`, file, 1, absent[0]);
  }
  const loaded = loadCsv(file, { delimiter: spec.delimiter, types: typesOf(spec) });
  const { report, ...rest } = loaded;
  const table: Table = { ...rest, source: `${spec.id} (${displayPath(file)})` };
  return {
    table,
    spec,
    report,
    source: {
      id: chosen, kind: 'real', file, verified, reason,
      description: `${chosen}: ${spec.title}, ${table.nRows.toLocaleString('en-US')} rows, read from ${displayPath(file)}` +
        (verified ? ' (sha256 verified)' : ''),
    },
  };
}

/** The header names of a delimited file (first line, quotes removed, trimmed). */
function readHeaderNames(file: string, delimiter: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
    const first = text.split(/\r?\n/, 1)[0] ?? '';
    return first.split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/, '$1').trim().replace(/\s+/g, ' '));
  } finally {
    fs.closeSync(fd);
  }
}
