import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/core/random';
import { fitMlpFoldsParallel, runMlpFoldJob, type MlpFoldJob } from '../../src/neural/mlp-parallel';

test('fitMlpFoldsParallel in worker threads gives bit-identical results to fitting the jobs one by one', async () => {
  const rng = new Rng(3);
  const [n, d] = [240, 5];
  const data = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 3;
    for (let t = 0; t < d; t++) data[i * d + t] = rng.normal(t === y[i] ? 2 : 0, 1);
  }
  const X = { data, rows: n, cols: d };
  const idx = (f: (i: number) => boolean): Int32Array => Int32Array.from(Array.from({ length: n }, (_, i) => i).filter(f));
  const jobs: MlpFoldJob[] = [0, 1, 2].map((f) => ({ train: idx((i) => i % 3 !== f && i % 7 !== 0), validation: idx((i) => i % 3 !== f && i % 7 === 0), test: idx((i) => i % 3 === f) }));
  const options = { hiddenLayers: [8], maxEpochs: 4, batchSize: 32, seed: 5 };
  const par = await fitMlpFoldsParallel(X, y, jobs, options, 2);
  for (let j = 0; j < jobs.length; j++) {
    const ser = await runMlpFoldJob(X, y, jobs[j], options);
    assert.deepEqual(par[j].predictions, ser.predictions, `job ${j}`);
    assert.deepEqual(par[j].probabilities, ser.probabilities, `job ${j}`);
    assert.deepEqual(par[j].history.loss, ser.history.loss, `job ${j}`);
  }
});
