import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadData, loadDataset, saveSpec } from '../../src/data/load-dataset';
import { DATASETS, clusteringColumns, describeColumn, postOutcomeColumns } from '../../src/data/registry';
import { formatSpecJson, specFromJSON, specToJSON } from '../../src/data/spec-file';
import { writeDemoTables } from '../../src/data/fixtures/demo-tables';
import { projectRoot } from '../../src/data/datadir';
import { DataError, ValidationError } from '../../src/core/errors';
import type { CategoricalColumn, NumericColumn } from '../../src/data/table';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-load-'));
const demoDir = tmp();
const demo = Object.fromEntries(writeDemoTables(demoDir).map((f) => [path.basename(f), f]));

test('auto with a data directory that does not exist says so (reason and warning), then uses the synthetic bank data', () => {
  const missing = path.join(tmp(), 'no-such-folder');
  const d = loadDataset('auto', { dataDir: missing, n: 50 });
  assert.equal(d.source.id, 'synthetic-bank');
  assert.match(d.source.reason, /the data directory "no-such-folder" does not exist/);
  assert.equal(d.source.warnings.length, 1);
  assert.match(d.source.warnings[0], /does not exist: set DATA_DIR/);
  assert.doesNotMatch(d.source.warnings[0], new RegExp(missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'no machine path in what the notebook shows');
  // an existing but empty data directory: no warning
  assert.deepEqual(loadDataset('auto', { dataDir: tmp(), n: 50 }).source.warnings, []);
});

test('a relative DATASET is looked up in the data directory, then the working directory, and the result says which', () => {
  const data = tmp();
  const cwd = tmp();
  fs.copyFileSync(demo['labelled-segments.csv'], path.join(data, 'in-data.csv'));
  fs.copyFileSync(demo['labelled-segments.csv'], path.join(cwd, 'in-cwd.csv'));
  const a = loadDataset('in-data.csv', { dataDir: data, cwd });
  assert.match(a.source.reason, /found in the data directory/);
  assert.equal(a.source.shownFile, 'in-data.csv');
  const b = loadDataset('in-cwd.csv', { dataDir: data, cwd });
  assert.match(b.source.reason, /found in the working directory/);
  assert.throws(() => loadDataset('nowhere.csv', { dataDir: data, cwd }), (e: unknown) => e instanceof DataError && /not found: looked in the data directory/.test((e as Error).message));
  assert.throws(() => loadDataset('bank', { dataDir: data, cwd }), (e: unknown) => e instanceof ValidationError && /unknown data set "bank".*synthetic-cc/.test((e as Error).message));
});

test('a directory given as DATASET is a DataError naming the data files inside it', () => {
  const dir = tmp();
  fs.mkdirSync(path.join(dir, 'exports'));
  fs.copyFileSync(demo['blank-spaces.csv'], path.join(dir, 'exports', 'march.csv'));
  assert.throws(() => loadDataset('exports', { dataDir: dir }), (e: unknown) =>
    e instanceof DataError && /"exports" is a directory, not a data file.*march\.csv/.test((e as Error).message) && !/EISDIR/.test((e as Error).message));
});

test('a file of yours loads with every column given a role, and the table prepared as the roles say', () => {
  const d = loadDataset(demo['retail-customers.tsv']);
  assert.equal(d.inferred, true);
  assert.equal(d.spec.id, 'retail-customers');
  assert.equal(d.spec.target, 'churn');
  assert.equal(d.spec.idColumn, 'customer_id');
  const names = d.table.columns.map((c) => c.name);
  assert.ok(!names.includes('country') && !names.includes('notes'), 'constant and free-text columns dropped');
  assert.ok(names.includes('days_since_signup_date') && names.includes('days_since_last_purchase'));
  assert.equal(d.table.columns.find((c) => c.name === 'total_spend')!.kind, 'numeric');
  assert.deepEqual((d.table.columns.find((c) => c.name === 'loyalty_tier') as CategoricalColumn).levels, ['bronze', 'silver', 'gold', 'platinum']);
  // the raw table keeps the file's columns
  assert.ok(d.raw.columns.some((c) => c.name === 'signup_date'));
  // clustering columns never include the target or the id, and use the day counts
  const cc = clusteringColumns(d.spec);
  assert.ok(cc.includes('days_since_signup_date') && !cc.includes('churn') && !cc.includes('customer_id') && !cc.includes('notes'));
});

test('the saved spec, edited and passed back as DATASET, changes the roles as edited', () => {
  const out = tmp();
  const data = tmp();
  fs.copyFileSync(demo['retail-customers.tsv'], path.join(data, 'retail-customers.tsv'));
  const first = loadDataset('retail-customers.tsv', { dataDir: data });
  const saved = saveSpec(first, { dir: out, dataDir: data });
  assert.equal(saved.status, 'written');
  assert.equal(saveSpec(first, { dir: out, dataDir: data }).status, 'unchanged');
  const json = JSON.parse(fs.readFileSync(saved.file, 'utf8'));
  assert.equal(json.file, 'retail-customers.tsv', 'the data file named relative to the data directory');
  assert.match(json.columns.income.reason, /numbers; \d+ empty/);
  // edits: leave income out, make the region a labelled segment, read orders as a category, keep notes as a category
  json.columns.income.role = 'ignore';
  json.columns.region.role = 'truth';
  json.columns.orders = { role: 'categorical', description: 'number of orders, as a category' };
  json.columns.notes = { role: 'ignore' };
  fs.writeFileSync(saved.file, JSON.stringify(json, null, 2));
  const again = loadDataset(saved.file, { dataDir: data });
  assert.equal(again.inferred, false, 'every column is declared by the edited spec');
  const role = (c: string) => again.spec.columns.find((x) => x.name === c)!.role;
  assert.equal(role('income'), 'ignore');
  assert.equal(role('region'), 'truth');
  assert.equal(again.spec.truth, 'region');
  assert.equal(role('orders'), 'categorical');
  assert.ok(!again.table.columns.some((c) => c.name === 'income'));
  assert.equal(again.table.columns.find((c) => c.name === 'orders')!.kind, 'categorical');
  assert.ok(!clusteringColumns(again.spec).includes('region'));
  assert.match(again.source.reason, /the spec .*retail-customers\.spec\.json/);
  // saving again never overwrites the edited file: the new inference goes beside it
  const edited = fs.readFileSync(saved.file, 'utf8');
  const again2 = saveSpec(first, { dir: out, dataDir: data });
  assert.equal(again2.status, 'kept');
  assert.match(again2.file, /retail-customers\.inferred\.spec\.json$/);
  assert.equal(fs.readFileSync(saved.file, 'utf8'), edited);
});

test('an unedited saved spec is replaced when the data changes', () => {
  const out = tmp();
  const data = tmp();
  fs.copyFileSync(demo['labelled-segments.csv'], path.join(data, 'c.csv'));
  assert.equal(saveSpec(loadDataset('c.csv', { dataDir: data }), { dir: out, dataDir: data }).status, 'written');
  fs.copyFileSync(demo['web-metrics-crlf.csv'], path.join(data, 'c.csv'));
  const s2 = saveSpec(loadDataset('c.csv', { dataDir: data }), { dir: out, dataDir: data });
  assert.equal(s2.status, 'written');
  assert.ok(JSON.parse(fs.readFileSync(s2.file, 'utf8')).columns.visits_per_month);
});

test('a spec file with only a few columns declared: the others are inferred, declared ones win', () => {
  const dir = tmp();
  fs.copyFileSync(demo['bank-full-like.csv'], path.join(dir, 'bank-full.csv'));
  fs.writeFileSync(path.join(dir, 'bank.spec.json'), JSON.stringify({
    file: 'bank-full.csv',
    columns: { duration: { role: 'numeric', level: 'contact', postOutcome: true, description: 'last call, seconds' }, day: { role: 'ignore' } },
    target: 'y', positiveClass: 'yes',
  }));
  const d = loadDataset(path.join(dir, 'bank.spec.json'));
  assert.equal(d.spec.id, 'bank-full');
  const dec = Object.fromEntries(d.schema.map((s) => [s.column, s]));
  assert.equal(dec.duration.declared, true);
  assert.equal(dec.pdays.declared, false);
  assert.equal(d.spec.sentinels.find((s) => s.column === 'pdays')!.value, -1);
  assert.ok(!d.table.columns.some((c) => c.name === 'day'));
  assert.equal(describeColumn(d.spec, 'duration'), 'last call, seconds');
  assert.deepEqual(postOutcomeColumns(d.spec), ['duration']);
});

test('a spec that declares a column the file lacks names it and the columns the file has', () => {
  const dir = tmp();
  fs.copyFileSync(demo['labelled-segments.csv'], path.join(dir, 'seg.csv'));
  fs.writeFileSync(path.join(dir, 's.spec.json'), JSON.stringify({ file: 'seg.csv', columns: { income: { role: 'numeric' } } }));
  assert.throws(() => loadDataset(path.join(dir, 's.spec.json')), (e: unknown) =>
    e instanceof DataError && /declares column\(s\) income, absent from seg\.csv \(it has: age, purchases_per_month/.test((e as Error).message));
});

test('a Parquet file is read through loadData (DuckDB) into the same table as its CSV; loadDataset points to loadData', async () => {
  const dir = tmp();
  const csv = demo['labelled-segments.csv'];
  const pq = path.join(dir, 'segments.parquet');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  await con.run(`COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${pq}' (FORMAT parquet)`);
  con.closeSync();
  inst.closeSync();
  const a = await loadData(csv);
  const b = await loadData(pq);
  assert.deepEqual(b.table.columns.map((c) => c.name), a.table.columns.map((c) => c.name));
  for (const name of ['age', 'purchases_per_month', 'avg_ticket', 'app_share']) {
    const x = (a.table.columns.find((c) => c.name === name) as NumericColumn).values;
    const y = (b.table.columns.find((c) => c.name === name) as NumericColumn).values;
    assert.ok(x.every((v, i) => Math.abs(v - y[i]) < 1e-9), name);
  }
  assert.equal(b.spec.truth, 'segment');
  assert.throws(() => loadDataset(pq), (e: unknown) => e instanceof ValidationError && /Parquet file: load it with the asynchronous loader/.test((e as Error).message));
});

test('the built-in specs are files of the same format and describe every column (the glossary)', () => {
  for (const id of ['bank-additional-full', 'bank-kaggle', 'cc-general']) {
    const s = DATASETS[id];
    assert.ok(s.columns.every((c) => c.description.length > 10), `${id}: every column described`);
    // the spec survives a round trip through the file format
    const back = specFromJSON(JSON.parse(formatSpecJson(specToJSON(s))), { origin: s.origin });
    assert.deepEqual(back, s);
  }
  const bank = DATASETS['bank-additional-full'];
  for (const c of ['emp.var.rate', 'euribor3m', 'nr.employed', 'pdays', 'y']) assert.ok(describeColumn(bank, c).length > 20, c);
  assert.match(describeColumn(bank, 'pdays'), /999 = never contacted/);
  assert.match(describeColumn(DATASETS['bank-kaggle'], 'pdays'), /-1 = never contacted/);
});

test('specFromJSON refuses unknown fields, roles and levels with the valid choices, and ordinal columns without levels', () => {
  assert.throws(() => specFromJSON({ file: 'x.csv', colums: {} }), /unknown field "colums" \(did you mean "columns"\?\)/);
  assert.throws(() => specFromJSON({ file: 'x.csv', columns: { a: { role: 'number' } } }), /column "a" has role "number"; the roles are numeric, categorical, binary, ordinal, date, id, target, truth, text, ignore/);
  assert.throws(() => specFromJSON({ file: 'x.csv', columns: { a: { role: 'numeric', level: 'shop' } } }), /the levels are customer, history/);
  assert.throws(() => specFromJSON({ file: 'x.csv', columns: { a: { role: 'ordinal' } } }), /ordinal: give its "levels" in order/);
  assert.throws(() => specFromJSON({ columns: {} }), /"file" is missing/);
  assert.throws(() => specFromJSON({ file: 'x.csv', extends: 'nope' }), /"extends": "nope" is not a built-in spec/);
  const ext = specFromJSON({ extends: 'bank-kaggle', file: 'mine.csv', id: 'mine' }, { lookup: (id) => DATASETS[id] ?? null });
  assert.equal(ext.target, 'deposit');
  assert.equal(ext.columns.length, DATASETS['bank-kaggle'].columns.length);
  assert.equal(ext.file, 'mine.csv');
});

