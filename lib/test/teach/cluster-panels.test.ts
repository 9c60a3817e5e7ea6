import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterPanels, panelDomain } from '../../src/teach/cluster-panels';
import { fromRows } from '../../src/core/matrix';

const X = fromRows([[0, 0], [1, 1], [5, 5], [6, 6]]);

test('two panels sit side by side on x/x2 axes with hand-computed domains and titles', () => {
  const fig = clusterPanels([
    { X, labels: [0, 0, 1, 1], title: 'left', xTitle: 'age' },
    { X, labels: [0, 1, 1, -1], title: 'right', centers: fromRows([[0.5, 0.5], [5.5, 5.5]]) },
  ]);
  const L = fig.layout as Record<string, any>;
  // Width of each panel with a 0.07 gap: (1 − 0.07)/2 = 0.465.
  assert.deepEqual(L.xaxis.domain, [0, 0.465]);
  assert.deepEqual(L.xaxis2.domain, [0.535, 1]);
  assert.deepEqual(L.yaxis.domain, [0, 1]);
  assert.equal(L.xaxis2.anchor, 'y2');
  assert.equal(L.yaxis2.anchor, 'x2');
  assert.equal(L.xaxis.title.text, 'age');
  assert.deepEqual(L.annotations.map((a: any) => [a.text, +a.x.toFixed(6)]), [['<b>left</b>', 0.2325], ['<b>right</b>', 0.7675]]);
  // Traces: left cluster 0, 1; right noise, cluster 0, cluster 1, centres.
  assert.deepEqual(fig.data.map((t) => [t.name, t.xaxis, t.showlegend]), [
    ['cluster 0', 'x', true], ['cluster 1', 'x', true],
    ['noise', 'x2', true], ['cluster 0', 'x2', false], ['cluster 1', 'x2', false], ['centres', 'x2', true],
  ]);
  assert.deepEqual(fig.data[2].x, [6]);
});

test('a 2×2 grid stacks rows from the top with the vertical gap', () => {
  const p = { X, labels: [0, 0, 0, 0], title: 't' };
  const L = clusterPanels([p, p, p, p], { columns: 2 }).layout as Record<string, any>;
  // Row height (1 − 0.14)/2 = 0.43: top row [0.57, 1], bottom row [0, 0.43].
  assert.deepEqual(L.yaxis.domain, [0.57, 1]);
  assert.deepEqual(L.yaxis3.domain, [0, 0.43]);
  assert.deepEqual(L.xaxis4.domain, [0.535, 1]);
  assert.equal(L.height, 880); // 2 rows · 420 + 40
  assert.deepEqual(panelDomain(1, 3, 0.1), [0.366667, 0.633333]); // w = 0.8/3
});

test('ellipses add one closed curve per component and radius, 1σ solid and 2σ dashed', () => {
  const fig = clusterPanels([{
    X, labels: [0, 0, 1, 1], title: 'GMM',
    ellipses: { means: fromRows([[0.5, 0.5], [5.5, 5.5]]), covariances: [fromRows([[1, 0], [0, 1]]), fromRows([[2, 1], [1, 2]])] },
  }]);
  const curves = fig.data.filter((t) => t.mode === 'lines');
  assert.equal(curves.length, 4);
  assert.deepEqual(curves.map((t) => (t.line as any).dash), ['solid', 'dash', 'solid', 'dash']);
  const c = curves[1] as { x: number[]; y: number[] };
  // 2σ of the identity covariance around (0.5, 0.5): radius 2.
  assert.ok(Math.abs(Math.hypot(c.x[7] - 0.5, c.y[7] - 0.5) - 2) < 1e-12);
});

test('clusterPanels rejects empty input and mismatched labels, naming the panel', () => {
  assert.throws(() => clusterPanels([]), /panels is empty/);
  assert.throws(() => clusterPanels([{ X, labels: [0], title: 'bad' }]), /panel 0 \("bad"\): labels has 1 values, X has 4 rows/);
});
