/**
 * Paths as a reader should see them: never the absolute path of the machine that ran the notebook (a report is
 * shared; `/home/ana/…` or `/tmp/ci-123/…` tells its reader nothing and leaks the machine's layout).
 */
import * as path from 'node:path';
import { DATA_DIR_ENV, projectRoot } from '../data/datadir';

/** Options of {@link displayPath}. */
export interface DisplayPathOptions {
  /** The project root paths are shown relative to. Default: the project's root folder. */
  root: string;
  /** The data directory named `$SEGLAB_DATA_DIR` when it lies outside the project. Default: that variable's value. */
  dataDir: string | null;
}

function defaults(): DisplayPathOptions {
  const env = process.env[DATA_DIR_ENV];
  return { root: projectRoot(), dataDir: env && env.trim() ? path.resolve(projectRoot(), env) : null };
}

/** `rel` when `p` is `dir` or inside it (posix separators), else null. */
function inside(p: string, dir: string): string | null {
  const rel = path.relative(dir, p);
  if (rel === '') return '';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/**
 * A path for display: relative to the project when inside it (`outputs/models/x/embedding.json`), under
 * `$SEGLAB_DATA_DIR/` when inside the data directory set by that variable, else only the file or folder name.
 * Relative input is taken relative to the project root. O(length of the path).
 * @param p a path (absolute or relative to the project root)
 * @param opts `root` and `dataDir` override the project root and the data directory (tests)
 * @returns the text to show
 * @example displayPath('/srv/lab/outputs/models/a.json', { root: '/srv/lab' }) // "outputs/models/a.json"
 * @example displayPath('/tmp/x/bank.csv', { root: '/srv/lab', dataDir: null }) // "bank.csv"
 */
export function displayPath(p: string, opts: Partial<DisplayPathOptions> = {}): string {
  const o = { ...defaults(), ...opts };
  const abs = path.resolve(o.root, p);
  const inRoot = inside(abs, o.root);
  if (inRoot !== null) return inRoot === '' ? '.' : inRoot;
  if (o.dataDir) {
    const inData = inside(abs, path.resolve(o.dataDir));
    if (inData !== null) return inData === '' ? `$${DATA_DIR_ENV}` : `$${DATA_DIR_ENV}/${inData}`;
  }
  return path.basename(abs) || abs;
}
