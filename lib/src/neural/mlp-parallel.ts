/**
 * Several MLP classifier fits (cross-validation folds, a train/test split) run at once in worker threads, each
 * exactly as `new MlpClassifier(options).fit(…)` would run it on the calling thread: same code, same seed, so the
 * results are bit-identical to fitting the jobs one after the other. X and y are shared (SharedArrayBuffer), each
 * worker takes the next job when it finishes one, and the workers end with the call. Where workers cannot start
 * (e.g. sources run uncompiled) the jobs run on the calling thread.
 * Complexity: the fits' own cost spread over `threads` threads; memory one shared copy of X plus each running fit's
 * row subsets.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { takeRows, type Matrix } from '../core/matrix';
import { MlpClassifier, type MlpClassifierOptions } from './mlp-classifier';
import type { TrainingHistory } from './train-loop';

/** One fit: rows to train on, rows for early stopping (may be empty), rows to predict. */
export interface MlpFoldJob {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/** What one fit returns. */
export interface MlpFoldResult {
  /** Most probable class of each test row. */
  predictions: Int32Array;
  /** Class probabilities of the test rows (test × classes, row-major). */
  probabilities: Float64Array;
  classes: number;
  history: TrainingHistory;
}

/** Options of the fits: the classifier's options without the (thread-bound) epoch callback. */
export type MlpFoldOptions = Partial<Omit<MlpClassifierOptions, 'onEpoch'>>;

function take(y: Int32Array, idx: Int32Array): Int32Array {
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = y[idx[i]];
  return out;
}

/** Run one job on this thread. */
export async function runMlpFoldJob(X: Matrix, y: Int32Array, job: MlpFoldJob, options: MlpFoldOptions): Promise<MlpFoldResult> {
  const mlp = new MlpClassifier(options);
  try {
    const validation = job.validation.length ? { validation: { X: takeRows(X, job.validation), y: take(y, job.validation) } } : {};
    await mlp.fit(takeRows(X, job.train), take(y, job.train), validation);
    const P = mlp.predictProba(takeRows(X, job.test));
    const predictions = new Int32Array(P.rows);
    for (let i = 0; i < P.rows; i++) {
      let b = 0;
      for (let j = 1; j < P.cols; j++) if (P.data[i * P.cols + j] > P.data[i * P.cols + b]) b = j;
      predictions[i] = b;
    }
    return { predictions, probabilities: P.data, classes: P.cols, history: mlp.history };
  } finally {
    mlp.dispose();
  }
}

const WORKER_FILE = path.join(__dirname, 'mlp-parallel-worker.js');

/**
 * Fit every job, up to `threads` at a time in worker threads; results in job order. `onDone(done, total)` is called
 * as jobs finish.
 */
export async function fitMlpFoldsParallel(
  X: Matrix, y: Int32Array, jobs: MlpFoldJob[], options: MlpFoldOptions,
  threads = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
  onDone?: (done: number, total: number) => void,
): Promise<MlpFoldResult[]> {
  const opts = { ...options } as MlpFoldOptions & { onEpoch?: unknown };
  delete opts.onEpoch;
  const results: MlpFoldResult[] = new Array(jobs.length);
  let done = 0;
  const nWorkers = Math.min(threads, jobs.length);
  if (nWorkers <= 1 || !fs.existsSync(WORKER_FILE)) {
    for (let j = 0; j < jobs.length; j++) { results[j] = await runMlpFoldJob(X, y, jobs[j], opts); onDone?.(++done, jobs.length); }
    return results;
  }
  const xs = new Float64Array(new SharedArrayBuffer(X.rows * X.cols * 8));
  xs.set(X.data.subarray(0, X.rows * X.cols));
  const ys = new Int32Array(new SharedArrayBuffer(y.length * 4));
  ys.set(y);
  let next = 0;
  const runWorker = (): Promise<void> => new Promise((resolve, reject) => {
    const w = new Worker(WORKER_FILE, { workerData: { xs, rows: X.rows, cols: X.cols, ys, options: opts } });
    const send = (): void => {
      if (next >= jobs.length) { void w.terminate().then(() => resolve(), reject); return; }
      const id = next++;
      w.postMessage({ id, job: jobs[id] });
    };
    w.on('message', (m: { id: number; result?: MlpFoldResult; error?: string }) => {
      if (m.error !== undefined) { void w.terminate(); reject(new Error(m.error)); return; }
      results[m.id] = m.result as MlpFoldResult;
      onDone?.(++done, jobs.length);
      send();
    });
    w.on('error', reject);
    send();
  });
  await Promise.all(Array.from({ length: nWorkers }, runWorker));
  return results;
}
