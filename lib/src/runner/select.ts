/** Which notebooks a command works on: all `*.ipynb` of a folder in file-name order, or those named. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The notebooks of `dir` in file-name order, filtered by `names` (a name matches a file whose base name equals it,
 * with or without `.ipynb`, or starts with it, e.g. `01` or `01-eda`).
 * @throws Error when a name matches nothing, listing what exists.
 */
export function selectNotebooks(dir: string, names: readonly string[] = []): string[] {
  if (!fs.existsSync(dir)) throw new Error(`no notebooks folder at ${dir}`);
  const all = fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb') && !f.startsWith('.')).sort();
  if (names.length === 0) return all.map((f) => path.join(dir, f));
  const chosen: string[] = [];
  for (const n of names) {
    const base = path.basename(n).replace(/\.ipynb$/, '');
    const hits = all.filter((f) => f.replace(/\.ipynb$/, '') === base || f.startsWith(base));
    if (hits.length === 0) throw new Error(`no notebook matches "${n}" in ${dir}; there are: ${all.join(', ')}`);
    for (const h of hits) if (!chosen.includes(h)) chosen.push(h);
  }
  return chosen.sort().map((f) => path.join(dir, f));
}
