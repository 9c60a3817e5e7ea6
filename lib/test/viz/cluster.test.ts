import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterScatter, clusterSizesBar } from '../../src/viz/cluster';
import { fromRows } from '../../src/core/matrix';

test('clusterScatter makes one trace per cluster in label order, noise in grey, centres as crosses', () => {
  const fig = clusterScatter(fromRows([[0, 1], [2, 3], [4, 5], [6, 7]]), [1, 0, -1, 1], { centers: fromRows([[0, 0], [1, 1]]), xTitle: 'PC1' });
  assert.deepEqual(fig.data.map((t) => t.name), ['noise', 'cluster 0', 'cluster 1', 'centres']);
  assert.deepEqual(fig.data[2].x, [0, 6]);
  assert.deepEqual(fig.data[2].y, [1, 7]);
  assert.equal((fig.data[0].marker as { color: string }).color, '#999999');
  assert.deepEqual(fig.data[3].x, [0, 1]);
  assert.throws(() => clusterScatter(fromRows([[0, 1]]), [0, 1]), /labels has 2 values, points has 1 rows/);
});

test('clusterSizesBar counts rows per cluster with their share', () => {
  const fig = clusterSizesBar([2, 0, 0, 2, 2, -1, 0, 0]);
  assert.deepEqual(fig.data[0].x, ['noise', 'cluster 0', 'cluster 2']);
  assert.deepEqual(fig.data[0].y, [1, 4, 3]);
  assert.deepEqual(fig.data[0].text, ['12.5%', '50.0%', '37.5%']);
});
