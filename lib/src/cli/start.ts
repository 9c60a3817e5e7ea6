/**
 * `npm start`: runs every notebook headlessly on the default data (the data directory's real data sets where
 * present, else the embedded synthetic data) and writes the HTML reports with outputs/index.html.
 */
import * as path from 'node:path';
import { outputsDir } from '../data/datadir';
import { main as runNotebooks } from './notebooks';
import { main as report } from './report';

async function main(): Promise<number> {
  const started = Date.now();
  const code = await runNotebooks(process.argv.slice(2));
  if (code > 128) return code; // interrupted (SIGINT/SIGTERM): no reports
  // Reports are written even when a notebook failed: the failing page shows where and why.
  const rc = await report([]);
  const index = path.relative(process.cwd(), outputsDir('index.html'));
  console.log(`\n${code === 0 && rc === 0 ? 'Done' : 'Finished with failures'} in ${((Date.now() - started) / 1000).toFixed(0)} s. Open ${index} in a browser.`);
  return code || rc;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
