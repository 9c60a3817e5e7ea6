/**
 * A date column's day count in SQL (dates.ts): on DuckDB, days before the reference date computed from text in
 * the ISO, DD-MM-YYYY and MM/DD/YYYY layouts and from DATE / TIMESTAMP columns equal day counts derived by hand
 * with Date.UTC, and equal what prepareTable's parser gives (parseDateAs) bit for bit; invalid dates give NULL.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateAs, type DateFormat } from '../../src/data/csv-values';
import { sqlDialect } from '../../src/sql/dialect';
import { dateDaysSql } from '../../src/sql/dates';
import { queryRows } from '../../src/scale/duckdb';
import { closeEngine, engine } from './helpers';

after(closeEngine);

const d = sqlDialect('duckdb');
const DAY = 86400000;
const AS_OF = Date.UTC(2024, 5, 30); // 2024-06-30
const days = (t: number) => (AS_OF - t) / DAY;

/** Day counts DuckDB computes for the cells (text, or any SQL expression when `raw`). */
async function sqlDays(cells: Array<string | null>, format: DateFormat | undefined, type = 'VARCHAR', missing: string[] = []): Promise<Array<number | null>> {
  const s = await engine();
  const values = cells.map((c, i) => `(${i}, CAST(${c === null ? 'NULL' : d.str(c)} AS ${type}))`).join(', ');
  const q = dateDaysSql(d.ident('x'), format, AS_OF, '__t0_', d, missing);
  const from = `(SELECT *, ${q.parts.map((p) => `${p.expr} AS ${d.ident(p.name)}`).join(', ')} FROM (VALUES ${values}) v(i, x))`;
  const rows = await queryRows(s.conn, `SELECT i, ${q.days} AS days FROM ${from} ORDER BY i`);
  return rows.map((r) => (r.days === null ? null : Number(r.days)));
}

test('ISO cells: dates, times, fractions and zones give the hand-derived day counts, as parseDateAs', async () => {
  const cells = ['2024-06-30', '2024-03-01', '2024/02/29', '1970-01-01', '2024-06-29T12:00', '2024-06-29 18:00:30',
    '2024-06-30T00:00+02:00', '2024-06-29T23:00:00Z', '2024-06-29T06:00:00.5-01:30', '0024-06-30', ' 2024-06-01 '];
  const want = [0, 121, 122, days(0), 0.5, 0.25 - 30 / 86400, 2 / 24, 1 / 24,
    (AS_OF - Date.UTC(2024, 5, 29, 7, 30, 0, 500)) / DAY, days(Date.UTC(1924, 5, 30)), 29];
  const got = await sqlDays(cells, 'iso');
  assert.deepEqual(got, want);
  cells.forEach((c, i) => assert.ok(Object.is(got[i], days(parseDateAs(c.trim(), 'iso'))), `${c}: SQL ${got[i]}, parseDateAs ${days(parseDateAs(c.trim(), 'iso'))}`));
});

test('DD-MM-YYYY and MM/DD/YYYY cells as the spec says, ISO cells accepted too; invalid dates, other texts and NULL give NULL', async () => {
  const dmy = await sqlDays(['30-06-2024', '1-3-2024', '29.02.2024', '31/12/2023 18:00', '2024-06-01', '29-02-2023', '31-04-2024', '13-13-2024', 'soon', '', null, '30-06-2024 24:00'], 'dmy');
  assert.deepEqual(dmy, [0, 121, 122, 181.25, 29, null, null, null, null, null, null, null]);
  const mdy = await sqlDays(['06/30/2024', '3/1/2024', '12/31/2023', '30/06/2024'], 'mdy');
  assert.deepEqual(mdy, [0, 121, 182, null]);
  // a spec without a layout reads ISO only
  assert.deepEqual(await sqlDays(['2024-06-29', '29-06-2024'], undefined), [1, null]);
  // parseDateAs agrees wherever it reads a date
  for (const [v, f] of [['1-3-2024', 'dmy'], ['31/12/2023 18:00', 'dmy'], ['3/1/2024', 'mdy'], ['12/31/2023', 'mdy']] as const) {
    assert.equal((await sqlDays([v], f))[0], days(parseDateAs(v, f)), v);
  }
  assert.ok(Number.isNaN(parseDateAs('29-02-2023', 'dmy')) && Number.isNaN(parseDateAs('30-06-2024 24:00', 'dmy')), 'JS rejects them too');
});

test('DATE and TIMESTAMP columns are read through their ISO text', async () => {
  assert.deepEqual(await sqlDays(['2024-06-01', '2023-06-30', null], 'dmy', 'DATE'), [29, 366, null]);
  assert.deepEqual(await sqlDays(['2024-06-29 06:00:00', '2024-06-29 18:00:00.25'], 'iso', 'TIMESTAMP'), [0.75, 0.25 - 0.25 / 86400]);
});

test('texts the spec lists as missing give NULL even where they read as dates', async () => {
  assert.deepEqual(await sqlDays(['01-01-1900', ' 01-01-1900 ', '02-01-1900', 'n/a'], 'dmy', 'VARCHAR', ['01-01-1900', 'n/a', '']), [null, null, days(Date.UTC(1900, 0, 2)), null]);
});
