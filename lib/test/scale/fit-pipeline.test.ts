import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCsv } from '../../src/data/csv';
import { buildPipeline } from '../../src/features/presets';
import { fitPipelineSql } from '../../src/scale/fit-pipeline';
import { openLargeDataset, type LargeDataset } from '../../src/scale/open-dataset';
import { writeSyntheticData } from '../../src/scale/synthetic-writer';
import { featureSql, sampleFeatures } from '../../src/scale/features';
import { readMatrix } from '../../src/scale/duckdb';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-fitsql-'));
let ds: LargeDataset;
let csv = '';

before(async () => {
  const pq = path.join(dir, 'b.parquet');
  csv = path.join(dir, 'b.csv');
  await writeSyntheticData(pq, { n: 12000, seed: 21, chunkRows: 5000 });
  await writeSyntheticData(csv, { n: 12000, seed: 21, chunkRows: 5000 });
  ds = await openLargeDataset(pq, { types: { customer_id: 'id' } });
});

after(() => {
  ds?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every number of a and b within rel (relative), everything else equal; returns the largest relative difference. */
function sameState(a: unknown, b: unknown, where: string, rel: number): number {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    assert.ok(r <= rel, `${where}: SQL ${a}, in memory ${b}`);
    return r;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    let worst = 0;
    for (const k of keys) worst = Math.max(worst, sameState((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${where}.${k}`, rel));
    return worst;
  }
  assert.deepEqual(a, b, where);
  return 0;
}

test('the pipeline fitted in SQL equals the in-memory fit of the same rows: same steps, levels, λ, features; statistics to 1e-12', async (t) => {
  const fit = await fitPipelineSql(ds, { dataset: 'synthetic-bank' });
  const table = loadCsv(csv, { types: { customer_id: 'id' } });
  const mem = buildPipeline('synthetic-bank').fit(table);
  const worst = sameState(fit.pipeline.toJSON(), mem.toJSON(), 'pipeline', 1e-12);
  assert.ok(fit.notes.some((n) => /all 12,000 rows/.test(n)));
  t.diagnostic(`${fit.queries} queries, largest relative difference of a fitted statistic ${worst.toExponential(1)}`);
  assert.ok(fit.pipeline.featureNames.includes('economic_pressure') && fit.pipeline.featureNames.includes('contacted_before'));
  assert.ok(!fit.pipeline.featureNames.includes('customer_id'), 'an id column never becomes a feature');
});

test('the features computed in SQL are the JS pipeline\'s transform of the same rows (to 9 decimals)', async () => {
  const { pipeline } = await fitPipelineSql(ds, { dataset: 'synthetic-bank', structureRows: 3000, selectionRows: 12000 });
  const raw = await ds.sample(400, 5);
  const js = pipeline.transform(raw).X;
  const sql = await sampleFeatures(ds, pipeline, 400, 5);
  // ds.sample returns its rows in file order; the SQL sample in hash order: compare as sorted sets of rows
  const key = (m: typeof js, i: number) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)).map((v) => v.toFixed(9)).join(',');
  const a = Array.from({ length: js.rows }, (_, i) => key(js, i)).sort();
  const b = Array.from({ length: sql.rows }, (_, i) => key(sql, i)).sort();
  assert.deepEqual(b, a);
});
