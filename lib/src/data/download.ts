/**
 * The data download step behind `npm run data`: fetch the UCI Bank Marketing archive (short timeout), extract
 * bank-additional-full.csv from the nested zip (bank+marketing.zip → bank-additional.zip → the CSV), verify its
 * SHA-256 against the registry and write it atomically into the data directory. Also reports which data set files
 * are present and verified.
 *
 * Complexity: O(archive size).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataError } from '../core/errors';
import { dataDir as resolveDataDir } from './datadir';
import { DATASETS, REAL_DATASET_IDS, type DatasetId } from './registry';
import { sha256Bytes, sha256File } from './checksum';
import { extractZipFile } from './zip';

/** Options of `downloadUciBank`. */
export interface DownloadOptions {
  dataDir?: string | null;
  /** Archive URL (default: the registry's UCI download URL). */
  url?: string;
  /** Give up after this many milliseconds. */
  timeoutMs?: number;
  /** A fetch implementation (tests); default globalThis.fetch. */
  fetchImpl?: typeof fetch;
}

/** Defaults of the download step. */
export const DEFAULT_DOWNLOAD_OPTIONS = { timeoutMs: 20000 } as const;

/** Status of one real data set file. */
export interface DatasetFileStatus {
  id: DatasetId;
  file: string;
  present: boolean;
  /** null when absent. */
  verified: boolean | null;
  sha256: string | null;
}

/** Which real data set files are in the data directory, and whether their SHA-256 matches the registry. */
export function datasetFileStatus(dir?: string | null): DatasetFileStatus[] {
  const d = resolveDataDir(dir);
  return REAL_DATASET_IDS.map((id) => {
    const spec = DATASETS[id];
    const file = path.join(d, spec.file!);
    if (!fs.existsSync(file)) return { id, file, present: false, verified: null, sha256: null };
    const sha = sha256File(file);
    return { id, file, present: true, verified: sha === spec.sha256, sha256: sha };
  });
}

/** Extract and verify bank-additional-full.csv from the UCI archive bytes. */
export function extractBankAdditionalFull(archive: Uint8Array, name = 'bank+marketing.zip'): Buffer {
  const inner = extractZipFile(archive, 'bank-additional.zip', name);
  const csv = inner
    ? extractZipFile(inner, 'bank-additional-full.csv', `${name}/bank-additional.zip`)
    : extractZipFile(archive, 'bank-additional-full.csv', name);
  if (!csv) throw new DataError(`${name} holds neither bank-additional.zip nor bank-additional-full.csv`, name);
  return csv;
}

/**
 * Download the UCI archive and install bank-additional-full.csv (verified) in the data directory.
 * @returns the installed file path and its SHA-256
 * @throws DataError when the network is unreachable or slow (names the URL and the timeout), the archive is
 *   malformed, or the checksum differs (nothing is written then)
 */
export async function downloadUciBank(opts: DownloadOptions = {}): Promise<{ file: string; sha256: string }> {
  const spec = DATASETS['bank-additional-full'];
  const url = opts.url ?? spec.downloadUrl!;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_DOWNLOAD_OPTIONS.timeoutMs;
  const doFetch = opts.fetchImpl ?? globalThis.fetch;
  let bytes: Uint8Array;
  try {
    const res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${err.message}${err.cause?.code ? ` (${err.cause.code})` : ''}`;
    throw new DataError(`cannot download ${url}: ${why}. Offline? Download it by hand from ${spec.sourceUrl} and put bank-additional-full.csv in the data directory.`, url);
  }
  const csv = extractBankAdditionalFull(bytes, path.basename(new URL(url).pathname) || 'archive');
  const sha = sha256Bytes(csv);
  if (sha !== spec.sha256) throw new DataError(`bank-additional-full.csv from ${url} has sha256 ${sha}, expected ${spec.sha256}; not installed`, url);
  const dir = resolveDataDir(opts.dataDir ?? null);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, spec.file!);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, csv);
    fs.renameSync(tmp, file);
  } catch (e) {
    try { fs.unlinkSync(tmp); } catch { /* not created */ }
    throw new DataError(`cannot write ${file}: ${(e as Error).message}`, file);
  }
  return { file, sha256: sha };
}
