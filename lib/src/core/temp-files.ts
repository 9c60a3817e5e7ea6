/**
 * Temporary files of atomic writes (internal). A temporary name carries the writing process's pid, so that the
 * leftovers of a process that died mid-write (SIGKILL, out of memory) are recognised and removed by the next writer
 * of the same target; while a temporary file exists it is tracked, so that an exit, a crash or a SIGINT/SIGTERM
 * removes it.
 *
 * Signals: while a tracked file exists and the process has no SIGINT/SIGTERM/SIGHUP handler of its own (a CLI
 * such as `npm run score`), one is installed that removes the tracked files and then lets the signal take its
 * default effect. Processes with their own handlers (the runner, a kernel) call {@link removeTrackedTemps} from them.
 * A synchronous write cannot be cut short by a signal: the handler runs once the write has ended (renamed or removed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Registry {
  paths: Set<string>;
  exitHook: boolean;
  signalHooks: Map<NodeJS.Signals, () => void>;
  releaseTimer: NodeJS.Immediate | null;
}

const KEY = Symbol.for('seglab.tempFiles');
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

// one registry per process, even when two copies of the library are loaded (a kernel and a notebook's import)
function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (g[KEY] ??= { paths: new Set(), exitHook: false, signalHooks: new Map(), releaseTimer: null });
}

/** True when a process with this pid exists (EPERM counts as existing). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let counter = 0;

/** A hidden temporary sibling of `target`: `.<name>.<pid>.<time><n>.tmp`. */
export function tempPathFor(target: string): string {
  const abs = path.resolve(target);
  counter = (counter + 1) % 1000;
  return path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${Date.now()}${String(counter).padStart(3, '0')}.tmp`);
}

/** Remove one path, file or folder, ignoring a missing one. */
function removePath(p: string): void {
  try {
    fs.rmSync(p, { recursive: true, force: true });
  } catch {
    /* best effort: nothing else can be done at exit */
  }
}

/** Remove every tracked temporary path now (synchronous; safe to call from exit and signal handlers). */
export function removeTrackedTemps(): void {
  const reg = registry();
  for (const p of reg.paths) removePath(p);
  reg.paths.clear();
}

function installHooks(reg: Registry): void {
  if (!reg.exitHook) {
    reg.exitHook = true;
    process.on('exit', removeTrackedTemps);
  }
  if (reg.releaseTimer) {
    clearImmediate(reg.releaseTimer);
    reg.releaseTimer = null;
  }
  for (const sig of SIGNALS) {
    if (reg.signalHooks.has(sig) || process.listenerCount(sig) > 0) continue;
    const hook = () => {
      removeTrackedTemps();
      // still alone: restore the default action and let the signal end the process as it would have
      if (process.listenerCount(sig) === 1) {
        uninstallSignals(reg);
        process.kill(process.pid, sig);
        setTimeout(() => process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1)), 200).unref();
      }
    };
    reg.signalHooks.set(sig, hook);
    process.on(sig, hook);
  }
}

function uninstallSignals(reg: Registry): void {
  for (const [sig, hook] of reg.signalHooks) process.removeListener(sig, hook);
  reg.signalHooks.clear();
}

/** Track a temporary path until {@link untrackTemp}: it is removed if the process exits or is signalled first. */
export function trackTemp(p: string): void {
  const reg = registry();
  reg.paths.add(p);
  installHooks(reg);
}

/** Stop tracking `p` (renamed into place or removed). */
export function untrackTemp(p: string): void {
  const reg = registry();
  reg.paths.delete(p);
  if (reg.paths.size === 0 && reg.signalHooks.size > 0 && !reg.releaseTimer) {
    // a signal that arrived during a synchronous write is dispatched in the poll phase of a later turn of the event
    // loop: keep the handlers until one full turn has passed so that it still finds them
    reg.releaseTimer = setImmediate(() => {
      reg.releaseTimer = setImmediate(() => {
        reg.releaseTimer = null;
        if (reg.paths.size === 0) uninstallSignals(reg);
      }).unref();
    }).unref();
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Remove the temporary siblings of `target` left by processes that no longer run: `.<name>.<pid>.<n>.tmp`
 * (this module), `<name>.tmp-<pid>[-<n>]` and `<name>.old-<pid>[-<n>]` (folder writers), `<name>.<pid>.tmp`.
 * Leftovers of live processes (another run writing now) are kept.
 * @returns the paths removed
 */
export function removeStaleTemps(target: string): string[] {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  const base = escapeRegExp(path.basename(abs));
  const patterns = [
    new RegExp(`^\\.${base}\\.(\\d+)\\.\\d+\\.tmp$`),
    new RegExp(`^${base}\\.(?:tmp|old)-(\\d+)(?:-\\d+)?$`),
    new RegExp(`^${base}\\.(\\d+)\\.tmp$`),
  ];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    for (const re of patterns) {
      const m = re.exec(name);
      if (!m) continue;
      const pid = Number(m[1]);
      if (pid !== process.pid && !pidAlive(pid)) {
        removePath(path.join(dir, name));
        removed.push(path.join(dir, name));
      }
      break;
    }
  }
  return removed;
}

/**
 * Write `data` to `file` atomically: a tracked temporary sibling, flushed, then renamed over the target; on any
 * error the temporary file is removed and the target is left as it was. Stale temporaries of dead processes beside
 * the target are removed first.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  removeStaleTemps(file);
  const tmp = tempPathFor(file);
  trackTemp(tmp);
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    removePath(tmp);
    throw e;
  } finally {
    untrackTemp(tmp);
  }
}
