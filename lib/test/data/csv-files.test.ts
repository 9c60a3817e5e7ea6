import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { inspect } from 'node:util';
import { loadCsv, parseCsv } from '../../src/data/csv';
import { DataError, ValidationError } from '../../src/core/errors';
import { demoTables } from '../../src/data/fixtures/demo-tables';
import type { CategoricalColumn, NumericColumn, Table } from '../../src/data/table';

const num = (t: Table, name: string): number[] => Array.from((t.columns.find((c) => c.name === name) as NumericColumn).values);
const cat = (t: Table, name: string): Array<string | null> => {
  const c = t.columns.find((x) => x.name === name) as CategoricalColumn;
  return Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]));
};
function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-files-'));
}
function dataError(fn: () => unknown): DataError {
  try { fn(); } catch (e) { assert.ok(e instanceof DataError, `expected DataError, got ${e}`); return e; }
  assert.fail('expected a DataError');
}

const SMALL = 'id,name,amount\n1,anne,10.5\n2,bob,\n3,carla,7\n';

test('a directory given as a data file is a DataError naming the data files inside it, not a raw EISDIR', () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'customers.csv'), SMALL);
  fs.writeFileSync(path.join(dir, 'readme.md'), 'not data');
  const e = dataError(() => loadCsv(dir));
  assert.match(e.message, /is a directory, not a data file/);
  assert.match(e.message, /customers\.csv/);
  assert.doesNotMatch(e.message, /readme\.md|EISDIR/);
});

test('a gzip-compressed file is read like the plain file, whether or not its name ends in .gz (magic bytes)', () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'p.csv'), SMALL);
  const plain = loadCsv(path.join(dir, 'p.csv'));
  fs.writeFileSync(path.join(dir, 'g.csv.gz'), zlib.gzipSync(Buffer.from(SMALL)));
  fs.writeFileSync(path.join(dir, 'disguised.csv'), zlib.gzipSync(Buffer.from(SMALL)));
  for (const f of ['g.csv.gz', 'disguised.csv']) {
    const t = loadCsv(path.join(dir, f));
    assert.equal(t.report.compression, 'gzip');
    assert.deepEqual(cat(t, 'name'), ['anne', 'bob', 'carla']);
    assert.deepEqual(num(t, 'amount'), num(plain, 'amount'));
  }
  assert.equal(plain.report.compression, null);
});

test('a truncated gzip file is a DataError that says so', () => {
  const dir = tmpDir();
  const gz = zlib.gzipSync(Buffer.from(SMALL.repeat(50)));
  fs.writeFileSync(path.join(dir, 'cut.csv.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
  assert.match(dataError(() => loadCsv(path.join(dir, 'cut.csv.gz'))).message, /gzip .*cannot be decompressed/);
});

test('UTF-16 text with a byte-order mark (little and big endian) is decoded; without a BOM it is refused clearly', () => {
  const dir = tmpDir();
  const text = 'name;city\nZoë;Zürich\nŁukasz;Kraków\n';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const beBody = Buffer.from(text, 'utf16le');
  for (let i = 0; i < beBody.length; i += 2) { const a = beBody[i]; beBody[i] = beBody[i + 1]; beBody[i + 1] = a; }
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]);
  fs.writeFileSync(path.join(dir, 'le.csv'), le);
  fs.writeFileSync(path.join(dir, 'be.csv'), be);
  for (const [f, enc] of [['le.csv', 'utf-16le'], ['be.csv', 'utf-16be']] as const) {
    // small chunks: characters and byte pairs split across chunk boundaries
    const t = loadCsv(path.join(dir, f), { chunkBytes: 17 });
    assert.equal(t.report.encoding, enc);
    assert.deepEqual(cat(t, 'name'), ['Zoë', 'Łukasz']);
    assert.deepEqual(cat(t, 'city'), ['Zürich', 'Kraków']);
  }
  fs.writeFileSync(path.join(dir, 'nobom.csv'), Buffer.from(text, 'utf16le'));
  assert.match(dataError(() => loadCsv(path.join(dir, 'nobom.csv'))).message, /UTF-16 .*without a byte-order mark.*save it as UTF-8/);
});

test('duplicated column names are renamed and reported in the load report, with their positions', () => {
  const t = parseCsv('id,score,name,score,score\n1,2,a,3,4\n2,5,b,6,7\n');
  assert.deepEqual(t.columns.map((c) => c.name), ['id', 'score', 'name', 'score_2', 'score_3']);
  assert.equal(t.report.warnings.length, 1);
  assert.match(t.report.warnings[0], /"score" appears 3 times in the header \(columns 2, 4, 5\).*"score_2", "score_3"/);
  assert.deepEqual(parseCsv('a,b\n1,2\n').report.warnings, []);
});

test('a numeric column holding blank-space strings reads them as missing (demo table blank-spaces.csv)', () => {
  const demo = demoTables().find((d) => d.name === 'blank-spaces.csv')!;
  // independent count: the rows whose monthly_spend field is a quoted run of spaces
  const blanks = demo.text.split('\n').slice(1).filter((l) => l && /^[^,]*,[^,]*,"\s+",/.test(l)).length;
  assert.ok(blanks > 5, `the demo table should hold blank-space strings, found ${blanks}`);
  const t = parseCsv(demo.text);
  const v = num(t, 'monthly_spend');
  assert.equal(t.columns.find((c) => c.name === 'monthly_spend')!.kind, 'numeric');
  assert.equal(v.filter((x) => Number.isNaN(x)).length, blanks);
});

test('a CRLF numbers-only table of 300 rows is read with every column numeric (demo table web-metrics-crlf.csv)', () => {
  const demo = demoTables().find((d) => d.name === 'web-metrics-crlf.csv')!;
  assert.equal(demo.text.split('\r\n').length - 2, 300);
  const t = parseCsv(demo.text);
  assert.equal(t.report.lineEnding, 'CRLF');
  assert.equal(t.nRows, 300);
  assert.ok(t.columns.every((c) => c.kind === 'numeric'));
});

test("seglab's own errors print as one line without a stack (how a notebook kernel shows them)", () => {
  const e = new DataError('column "age" in row 3 of x.csv is "abc", expected a number', 'x.csv', 3, 'age', 'abc');
  assert.equal(inspect(e), 'DataError: column "age" in row 3 of x.csv is "abc", expected a number');
  assert.equal(inspect(new ValidationError('k=0 should be >= 1')), 'ValidationError: k=0 should be >= 1');
  assert.match(inspect(new TypeError('a bug')), /at /, 'other errors keep their stack');
});
