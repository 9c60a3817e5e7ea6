import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/data/csv';
import { detectDateFormat, parseDateAs, parseLenientNumber } from '../../src/data/csv-values';
import { findNumericSentinel, inferSpec, ordinalOrder, positiveClassOf } from '../../src/data/infer-schema';
import { specFromJSON } from '../../src/data/spec-file';
import { prepareTable } from '../../src/data/prepare-table';
import { DataError } from '../../src/core/errors';
import type { CategoricalColumn, NumericColumn, Table } from '../../src/data/table';

const empty = (file = 'x.csv') => specFromJSON({ file });
const infer = (csv: string) => inferSpec(parseCsv(csv), empty());
const roleOf = (csv: string, col: string) => infer(csv).decisions.find((d) => d.column === col)!;
const num = (t: Table, name: string): number[] => Array.from((t.columns.find((c) => c.name === name) as NumericColumn).values);

/** n rows of a CSV built from per-row column functions. */
function csv(n: number, cols: Record<string, (i: number) => string>): string {
  const names = Object.keys(cols);
  const lines = [names.join(',')];
  for (let i = 0; i < n; i++) lines.push(names.map((k) => cols[k](i)).join(','));
  return lines.join('\n') + '\n';
}

test('parseLenientNumber reads currency signs, thousands separators, decimal commas and accounting negatives', () => {
  assert.equal(parseLenientNumber('$1,234.50'), 1234.5);
  assert.equal(parseLenientNumber('€ 12'), 12);
  assert.equal(parseLenientNumber('12,50 €', ','), 12.5);
  assert.equal(parseLenientNumber('1.234.567,5', ','), 1234567.5);
  assert.equal(parseLenientNumber('1 234'), 1234);
  assert.equal(parseLenientNumber("1'234"), 1234);
  assert.equal(parseLenientNumber('(1,000)'), -1000);
  assert.equal(parseLenientNumber('-$5'), -5);
  assert.ok(Number.isNaN(parseLenientNumber('12,34,5')), 'not groups of three: not a number');
  assert.ok(Number.isNaN(parseLenientNumber('abc')));
});

test('parseDateAs reads day-month-year and month/day/year, rejects impossible dates; detectDateFormat decides by a part above 12', () => {
  assert.equal(parseDateAs('31-12-2023', 'dmy'), Date.UTC(2023, 11, 31));
  assert.equal(parseDateAs('12/31/2023', 'mdy'), Date.UTC(2023, 11, 31));
  assert.equal(parseDateAs('05.03.2024 14:30', 'dmy'), Date.UTC(2024, 2, 5, 14, 30));
  assert.ok(Number.isNaN(parseDateAs('31-02-2023', 'dmy')), '31 February does not exist');
  assert.equal(parseDateAs('2024-02-29', 'iso'), Date.UTC(2024, 1, 29));
  assert.equal(detectDateFormat(['01-02-2024', '25-12-2023'])!.format, 'dmy');
  assert.equal(detectDateFormat(['01/02/2024', '12/25/2023'])!.format, 'mdy');
  assert.equal(detectDateFormat(['2024-01-02', '2023-12-25 10:00'])!.format, 'iso');
  assert.equal(detectDateFormat(['03/04/2024'])!.format, 'mdy', 'no part above 12 and "/": US order');
  assert.equal(detectDateFormat(['03-04-2024'])!.format, 'dmy', 'no part above 12 and "-": European order');
  assert.equal(detectDateFormat(['13/14/2024']), null, 'both parts above 12: not a date');
  assert.equal(detectDateFormat(['north', 'south']), null);
});

test('findNumericSentinel finds -1 below every real value and 999 far above them, but not a value inside the range', () => {
  // pdays-like: 70 rows of -1, the others 1..30
  const pd = Float64Array.from({ length: 100 }, (_, i) => (i < 70 ? -1 : 1 + (i % 30)));
  assert.deepEqual(findNumericSentinel(pd), { value: -1, count: 70, share: 0.7, rest: { min: 1, max: 30 } });
  const hi = Float64Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 999 : i % 50));
  assert.equal(findNumericSentinel(hi)!.value, 999);
  // 99 is inside the range of ages: not a code
  const ages = Float64Array.from({ length: 300 }, (_, i) => (i % 20 === 0 ? 99 : 18 + (i % 90)));
  assert.equal(findNumericSentinel(ages), null);
  // a -1 among negative balances is a value
  const bal = Float64Array.from({ length: 100 }, (_, i) => (i % 5 === 0 ? -1 : i - 50));
  assert.equal(findNumericSentinel(bal), null);
});

