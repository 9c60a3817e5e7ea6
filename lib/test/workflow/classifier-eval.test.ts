import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/core/random';
import { fromRows, type Matrix } from '../../src/core/matrix';
import { evaluateOnSplit, crossValidate, stratifiedSample } from '../../src/workflow/classifier-eval';

function blobs(nPer: number, seed: number): { X: Matrix; y: Int32Array } {
  const rng = new Rng(seed);
  const centers = [[0, 0], [6, 0], [0, 6]];
  const rows: number[][] = [];
  const y: number[] = [];
  centers.forEach((c, k) => {
    for (let i = 0; i < nPer; i++) { rows.push([c[0] + rng.normal(), c[1] + rng.normal()]); y.push(k); }
  });
  return { X: fromRows(rows), y: Int32Array.from(y) };
}

test('stratifiedSample keeps every class in proportion and returns sorted unique indexes', () => {
  const y = Int32Array.from([...Array(80).fill(0), ...Array(20).fill(1)]);
  const s = stratifiedSample(y, 50, 1);
  assert.equal(s.length, 50);
  assert.equal(Array.from(s).filter((i) => y[i] === 1).length, 10);
  assert.deepEqual(Array.from(s), Array.from(new Set(s)).sort((a, b) => a - b));
  assert.equal(stratifiedSample(y, 0, 1).length, 100);
});

test('on separable blobs the MLP, the logistic baseline and a nearest-centre rule all score near 1 on the test split', async () => {
  const { X, y } = blobs(100, 3);
  const rule = { name: 'nearest centre', predict: (Z: Matrix) => Int32Array.from({ length: Z.rows }, (_, i) => {
    const a = Z.data[2 * i], b = Z.data[2 * i + 1];
    const d = [[0, 0], [6, 0], [0, 6]].map(([p, q]) => (a - p) ** 2 + (b - q) ** 2);
    return d.indexOf(Math.min(...d));
  }) };
  const { split, results, mlp } = await evaluateOnSplit(X, y, 3, { seed: 1, mlp: { maxEpochs: 60, batchSize: 32 }, rule });
  mlp.dispose();
  assert.equal(split.train.length + split.validation.length + split.test.length, 300);
  assert.deepEqual(results.map((r) => r.model), ['MLP 128-64', 'logistic regression', 'nearest centre']);
  for (const r of results) assert.ok(r.report.accuracy >= 0.95, `${r.model}: ${r.report.accuracy}`);
  assert.ok(results[0].roc!.macroAuc > 0.98);
});

test('crossValidate runs folds × seeds fits and reports mean and sd per model', async () => {
  const { X, y } = blobs(40, 4);
  let calls = 0;
  const cv = await crossValidate(X, y, 3, { folds: 2, seeds: [1, 2], maxRows: 0, mlp: { maxEpochs: 30, batchSize: 32 }, onFold: () => calls++ });
  assert.equal(cv.fits, 4);
  assert.equal(calls, 4);
  assert.equal(cv.rows, 120);
  for (const m of cv.models) assert.ok(m.accuracy.mean > 0.9 && m.accuracy.sd >= 0, `${m.model} ${m.accuracy.mean}`);
});
