/**
 * Runs the starts of a K-Means fit on the calling thread plus a small pool of worker threads, SYNCHRONOUSLY: X is
 * copied once into a SharedArrayBuffer, the workers and the caller claim starts from a shared counter, write their
 * results into shared buffers, and the caller waits (Atomics.wait) for the starts the workers claimed. The workers
 * are created on first use, kept for later fits (a notebook fits K-Means many times) and unref'd, so they never keep
 * the process alive. The result does not depend on the number of threads or on timing (see kmeans-starts.ts): a
 * worker that is slow to start, or fails to start, simply claims fewer starts (possibly none).
 * Known limit: a worker killed in the middle of a start (e.g. out of memory) would leave the caller waiting.
 * Internal: not re-exported by the package index.
 */
import * as path from 'node:path';
import { WorkerPool } from './worker-pool';
import { KMeansRun } from './kmeans-common';
import { KMeansKernelAlgorithm, StartSpec, StartsJob, kernelCenters, runStart, workOnStarts } from './kmeans-starts';
import { prepareFast } from './kmeans-fast';

const workers = new WorkerPool(path.join(__dirname, 'kmeans-worker.js'));

/** Terminate the pooled workers (they are unref'd, so this is only needed to free their memory early). */
export async function terminateKMeansWorkers(): Promise<void> {
  await workers.terminate();
}

/** Number of pooled workers alive (for tests). */
export function kmeansWorkerCount(): number {
  return workers.size;
}

/**
 * Best run of the starts with up to `threads` threads (the caller + threads−1 pooled workers); `threads` in the
 * result is the number of threads engaged (the caller plus the workers that were sent the job).
 */
export function runStartsThreaded(
  X: Float64Array, n: number, d: number, k: number, algorithm: KMeansKernelAlgorithm, maxIter: number, tolAbs: number,
  starts: StartSpec[], threads: number,
): KMeansRun & { threads: number } {
  const nInit = starts.length;
  const shared = threads > 1;
  const alloc = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  let Xs = X;
  if (shared && !(X.buffer instanceof SharedArrayBuffer)) {
    Xs = new Float64Array(alloc(n * d * 8));
    Xs.set(X.subarray(0, n * d));
  }
  const job: StartsJob = {
    X: Xs, n, d, k, algorithm, maxIter, tolAbs, starts,
    ctrl: new Int32Array(alloc(4 * (1 + nInit))),
    resF: new Float64Array(alloc(8 * (4 * nInit + nInit * k * d))),
    resL: new Int32Array(alloc(4 * nInit * n)),
  };
  let engaged = 1;
  if (shared) for (const w of workers.get(Math.min(threads, nInit) - 1)) { w.postMessage(job); engaged++; }
  workOnStarts(job);
  const { ctrl, resF, resL } = job;
  for (let r = 0; r < nInit; r++) while (Atomics.load(ctrl, 1 + r) === 0) Atomics.wait(ctrl, 1 + r, 0, 1000);
  for (let r = 0; r < nInit; r++) {
    // A failed start (k-means++ on too few distinct rows) is rerun here so that its error is thrown, as the
    // sequential loop would throw at the first failing start.
    if (resF[4 * r + 3] !== 0) {
      runStart(prepareFast(X, n, d, kernelCenters(k)), job, starts[r]);
      throw new Error(`K-Means start ${r} failed in a worker but not on the calling thread`);
    }
  }
  let best = 0;
  for (let r = 1; r < nInit; r++) if (resF[4 * r] < resF[4 * best]) best = r;
  const co = 4 * nInit + best * k * d;
  return {
    labels: resL.slice(best * n, best * n + n),
    centers: resF.slice(co, co + k * d),
    inertia: resF[4 * best],
    nIter: resF[4 * best + 1],
    converged: resF[4 * best + 2] === 1,
    threads: engaged,
  };
}
