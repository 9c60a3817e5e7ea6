/**
 * `npm run notebooks [-- names…] [--param key=value]… [--params file.json] [--timeout sec] [--data-dir DIR]
 *  [--suffix NAME] [--max-memory MB] [--max-output MB] [--verbose] [--report]`
 * Runs notebooks headlessly in file-name order, each in its own tslab kernel; writes executed copies to
 * outputs/notebooks/; exits non-zero naming notebook, cell and error when a cell fails or times out. A notebook
 * that cannot be read fails alone; the summary lists every notebook's result.
 *
 * SIGINT/SIGTERM: the running cell is interrupted, its executed copy written with the interruption recorded, the
 * kernel shut down and its folder removed; the command exits 130/143. A second signal ends everything at once.
 */
import * as path from 'node:path';
import { projectRoot, outputsDir, DATA_DIR_ENV, OUTPUT_SUFFIX_ENV } from '../data/datadir';
import { removeTrackedTemps } from '../core/temp-files';
import { killAllKernels } from '../runner/kernel';
import { defaultMaxMemoryMb, failureLine, runNotebook, RUN_DEFAULTS, type RunResult } from '../runner/run';
import { parseParam, readParamsFile, type ParamValue } from '../runner/params';
import { selectNotebooks } from '../runner/select';
import { checkFlags, flag, flagAll, parseArgs } from './args';

const KNOWN = ['param', 'params', 'timeout', 'data-dir', 'suffix', 'max-memory', 'max-output', 'verbose', 'report', 'no-code', 'dir', 'out', 'help'];

