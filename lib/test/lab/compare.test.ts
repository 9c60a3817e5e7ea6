import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../../src/core/errors';
import { adjustedRandIndex } from '../../src/metrics/adjusted-rand';
import { bestCell, compareClusterings, dbscanMinSamplesFor } from '../../src/lab/compare';
import { blobRepresentations } from './fixtures';

const { reps, truth } = blobRepresentations();
const frozenReps = reps.map((r) => Object.freeze({ ...r, X: Object.freeze({ ...r.X }) }));
const grid = compareClusterings(frozenReps, { kMin: 2, kMax: 4, silhouetteSampleSize: null });

test('compareClusterings builds the grid: 4 methods × 3 k per representation, DBSCAN once, k-prototypes on the mixed form only', () => {
  // raw: K-Means, GMM, Ward, k-prototypes at k = 2, 3, 4 (12) + DBSCAN (1); engineered: 3 × 3 + 1 = 10 → 23 cells.
  assert.equal(grid.cells.length, 23);
  assert.equal(grid.cells.filter((c) => c.method === 'kprototypes' && c.representation === 'engineered').length, 0);
  assert.equal(grid.cells.filter((c) => c.method === 'dbscan').length, 2);
  assert.equal(grid.commonSpace, 'engineered');
  assert.deepEqual(grid.ks, [2, 3, 4]);
  assert.ok(grid.cells.every((c) => c.error === null), grid.cells.map((c) => c.error).join(';'));
});

test('every method finds the 3 separated blobs at k = 3 (ARI 1 against the planted blobs)', () => {
  for (const c of grid.cells.filter((x) => x.k === 3 || x.method === 'dbscan')) {
    assert.equal(c.nClusters, 3, `${c.method} on ${c.representation}`);
    // DBSCAN may call a few outlying rows noise: compare on its non-noise rows.
    const keep = Array.from(c.labels.keys()).filter((i) => c.labels[i] >= 0);
    assert.ok(keep.length >= 0.95 * truth.length, `${c.method} noise ${c.noiseShare}`);
    assert.equal(adjustedRandIndex(keep.map((i) => truth[i]), keep.map((i) => c.labels[i])), 1, `${c.method} on ${c.representation}`);
  }
});

test('the common-space scores of the same labelling are equal whichever representation produced it', () => {
  // K-Means at k = 3 gives the planted partition on both representations, so its common-space scores coincide,
  // while the own-space silhouettes differ (raw has ×2 scale and a noise column: a different space).
  const a = grid.cells.find((c) => c.method === 'kmeans' && c.k === 3 && c.representation === 'raw')!;
  const b = grid.cells.find((c) => c.method === 'kmeans' && c.k === 3 && c.representation === 'engineered')!;
  assert.ok(Math.abs(a.common.silhouette - b.common.silhouette) < 1e-12);
  assert.ok(Math.abs(a.common.calinskiHarabasz - b.common.calinskiHarabasz) < 1e-6 * b.common.calinskiHarabasz);
  assert.notEqual(a.own.calinskiHarabasz, a.common.calinskiHarabasz);
  assert.equal(b.own, b.common); // engineered is the common space: scored once
});

test('the silhouette in the common space peaks at k = 3 for K-Means, and bestCell picks a k = 3 cell', () => {
  const km = grid.cells.filter((c) => c.method === 'kmeans' && c.representation === 'engineered');
  const best = km.reduce((x, y) => (y.common.silhouette > x.common.silhouette ? y : x));
  assert.equal(best.k, 3);
  const b = bestCell(grid);
  assert.ok(b && b.nClusters === 3);
});

test('cells record sizes, noise share, inertia for K-Means and BIC for GMM only', () => {
  const km = grid.cells.find((c) => c.method === 'kmeans' && c.k === 3)!;
  assert.deepEqual([...km.sizes].sort(), [40, 40, 40]);
  assert.equal(km.noiseShare, 0);
  assert.ok(km.inertia !== null && km.inertia > 0 && km.bic === null);
  const g = grid.cells.find((c) => c.method === 'gmm' && c.k === 3)!;
  assert.ok(g.bic !== null && g.inertia === null);
  assert.match(g.note, /full covariance/); // 2 or 3 columns ≤ 20: full
});

test('GMM switches to diagonal covariance above gmmFullMaxCols and fits on a sample above gmmMaxRows', () => {
  const r = compareClusterings(reps, { kMin: 3, kMax: 3, methods: ['gmm'], gmmFullMaxCols: 2, gmmMaxRows: 60 });
  const raw = r.cells.find((c) => c.representation === 'raw')!; // 3 columns > 2
  assert.match(raw.note, /diag covariance \(d = 3 > 2\), fitted on 60 sampled rows/);
  assert.equal(raw.labels.length, 120);
  assert.match(r.cells.find((c) => c.representation === 'engineered')!.note, /^full covariance/);
});