test('inference: constant and empty columns are dropped, a churn column is the target with "yes" positive, segment is a labelled segment', () => {
  const r = infer(csv(30, {
    country: () => 'NL', blank: () => '', spend: (i) => String(10 + i), churn: (i) => (i % 4 ? 'no' : 'yes'), segment: (i) => 'abc'[i % 3],
  }));
  const by = Object.fromEntries(r.decisions.map((d) => [d.column, d]));
  assert.equal(by.country.role, 'ignore');
  assert.match(by.country.reason, /constant.*"NL"/);
  assert.equal(by.blank.role, 'ignore');
  assert.match(by.blank.reason, /empty/);
  assert.equal(by.spend.role, 'numeric');
  assert.equal(by.churn.role, 'target');
  assert.equal(r.spec.target, 'churn');
  assert.equal(r.spec.positiveClass, 'yes');
  assert.equal(by.segment.role, 'truth');
  assert.equal(r.spec.truth, 'segment');
});

test('inference: identifiers by name, by distinct text values, and by the row numbers 1..n; a free-text column is dropped', () => {
  const notes = (i: number) => `"customer number ${i} called about an order and asked for a callback"`;
  const r = infer(csv(40, { row: (i) => String(i + 1), customer_id: (i) => String(1000 + 7 * i), code: (i) => `K${i}x`, note: notes, v: (i) => String(i % 7) }));
  const by = Object.fromEntries(r.decisions.map((d) => [d.column, d]));
  assert.equal(by.row.role, 'id');
  assert.match(by.row.reason, /row numbers 1\.\.40/);
  assert.equal(by.customer_id.role, 'id');
  assert.match(by.customer_id.reason, /named like an identifier/);
  assert.equal(by.code.role, 'id');
  assert.equal(by.note.role, 'text');
  assert.match(by.note.reason, /free text/);
});

test('inference: placeholders read as missing, two values are binary, known scales ordinal, money as numbers, near-unique dropped', () => {
  const tiers = ['bronze', 'silver', 'gold'];
  const r = infer(csv(60, {
    plan: (i) => (i % 10 === 0 ? 'unknown' : i % 10 === 1 ? '?' : ['a', 'b', 'c'][i % 3]),
    flag: (i) => String(i % 2),
    member: (i) => (i % 2 ? 'yes' : 'no'),
    tier: (i) => tiers[i % 3],
    spend: (i) => `"$${(1000 + i * 10).toLocaleString('en-US')}.50"`,
    zip: (i) => (i < 50 ? `Z${i}` : 'Z0'),
  }));
  const by = Object.fromEntries(r.decisions.map((d) => [d.column, d]));
  const col = (n: string) => r.spec.columns.find((c) => c.name === n)!;
  assert.equal(by.plan.role, 'categorical');
  assert.deepEqual(col('plan').missing, ['?', 'unknown']);
  assert.match(by.plan.reason, /"\?", "unknown" read as missing \(12 rows\)/);
  assert.equal(by.flag.role, 'binary');
  assert.equal(col('flag').type, 'numeric');
  assert.equal(by.member.role, 'binary');
  assert.equal(by.tier.role, 'ordinal');
  assert.deepEqual(col('tier').levels, ['bronze', 'silver', 'gold']);
  assert.equal(by.spend.role, 'numeric');
  assert.equal(col('spend').decimal, '.');
  assert.equal(by.zip.role, 'ignore');
  assert.match(by.zip.reason, /near-unique: 50 different values in 60 rows/);
  // preparation applies the decisions: $1,000.50 → 1000.5, the placeholders missing
  const t = prepareTable(parseCsv(csv(60, { spend: (i) => `"$${(1000 + i * 10).toLocaleString('en-US')}.50"`, plan: (i) => (i % 10 === 0 ? 'unknown' : 'a') })), r.spec).table;
  assert.equal(num(t, 'spend')[0], 1000.5);
  assert.equal(num(t, 'spend')[59], 1590.5);
  const plan = t.columns.find((c) => c.name === 'plan') as CategoricalColumn;
  assert.deepEqual(plan.levels, ['a']);
  assert.equal(Array.from(plan.codes).filter((k) => k < 0).length, 6);
});

