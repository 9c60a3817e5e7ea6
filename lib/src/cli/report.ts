/**
 * `npm run report [-- --no-code] [--check]`: standalone offline HTML in outputs/ from the executed notebooks in
 * outputs/notebooks (one page each + outputs/index.html); `--no-code` writes the business version to
 * outputs/business/; `--check` opens every page in headless Chromium and fails if a figure did not draw.
 */
import * as path from 'node:path';
import { outputsDir } from '../data/datadir';
import { exportReports } from '../report/export';
import { checkInChromium, findChromium } from '../report/chromium';
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
    const c = checkInChromium(f, chromium);
    const ok = c.drawn === c.figures && c.errors.length === 0;
    if (!ok) bad++;
    console.log(`${ok ? '✓' : '✗'} ${path.relative(process.cwd(), f)}: ${c.drawn}/${c.figures} figures drawn${c.errors.length ? `, page errors: ${c.errors.join(' | ')}` : ''}`);
  }
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
