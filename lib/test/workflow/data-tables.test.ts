import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dataSummary, glossaryRows, schemaRows } from '../../src/workflow/data-tables';
import { loadDataset } from '../../src/data/load-dataset';
import { DATASETS } from '../../src/data/registry';
import { specFromJSON } from '../../src/data/spec-file';
import { segmentSummaryRows, sentinelQualifier } from '../../src/workflow/persona-tables';
import { profileSegments } from '../../src/personas/profile';
import { maskNumericSentinels } from '../../src/eda/sentinels';

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

test('segmentSummaryRows averages a sentinel column over its other values, labels it so, and never shows NaN', () => {
  const sentinels = [{ column: 'pdays', value: 999, meaning: 'never contacted before' }];
  // segment 0: pdays 3, 5, 999 → mean over the contacted = 4; segment 1: 999, 999 → no contacted customer → '—'
  const table = { nRows: 5, columns: [{ kind: 'numeric' as const, name: 'pdays', values: Float64Array.from([3, 5, 999, 999, 999]) }] };
  const p = profileSegments(maskNumericSentinels(table, sentinels), Int32Array.from([0, 0, 0, 1, 1]));
  const rows = segmentSummaryRows(p, undefined, { sentinels });
  assert.equal(rows[0]['pdays (contacted only, mean)'], 4);
  assert.equal(rows[1]['pdays (contacted only, mean)'], '—');
  assert.ok(!JSON.stringify(rows).includes('NaN'));
  assert.equal(sentinelQualifier({ column: 'x', value: -1, meaning: 'not applicable' }), 'without -1 = not applicable');
});
