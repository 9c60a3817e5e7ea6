import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../../src/core/matrix';
import { labelSummary, scoreLabels } from '../../src/lab/scores';

test('scoreLabels gives the three scores of a hand-checked labelling', () => {
  // X = 0, 1, 4, 5 in two clusters: silhouette 0.7460 (see silhouetteScore's example); centroids 0.5 and 4.5,
  // scatter S = 0.5 each, separation 4: DB = (0.5 + 0.5)/4 = 0.25; CH = [B/(k−1)] / [W/(n−k)] = (4·2²/1)/(1/2) = 32.
  const s = scoreLabels(fromRows([[0], [1], [4], [5]]), [0, 0, 1, 1], { silhouetteSampleSize: null });
  assert.ok(Math.abs(s.silhouette - 0.746031746) < 1e-6);
  assert.ok(Math.abs(s.daviesBouldin - 0.25) < 1e-12);
  assert.ok(Math.abs(s.calinskiHarabasz - 32) < 1e-9);
  assert.equal(s.silhouetteRows, 4);
});

test('scoreLabels gives NaN when fewer than 2 clusters remain after removing noise', () => {
  const s = scoreLabels(fromRows([[0], [1], [4], [5]]), [0, 0, -1, -1]);
  assert.ok(Number.isNaN(s.silhouette) && Number.isNaN(s.daviesBouldin) && Number.isNaN(s.calinskiHarabasz));
  assert.equal(s.silhouetteRows, 0);
});

test('scoreLabels samples the silhouette only when the sample is smaller than the non-noise rows', () => {
  const X = fromRows([[0], [1], [2], [10], [11], [12]]);
  assert.equal(scoreLabels(X, [0, 0, 0, 1, 1, 1], { silhouetteSampleSize: 4 }).silhouetteRows, 4);
  assert.equal(scoreLabels(X, [0, 0, 0, 1, 1, 1], { silhouetteSampleSize: 100 }).silhouetteRows, 6);
});

test('labelSummary counts clusters, sizes and the noise share, skipping empty labels', () => {
  assert.deepEqual(labelSummary([0, 0, 2, -1, 2, 2]), { sizes: [2, 3], nClusters: 2, noiseShare: 1 / 6 });
  assert.deepEqual(labelSummary([]), { sizes: [], nClusters: 0, noiseShare: 0 });
});
