import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silhouetteByKChart } from '../../src/teach/silhouette-by-k';

test('silhouetteByKChart skips the undefined k = 1 and stars the highest mean silhouette', () => {
  const fig = silhouetteByKChart([1, 2, 3, 4], [NaN, 0.5, 0.7, 0.6]);
  assert.deepEqual(fig.data[0].x, [2, 3, 4]);
  assert.deepEqual(fig.data[1].x, [3]);
  assert.equal(fig.data[1].name, 'best: k = 3');
  assert.throws(() => silhouetteByKChart([1, 2], [0.1]), /ks has 2 values but silhouette has 1/);
});
