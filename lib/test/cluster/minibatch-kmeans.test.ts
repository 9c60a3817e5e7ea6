import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MiniBatchKMeans } from '../../src/cluster/minibatch-kmeans';
import { KMeans } from '../../src/cluster/kmeans';
import { fromRows, takeRows } from '../../src/core/matrix';
import { NotFittedError } from '../../src/core/errors';
import { blobs } from './blobs';

test('MiniBatchKMeans recovers well-separated blobs and lands within 2% of full K-Means inertia', () => {
  const { X, y } = blobs(6000, [[0, 0, 0], [8, 0, 0], [0, 8, 0], [0, 0, 8]], 1, 3);
  const mb = new MiniBatchKMeans({ k: 4, batchSize: 256, seed: 1 }).fit(X);
  const km = new KMeans({ k: 4, seed: 1 }).fit(X);
  assert.ok(mb.inertia <= km.inertia * 1.02, `${mb.inertia} vs ${km.inertia}`);
  const map = new Map<number, number>();
  for (let i = 0; i < X.rows; i++) {
    if (!map.has(y[i])) map.set(y[i], mb.labels[i]);
    assert.equal(mb.labels[i], map.get(y[i]));
  }
  assert.equal(new Set(map.values()).size, 4);
});

test('MiniBatchKMeans.partialFit over chunks converges to the blob centres', () => {
  const { X } = blobs(4000, [[0, 0], [10, 0], [0, 10]], 0.5, 8);
  const mb = new MiniBatchKMeans({ k: 3, seed: 2 });
  for (let epoch = 0; epoch < 3; epoch++) {
    for (let s = 0; s < X.rows; s += 500) mb.partialFit(takeRows(X, Array.from({ length: 500 }, (_, i) => s + i)));
  }
  const c = mb.centers.data;
  for (const [cx, cy] of [[0, 0], [10, 0], [0, 10]]) {
    let best = Infinity;
    for (let j = 0; j < 3; j++) best = Math.min(best, Math.hypot(c[2 * j] - cx, c[2 * j + 1] - cy));
    assert.ok(best < 0.1, `centre near (${cx}, ${cy}) off by ${best}`);
  }
});

test('MiniBatchKMeans repeats with a seed, predicts nearest centres, round-trips through JSON', () => {
  const { X } = blobs(2000, [[0, 0], [6, 6]], 1, 5);
  const copy = Float64Array.from(X.data);
  const a = new MiniBatchKMeans({ k: 2, batchSize: 128, seed: 3 }).fit(Object.freeze({ ...X }));
  const b = new MiniBatchKMeans({ k: 2, batchSize: 128, seed: 3 }).fit(X);
  assert.deepEqual(a.centers.data, b.centers.data);
  assert.deepEqual(X.data, copy);
  assert.deepEqual(a.predict(X), a.labels);
  const back = MiniBatchKMeans.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
  assert.deepEqual(back.predict(X), a.predict(X));
  assert.throws(() => new MiniBatchKMeans({ k: 2 }).predict(X), NotFittedError);
  assert.throws(() => new MiniBatchKMeans({ k: 3 }).fit(fromRows([[1], [2]])), /nSamples=2 should be >= k=3/);
});
