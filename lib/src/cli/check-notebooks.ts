/**
 * `npm test` step: every notebook in notebooks/ is committed clean (no outputs, no execution counts), is an
 * nbformat 4 notebook with this project's kernelspec, and imports library code by package name, never by path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../data/datadir';
import { dirtyCells, readNotebook, text } from '../runner/notebook';
import { KERNEL_NAME } from './kernel';

/** Problems found in one notebook (empty when it is fine). */
export function notebookProblems(file: string): string[] {
  const nb = readNotebook(file);
  const name = path.basename(file);
  const problems: string[] = [];
  const dirty = dirtyCells(nb);
  if (dirty.length) problems.push(`${name}: cells ${dirty.join(', ')} carry outputs or execution counts (commit notebooks clean)`);
  const ks = nb.metadata.kernelspec as { name?: string } | undefined;
  if (ks?.name !== KERNEL_NAME) problems.push(`${name}: kernelspec is "${ks?.name}", expected "${KERNEL_NAME}"`);
  nb.cells.forEach((c, i) => {
    if (c.cell_type === 'code' && /from\s+['"]\.\.?\/(?:\.\.\/)*lib\//.test(text(c.source))) {
      problems.push(`${name}: cell ${i + 1} imports from a lib/ path; import from 'seglab' instead (tslab cannot compile files outside the notebook folder)`);
    }
  });
  return problems;
}

export function main(): number {
  const dir = path.join(projectRoot(), 'notebooks');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort();
  const problems = files.flatMap((f) => notebookProblems(path.join(dir, f)));
  for (const p of problems) console.error(`✗ ${p}`);
  console.log(`${files.length} notebooks checked: ${problems.length ? `${problems.length} problem(s)` : 'all clean'}`);
  return problems.length ? 1 : 0;
}

if (require.main === module) process.exit(main());
