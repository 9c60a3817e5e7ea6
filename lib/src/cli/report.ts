/**
 * `npm run report [-- --no-code] [--check]`: standalone offline HTML in outputs/ from the executed notebooks in
 * outputs/notebooks (one page each + outputs/index.html); `--no-code` writes the business version to
 * outputs/business/; `--check` opens every page in headless Chromium at 1,024 px and fails if a figure did not
 * draw, the page logged an error, content is wider than the window outside a scroll frame, an output shows a
 * machine path, a cell shows more than 3 consecutive progress lines, or a table shows "NaN".
 */
import * as path from 'node:path';
import { outputsDir, projectRoot } from '../data/datadir';
import { exportReports } from '../report/export';
import { checkInChromium, checkProblems, findChromium } from '../report/chromium';
import { checkFlags, flag, parseArgs } from './args';

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['no-code', 'check']);
  checkFlags(args, ['no-code', 'check'], 'npm run report');
  const noCode = flag(args, 'no-code') === 'true';
  const inDir = outputsDir('notebooks');
  // The business version (no code) is always written, first, so the full index can link to it.
  const written = exportReports({ inDir, outDir: outputsDir('business'), noCode: true });
  if (!noCode) written.push(...exportReports({ inDir, outDir: outputsDir() }));
  for (const f of written) console.log(`wrote ${path.relative(process.cwd(), f)}`);
  if (flag(args, 'check') !== 'true') return 0;
  const chromium = findChromium();
  if (!chromium) {
    console.log('NOTICE: no Chromium on this machine (apt-get install chromium): the browser check of the reports is SKIPPED');
    return 0;
  }
  let bad = 0;
  for (const f of written) {
    const c = checkInChromium(f, chromium, undefined, { projectRoot: projectRoot() });
    const problems = checkProblems(c);
    if (!c.check) problems.push('the page check did not run (no data-check on the page)');
    if (problems.length) bad++;
    console.log(`${problems.length ? '✗' : '✓'} ${path.relative(process.cwd(), f)}: ${c.drawn}/${c.figures} figures drawn${problems.length ? `\n    ${problems.join('\n    ')}` : ''}`);
  }
  if (bad) console.log(`${bad} page(s) failed the browser check at 1,024 px`);
  return bad ? 1 : 0;
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
