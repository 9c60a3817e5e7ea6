import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareClusterings } from '../../src/lab/compare';
import { recommendSegmentation, segmentationCandidateRows } from '../../src/lab/recommend-segmentation';
import type { Representation } from '../../src/lab/representations';
import { threeBlobs } from './fixtures';

/**
 * 120 rows: three tight blobs in (a, b) and a column s that is 0 or 40 independently of the blobs (every other row
 * per blob). The widest gap is s's, so K-Means at k = 2 cuts on s alone: η²(s) = 1 while a and b have the same mean
 * in both halves (η² ≈ 0), a single-feature split.
 */
function data(): Representation {
  const { X } = threeBlobs(40);
  const n = X.rows;
  const d = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    d[3 * i] = Math.floor(i / 3) % 2 === 0 ? 0 : 40;
    d[3 * i + 1] = X.data[2 * i];
    d[3 * i + 2] = X.data[2 * i + 1];
  }
  return { name: 'raw', description: 's + blobs', X: { data: d, rows: n, cols: 3 }, featureNames: ['s', 'a', 'b'], mixed: null };
}

test('recommendSegmentation excludes the single-feature split at k = 2 and says so, then votes among the admissible k', () => {
  const raw = data();
  const grid = compareClusterings([raw], { kMin: 2, kMax: 6, methods: ['kmeans'], common: 'raw', silhouetteSampleSize: null });
  const rec = recommendSegmentation(grid, { all: [raw], raw }, { kSelection: { kMin: 2, kMax: 6, nResamples: 2, seeds: [0, 1] } });
  const k2 = rec.candidates.find((c) => c.k === 2)!;
  assert.equal(k2.check.admissible, false);
  assert.equal(k2.check.topFeature, 's');
  assert.ok(k2.check.topEta > 0.999, `η²(s) ${k2.check.topEta}`);
  assert.ok(rec.admissible);
  assert.notEqual(rec.k, 2);
  assert.ok(rec.candidates.find((c) => c.k === rec.k)!.check.admissible);
  assert.match(rec.statement, /Excluded on this representation, before the vote: k = 2 \(single-feature split: s has η² 1\.00/);
  // the alternatives table lists every K-Means cell with its verdict
  const rows = segmentationCandidateRows(rec);
  assert.equal(rows.length, 5);
  assert.equal(rows.filter((r) => r.verdict === 'recommended').length, 1);
});

test('recommendSegmentation says plainly when no clustering passes the checks, and still returns the alternatives', () => {
  const raw = data();
  const grid = compareClusterings([raw], { kMin: 2, kMax: 3, methods: ['kmeans'], common: 'raw', silhouetteSampleSize: null });
  // a 60 % floor on the smallest cluster makes every labelling degenerate
  const rec = recommendSegmentation(grid, { all: [raw], raw }, { admissibility: { minClusterShare: 0.6 }, kSelection: { kMin: 2, kMax: 3, nResamples: 2, seeds: [0, 1] } });
  assert.equal(rec.admissible, false);
  assert.match(rec.statement, /No K-Means clustering in the grid passes the checks/);
  assert.equal(segmentationCandidateRows(rec).length, 2);
  assert.ok(segmentationCandidateRows(rec).every((r) => /degenerate/.test(String(r.verdict))));
});
