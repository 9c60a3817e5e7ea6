/**
 * Where the scikit-learn/PyTorch reference ("peer", README there) lives and what it saved: `SEGLAB_PEER_DIR`, else
 * `../shared/peer` beside the project root. Its `results/` hold the JSON of its runs, the K-Means labels behind
 * them (`results/labels/*.txt`, one label per line) and the ≤10,000-row subsample indices of Ward and DBSCAN.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../data/datadir';

/** The environment variable that overrides the peer directory. */
export const PEER_DIR_ENV = 'SEGLAB_PEER_DIR';

/** The peer directory (absolute; it may not exist). */
export function peerDir(): string {
  const env = process.env[PEER_DIR_ENV];
  return env && env.trim() ? path.resolve(env) : path.resolve(projectRoot(), '..', 'shared', 'peer');
}

/** A file under the peer's `results/`, or null when absent. */
export function peerResult(...parts: string[]): string | null {
  const f = path.join(peerDir(), 'results', ...parts);
  return fs.existsSync(f) ? f : null;
}

/** Integers one per line (labels or row indices). */
export function readIntLines(file: string): Int32Array {
  return Int32Array.from(fs.readFileSync(file, 'utf8').split(/\s+/).filter((s) => s.length > 0), Number);
}
