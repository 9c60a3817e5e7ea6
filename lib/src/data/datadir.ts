/**
 * Where the data sets live: an explicit argument (a notebook parameter), else the `SEGLAB_DATA_DIR`
 * environment variable, else the project's own `data/` folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The environment variable that overrides the data directory. */
export const DATA_DIR_ENV = 'SEGLAB_DATA_DIR';

/** The project root: the nearest folder above this file (or `from`) whose package.json is the project's. */
export function projectRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        const name = JSON.parse(fs.readFileSync(pj, 'utf8')).name;
        if (name === 'seglab-project') return dir;
      } catch {
        /* keep walking */
      }
    }
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** The data directory, resolved to an absolute path (it may not exist). */
export function dataDir(override?: string | null): string {
  const chosen = override && override.trim() ? override : process.env[DATA_DIR_ENV];
  if (chosen && chosen.trim()) return path.resolve(projectRoot(), chosen);
  return path.join(projectRoot(), 'data');
}

/**
 * The environment variable that keeps a run's artifacts apart (`npm run notebooks -- --suffix NAME` sets it for
 * the kernels): the first path segment under outputs/ gets `--NAME` (`models` → `models--NAME`).
 */
export const OUTPUT_SUFFIX_ENV = 'SEGLAB_OUTPUT_SUFFIX';

/**
 * The outputs directory (executed notebooks, reports, saved models), or a path under it. With SEGLAB_OUTPUT_SUFFIX
 * set, the first segment carries the suffix before its extension: `outputsDir('models', 'x')` → outputs/models--NAME/x.
 */
export function outputsDir(...sub: string[]): string {
  const suffix = process.env[OUTPUT_SUFFIX_ENV]?.trim();
  if (suffix && sub.length > 0) {
    const [head, ...rest] = sub[0].split(/[\\/]/);
    const first = path.parse(head);
    sub = [`${first.name}--${suffix}${first.ext}`, ...rest, ...sub.slice(1)];
  }
  return path.join(projectRoot(), 'outputs', ...sub);
}

/** A path relative to the working directory (a notebook's is notebooks/): usable in code, no machine path shown. */
export function cwdRelative(p: string): string {
  const rel = path.relative(process.cwd(), path.resolve(p));
  return rel === '' ? '.' : rel;
}
