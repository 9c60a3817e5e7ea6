import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Matrix } from '../../src/core/matrix';
import { Rng } from '../../src/core/random';
import { inertia } from '../../src/metrics/inertia';
import { fitKMeansStreamed, nearestCentres } from '../../src/scale/kmeans-stream';
import { meanWithInterval, sampledMetrics } from '../../src/scale/sampled-metrics';
import type { MatrixChunk } from '../../src/scale/duckdb';

/** Three tight blobs around (0,0), (10,0), (0,10) in random order. */
function blobs(n: number, seed: number): Matrix {
  const rng = new Rng(seed);
  const centres = [[0, 0], [10, 0], [0, 10]];
  const data = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const c = centres[rng.int(3)];
    data[2 * i] = c[0] + rng.normal(0, 0.5);
    data[2 * i + 1] = c[1] + rng.normal(0, 0.5);
  }
  return { data, rows: n, cols: 2 };
}

function source(X: Matrix, block: number): () => AsyncIterable<MatrixChunk> {
  return async function* () {
    for (let o = 0; o < X.rows; o += block) {
      const rows = Math.min(block, X.rows - o);
      yield { X: { data: X.data.slice(o * X.cols, (o + rows) * X.cols), rows, cols: X.cols }, offset: o };
    }
  };
}

test('streamed mini-batch K-Means finds three planted blobs; the final pass gives the exact inertia and sizes', async () => {
  const X = blobs(30000, 1);
  const init = blobs(2000, 2);
  const r = await fitKMeansStreamed(source(X, 7000), init, { ks: [2, 3, 4], batchSize: 512, seed: 3 });
  assert.deepEqual(r.models.map((m) => m.k), [2, 3, 4]);
  assert.equal(r.rows, 30000);
  assert.equal(r.trainingRows, 30000, 'one epoch reads every row');
  const m3 = r.models[1];
  const found = Array.from({ length: 3 }, (_, j) => [m3.centers.data[2 * j], m3.centers.data[2 * j + 1]]).sort((a, b) => Math.round(a[0]) - Math.round(b[0]) || Math.round(a[1]) - Math.round(b[1]));
  const planted = [[0, 0], [0, 10], [10, 0]];
  found.forEach((c, j) => assert.ok(Math.hypot(c[0] - planted[j][0], c[1] - planted[j][1]) < 0.1, `centre ${c} vs planted ${planted[j]}`));
  for (const m of r.models) {
    const labels = nearestCentres(X, m.centers);
    assert.ok(Math.abs(m.inertia - inertia(X, labels, m.centers)) <= 1e-9 * m.inertia, `k=${m.k} inertia`);
    assert.equal(m.sizes.reduce((a, b) => a + b, 0), 30000);
  }
  // within-cluster variance of the planted blobs: 2 coordinates × 0.25 per row
  assert.ok(Math.abs(m3.inertia / 30000 - 0.5) < 0.03, `inertia per row ${m3.inertia / 30000}`);
  assert.ok(r.models[0].inertia > m3.inertia && r.models[2].inertia < m3.inertia);
});

test('meanWithInterval gives the mean ± Student-t half-width (by hand: [1, 2, 3] → 2 ± 4.303/√3)', () => {
  const e = meanWithInterval([1, 2, 3]);
  assert.equal(e.mean, 2);
  assert.ok(Math.abs(e.halfWidth - 4.303 / Math.sqrt(3)) < 1e-12);
  assert.ok(Number.isNaN(meanWithInterval([5]).halfWidth));
});

test('sampled metrics score the planted blobs best at k = 3 with a tight interval', async () => {
  const X = blobs(6000, 4);
  const r = await fitKMeansStreamed(source(X, 6000), blobs(1000, 5), { ks: [2, 3, 4], batchSize: 256, seed: 1 });
  const m = sampledMetrics(X, r.models.map((x) => x.centers), 4, 1500);
  const best = m.reduce((a, b) => (b.silhouette.mean > a.silhouette.mean ? b : a));
  assert.equal(best.k, 3);
  assert.ok(best.silhouette.halfWidth < 0.02, `half-width ${best.silhouette.halfWidth}`);
  assert.equal(best.samples, 4);
});
