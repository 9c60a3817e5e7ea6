import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../../src/core/matrix';
import { profileSegments } from '../../src/personas/profile';
import { confusionMatrix } from '../../src/personas/eval/confusion';
import { rocOneVsRest } from '../../src/personas/eval/roc';
import { crossTabulate } from '../../src/personas/crosstab';
import { confusionMatrixHeatmap, crossTabHeatmap, personaRadarChart, profileHeatmap, rocCurvesChart } from '../../src/viz/personas';
import { frozen, num } from './fixtures';

test('personaRadarChart draws one closed scatterpolar trace per persona', () => {
  const fig = personaRadarChart([
    { name: 'A', color: '#f00', radar: { features: ['x', 'y', 'z'], values: [1, -2, 0.5] } },
    { name: 'B', color: '#00f', radar: { features: ['x', 'y', 'z'], values: [0, 0, 0] } },
  ]);
  assert.equal(fig.data.length, 2);
  assert.equal(fig.data[0].type, 'scatterpolar');
  assert.deepEqual(fig.data[0].theta, ['x', 'y', 'z', 'x']);
  assert.deepEqual(fig.data[0].r, [1, -2, 0.5, 1]);
  const polar = (fig.layout as { polar: { radialaxis: { range: number[] } } }).polar;
  assert.deepEqual(polar.radialaxis.range, [-2, 2]);
});

test('profileHeatmap shows segment × feature z-scores centred on 0', () => {
  const p = profileSegments(frozen(num('a', [1, 2, 3, 4]), num('b', [0, 0, 1, 1])), [0, 0, 1, 1]);
  const fig = profileHeatmap(p);
  const tr = fig.data[0] as { z: number[][]; x: string[]; y: string[]; zmid: number };
  assert.deepEqual(tr.x, ['a', 'b']);
  assert.equal(tr.y.length, 2);
  assert.equal(tr.zmid, 0);
  // b: population mean 0.5, sd 0.5 → segment means 0 and 1 have z −1 and +1.
  assert.deepEqual(tr.z.map((r) => r[1]), [-1, 1]);
});

test('confusionMatrixHeatmap colours by row share and prints the counts', () => {
  const fig = confusionMatrixHeatmap(confusionMatrix([0, 0, 1, 1], [0, 1, 1, 1]), { classNames: ['n', 'p'] });
  const tr = fig.data[0] as { z: number[][]; text: string[][]; x: string[] };
  assert.deepEqual(tr.z, [[0.5, 0.5], [0, 1]]);
  assert.equal(tr.text[1][1], '2<br>100.0%');
  assert.deepEqual(tr.x, ['n', 'p']);
});

test('rocCurvesChart has one curve per class with its AUC and the chance line', () => {
  const roc = rocOneVsRest([0, 0, 1, 1], fromRows([[0.9, 0.1], [0.6, 0.4], [0.7, 0.3], [0.2, 0.8]]));
  const fig = rocCurvesChart(roc, { classNames: ['a', 'b'] });
  assert.equal(fig.data.length, 3);
  // Class a: positives 0.9, 0.6 vs 0.7, 0.2 → 3/4.
  assert.equal(fig.data[0].name, 'a (AUC 0.750)');
  assert.equal(fig.data[2].name, 'chance');
});

test('crossTabHeatmap shows row shares with counts in the cells', () => {
  const fig = crossTabHeatmap(crossTabulate([0, 0, 1], [0, 1, 1], { rowNames: ['P0', 'P1'] }));
  const tr = fig.data[0] as { z: number[][]; y: string[]; text: string[][] };
  assert.deepEqual(tr.z, [[0.5, 0.5], [0, 1]]);
  assert.deepEqual(tr.y, ['P0', 'P1']);
  assert.equal(tr.text[0][0], '1<br>50.0%');
});
