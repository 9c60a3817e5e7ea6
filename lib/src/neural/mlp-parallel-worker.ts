/**
 * Worker-thread entry of fitMlpFoldsParallel (mlp-parallel.ts): fits the jobs it is sent on the shared X and y and
 * posts each result back. Never imported by the library itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runMlpFoldJob, type MlpFoldJob, type MlpFoldOptions } from './mlp-parallel';

const { xs, rows, cols, ys, options } = workerData as { xs: Float64Array; rows: number; cols: number; ys: Int32Array; options: MlpFoldOptions };

if (parentPort) {
  const port = parentPort;
  port.on('message', (m: { id: number; job: MlpFoldJob }) => {
    runMlpFoldJob({ data: xs, rows, cols }, ys, m.job, options).then(
      (result) => port.postMessage({ id: m.id, result }),
      (e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
    );
  });
}