const HELP = `usage: npm run notebooks [-- names…] [options]
  names              notebooks to run (e.g. 01 or 01-eda); default: all, in file-name order
  --param key=value  override a parameter of the notebooks' "parameters" cell (repeatable; JSON values allowed)
  --params FILE      a JSON object of parameters
  --data-dir DIR     the data directory (sets ${DATA_DIR_ENV} for the kernels)
  --timeout SEC      per-cell timeout (default 600)
  --suffix NAME      keep this run's outputs apart: outputs/notebooks/<notebook>--NAME.ipynb, and every artifact the
                     notebooks write under outputs/ (models--NAME/…; set as ${OUTPUT_SUFFIX_ENV} for the kernels)
  --max-memory MB    heap limit of each kernel (default ${defaultMaxMemoryMb()}: half of this machine's memory)
  --max-output MB    size cap of one cell's outputs in the executed copy (default ${RUN_DEFAULTS.maxOutputBytes / (1024 * 1024)})
  --verbose          echo everything the cells print
  --report           export the HTML reports afterwards (same as npm run report)`;

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['verbose', 'report', 'no-code', 'help']);
  if (flag(args, 'help')) {
    console.log(HELP);
    return 0;
  }
  checkFlags(args, KNOWN, 'npm run notebooks');
  const root = projectRoot();
  const dir = path.resolve(root, flag(args, 'dir') ?? 'notebooks');
  const out = path.resolve(root, flag(args, 'out') ?? outputsDir('notebooks'));
  const params: Record<string, ParamValue> = {};
  const pfile = flag(args, 'params');
  if (pfile) Object.assign(params, readParamsFile(path.resolve(pfile)));
  for (const p of flagAll(args, 'param')) {
    const [k, v] = parseParam(p);
    params[k] = v;
  }
  const timeout = Number(flag(args, 'timeout') ?? 600);
  if (!(timeout > 0)) throw new Error(`--timeout should be a positive number of seconds, got ${flag(args, 'timeout')}`);
  const env: Record<string, string> = {};
  const dataDir = flag(args, 'data-dir');
  if (dataDir) env[DATA_DIR_ENV] = path.resolve(dataDir);
  const suffix = flag(args, 'suffix');
  if (suffix !== undefined) {
    if (!/^[A-Za-z0-9][\w.-]*$/.test(suffix)) throw new Error(`--suffix should be a name of letters, digits, ".", "_" or "-", got "${suffix}"`);
    env[OUTPUT_SUFFIX_ENV] = suffix;
  }
  const maxMemoryMb = positiveNumber(args, 'max-memory');
  const maxOutputMb = positiveNumber(args, 'max-output');
  const files = selectNotebooks(dir, args.positional);
  const perFile = new Map(files.map((f) => [f, filterParams(f, params)]));
  const unused = Object.keys(params).filter((k) => ![...perFile.values()].some((p) => k in p));
  if (unused.length) throw new Error(`no selected notebook declares parameter ${unused.map((u) => `"${u}"`).join(', ')} in its "parameters" cell`);
  console.log(`Running ${files.length} notebook(s) from ${path.relative(process.cwd(), dir) || '.'}` + (Object.keys(params).length ? ` with ${JSON.stringify(params)}` : ''));
  const results: RunResult[] = [];
  const stop = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      // second signal: end everything now (kernels killed, folders and temporary files removed)
      killAllKernels();
      removeTrackedTemps();
      process.exit(exitCodeOf(sig));
    }
    console.error(`\n${sig}: interrupting the running cell, writing its executed copy and shutting the kernel down (again to quit at once)…`);
    stop.abort(sig);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  try {
    for (const file of files) {
      if (stop.signal.aborted) break;
      const base = path.basename(file, '.ipynb');
      console.log(`▶ ${base}`);
      const outFile = path.join(out, `${base}${suffix ? `--${suffix}` : ''}.ipynb`);
      const r = await runNotebook(file, {
        outFile,
        params: perFile.get(file),
        timeoutSec: timeout,
        env,
        log: (l) => console.log(l),
        verbose: flag(args, 'verbose') === 'true',
        signal: stop.signal,
        maxMemoryMb,
        maxOutputBytes: maxOutputMb === undefined ? undefined : Math.round(maxOutputMb * 1024 * 1024),
      });
      results.push(r);
      console.log(r.ok ? `✓ ${base}  ${(r.durationMs / 1000).toFixed(1)}s → ${path.relative(process.cwd(), outFile)}` : `✗ ${failureLine(r)}`);
    }
  } finally {
    for (const s of signals) process.removeListener(s, onSignal);
  }
  const failed = results.filter((r) => !r.ok);
  const total = results.reduce((s, r) => s + r.durationMs, 0) / 1000;
  const notRun = files.length - results.length;
  console.log(`\n${results.length - failed.length} notebook(s) passed, ${failed.length} failed${notRun ? `, ${notRun} not run` : ''} in ${total.toFixed(1)}s:`);
  for (const r of results) {
    console.log(`  ${r.ok ? '✓' : '✗'} ${path.basename(r.file, '.ipynb').padEnd(24)} ${r.ok ? `${(r.durationMs / 1000).toFixed(1)}s` : r.status}`);
  }
  for (const f of files.slice(results.length)) console.log(`  – ${path.basename(f, '.ipynb').padEnd(24)} not run`);
  for (const r of failed) console.error(`FAILED ${failureLine(r)}`);
  if (stop.signal.aborted) return exitCodeOf(stop.signal.reason as NodeJS.Signals);
  if (flag(args, 'report') === 'true') {
    const { main: report } = require('./report') as typeof import('./report');
    const code = await report(flag(args, 'no-code') ? ['--no-code'] : []);
    if (code !== 0) return code;
  }
  return failed.length ? 1 : 0;
}

/** The conventional exit status after a signal: 128 + its number. */
function exitCodeOf(sig: NodeJS.Signals): number {
  const n = ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as Record<string, number>)[sig];
  return n ? 128 + n : 130;
}

function positiveNumber(args: ReturnType<typeof parseArgs>, name: string): number | undefined {
  const v = flag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(n > 0)) throw new Error(`--${name} should be a positive number of megabytes, got "${v}"`);
  return n;
}

/**
 * Parameters apply to the notebooks that declare them: running every notebook with `--param DATASET=x` must not
 * fail on a notebook (such as the concepts one) that takes no DATASET.
 */
function filterParams(file: string, params: Record<string, ParamValue>): Record<string, ParamValue> {
  const keys = Object.keys(params);
  if (keys.length === 0) return params;
  const { readNotebook, tags, text } = require('../runner/notebook') as typeof import('../runner/notebook');
  const { declaredNames } = require('../runner/params') as typeof import('../runner/params');
  let nb;
  try {
    nb = readNotebook(file);
  } catch {
    return {}; // an unreadable notebook fails on its own when it is run
  }
  const cell = nb.cells.find((c) => c.cell_type === 'code' && tags(c).includes('parameters'));
  const declared = cell ? declaredNames(text(cell.source)) : [];
  return Object.fromEntries(keys.filter((k) => declared.includes(k)).map((k) => [k, params[k]]));
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(2);
    },
  );
}
