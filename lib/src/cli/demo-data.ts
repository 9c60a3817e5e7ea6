/**
 * `npm run demo-data [-- --out DIR] [--seed N]`: writes the five demo customer tables of five shapes a real
 * customer file tends to have (tab-separated with dates, CRLF numbers only, blank-space strings, labelled segments,
 * the UCI bank-full layout) to `outputs/demo-data/` (or DIR), to try the lab on "your own data" without any. Each is
 * generated here (seeded), never copied from a data set.
 */
import * as path from 'node:path';
import { outputsDir } from '../data/datadir';
import { displayPath } from '../display/path';
import { demoTables, writeDemoTables } from '../data/fixtures/demo-tables';
import { checkFlags, flag, parseArgs } from './args';

export function main(argv: string[]): number {
  const args = parseArgs(argv);
  checkFlags(args, ['out', 'seed'], 'npm run demo-data');
  const given = flag(args, 'out');
  const out = path.resolve(given ?? outputsDir('demo-data'));
  // in the terminal, the files as the user can type them: relative to the project by default, else as given
  const shown = (f: string) => (given ? path.join(given, path.basename(f)) : displayPath(f));
  const seed = Number(flag(args, 'seed') ?? 7);
  if (!Number.isFinite(seed)) throw new Error(`--seed should be a number, got ${flag(args, 'seed')}`);
  const files = writeDemoTables(out, { seed });
  const about = new Map(demoTables({ seed }).map((t) => [t.name, t.description]));
  for (const f of files) console.log(`${shown(f).padEnd(48)} ${about.get(path.basename(f))}`);
  console.log(`\nTry one: npm run notebooks -- 01 02 03 04 05 06 --param DATASET=${shown(files[0])}`);
  return 0;
}

if (require.main === module) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
}
