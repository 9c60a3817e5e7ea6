import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCsv, loadCsv } from '../../src/data/csv';
import { DataError } from '../../src/core/errors';
import { isNumeric, type CategoricalColumn, type NumericColumn, type Table } from '../../src/data/table';

const num = (t: Table, name: string): number[] => Array.from((t.columns.find((c) => c.name === name) as NumericColumn).values);
const cat = (t: Table, name: string): Array<string | null> => {
  const c = t.columns.find((x) => x.name === name) as CategoricalColumn;
  return Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]));
};
const kinds = (t: Table): string[] => t.columns.map((c) => c.kind);
function tmpFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-csv-'));
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
}
function dataError(fn: () => unknown): DataError {
  try { fn(); } catch (e) { assert.ok(e instanceof DataError, `expected DataError, got ${e}`); return e; }
  assert.fail('expected a DataError');
}

test('parseCsv reads RFC 4180 quoted fields: "" escapes, delimiters and newlines inside quotes', () => {
  const t = parseCsv('id,text\n1,"a, ""quoted"" word"\n2,"two\nlines"\n3,plain\n');
  assert.equal(t.nRows, 3);
  assert.deepEqual(cat(t, 'text'), ['a, "quoted" word', 'two\nlines', 'plain']);
  assert.deepEqual(num(t, 'id'), [1, 2, 3]);
});

test('parseCsv sniffs ; and tab delimiters, and an explicit delimiter wins over sniffing', () => {
  assert.equal(parseCsv('a;b\n1;2\n3;4\n').report.delimiter, ';');
  assert.equal(parseCsv('a\tb\n1\t2\n').report.delimiter, '\t');
  // "1,5" is a decimal comma: with ';' given explicitly the comma stays inside the field
  const t = parseCsv('a;b\n"x,y";2\n"z,w";3\n', { delimiter: ';' });
  assert.equal(t.report.delimiterSniffed, false);
  assert.deepEqual(cat(t, 'a'), ['x,y', 'z,w']);
});

test('parseCsv ignores a UTF-8 BOM and reads CRLF line ends', () => {
  const t = parseCsv('\uFEFF"age";"job"\r\n30;"admin."\r\n41;"services"\r\n');
  assert.equal(t.report.bom, true);
  assert.equal(t.report.lineEnding, 'CRLF');
  assert.deepEqual(t.columns.map((c) => c.name), ['age', 'job']);
  assert.deepEqual(num(t, 'age'), [30, 41]);
  assert.deepEqual(cat(t, 'job'), ['admin.', 'services']);
});

test('parseCsv normalizes headers (trim, inner whitespace, empty, duplicates) and reports the renames', () => {
  const t = parseCsv(' a  b ,x,x,\n1,2,3,4\n');
  assert.deepEqual(t.columns.map((c) => c.name), ['a b', 'x', 'x_2', 'column_4']);
  assert.deepEqual(t.report.renamed.map((r) => [r.index, r.from, r.to, r.reason]), [
    [0, ' a  b ', 'a b', 'whitespace'], [2, 'x', 'x_2', 'duplicate'], [3, '', 'column_4', 'empty'],
  ]);
});

test('parseCsv infers numeric, categorical, id and date columns', () => {
  const rows = Array.from({ length: 25 }, (_, i) => `C${1000 + i},${i % 3 === 0 ? 'a' : 'b'},${i * 1.5},2024-01-${String(1 + i).padStart(2, '0')}`);
  const t = parseCsv(`CUST_ID,grp,amount,day\n${rows.join('\n')}\n`);
  assert.deepEqual(kinds(t), ['id', 'categorical', 'numeric', 'date']);
  // 2024-01-01 UTC = 19723 days after 1970-01-01 (54 years incl. 13 leap days: 54·365 + 13 = 19723)
  assert.equal(num(t, 'day')[0], 19723 * 86400000);
  assert.deepEqual((t.columns[1] as CategoricalColumn).levels, ['a', 'b']);
});

test('a text column with few rows stays categorical even if its values are distinct', () => {
  const t = parseCsv('name\nann\nbob\n');
  assert.equal(t.columns[0].kind, 'categorical');
});

test('parseCsv reads empty, whitespace, NA, N/A, NaN and null as missing; the list is configurable', () => {
  const t = parseCsv('x,y\n1,a\n,b\n  ,c\nNA,NA\nN/A,d\nNaN,e\nnull,f\n2,-\n');
  assert.deepEqual(num(t, 'x').map((v) => (Number.isNaN(v) ? null : v)), [1, null, null, null, null, null, null, 2]);
  assert.deepEqual(cat(t, 'y'), ['a', 'b', 'c', null, 'd', 'e', 'f', '-']);
  assert.deepEqual(t.report.columns.map((c) => c.missing), [6, 1]);
  const u = parseCsv('x\n1\n-\n3\n', { missing: ['-'] });
  assert.deepEqual(num(u, 'x').map((v) => (Number.isNaN(v) ? null : v)), [1, null, 3]);
});

test('per-column overrides change the inferred type and keep the spelling of codes like 007', () => {
  const t = parseCsv('zip,n\n007,1\n123,2\n', { types: { zip: 'categorical' } });
  assert.deepEqual(kinds(t), ['categorical', 'numeric']);
  assert.deepEqual(cat(t, 'zip'), ['007', '123']);
  assert.equal(t.report.columns[0].overridden, true);
});