test('inference: dates in DD-MM-YYYY and ISO become days before the newest date of the table', () => {
  const text = 'signup,last\n01-01-2024,2024-03-01\n15-02-2024,2024-03-10\n';
  const r = inferSpec(parseCsv(text), empty());
  assert.equal(r.spec.asOf, '2024-03-10');
  const signup = r.spec.columns.find((c) => c.name === 'signup')!;
  assert.equal(signup.role, 'date');
  assert.equal(signup.dateFormat, 'dmy');
  const t = prepareTable(parseCsv(text), r.spec).table;
  // by hand: 2024-03-10 − 2024-01-01 = 31 + 29 + 9 = 69 days; − 2024-02-15 = 14 + 10 = 24; − 2024-03-01 = 9; − 2024-03-10 = 0
  assert.deepEqual(num(t, 'days_since_signup'), [69, 24]);
  assert.deepEqual(num(t, 'days_since_last'), [9, 0]);
});

test('inference: a numeric sentinel becomes a spec sentinel with its reason', () => {
  const r = infer(csv(100, { pdays: (i) => (i < 80 ? '-1' : String(5 + i)) }));
  assert.deepEqual(r.spec.sentinels.map(({ column, value }) => ({ column, value })), [{ column: 'pdays', value: -1 }]);
  assert.match(r.decisions[0].reason, /-1 is a code, not a value: 80 rows \(80\.0 %\).*from 85 to 104/);
});

test('ordinalOrder and positiveClassOf', () => {
  assert.deepEqual(ordinalOrder(['High', 'low', 'Medium']), ['low', 'Medium', 'High']);
  assert.equal(ordinalOrder(['north', 'south', 'east']), null);
  assert.equal(ordinalOrder(['low', 'high']), null, 'two levels are binary, not ordinal');
  assert.equal(positiveClassOf(['no', 'yes'], [90, 10]).level, 'yes');
  assert.equal(positiveClassOf(['0', '1'], [90, 10]).level, '1');
  assert.equal(positiveClassOf(['stayed', 'moved'], [30, 70]).level, 'stayed', 'else the rarer value');
  assert.equal(positiveClassOf(['a', 'b', 'c'], [1, 2, 3]).level, null);
});

test('prepareTable names the row and value a declared numeric column cannot read, and what to do; in scoring mode the column is left for the schema check', () => {
  const spec = specFromJSON({ file: 'x.csv', columns: { age: { role: 'numeric', missing: ['?'] } } });
  const raw = parseCsv('age\n31\n?\nforty\n');
  assert.throws(() => prepareTable(raw, spec, { fileName: 'x.csv' }), (e: unknown) =>
    e instanceof DataError && /column "age" in row 4 of x\.csv is "forty", expected a number.*list it under "missing"/.test((e as Error).message));
  const scored = prepareTable(raw, spec, { mode: 'score', fileName: 'x.csv' }).table;
  assert.equal(scored.columns[0].kind, 'categorical');
});

test('prepareTable in scoring mode still reports an unreadable date with its row (as read it would only look like a missing column)', () => {
  const spec = specFromJSON({ file: 'x.csv', asOf: '2024-01-31', columns: { signup: { role: 'date', dateFormat: 'dmy' } } });
  const ok = prepareTable(parseCsv('signup\n01-01-2024\n'), spec, { mode: 'score' }).table;
  assert.deepEqual(num(ok, 'days_since_signup'), [30]);
  assert.throws(() => prepareTable(parseCsv('signup\n01-01-2024\n99-99-2020\n'), spec, { mode: 'score', fileName: 'new.csv' }), (e: unknown) =>
    e instanceof DataError && /column "signup" in row 3 of new\.csv is "99-99-2020", expected a date \(DD-MM-YYYY\)/.test((e as Error).message));
});
