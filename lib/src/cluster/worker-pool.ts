/**
 * A lazily grown set of worker threads running one worker file (internal): created on first use, kept for later
 * jobs and unref'd (they never keep the process alive); a worker that errors or exits leaves the set. Used by the
 * K-Means starts pool (kmeans-pool.ts) and the generic units pool (parallel-pool.ts).
 */
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';

/** Threads available for parallel kernels: the machine's available parallelism. */
export function availableThreads(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Pooled workers of one worker file. */
export class WorkerPool {
  private readonly workers: Worker[] = [];

  /** @param file absolute path of the compiled worker script */
  constructor(private readonly file: string) {}

  /** Up to `m` workers, creating missing ones; fewer when the worker file cannot be started (sources run uncompiled). */
  get(m: number): Worker[] {
    while (this.workers.length < m) {
      let w: Worker;
      try {
        w = new Worker(this.file);
      } catch {
        break; // no worker file: the caller does the work itself
      }
      w.unref();
      const drop = (): void => { const at = this.workers.indexOf(w); if (at >= 0) this.workers.splice(at, 1); };
      w.on('error', drop);
      w.on('exit', drop);
      this.workers.push(w);
    }
    return this.workers.slice(0, m);
  }

  /** Number of pooled workers alive. */
  get size(): number {
    return this.workers.length;
  }

  /** Terminate the pooled workers (only to free their memory early: they are unref'd). */
  async terminate(): Promise<void> {
    const all = this.workers.splice(0, this.workers.length);
    await Promise.all(all.map((w) => w.terminate()));
  }
}