test('a column that turns to text late in the file is re-read with its original spellings', () => {
  const t = parseCsv('code\n01\n2\nX9\n');
  assert.equal(t.columns[0].kind, 'categorical');
  assert.deepEqual(cat(t, 'code'), ['01', '2', 'X9']);
  assert.equal(t.report.reread, true);
});

test('text in a column declared numeric is a DataError naming file, line, column and value', () => {
  // line 1 is the header, line 2 the first row; the quoted newline in row 2 pushes row 3 to line 5
  const e = dataError(() => parseCsv('age,note\n30,ok\n31,"two\nlines"\nabc,x\n', { types: { age: 'numeric' }, fileName: 'bank.csv' }));
  assert.equal(e.file, 'bank.csv');
  assert.equal(e.row, 5);
  assert.equal(e.column, 'age');
  assert.equal(e.value, 'abc');
  assert.match(e.message, /column "age" in row 5 of bank\.csv is "abc", expected a number/);
});

test('an empty file, a header-only file and a ragged row give named DataErrors', () => {
  assert.match(dataError(() => parseCsv('', { fileName: 'e.csv' })).message, /e\.csv is empty/);
  assert.match(dataError(() => parseCsv('\uFEFF\r\n\r\n', { fileName: 'e.csv' })).message, /is empty/);
  const h = dataError(() => parseCsv('a,b,c\r\n', { fileName: 'h.csv' }));
  assert.match(h.message, /h\.csv has a header but no data rows/);
  const r = dataError(() => parseCsv('a,b,c\n1,2,3\n4,5\n', { fileName: 'r.csv' }));
  assert.equal(r.row, 3);
  assert.equal(r.column, 'c');
  assert.equal(r.value, '4,5');
  assert.match(r.message, /row 3 of r\.csv has 2 fields, expected 3/);
});

test('a delimiter that yields one column while another splits every line is a wrong-delimiter DataError', () => {
  const e = dataError(() => parseCsv('a;b;c\n1;2;3\n4;5;6\n', { delimiter: ',', fileName: 'w.csv' }));
  assert.match(e.message, /wrong delimiter/);
  assert.match(e.message, /";"/);
  // a genuine one-column file is fine
  assert.equal(parseCsv('a\n1\n2\n').columns.length, 1);
});

test('an unterminated quote is a DataError with the line where the field starts', () => {
  const e = dataError(() => parseCsv('a,b\n1,"open\n2,3\n'));
  assert.equal(e.row, 2);
});

test('loadCsv gives the same table in tiny chunks as in one piece (records and quotes split across chunks)', () => {
  const text = '\uFEFFid;name;amount\r\n1;"Smith; J";12.5\r\n2;"multi\r\nline ""q""";-3\r\n3;plain;\r\n';
  const f = tmpFile('chunks.csv', text);
  try {
    const whole = parseCsv(text);
    for (const chunkBytes of [16, 17, 19, 23, 64]) {
      const t = loadCsv(f, { chunkBytes });
      assert.deepEqual(cat(t, 'name'), cat(whole, 'name'), `chunkBytes=${chunkBytes}`);
      assert.deepEqual(num(t, 'amount').map(String), ['12.5', '-3', 'NaN']);
      assert.equal(t.report.bom, true);
    }
    assert.deepEqual(cat(whole, 'name'), ['Smith; J', 'multi\r\nline "q"', 'plain']);
  } finally {
    fs.rmSync(path.dirname(f), { recursive: true, force: true });
  }
});

test('loadCsv names a missing file in its DataError', () => {
  const e = dataError(() => loadCsv('/nonexistent/dir/x.csv'));
  assert.match(e.message, /file not found: \/nonexistent\/dir\/x\.csv/);
});

test('loadCsv loads a 200 MB file with bounded memory', { timeout: 120_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-big-'));
  const f = path.join(dir, 'big.csv');
  try {
    // a ~1 MB block of ~200-byte rows, written until 200 MB: row r = "r,<cat>,<amount>,<long quoted note>"
    const rowsPerBlock = 5_000;
    const notes = ['a', 'b', 'c'].map((x) => `note ${x}, ${'lorem ipsum dolor sit amet '.repeat(6)}`);
    let block = '';
    for (let r = 0; r < rowsPerBlock; r++) block += `${r},${['alpha', 'beta', 'gamma'][r % 3]},${(r * 0.37).toFixed(2)},"${notes[r % 3]}"\n`;
    const blocks = Math.ceil((200 * 1024 * 1024) / Buffer.byteLength(block));
    const fd = fs.openSync(f, 'w');
    fs.writeSync(fd, 'id,grp,amount,flag\n');
    for (let b = 0; b < blocks; b++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    const size = fs.statSync(f).size;
    assert.ok(size >= 200 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const t = loadCsv(f);
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    const n = rowsPerBlock * blocks;
    assert.equal(t.nRows, n);
    assert.deepEqual(kinds(t), ['numeric', 'categorical', 'numeric', 'categorical']);
    assert.equal((t.columns[3] as CategoricalColumn).levels.length, 3);
    assert.equal(num(t, 'amount')[rowsPerBlock + 3], 1.11); // row 3 of the second block: 3 · 0.37
    // typed arrays: 2 numeric columns · 8 B + 2 codes · 4 B = 24 B per row; allow 4× that plus 300 MB slack
    assert.ok(rssGrowth < 24 * n * 4 + 300e6, `rss grew by ${(rssGrowth / 1e6).toFixed(0)} MB for ${n} rows`);
    assert.ok(isNumeric(t.columns[0]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
