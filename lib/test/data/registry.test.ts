import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DATASETS, clusteringColumns, columnsWithRole } from '../../src/data/registry';
import { loadDataset } from '../../src/data/load-dataset';
import { dataDir } from '../../src/data/datadir';
import { DataError, ValidationError } from '../../src/core/errors';
import { categoricalColumn, numericColumn, isNumeric } from '../../src/data/table';
import { duplicateRows } from '../../src/eda/duplicates';
import { missingCounts } from '../../src/eda/missing';

test('clusteringColumns never returns the target, ids or the synthetic truth unless the target is asked for', () => {
  const bank = DATASETS['bank-additional-full'];
  assert.equal(bank.target, 'y');
  assert.ok(!clusteringColumns(bank).includes('y'));
  assert.ok(clusteringColumns(bank, { includeTarget: true }).includes('y'));
  assert.equal(clusteringColumns(bank).length, 20);
  assert.deepEqual(clusteringColumns(bank, { levels: ['campaign'] }), ['emp.var.rate', 'cons.price.idx', 'cons.conf.idx', 'euribor3m', 'nr.employed']);
  assert.equal(clusteringColumns(DATASETS['cc-general']).length, 17); // 18 columns minus CUST_ID
  assert.ok(!clusteringColumns(DATASETS['synthetic-bank']).includes('segment'));
  assert.equal(DATASETS['cc-general'].target, null);
  assert.deepEqual(columnsWithRole(DATASETS['bank-kaggle'], 'target'), ['deposit']);
});

test('loadDataset("auto") with no real data uses synthetic bank data and says so', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-empty-'));
  try {
    const d = loadDataset('auto', { dataDir: empty, n: 500 });
    assert.equal(d.source.id, 'synthetic-bank');
    assert.equal(d.source.kind, 'synthetic');
    assert.match(d.source.description, /SYNTHETIC/);
    assert.equal(d.table.nRows, 500);
    assert.throws(() => loadDataset('cc-general', { dataDir: empty }), (e: unknown) => e instanceof DataError && /not in the data directory/.test((e as Error).message));
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test('loadDataset rejects an unknown id listing the valid ones', () => {
  assert.throws(() => loadDataset('bank'), (e: unknown) => e instanceof ValidationError && /synthetic-cc/.test((e as Error).message));
});

test('loadDataset refuses a file that lacks the registered columns', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-wrong-'));
  try {
    fs.writeFileSync(path.join(dir, 'cc-general.csv'), 'a,b\n1,2\n');
    assert.throws(() => loadDataset('cc-general', { dataDir: dir }), (e: unknown) => e instanceof DataError && /does not look like cc-general/.test((e as Error).message));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const present = (file: string): boolean => fs.existsSync(path.join(dataDir(), file));

test('real bank-additional-full: 41,188 rows, 10 numeric columns, no empty cells, 12 duplicated rows, sha256 verified', (t) => {
  if (!present('bank-additional-full.csv')) return t.skip(`bank-additional-full.csv not found in data dir ${dataDir()}`);
  const d = loadDataset('bank-additional-full', { verify: true });
  assert.equal(d.table.nRows, 41188);
  assert.equal(d.source.verified, true);
  assert.deepEqual(d.table.columns.filter(isNumeric).map((c) => c.name), columnsWithRole(d.spec, 'numeric'));
  assert.ok(missingCounts(d.table).every((m) => m.missing === 0));
  assert.equal(duplicateRows(d.table).duplicates, 12); // SOURCES.md: 12 exact duplicates
  assert.equal(numericColumn(d.table, 'pdays').filter((x) => x === 999).length, 39673);
  assert.deepEqual(categoricalColumn(d.table, 'y').levels, ['no', 'yes']);
});

test('real bank-kaggle: 11,162 rows, deposit yes 5,289 / no 5,873', (t) => {
  if (!present('bank-kaggle.csv')) return t.skip(`bank-kaggle.csv not found in data dir ${dataDir()}`);
  const d = loadDataset('bank-kaggle', { verify: true });
  assert.equal(d.table.nRows, 11162);
  const dep = categoricalColumn(d.table, 'deposit');
  const yes = dep.levels.indexOf('yes');
  assert.equal(dep.codes.filter((k) => k === yes).length, 5289);
  assert.equal(dep.codes.filter((k) => k !== yes).length, 5873);
  assert.equal(d.table.columns.filter(isNumeric).length, 7);
});

test('real cc-general: 8,950 rows, CUST_ID an id, CREDIT_LIMIT 1 and MINIMUM_PAYMENTS 313 missing', (t) => {
  if (!present('cc-general.csv')) return t.skip(`cc-general.csv not found in data dir ${dataDir()}`);
  const d = loadDataset('cc-general', { verify: true });
  assert.equal(d.table.nRows, 8950);
  assert.equal(d.table.columns[0].kind, 'id');
  const miss = Object.fromEntries(missingCounts(d.table).map((m) => [m.column, m.missing]));
  assert.equal(miss.CREDIT_LIMIT, 1);
  assert.equal(miss.MINIMUM_PAYMENTS, 313);
  assert.equal(Object.values(miss).reduce((a, b) => a + b, 0), 314);
});

test('loadDataset("auto") picks the first real data set present', (t) => {
  if (!present('bank-additional-full.csv')) return t.skip(`bank-additional-full.csv not found in data dir ${dataDir()}`);
  assert.equal(loadDataset('auto').source.id, 'bank-additional-full');
});
