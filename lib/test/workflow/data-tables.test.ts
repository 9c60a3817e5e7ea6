import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dataSummary, glossaryRows, schemaRows } from '../../src/workflow/data-tables';
import { loadDataset } from '../../src/data/load-dataset';
import { DATASETS } from '../../src/data/registry';
import { specFromJSON } from '../../src/data/spec-file';

test('glossaryRows gives the spec\'s meaning of each named column once, dates through their day counts, derived features through their expression', () => {
  const bank = DATASETS['bank-additional-full'];
  const rows = glossaryRows(bank, ['euribor3m', 'job=admin.', 'job=retired', 'not-a-column']);
  assert.deepEqual(rows.map((r) => r.column), ['euribor3m', 'job']);
  assert.match(rows[0].meaning, /3-month Euribor/);
  const spec = specFromJSON({ file: 'x.csv', asOf: '2024-06-30', columns: { signup: { role: 'date', description: 'first purchase' } }, derived: [{ name: 'r', expr: 'a / b' }] });
  assert.deepEqual(glossaryRows(spec, ['days_since_signup', 'r']), [
    { column: 'days_since_signup', meaning: 'days from signup to 2024-06-30 (first purchase)' },
    { column: 'r', meaning: 'derived: a / b' },
  ]);
});

test('dataSummary says which data, why, and every warning; schemaRows list every column of the file with its reason', () => {
  const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-dt-')), 'absent');
  const d = loadDataset('auto', { dataDir: missing, n: 30 });
  const text = dataSummary(d);
  assert.match(text, /\*\*Data:\*\* synthetic-bank/);
  assert.match(text, /⚠ \*\*Note:\*\* the data directory .* does not exist/);
  const rows = schemaRows(d);
  assert.equal(rows.length, d.table.columns.length);
  assert.equal(rows.find((r) => r.column === 'segment')!.role, 'truth');
  assert.equal(rows.find((r) => r.column === 'y')!.decided, 'spec');
});
