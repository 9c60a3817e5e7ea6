import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { trainingRanges, outOfRange } from '../../src/scoring/ranges';
import { loadDataset } from '../../src/data/load-dataset';
import { writeCsv } from '../../src/data/csv-write';
import { buildPipeline } from '../../src/features/presets';
import { KMeans } from '../../src/cluster/kmeans';
import { buildBundle } from '../../src/scoring/build';
import { scoreCsv } from '../../src/scoring/score';
import { scoreSummaryLines } from '../../src/scoring/summary';
import type { Table } from '../../src/data/table';

const table = (cols: Record<string, number[]>): Table => ({
  nRows: Object.values(cols)[0].length,
  columns: Object.entries(cols).map(([name, v]) => ({ kind: 'numeric' as const, name, values: Float64Array.from(v) })),
});

test('trainingRanges keeps the finite min and max of each numeric column, ignoring missing values', () => {
  const t = table({ a: [3, NaN, -1, 7], b: [NaN, NaN, NaN, NaN] });
  assert.deepEqual(trainingRanges(t, ['a', 'b', 'absent']), [{ name: 'a', min: -1, max: 7 }]);
});

test('outOfRange flags values beyond 10 % of the range past either end, and negatives where training had none', () => {
  // training 50..1050 (width 1000): tolerated from max(0, 50 − 100) = 0 to 1050 + 100 = 1150
  const ranges = [{ name: 'limit', min: 50, max: 1050 }, { name: 'delta', min: -10, max: 10 }];
  const t = table({ limit: [0, 1150, 1150.5, -0.5, -5000, NaN, 600], delta: [-12, 12, -12.5, 0, 0, 0, 0] });
  assert.deepEqual(outOfRange(t, ranges), [
    // rows are CSV lines (header = line 1): -5000 is data row 5, line 6
    { column: 'limit', rows: 3, min: 50, max: 1050, example: { row: 6, value: -5000 } },
    // delta: tolerated −12 … 12, so only −12.5 (data row 3, line 4)
    { column: 'delta', rows: 1, min: -10, max: 10, example: { row: 4, value: -12.5 } },
  ]);
});

test('a CREDIT_LIMIT of -5000 is scored but reported in the scoring summary, naming column, value and row', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-ranges-'));
  try {
    const loaded = loadDataset('synthetic-cc', { n: 400, seed: 1 });
    const pipeline = buildPipeline('synthetic-cc').fit(loaded.table);
    const clusterer = new KMeans({ k: 3, nInit: 1, seed: 2 }).fit(pipeline.X);
    const bundle = buildBundle({ loaded, pipeline, X: pipeline.X, clusterer });
    const fresh = loadDataset('synthetic-cc', { n: 20, seed: 9 }).table;
    const input = path.join(dir, 'new.csv');
    writeCsv(fresh, input);
    const lines = fs.readFileSync(input, 'utf8').split('\n');
    const at = lines[0].split(',').indexOf('CREDIT_LIMIT');
    const row = lines[3].split(',');
    row[at] = '-5000';
    lines[3] = row.join(',');
    fs.writeFileSync(input, lines.join('\n'));
    const r = scoreCsv(bundle, input, { output: path.join(dir, 'scored.csv') });
    assert.equal(r.segment.length, 20, 'every row is scored');
    const limit = r.outOfRange.find((o) => o.column === 'CREDIT_LIMIT');
    assert.ok(limit, JSON.stringify(r.outOfRange));
    assert.deepEqual(limit.example, { row: 4, value: -5000 });
    const summary = scoreSummaryLines(bundle, r).join('\n');
    assert.match(summary, /column "CREDIT_LIMIT" has 1 value\(s\) far outside the training range .* \(e\.g\. -5000 in row 4\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
