import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareClusterings } from '../../src/lab/compare';
import { comparisonMetricsChart, featureSeparationChart, stabilityByKChart } from '../../src/lab/figures';
import { kSelection } from '../../src/lab/k-selection';
import { blobRepresentations } from './fixtures';

const { reps } = blobRepresentations(20);
const grid = compareClusterings(reps, { kMin: 2, kMax: 4, methods: ['kmeans', 'dbscan'] });

test('comparisonMetricsChart draws one trace per method × representation in each of the three panels', () => {
  const f = comparisonMetricsChart(grid);
  // 2 representations × (K-Means line + DBSCAN marker) × 3 panels = 12 traces; legend entries only in panel 1.
  assert.equal(f.data.length, 12);
  assert.equal(f.data.filter((d) => d.showlegend).length, 4);
  const km = f.data.find((d) => d.name === 'K-Means · engineered' && d.yaxis === 'y')!;
  assert.deepEqual(km.x, [2, 3, 4]);
  const cells = grid.cells.filter((c) => c.method === 'kmeans' && c.representation === 'engineered');
  assert.deepEqual(km.y, cells.map((c) => c.common.silhouette));
  const db = f.data.find((d) => d.name === 'DBSCAN · raw' && d.yaxis === 'y3')!;
  assert.equal(db.mode, 'markers');
  assert.match(String((f.layout!.title as { text: string }).text), /common space \(engineered\)/);
  assert.match(String((comparisonMetricsChart(grid, { space: 'own' }).layout!.title as { text: string }).text), /not comparable/);
  assert.throws(() => comparisonMetricsChart(grid, { space: 'x' as 'own' }), /space should be/);
});

test('stabilityByKChart draws four curves against k', () => {
  const s = kSelection(reps[1], { kMin: 2, kMax: 4, nResamples: 2, seeds: [0, 1] });
  const f = stabilityByKChart(s);
  assert.equal(f.data.length, 4);
  assert.deepEqual(f.data[0].x, [2, 3, 4]);
  assert.deepEqual(f.data[0].y, s.rows.map((r) => r.stability));
});

test('featureSeparationChart shows the top features, largest effect at the top', () => {
  const rows = [0.9, 0.5, 0.1].map((e, i) => ({ feature: `f${i}`, F: 1, anovaP: 0, etaSquared: e, H: 1, kwP: 0, kwEtaSquared: e / 2 }));
  const f = featureSeparationChart(rows, { top: 2 });
  assert.deepEqual(f.data[0].y, ['f1', 'f0']); // Plotly draws horizontal bars bottom-up: the largest last
  assert.deepEqual(f.data[1].x, [0.25, 0.45]);
});
