import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/data/csv';
import { summarize } from '../../src/eda/summary';
import { categoryFrequencies } from '../../src/eda/frequencies';
import { correlationMatrix } from '../../src/eda/correlation';
import { targetRateByCategory } from '../../src/eda/target-rate';
import { missingCounts } from '../../src/eda/missing';
import { edaHistogram, edaBoxPlots, edaCategoryBars, edaCorrelationHeatmap, edaTargetRateBars, edaMissingBars } from '../../src/viz/eda';
import { ValidationError } from '../../src/core/errors';

const T = parseCsv('g,y,x,z\na,yes,0,1\nb,no,1,2\na,no,2,\nb,no,3,4\na,yes,4,999\n');

test('edaHistogram bins values into equal-width bars: 0..4 in 2 bins → [2, 3]', () => {
  // width (4 − 0)/2 = 2: bin 0 holds 0 and 1, bin 1 holds 2, 3 and 4 (the maximum goes to the last bin)
  const f = edaHistogram(T, 'x', { bins: 2 });
  assert.deepEqual(f.data[0].y, [2, 3]);
  assert.deepEqual(f.data[0].x, [1, 3]);
  assert.equal(f.data[0].type, 'bar');
  const g = edaHistogram(T, 'z', { bins: 3, exclude: [999] });
  assert.deepEqual(g.data[0].y, [1, 1, 1]);
  assert.match(String((g.layout!.title as { text: string }).text), /1 rows = 999 left out/);
  assert.throws(() => edaHistogram(T, 'x', { bins: 0 }), ValidationError);
});

test('edaBoxPlots uses precomputed quartiles, standardized by default', () => {
  const [s] = summarize(T, { columns: ['x'] });
  const f = edaBoxPlots([s], { standardize: false });
  assert.deepEqual([f.data[0].q1, f.data[0].median, f.data[0].q3], [[1], [2], [3]]);
  const g = edaBoxPlots([s]);
  assert.deepEqual(g.data[0].median, [0]); // median 2 = mean 2
});

test('edaCategoryBars, edaTargetRateBars, edaMissingBars and edaCorrelationHeatmap build the expected traces', () => {
  const bars = edaCategoryBars(categoryFrequencies(T, 'g'));
  assert.deepEqual(bars.data[0].y, ['b', 'a']); // most frequent on top of a horizontal bar chart
  const tr = edaTargetRateBars(targetRateByCategory(T, 'g', 'y'));
  assert.deepEqual(tr.data[0].x, ['a', 'b']);
  assert.deepEqual(tr.data[0].y, [2 / 3, 0]);
  assert.equal((tr.layout!.shapes as Array<{ y0: number }>)[0].y0, 0.4);
  const mb = edaMissingBars(missingCounts(T));
  assert.deepEqual(mb.data[0].x, ['z']);
  assert.deepEqual(mb.data[0].y, [0.2]);
  const hm = edaCorrelationHeatmap(correlationMatrix(T));
  assert.equal(hm.data[0].type, 'heatmap');
  assert.deepEqual(hm.data[0].x, ['x', 'z']);
  assert.equal((hm.data[0].z as number[][])[0][0], 1);
  assert.equal(hm.data[0].zmin, -1);
});
