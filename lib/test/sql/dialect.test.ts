import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { doubleLiteral, sqlDialect } from '../../src/sql/dialect';
import { queryRows } from '../../src/scale/duckdb';
import { closeEngine, engine } from './helpers';

after(closeEngine);

test('doubleLiteral writes the shortest exponent form, negatives in parentheses', () => {
  assert.equal(doubleLiteral(0.1), '1E-1');
  assert.equal(doubleLiteral(-2.5), '(-2.5E0)');
  assert.equal(doubleLiteral(5191), '5.191E3');
  assert.equal(doubleLiteral(-0), '0E0');
  assert.throws(() => doubleLiteral(NaN), /cannot write NaN/);
  assert.throws(() => doubleLiteral(Infinity), /cannot write Infinity/);
});

test('DuckDB reads every literal back as exactly the same double (1,000 random values over 40 orders of magnitude)', async () => {
  const s = await engine();
  let x = 12345;
  const values: number[] = [];
  for (let i = 0; i < 1000; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    values.push((x / 2147483648 - 0.5) * Math.pow(10, (i % 40) - 20));
  }
  values.push(Number.MIN_VALUE, Number.MAX_VALUE, 2 ** 53 + 2, 1 / 3);
  const d = sqlDialect('duckdb');
  const rows = await queryRows(s.conn, `SELECT ${values.map((v, i) => `${d.num(v)} AS v${i}`).join(', ')}`);
  values.forEach((v, i) => assert.ok(Object.is(rows[0][`v${i}`], v), `value ${v} came back as ${rows[0][`v${i}`]}`));
});

test('each dialect quotes identifiers and strings its own way', () => {
  assert.equal(sqlDialect('duckdb').ident('a"b'), '"a""b"');
  assert.equal(sqlDialect('spark').ident('emp.var.rate'), '`emp.var.rate`');
  assert.equal(sqlDialect('spark').str("it's a\\b"), "'it\\'s a\\\\b'");
  assert.equal(sqlDialect('ansi').str("it's"), "'it''s'");
  assert.equal(sqlDialect('ansi').least(['a', 'b', 'c']), 'CASE WHEN c < CASE WHEN b < a THEN b ELSE a END THEN c ELSE CASE WHEN b < a THEN b ELSE a END END');
  assert.equal(sqlDialect('duckdb').least(['a', 'b']), 'LEAST(a, b)');
  assert.throws(() => sqlDialect('oracle'), /unknown SQL dialect "oracle"; choose from duckdb, spark, ansi/);
});
