import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataError } from '../../src/core/errors';
import { loadCsv } from '../../src/data/csv';
import { summarize } from '../../src/eda/summary';
import { openLargeDataset, shouldStream } from '../../src/scale/open-dataset';
import { summarizeLarge } from '../../src/scale/summaries';
import { writeSyntheticData } from '../../src/scale/synthetic-writer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-open-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a CSV is read as the CSV loader reads it: missing tokens, trimmed text, an all-distinct text column as id', async () => {
  const file = path.join(dir, 'small.csv');
  const lines = ['id,age,job,score'];
  for (let i = 0; i < 30; i++) lines.push(`K${i},${i % 7 === 0 ? 'NA' : 20 + i},${i % 5 === 0 ? '' : i % 2 ? ' admin ' : 'tech'},${i % 9 === 0 ? 'null' : (i * 1.5).toString()}`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const ds = await openLargeDataset(file);
  try {
    assert.equal(ds.nRows, 30);
    assert.deepEqual(ds.columns.map((c) => [c.name, c.kind]), [['id', 'id'], ['age', 'numeric'], ['job', 'categorical'], ['score', 'numeric']]);
    assert.deepEqual(ds.columns[2].levels, ['admin', 'tech']);
    const s = await summarizeLarge(ds);
    const job = s.categorical.find((c) => c.name === 'job')!;
    // i % 5 = 0 → missing (6 rows); odd i → admin (12 of the other 24), even → tech (12)
    assert.deepEqual({ missing: job.missing, levels: job.levels }, { missing: 6, levels: [{ level: 'admin', count: 12 }, { level: 'tech', count: 12 }] });
    assert.equal(job.mode, 'admin', 'ties go to the first level in sort order');
    const mem = summarize(loadCsv(file));
    for (const m of mem) {
      const l = s.numeric.find((x) => x.name === m.name)!;
      for (const key of ['count', 'missing', 'mean', 'std', 'min', 'p25', 'median', 'p75', 'max', 'skewness', 'kurtosis', 'zeros', 'unique'] as const) {
        assert.ok(Math.abs(l[key] - m[key]) <= 1e-12 * Math.max(1, Math.abs(m[key])), `${m.name}.${key}: SQL ${l[key]}, in memory ${m[key]}`);
      }
    }
  } finally {
    ds.close();
  }
});

test('Parquet summaries equal the in-memory EDA of the same rows', async () => {
  const pq = path.join(dir, 'b.parquet');
  const csv = path.join(dir, 'b.csv');
  await writeSyntheticData(pq, { n: 5000, seed: 9 });
  await writeSyntheticData(csv, { n: 5000, seed: 9 });
  const ds = await openLargeDataset(pq, { types: { customer_id: 'id' } });
  try {
    const s = await summarizeLarge(ds);
    for (const m of summarize(loadCsv(csv))) {
      if (m.name === 'customer_id') continue;
      const l = s.numeric.find((x) => x.name === m.name)!;
      for (const key of ['mean', 'std', 'p25', 'median', 'p75', 'skewness', 'kurtosis', 'unique'] as const) {
        assert.ok(Math.abs(l[key] - m[key]) <= 1e-9 * Math.max(1, Math.abs(m[key])), `${m.name}.${key}: SQL ${l[key]}, in memory ${m[key]}`);
      }
    }
    const a = await ds.sample(1234, 3, ['customer_id']);
    const b = await ds.sample(1234, 3, ['customer_id']);
    const c = await ds.sample(1234, 4, ['customer_id']);
    const ids = (t: typeof a) => { const col = t.columns[0] as { codes: Int32Array; levels: readonly string[] }; return Array.from(col.codes, (k) => Number(col.levels[k])); };
    assert.equal(a.nRows, 1234, 'exactly the rows asked for');
    assert.deepEqual(ids(a), ids(b), 'the same seed draws the same rows');
    assert.notDeepEqual(ids(a), ids(c), 'another seed draws other rows');
    assert.deepEqual(ids(a), [...ids(a)].sort((x, y) => x - y), 'in file order');
    assert.equal(new Set(ids(a)).size, 1234, 'without repetition');
    assert.equal(await shouldStream(pq), false);
    assert.equal(await shouldStream(pq, { bytes: 1e12, rows: 5000 }), true);
    assert.equal(await shouldStream(pq, { bytes: 1000, rows: 1e9 }), true);
  } finally {
    ds.close();
  }
});

test('an absent or empty file is a DataError naming it', async () => {
  await assert.rejects(() => openLargeDataset(path.join(dir, 'nope.parquet')), (e: Error) => e instanceof DataError && /file not found: .*nope\.parquet/.test(e.message));
  const empty = path.join(dir, 'empty.csv');
  fs.writeFileSync(empty, 'a,b\n');
  await assert.rejects(() => openLargeDataset(empty), (e: Error) => e instanceof DataError && /empty\.csv has no rows/.test(e.message));
  await assert.rejects(() => openLargeDataset(dir), /is a folder/);
});
