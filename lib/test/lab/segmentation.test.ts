import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromRows } from '../../src/core/matrix';
import { clusterCenters, loadSegmentation, saveSegmentation, segmentationPath, segmentationRecord } from '../../src/lab/segmentation';

test('clusterCenters averages each cluster and ignores noise rows', () => {
  // cluster 0: rows (0,0) and (2,4) → (1,2); cluster 1: (10,10); the noise row (100,100) is ignored.
  assert.deepEqual(clusterCenters(fromRows([[0, 0], [2, 4], [10, 10], [100, 100]]), [0, 0, 1, -1]), [[1, 2], [10, 10]]);
});

test('a segmentation record round-trips through its JSON file', () => {
  const X = Object.freeze(fromRows([[0], [2], [10]]));
  const rec = segmentationRecord({ dataset: 'toy', method: 'kmeans', representation: 'raw', X, featureNames: ['a'], labels: [0, 0, 1], scores: { silhouette: 0.5 }, reason: 'k = 2: because' });
  assert.equal(rec.k, 2);
  assert.deepEqual(rec.sizes, [2, 1]);
  assert.deepEqual(rec.centers, [[1], [10]]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-seg-'));
  const file = saveSegmentation(rec, path.join(dir, 'sub', 'segmentation.json'));
  assert.deepEqual(loadSegmentation(file), rec);
  fs.writeFileSync(path.join(dir, 'bad.json'), '{"kind":"x"}');
  assert.throws(() => loadSegmentation(path.join(dir, 'bad.json')), /not a segmentation file/);
  fs.rmSync(dir, { recursive: true });
  assert.match(segmentationPath('cc-general'), /outputs[\\/]models[\\/]cc-general[\\/]segmentation\.json$/);
});
