/**
 * `npm run export-sql -- --model DIR --dialect duckdb|spark|ansi [--table NAME] [--id COL]… [--out FILE]`: writes
 * ONE SQL query that scores a customer table with a model bundle where the table lives: the fitted pipeline, the
 * nearest K-Means centre and the persona rules (see lib/src/sql/scoring-query.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { disposeBundle, loadBundle } from '../scoring/bundle';
import { SQL_DIALECTS, type SqlDialectName } from '../sql/dialect';
import { scoringSql } from '../sql/scoring-query';
import { checkFlags, flag, flagAll, parseArgs } from './args';

const HELP = `usage: npm run export-sql -- --model DIR --dialect duckdb|spark|ansi [--table NAME] [--id COLUMN]… [--out FILE]
  --model DIR        a model bundle (npm run score's --model)
  --dialect NAME     duckdb, spark or ansi (default duckdb)
  --table NAME       the table to score, written into FROM as given (default customers)
  --id COLUMN        a column copied to the output (a customer id); repeatable
  --out FILE         write the query there (default: print it)
  --nearest-centre   export a bundle that assigns with its classifier using the K-Means nearest centre instead
  --no-near-tie      leave out the near_tie column`;

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['help', 'nearest-centre', 'no-near-tie'], ['model', 'dialect', 'table', 'id', 'out']);
  if (flag(args, 'help')) { console.log(HELP); return 0; }
  checkFlags(args, ['model', 'dialect', 'table', 'id', 'out', 'nearest-centre', 'no-near-tie', 'help'], 'npm run export-sql');
  if (args.positional.length) {
    console.error(`unexpected argument(s) ${args.positional.map((a) => `"${a}"`).join(' ')} (with npm, put \`--\` before the options: npm run export-sql -- --model …)\n${HELP}`);
    return 2;
  }
  const model = flag(args, 'model');
  const dialect = flag(args, 'dialect') ?? 'duckdb';
  const empty = (['model', 'dialect', 'table', 'out'] as const).filter((k) => flag(args, k) === '');
  if (empty.length || flagAll(args, 'id').includes('')) {
    console.error(`${[...empty.map((k) => `--${k}`), ...(flagAll(args, 'id').includes('') ? ['--id'] : [])].join(', ')} needs a value\n${HELP}`);
    return 2;
  }
  if (!model) { console.error(`missing --model\n${HELP}`); return 2; }
  if (!(SQL_DIALECTS as readonly string[]).includes(dialect)) { console.error(`--dialect ${dialect} is not one of ${SQL_DIALECTS.join(', ')}`); return 2; }
  const bundle = await loadBundle(model);
  try {
    const sql = scoringSql(bundle, {
      dialect: dialect as SqlDialectName,
      table: flag(args, 'table') ?? 'customers',
      idColumns: flagAll(args, 'id'),
      nearTie: !flag(args, 'no-near-tie'),
      allowNearestCentre: Boolean(flag(args, 'nearest-centre')),
    });
    const out = flag(args, 'out');
    if (out) {
      const abs = path.resolve(out);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      const tmp = `${abs}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, sql);
      fs.renameSync(tmp, abs);
      console.error(`wrote the ${dialect} scoring query (${sql.length.toLocaleString('en-US')} characters) to ${abs}`);
    } else process.stdout.write(sql);
  } finally {
    disposeBundle(bundle);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
