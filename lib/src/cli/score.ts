/**
 * `npm run score -- --model DIR --input new.csv --output scored.csv`: assigns new customers to segments and personas
 * with a saved model bundle. Input problems (missing columns, wrong types, empty file, wrong delimiter…) are listed in
 * one clear error and nothing is written; the output is written atomically.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { disposeBundle, loadBundle } from '../scoring/bundle';
import { scoreCsv } from '../scoring/score';
import { scoreSummaryLines } from '../scoring/summary';
import { checkFlags, flag, parseArgs } from './args';

const HELP = `usage: npm run score -- --model DIR --input new.csv --output scored.csv
  --model DIR     a model bundle (written by notebooks/06-classifier.ipynb under outputs/models/<dataset>/bundle)
  --input FILE    customers to score (CSV with the training columns; extra columns are ignored, an id column is copied to the output)
  --output FILE   where to write id/row, segment, segment_name, persona, confidence (atomically)`;

/** Real path of `p`, or of its nearest existing parent joined with the rest (the file may not exist yet). */
function realish(p: string): string {
  const abs = path.resolve(p);
  let head = abs;
  const tail: string[] = [];
  while (!fs.existsSync(head)) {
    const parent = path.dirname(head);
    if (parent === head) return abs;
    tail.unshift(path.basename(head));
    head = parent;
  }
  return path.join(fs.realpathSync(head), ...tail);
}

/** Why `output` cannot be written before any work is done (null when it can). */
export function outputProblem(input: string, output: string, model: string): string | null {
  if (/[\\/]$/.test(output)) return `--output ${output} names a folder: give a file path such as ${path.join(output, 'scored.csv')}`;
  if (fs.existsSync(output) && fs.statSync(output).isDirectory()) return `--output ${output} is a folder: give a file path such as ${path.join(output, 'scored.csv')}`;
  if (fs.existsSync(input) && fs.statSync(input).isDirectory()) return `--input ${input} is a folder, not a CSV file`;
  const out = realish(output);
  if (out === realish(input)) return `--output ${output} is the input file ${input}: choose another path (the input is never overwritten)`;
  const m = realish(model);
  if (out === m || out.startsWith(m + path.sep)) return `--output ${output} is inside the model bundle ${model}: choose a path outside it`;
  return null;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['help'], ['model', 'input', 'output']);
  if (flag(args, 'help')) { console.log(HELP); return 0; }
  checkFlags(args, ['model', 'input', 'output', 'help'], 'npm run score');
  if (args.positional.length) {
    console.error(`unexpected argument(s) ${args.positional.map((a) => `"${a}"`).join(' ')} (with npm, put \`--\` before the options: npm run score -- --model …)\n${HELP}`);
    return 2;
  }
  const model = flag(args, 'model');
  const input = flag(args, 'input');
  const output = flag(args, 'output');
  const valueless = (['model', 'input', 'output'] as const).filter((k) => flag(args, k) === '');
  if (valueless.length) {
    // `--output` followed by nothing (or by another option) must not become a file named "true"
    console.error(`${valueless.map((k) => `--${k}`).join(', ')} needs a path\n${HELP}`);
    return 2;
  }
  if (!model || !input || !output) {
    console.error(`missing ${[!model && '--model', !input && '--input', !output && '--output'].filter(Boolean).join(', ')}\n${HELP}`);
    return 2;
  }
  const problem = outputProblem(input, output, model);
  if (problem) {
    console.error(problem);
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
