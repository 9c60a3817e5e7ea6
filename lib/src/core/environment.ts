/** What the notebooks run on: Node, the kernel, and the versions of the packages the project uses. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../data/datadir';

/** The packages whose versions a run reports (the user's choices plus what renders and computes). */
export const REPORTED_PACKAGES = [
  'tslab', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node', 'danfojs-node',
  'plotly.js-dist', 'simple-statistics', 'ml-kmeans', 'zeromq', 'typescript',
] as const;

/** The installed version of a package, or null when it is not installed (read from its package.json on disk). */
export function packageVersion(name: string): string | null {
  const file = path.join(projectRoot(), 'node_modules', ...name.split('/'), 'package.json');
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/** The name a package's own package.json gives (differs from the folder name for an npm alias). */
function packageName(folder: string): string | null {
  const file = path.join(projectRoot(), 'node_modules', ...folder.split('/'), 'package.json');
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string }).name ?? null;
  } catch {
    return null;
  }
}

/** A description of the machine and the package versions. */
export interface EnvironmentInfo {
  node: string;
  platform: string;
  cpus: number;
  memoryGiB: number;
  packages: Array<{ name: string; version: string | null }>;
}

export function environmentInfo(): EnvironmentInfo {
  const pkgs = REPORTED_PACKAGES.map((name) => {
    let version = packageVersion(name);
    // danfojs needs tfjs-node, which npm overrides alias to plain tfjs here: say so rather than report a fake version
    if (name === '@tensorflow/tfjs-node' && version && packageName(name) !== name) {
      version = `not installed (npm alias of ${packageName(name)} ${version})`;
    }
    return { name, version };
  });
  return {
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    packages: pkgs,
  };
}
