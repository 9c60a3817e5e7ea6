/**
 * Paths as a reader should see them: never the absolute path of the machine that ran the notebook (a report is
 * shared; `/home/ana/…` or `/tmp/ci-123/…` tells its reader nothing and leaks the machine's layout).
 */
import * as path from 'node:path';
import { DATA_DIR_ENV, dataDir as resolveDataDir, projectRoot } from '../data/datadir';

/** Options of {@link displayPath}. */
export interface DisplayPathOptions {
  /** The project root paths are shown relative to. Default: the project's root folder. */
  root: string;
  /** The data directory; paths inside it (outside the project) are shown under its label. Default: `dataDir()`. */
  dataDir: string | null;
}

function defaults(): DisplayPathOptions {
  return { root: projectRoot(), dataDir: resolveDataDir() };
}

/** `rel` when `p` is `dir` or inside it (posix separators), else null. */
function inside(p: string, dir: string): string | null {
  const rel = path.relative(dir, p);
  if (rel === '') return '';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/** `$SEGLAB_DATA_DIR` when the variable names this folder, else the folder's own name. */
function dataDirLabel(dir: string, root: string): string {
  const env = process.env[DATA_DIR_ENV];
  if (env && env.trim() && path.resolve(root, env) === path.resolve(dir)) return `$${DATA_DIR_ENV}`;
  return path.basename(path.resolve(dir)) || 'data';
}

/**
 * A path for display: relative to the project when inside it (`outputs/models/x/embedding.json`), under the data
 * directory's label when inside a data directory outside the project (`$SEGLAB_DATA_DIR/bank.csv` when set by that
 * variable, else `<folder name>/bank.csv`), else only the file or folder name. Relative input is taken relative to
 * the project root. O(length of the path).
 * @param p a path (absolute or relative to the project root)
 * @param opts `root` and `dataDir` override the project root and the data directory
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
    const inData = inside(abs, path.resolve(o.root, o.dataDir));
    if (inData !== null) {
      const label = dataDirLabel(o.dataDir, o.root);
      return inData === '' ? label : `${label}/${inData}`;
    }
  }
  return path.basename(abs) || abs;
}