test('DBSCAN fitted on a sample labels every row; minSamples follows 2·d clipped to [4, 50]', () => {
  assert.deepEqual([1, 2, 10, 40].map(dbscanMinSamplesFor), [4, 4, 20, 50]);
  const r = compareClusterings(reps, { kMin: 2, kMax: 2, methods: ['dbscan'], dbscanMaxRows: 60 });
  for (const c of r.cells) {
    assert.equal(c.labels.length, 120);
    assert.match(c.note, /fitted on 60 sampled rows/);
  }
});

test('the progress callback is called once per cell with the total', () => {
  const seen: string[] = [];
  compareClusterings(reps, { kMin: 2, kMax: 3, methods: ['kmeans'], onCell: (c, i, total) => seen.push(`${i}/${total}:${c.representation}:${c.k}`) });
  assert.deepEqual(seen, ['0/4:raw:2', '1/4:raw:3', '2/4:engineered:2', '3/4:engineered:3']);
});

test('onCellStart announces each cell before it runs, so a progress label names the running step', () => {
  const seen: string[] = [];
  compareClusterings(reps, { kMin: 2, kMax: 3, methods: ['kmeans'],
    onCellStart: (s, i, total) => seen.push(`start ${i}/${total}:${s.representation}:${s.method}:${s.k}`),
    onCell: (c, i) => seen.push(`end ${i}`) });
  assert.deepEqual(seen, ['start 0/4:raw:kmeans:2', 'end 0', 'start 1/4:raw:kmeans:3', 'end 1',
    'start 2/4:engineered:kmeans:2', 'end 2', 'start 3/4:engineered:kmeans:3', 'end 3']);
});

test('compareClusterings is reproducible with a seed', () => {
  const a = compareClusterings(reps, { kMin: 3, kMax: 3, methods: ['kmeans', 'gmm', 'ward'], seed: 5 });
  const b = compareClusterings(reps, { kMin: 3, kMax: 3, methods: ['kmeans', 'gmm', 'ward'], seed: 5 });
  a.cells.forEach((c, i) => assert.deepEqual(c.labels, b.cells[i].labels));
});

test('compareClusterings rejects mismatched rows, a bad k range and an unknown common space', () => {
  const short = { ...reps[1], name: 'short', X: { data: reps[1].X.data.subarray(0, 20), rows: 10, cols: 2 } };
  assert.throws(() => compareClusterings([reps[0], short]), /representation "short" has 10 rows/);
  assert.throws(() => compareClusterings(reps, { kMin: 1 }), ValidationError);
  assert.throws(() => compareClusterings(reps, { kMin: 5, kMax: 4 }), /kMin=5 and kMax=4/);
  assert.throws(() => compareClusterings(reps, { common: 'embedding' }), /common space "embedding" is not among raw, engineered/);
  assert.throws(() => compareClusterings([]), ValidationError);
});

test('a failing fit is recorded in its cell instead of aborting the grid', () => {
  // A NaN in the raw matrix makes every fit on raw throw (checkMatrix); the engineered cells still run.
  const bad = Float64Array.from(reps[0].X.data);
  bad[5] = NaN;
  const r = compareClusterings([{ ...reps[0], X: { ...reps[0].X, data: bad }, mixed: null }, reps[1]], { kMin: 2, kMax: 2, methods: ['kmeans', 'dbscan'] });
  const raw = r.cells.filter((c) => c.representation === 'raw');
  assert.equal(raw.length, 2);
  for (const c of raw) {
    assert.match(c.error ?? '', /NaN/i);
    assert.ok(Number.isNaN(c.common.silhouette));
  }
  assert.ok(r.cells.filter((c) => c.representation === 'engineered').every((c) => c.error === null));
});

test('a DBSCAN that finds no cluster gets NaN scores, not an error', () => {
  // minSamples 500 > 120 rows: no row is core, every row is noise.
  const r = compareClusterings(reps, { kMin: 2, kMax: 2, methods: ['dbscan'], dbscanMinSamples: 500 });
  for (const c of r.cells) {
    assert.equal(c.error, null);
    assert.equal(c.nClusters, 0);
    assert.equal(c.noiseShare, 1);
    assert.ok(Number.isNaN(c.own.silhouette) && Number.isNaN(c.common.daviesBouldin));
  }
});
