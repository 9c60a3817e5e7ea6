/**
 * `npm run notebooks [-- names…] [--param key=value]… [--params file.json] [--timeout sec] [--data-dir DIR]
 *  [--suffix NAME] [--verbose] [--report]`
 * Runs notebooks headlessly in file-name order, each in its own tslab kernel; writes executed copies to
 * outputs/notebooks/; exits non-zero naming notebook, cell and error when a cell fails or times out.
 */
import * as path from 'node:path';
import { projectRoot, outputsDir, DATA_DIR_ENV } from '../data/datadir';
import { failureLine, runNotebook, type RunResult } from '../runner/run';
import { parseParam, readParamsFile, type ParamValue } from '../runner/params';
import { selectNotebooks } from '../runner/select';
import { checkFlags, flag, flagAll, parseArgs } from './args';

const KNOWN = ['param', 'params', 'timeout', 'data-dir', 'suffix', 'verbose', 'report', 'no-code', 'dir', 'out', 'help'];

const HELP = `usage: npm run notebooks [-- names…] [options]
  names              notebooks to run (e.g. 01 or 01-eda); default: all, in file-name order
  --param key=value  override a parameter of the notebooks' "parameters" cell (repeatable; JSON values allowed)
  --params FILE      a JSON object of parameters
  --data-dir DIR     the data directory (sets ${DATA_DIR_ENV} for the kernels)
  --timeout SEC      per-cell timeout (default 600)
  --suffix NAME      write outputs/notebooks/<notebook>--NAME.ipynb (keeps runs with other parameters apart)
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
  const files = selectNotebooks(dir, args.positional);
  const perFile = new Map(files.map((f) => [f, filterParams(f, params)]));
  const unused = Object.keys(params).filter((k) => ![...perFile.values()].some((p) => k in p));
  if (unused.length) throw new Error(`no selected notebook declares parameter ${unused.map((u) => `"${u}"`).join(', ')} in its "parameters" cell`);
  console.log(`Running ${files.length} notebook(s) from ${path.relative(process.cwd(), dir) || '.'}` + (Object.keys(params).length ? ` with ${JSON.stringify(params)}` : ''));
  const results: RunResult[] = [];
  for (const file of files) {
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
    });
    results.push(r);
    console.log(r.ok ? `✓ ${base}  ${(r.durationMs / 1000).toFixed(1)}s → ${path.relative(process.cwd(), outFile)}` : `✗ ${failureLine(r)}`);
  }
  const failed = results.filter((r) => !r.ok);
  const total = results.reduce((s, r) => s + r.durationMs, 0) / 1000;
  console.log(`\n${results.length - failed.length} notebook(s) passed, ${failed.length} failed in ${total.toFixed(1)}s`);
  for (const r of failed) console.error(`FAILED ${failureLine(r)}`);
  if (flag(args, 'report') === 'true') {
    const { main: report } = require('./report') as typeof import('./report');
    const code = await report(flag(args, 'no-code') ? ['--no-code'] : []);
    if (code !== 0) return code;
  }
  return failed.length ? 1 : 0;
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
  const nb = readNotebook(file);
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
