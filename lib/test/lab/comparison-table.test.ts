import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareClusterings } from '../../src/lab/compare';
import { comparisonNotes, comparisonRows, showComparisonTable, sortableTableHtml } from '../../src/lab/comparison-table';
import { setDisplaySink, type DisplayContent } from '../../src/display/channel';
import { blobRepresentations } from './fixtures';

const { reps } = blobRepresentations(20);
const grid = compareClusterings(reps, { kMin: 2, kMax: 3, methods: ['kmeans', 'dbscan'] });

test('comparisonRows gives one record per cell with own and common scores side by side', () => {
  const rows = comparisonRows(grid);
  assert.equal(rows.length, grid.cells.length);
  const r = rows.find((x) => x.method === 'K-Means' && x.k === 3 && x.representation === 'raw')!;
  const c = grid.cells.find((x) => x.method === 'kmeans' && x.k === 3 && x.representation === 'raw')!;
  assert.equal(r['silhouette (common)'], c.common.silhouette);
  assert.equal(r['CH (own)'], c.own.calinskiHarabasz);
  assert.ok(Math.abs(r['smallest %'] - 100 / 3) < 1e-9); // 20 of 60 rows
  assert.equal(rows.find((x) => x.method === 'DBSCAN')!.k, 'auto');
  assert.equal(r.note, undefined);
  assert.equal(comparisonRows(grid, { notes: true })[0].note, grid.cells[0].note);
});

test('comparisonNotes gives one note per representation × method', () => {
  const notes = comparisonNotes(grid);
  assert.deepEqual(notes.map((n) => `${n.representation}/${n.method}`), ['raw/K-Means', 'raw/DBSCAN', 'engineered/K-Means', 'engineered/DBSCAN']);
  assert.match(notes[1].note, /^eps = /);
});

test('sortableTableHtml carries every row, the first 20 shown and the rest folded behind "show all"', () => {
  const rows = Array.from({ length: 45 }, (_, i) => ({ a: i, b: `x${i}` }));
  const { html, text } = sortableTableHtml(rows, { caption: 'grid' });
  assert.match(html, /<table class="dataframe sortable" data-fold="20">/);
  assert.equal((html.match(/<tr>/g) ?? []).length, 1 + 20); // header + the first 20 rows
  assert.equal((html.match(/<tr class="folded">/g) ?? []).length, 25);
  assert.match(html, /show all 45 rows/);
  assert.doesNotMatch(html, /more rows/);
  assert.match(html, /<td class="num" data-sort="44">44<\/td>/);
  assert.match(text, /^grid/);
});

test('showComparisonTable shows the grid as one sortable table, marked for the analyst only', () => {
  const got: DisplayContent[] = [];
  setDisplaySink((c) => got.push(c));
  try { showComparisonTable(grid, { caption: 'cells' }); } finally { setDisplaySink(null); }
  assert.equal(got.length, 1);
  assert.deepEqual(got[0].metadata, { seglab: { audience: 'analyst' } });
  const h = got[0].data['text/html'] as string;
  assert.match(h, /class="dataframe sortable"/);
  // CH with no decimals (COMPARISON_COLUMN_DIGITS), silhouette with 3
  const c = grid.cells.find((x) => x.method === 'kmeans' && x.k === 3 && x.representation === 'raw')!;
  assert.ok(h.includes(`>${Math.round(c.own.calinskiHarabasz).toLocaleString('en-US')}</td>`));
});
