/**
 * `npm run data -- --synthetic N [--kind bank|cc] [--format parquet|csv] [--out FILE] [--seed S]`: writes N synthetic
 * customers straight to a Parquet or CSV file in chunks (1 M and 10 M rows never sit in memory whole).
 *
 * `npm run data [-- --data-dir DIR] [--check] [--force] [--url URL] [--timeout MS]`: fetches the UCI Bank Marketing
 * archive into the data directory where the network allows (offline it fails fast with a clear message and exit
 * code 1), prints where to get the two Kaggle files and where to put them, and reports which files are present and
 * verified (SHA-256 against the registry).
 */
import { dataDir } from '../data/datadir';
import { DATASETS } from '../data/registry';
import { datasetFileStatus, downloadUciBank, DEFAULT_DOWNLOAD_OPTIONS } from '../data/download';
import * as path from 'node:path';
import { writeSyntheticData, type SyntheticKind } from '../scale/synthetic-writer';

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq ? eq.slice(name.length + 1) : undefined;
}

function printStatus(dir: string): ReturnType<typeof datasetFileStatus> {
  const status = datasetFileStatus(dir);
  console.log(`data directory: ${dir}`);
  for (const s of status) {
    const state = !s.present ? 'absent' : s.verified ? 'present, sha256 verified' : `present, sha256 MISMATCH (${s.sha256})`;
    console.log(`  ${s.id.padEnd(22)} ${state}`);
  }
  return status;
}

/** `--synthetic N`: write synthetic customers in chunks; returns the exit code. */
async function runSynthetic(args: string[], dir: string): Promise<number> {
  const raw = arg(args, '--synthetic') ?? '';
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--synthetic needs a row count (a positive integer), got "${raw}"`);
    return 2;
  }
  const kind = (arg(args, '--kind') ?? 'bank') as SyntheticKind;
  const format = arg(args, '--format') as 'parquet' | 'csv' | undefined;
  if (format !== undefined && format !== 'parquet' && format !== 'csv') {
    console.error(`--format should be parquet or csv, got "${format}"`);
    return 2;
  }
  const out = arg(args, '--out') ?? path.join(dir, `synthetic-${kind}-${n}.${format ?? 'parquet'}`);
  const seed = Number(arg(args, '--seed') ?? 42);
  let last = 0;
  const r = await writeSyntheticData(out, {
    n, kind, seed, format: format ?? null,
    onProgress: (done, total) => {
      const pct = Math.floor((100 * done) / total);
      if (pct >= last + 10 || done === total) { last = pct; process.stdout.write(`  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} rows\n`); }
    },
  });
  console.log(`wrote ${r.rows.toLocaleString('en-US')} synthetic ${kind} customers (seed ${seed}) to ${r.file} (${r.format}, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.seconds.toFixed(1)} s)`);
  return 0;
}

/** Run the command; returns the exit code. */
export async function runDataCommand(args: string[]): Promise<number> {
  if (args.some((a) => a === '--synthetic' || a.startsWith('--synthetic='))) return runSynthetic(args, dataDir(arg(args, '--data-dir') ?? null));
  const dir = dataDir(arg(args, '--data-dir') ?? null);
  const timeout = Number(arg(args, '--timeout') ?? DEFAULT_DOWNLOAD_OPTIONS.timeoutMs);
  let code = 0;
  const before = printStatus(dir);
  const uci = before.find((s) => s.id === 'bank-additional-full')!;
  if (!args.includes('--check') && (!uci.present || args.includes('--force'))) {
    const url = arg(args, '--url') ?? DATASETS['bank-additional-full'].downloadUrl!;
    console.log(`\ndownloading ${url} (timeout ${timeout} ms) …`);
    try {
      const got = await downloadUciBank({ dataDir: dir, url, timeoutMs: timeout });
      console.log(`installed ${got.file} (sha256 ${got.sha256} verified)`);
    } catch (e) {
      console.error(`error: ${(e as Error).message}`);
      code = 1;
    }
  }
  for (const s of before.filter((x) => !x.present && x.id !== 'bank-additional-full')) {
    const spec = DATASETS[s.id];
    console.log(`\n${s.id}: Kaggle needs a signed-in download. Get it from ${spec.sourceUrl}`);
    console.log(`  and save it as ${s.file}`);
  }
  console.log('');
  const after = printStatus(dir);
  if (after.some((s) => s.present && !s.verified)) code = code || 1;
  if (!after.some((s) => s.present)) console.log('No real data set present: the notebooks will run on synthetic data and say so.');
  return code;
}

if (require.main === module) {
  runDataCommand(process.argv.slice(2)).then(
    (c) => { process.exitCode = c; },
    (e) => { console.error(`error: ${e instanceof Error ? e.message : e}`); process.exitCode = 1; },
  );
}
