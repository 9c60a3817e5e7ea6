/**
 * `npm run score -- --model DIR --input new.csv --output scored.csv`: assigns new customers to segments and personas
 * with a saved model bundle. Input problems (missing columns, wrong types, empty file, wrong delimiter…) are listed in
 * one clear error and nothing is written; the output is written atomically.
 */
import * as path from 'node:path';
import { disposeBundle, loadBundle } from '../scoring/bundle';
import { scoreCsv } from '../scoring/score';
import { scoreSummaryLines } from '../scoring/summary';
import { checkFlags, flag, parseArgs } from './args';

const HELP = `usage: npm run score -- --model DIR --input new.csv --output scored.csv
  --model DIR     a model bundle (written by notebooks/06-classifier.ipynb under outputs/models/<dataset>/bundle)
  --input FILE    customers to score (CSV with the training columns; extra columns such as ids are kept)
  --output FILE   where to write id/row, segment, segment_name, persona, confidence (atomically)`;

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['help']);
  if (flag(args, 'help')) { console.log(HELP); return 0; }
  checkFlags(args, ['model', 'input', 'output', 'help'], 'npm run score');
  const model = flag(args, 'model');
  const input = flag(args, 'input');
  const output = flag(args, 'output');
  if (!model || !input || !output) {
    console.error(`missing ${[!model && '--model', !input && '--input', !output && '--output'].filter(Boolean).join(', ')}\n${HELP}`);
    return 2;
  }
  if (path.resolve(input) === path.resolve(output)) {
    console.error('--output must differ from --input');
    return 2;
  }
  const bundle = await loadBundle(model);
  try {
    const r = scoreCsv(bundle, input, { output });
    for (const line of scoreSummaryLines(bundle, r)) console.log(line);
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
