/**
 * The folders the runner gives its kernels in the temp directory (each holds the kernel's connection file):
 * `seglab-kernel-<runner pid>-XXXXXX`, with an `owner.json` naming the runner and the kernel. A folder whose runner
 * no longer runs is stale: {@link cleanStaleKernelDirs} removes it (and ends its kernel if that kernel, orphaned,
 * still runs). Folders of the older naming `seglab-kernel-XXXXXX` carry no owner: they are removed only when no
 * running process refers to them and they are more than a minute old.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pidAlive } from '../core/temp-files';

export const KERNEL_DIR_PREFIX = 'seglab-kernel-';
/** Environment of a kernel the runner starts: the runner's pid (the kernel exits when it is gone). */
export const OWNER_PID_ENV = 'SEGLAB_KERNEL_OWNER_PID';
/** Environment of a kernel the runner starts: its connection folder (removed if the kernel outlives the runner). */
export const KERNEL_DIR_ENV = 'SEGLAB_KERNEL_DIR';

/** What owner.json records. */
export interface KernelDirOwner {
  runner: number;
  kernel: number | null;
  started: string;
}

/** Create a fresh kernel folder owned by this process. */
export function makeKernelDir(tmpDir = os.tmpdir()): string {
  return fs.mkdtempSync(path.join(tmpDir, `${KERNEL_DIR_PREFIX}${process.pid}-`));
}

/** Record the runner and the kernel that own `dir`. */
export function writeKernelDirOwner(dir: string, kernelPid: number | null): void {
  const owner: KernelDirOwner = { runner: process.pid, kernel: kernelPid, started: new Date().toISOString() };
  fs.writeFileSync(path.join(dir, 'owner.json'), JSON.stringify(owner) + '\n');
}

/** Command lines of running processes that mention `needle` (Linux /proc; null where /proc is not available). */
function processesMentioning(needle: string): number[] | null {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  const out: number[] = [];
  for (const p of pids) {
    try {
      if (fs.readFileSync(`/proc/${p}/cmdline`, 'latin1').includes(needle)) out.push(Number(p));
    } catch {
      /* the process ended meanwhile */
    }
  }
  return out;
}

function readOwner(dir: string): KernelDirOwner | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'owner.json'), 'utf8')) as KernelDirOwner;
  } catch {
    return null;
  }
}

/** Options of {@link cleanStaleKernelDirs}. */
export interface CleanKernelDirsOptions {
  /** Where to look. Default os.tmpdir(). */
  tmpDir?: string;
  /** Minimum age of an owner-less (older naming) folder before it may be removed. Default 60000 ms. */
  minAgeMs?: number;
}

/**
 * Remove the kernel folders of runs that no longer run: those whose runner pid is dead (ending their kernel first
 * if it still runs, orphaned), and owner-less ones no running process refers to. Folders of live runs are kept.
 * @returns the folders removed
 */
export function cleanStaleKernelDirs(opts: CleanKernelDirsOptions = {}): string[] {
  const tmp = opts.tmpDir ?? os.tmpdir();
  const minAge = opts.minAgeMs ?? 60000;
  let names: string[];
  try {
    names = fs.readdirSync(tmp).filter((n) => n.startsWith(KERNEL_DIR_PREFIX));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const dir = path.join(tmp, name);
    const owned = /^seglab-kernel-(\d+)-[A-Za-z0-9]{6}$/.exec(name);
    if (owned) {
      const runner = Number(owned[1]);
      if (runner === process.pid || pidAlive(runner)) continue;
      const kernel = readOwner(dir)?.kernel;
      // an orphaned kernel of that run: end it, but only if it is really the process started on this folder
      if (kernel && pidAlive(kernel) && (processesMentioning(dir) ?? []).includes(kernel)) {
        try { process.kill(-kernel, 'SIGKILL'); } catch { try { process.kill(kernel, 'SIGKILL'); } catch { /* gone */ } }
      }
    } else if (/^seglab-kernel-[A-Za-z0-9]{6}$/.test(name)) {
      let age = 0;
      try { age = Date.now() - fs.statSync(dir).mtimeMs; } catch { continue; }
      if (age < minAge) continue;
      const users = processesMentioning(dir);
      if (users === null || users.length > 0) continue;
    } else {
      continue;
    }
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      /* another process's folder we may not remove: leave it */
    }
  }
  return removed;
}
