/**
 * `npm test`: the whole check, in order, stopping at the first failing step:
 *  1. typecheck and build the library (tsc);
 *  2. unit tests (node --test lib/dist/test);
 *  3. committed notebooks are clean;
 *  4. every notebook runs headlessly (npm run notebooks), the HTML reports are exported and, where Chromium
 *     exists, opened headlessly to check every figure drew and the pages logged no error;
 *  5. (before the reports) notebooks 01–06 run on a generated customer table the project does not know (a demo table
 *     written by `npm run demo-data`): the bring-your-own-data path, with the schema inferred.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { projectRoot } from '../data/datadir';

interface Step { name: string; cmd: string[] }

function main(): number {
  const root = projectRoot();
  const node = process.execPath;
  const dist = path.join(root, 'lib', 'dist', 'src', 'cli');
  const quick = process.argv.includes('--quick');
  const steps: Step[] = [
    { name: 'typecheck + build', cmd: [node, path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'lib', 'tsconfig.json')] },
    { name: 'unit tests', cmd: [node, '--test', path.join(root, 'lib', 'dist', 'test')] },
    { name: 'notebooks are clean', cmd: [node, path.join(dist, 'check-notebooks.js')] },
  ];
  if (!quick) {
    steps.push({ name: 'run every notebook', cmd: [node, path.join(dist, 'notebooks.js')] });
    // your own data: a table no spec describes (tab-separated, dates, missing income, amounts as text, a target)
    const demo = path.join(root, 'outputs', 'demo-data');
    steps.push({ name: 'write the demo tables', cmd: [node, path.join(dist, 'demo-data.js'), '--out', demo] });
    steps.push({ name: 'notebooks 01–06 on a table of your own', cmd: [node, path.join(dist, 'notebooks.js'), '01', '02', '03', '04', '05', '06',
      '--param', 'DATASET=outputs/demo-data/retail-customers.tsv', '--param', 'CV_SEEDS=2', '--suffix', 'your-data'] });
    steps.push({ name: 'HTML reports in headless Chromium', cmd: [node, path.join(dist, 'report.js'), '--check'] });
  }
  const results: Array<{ name: string; ok: boolean; secs: number }> = [];
  for (const s of steps) {
    console.log(`\n━━ ${s.name} ━━`);
    const t0 = Date.now();
    const r = spawnSync(s.cmd[0], s.cmd.slice(1), { stdio: 'inherit', cwd: root });
    const ok = r.status === 0;
    results.push({ name: s.name, ok, secs: (Date.now() - t0) / 1000 });
    if (!ok) break;
  }
  console.log('\n━━ summary ━━');
  for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name} (${r.secs.toFixed(1)} s)`);
  const failed = results.filter((r) => !r.ok).length;
  const notRun = steps.length - results.length;
  if (notRun) console.log(`${notRun} step(s) not run after the failure`);
  console.log(`steps: ${results.length - failed} passed, ${failed + notRun} failed`);
  return failed || notRun ? 1 : 0;
}

process.exit(main());
