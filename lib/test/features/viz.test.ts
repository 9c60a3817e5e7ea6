import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../../src/core/matrix';
import { correlationBeforeAfterChart, correlationHeatmapChart, histogramBeforeAfterChart, selectionReportChart, skewBeforeAfterChart } from '../../src/viz/features';

test('skewBeforeAfterChart draws before and after bars per column, most skewed last (top)', () => {
  const f = skewBeforeAfterChart([{ column: 'a', before: 4, after: 0.2 }, { column: 'b', before: -1, after: -0.1 }]);
  assert.equal(f.data.length, 2);
  assert.deepEqual(f.data[0].y, ['b', 'a']);
  assert.deepEqual(f.data[0].x, [-1, 4]);
  assert.deepEqual(f.data[1].x, [-0.1, 0.2]);
  assert.equal(f.layout!.barmode, 'group');
});

test('histogramBeforeAfterChart puts the two histograms on separate axes and drops NaN', () => {
  const f = histogramBeforeAfterChart('x', [1, NaN, 3], [0.1, 0.2, NaN]);
  assert.deepEqual(f.data[0].x, [1, 3]);
  assert.deepEqual(f.data[1].x, [0.1, 0.2]);
  assert.equal(f.data[1].xaxis, 'x2');
});

test('correlation heatmaps use a fixed [-1, 1] scale and check the names', () => {
  const R = fromRows([[1, 0.5], [0.5, 1]]);
  const f = correlationHeatmapChart(R, ['a', 'b']);
  assert.deepEqual(f.data[0].z, [[1, 0.5], [0.5, 1]]);
  assert.equal(f.data[0].zmin, -1);
  assert.throws(() => correlationHeatmapChart(R, ['a']), /2 ?×2, 1 names|1 names/);
  const g = correlationBeforeAfterChart({ R, names: ['a', 'b'] }, { R: fromRows([[1]]), names: ['a'] });
  assert.equal(g.data.length, 2);
  assert.equal(g.data[1].xaxis, 'x2');
});

test('selectionReportChart counts kept and dropped features per stage', () => {
  const f = selectionReportChart(5, [
    { feature: 'x', stage: 'variance', reason: 'v', value: 0 },
    { feature: 'y', stage: 'vif', reason: 'VIF 12', value: 12 },
    { feature: 'z', stage: 'vif', reason: 'VIF ∞', value: null },
  ]);
  assert.deepEqual(f.data[0].y, [5, 1, 0, 2]);
  assert.match(String((f.data[0].hovertext as string[])[3]), /y: VIF 12<br>z: VIF ∞/);
});
