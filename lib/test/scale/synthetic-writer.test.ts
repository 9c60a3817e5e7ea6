import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCsv } from '../../src/data/csv';
import { generateBankCustomers } from '../../src/data/synthetic-bank';
import { isNumeric, type Table } from '../../src/data/table';
import { chunkSeed, writeSyntheticData } from '../../src/scale/synthetic-writer';
import { openLargeDataset } from '../../src/scale/open-dataset';
import { runDataCommand } from '../../src/cli/data';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-synth-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function cellsOf(t: Table, name: string): Array<number | string | null> {
  const c = t.columns.find((x) => x.name === name)!;
  if (isNumeric(c)) return Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
  return Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]));
}

test('chunk c of seed s is generated with seed (s · 1,000,003 + c) mod 2³¹', () => {
  assert.equal(chunkSeed(42, 0), 42000126);
  assert.equal(chunkSeed(42, 1), 42000127);
  assert.equal(chunkSeed(5000, 3), (5000 * 1000003 + 3) % 2147483648);
});

test('a file written in chunks holds exactly the in-memory generator\'s chunks, in order, with customer_id 1..n', async () => {
  const file = path.join(dir, 'b.csv');
  const r = await writeSyntheticData(file, { n: 2500, chunkRows: 1000, seed: 7 });
  assert.equal(r.rows, 2500);
  assert.equal(r.format, 'csv');
  const got = loadCsv(file);
  assert.equal(got.nRows, 2500);
  const parts = [1000, 1000, 500].map((n, c) => generateBankCustomers({ n, seed: chunkSeed(7, c) }));
  assert.deepEqual(cellsOf(got, 'customer_id'), Array.from({ length: 2500 }, (_, i) => i + 1));
  for (const name of ['age', 'job', 'pdays', 'euribor3m', 'poutcome', 'segment']) {
    assert.deepEqual(cellsOf(got, name), parts.flatMap((p) => cellsOf(p, name)), `column ${name}`);
  }
});

test('Parquet and CSV of the same options hold the same values', async () => {
  const csv = path.join(dir, 'c.csv');
  const pq = path.join(dir, 'c.parquet');
  await writeSyntheticData(csv, { n: 1500, kind: 'cc', chunkRows: 600, seed: 3 });
  await writeSyntheticData(pq, { n: 1500, kind: 'cc', chunkRows: 600, seed: 3 });
  const a = loadCsv(csv);
  const ds = await openLargeDataset(pq);
  try {
    const b = await ds.sample(10_000, 0);
    assert.equal(b.nRows, 1500);
    assert.deepEqual(b.columns.map((c) => c.name), a.columns.map((c) => c.name));
    for (const c of a.columns) assert.deepEqual(cellsOf(b, c.name), cellsOf(a, c.name), `column ${c.name}`);
    assert.equal(cellsOf(b, 'CUST_ID')[1499], 'C11500');
    assert.ok(cellsOf(b, 'MINIMUM_PAYMENTS').includes(null), 'missing values survive as NULL');
  } finally {
    ds.close();
  }
});

test('bad sizes and formats are refused; npm run data -- --synthetic writes the file', async () => {
  await assert.rejects(() => writeSyntheticData(path.join(dir, 'x.csv'), { n: 0 }), /n=0 should be an integer in \[1, 100000000\]/);
  await assert.rejects(() => writeSyntheticData(path.join(dir, 'x.csv'), { n: 10, format: 'xlsx' as never }), /format="xlsx" should be 'parquet' or 'csv'/);
  const out = path.join(dir, 'cli.parquet');
  const log = console.log;
  console.log = () => undefined;
  try {
    assert.equal(await runDataCommand(['--synthetic', '300', '--out', out]), 0);
    assert.equal(await runDataCommand(['--synthetic', 'many']), 2);
  } finally {
    console.log = log;
  }
  const ds = await openLargeDataset(out);
  try { assert.equal(ds.nRows, 300); } finally { ds.close(); }
});
