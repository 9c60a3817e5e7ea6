import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dendrogramChart, elbowChart, kDistanceChart, metricsByKChart, silhouettePlot, stabilityHeatmap } from '../../src/viz/cluster';

test('elbowChart draws inertia against k and marks the Kneedle knee', () => {
  // Same curve as the kneedle test: knee at k = 3.
  const f = elbowChart([1, 2, 3, 4, 5, 6, 7, 8, 9], [100, 50, 30, 25, 22, 20, 19, 18, 17]);
  assert.equal(f.data.length, 2);
  assert.deepEqual(f.data[1].x, [3]);
  assert.deepEqual(f.data[1].y, [30]);
  assert.equal(f.data[1].name, 'knee: k = 3');
  const shapes = (f.layout as { shapes: Array<{ x0: number }> }).shapes;
  assert.equal(shapes[0].x0, 3);
  assert.equal(elbowChart([2, 3], [5, 4], { knee: null }).data.length, 1);
});

test('metricsByKChart has three panels with the best k of each marked', () => {
  const f = metricsByKChart([
    { k: 2, silhouette: 0.3, daviesBouldin: 1.2, calinskiHarabasz: 500 },
    { k: 3, silhouette: 0.4, daviesBouldin: 1.4, calinskiHarabasz: 450 },
  ]);
  assert.equal(f.data.length, 6);
  assert.deepEqual([f.data[1].x, f.data[3].x, f.data[5].x], [[3], [2], [2]]);
  assert.deepEqual([f.data[0].xaxis, f.data[2].xaxis, f.data[4].xaxis], ['x', 'x2', 'x3']);
  const layout = f.layout as Record<string, { domain?: number[] }>;
  assert.ok((layout.xaxis3.domain as number[])[0] > (layout.xaxis2.domain as number[])[1]);
});

test('silhouettePlot stacks one band per cluster sorted decreasingly, skips noise and marks the mean', () => {
  const values = [0.5, 0.9, 0.1, NaN, 0.7, 0.3];
  const labels = [0, 0, 0, -1, 1, 1];
  const f = silhouettePlot(values, labels);
  assert.equal(f.data.length, 2);
  assert.deepEqual(f.data[0].x, [0.9, 0.5, 0.1]);
  assert.deepEqual(f.data[1].x, [0.7, 0.3]);
  // mean of the five non-noise values = 2.5/5 = 0.5
  const shapes = (f.layout as { shapes: Array<{ x0: number }> }).shapes;
  assert.equal(shapes[0].x0, 0.5);
  assert.throws(() => silhouettePlot([1], [0, 1]), /values has 1 entries/);
});

test('dendrogramChart draws each ⊓ as a 4-point segment and the cut line', () => {
  const dd = { icoord: [[5, 5, 15, 15]], dcoord: [[0, 2, 2, 0]], leafX: [5, 15], leafLabels: ['0', '1'], leafIds: [0, 1], maxHeight: 2 };
  const f = dendrogramChart(dd, { cutHeight: 1 });
  assert.deepEqual(f.data[0].x, [5, 5, 15, 15, null]);
  assert.deepEqual(f.data[0].y, [0, 2, 2, 0, null]);
  const shapes = (f.layout as { shapes: Array<{ y0: number }> }).shapes;
  assert.equal(shapes[0].y0, 1);
});

test('kDistanceChart marks eps as a horizontal line and the knee point', () => {
  const f = kDistanceChart([0.1, 0.2, 0.3, 1, 3], 0.3, { k: 5, kneeIndex: 2 });
  assert.deepEqual(f.data[0].y, [0.1, 0.2, 0.3, 1, 3]);
  assert.deepEqual(f.data[1].x, [2]);
  const shapes = (f.layout as { shapes: Array<{ y0: number }> }).shapes;
  assert.equal(shapes[0].y0, 0.3);
});

test('stabilityHeatmap lays out the square ARI matrix with its names', () => {
  const f = stabilityHeatmap([1, 0.5, 0.5, 1], ['seed 0', 'seed 1']);
  assert.deepEqual(f.data[0].z, [[1, 0.5], [0.5, 1]]);
  assert.deepEqual(f.data[0].x, ['seed 0', 'seed 1']);
  assert.throws(() => stabilityHeatmap([1, 2, 3], ['a', 'b']), /expected 2×2/);
});
