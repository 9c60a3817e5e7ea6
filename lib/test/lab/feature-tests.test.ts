import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromColumns } from '../../src/core/matrix';
import { featureTestsByCluster } from '../../src/lab/feature-tests';

test('featureTestsByCluster ranks features by η², the separating one first (hand-checked)', () => {
  // sep = [1,2,3,4,5,6] in groups [0,0,0,1,1,1]: SSB = 6·1.5² = 13.5, SST = 17.5 → η² = 0.7714, F = 13.5/(4/4) = 13.5.
  // flat = [1,2,3,1,2,3]: the same mean in both groups → SSB = 0, η² = 0.
  const X = fromColumns([[1, 2, 3, 1, 2, 3], [1, 2, 3, 4, 5, 6]]);
  const rows = featureTestsByCluster(X, [0, 0, 0, 1, 1, 1], ['flat', 'sep']);
  assert.deepEqual(rows.map((r) => r.feature), ['sep', 'flat']);
  assert.ok(Math.abs(rows[0].etaSquared - 13.5 / 17.5) < 1e-12);
  assert.ok(Math.abs(rows[0].F - 13.5) < 1e-9);
  assert.ok(Math.abs(rows[0].H - 3.857142857) < 1e-6); // Kruskal–Wallis: 12/42·(36/3 + 225/3) − 21
  assert.equal(rows[1].etaSquared, 0);
  assert.throws(() => featureTestsByCluster(X, [0, 0, 0, 1, 1, 1], ['one']), /names has 1 entries/);
});
