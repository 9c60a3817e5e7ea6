/**
 * SQL of the generic steps of issue 11 (DerivedFeatures, MissingIndicator, OrdinalEncoder, RareCategoryGrouper):
 * on a few hand-made rows, the values DuckDB computes from the SQL equal values derived by hand here, and so does
 * the JS step's transform of the same rows.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { isNumeric, type Table } from '../../src/data/table';
import type { TableStep } from '../../src/features/types';
import { DerivedFeatures } from '../../src/features/derived-features';
import { MissingIndicator } from '../../src/features/missing-indicator';
import { OrdinalEncoder } from '../../src/features/ordinal-encoder';
import { RareCategoryGrouper } from '../../src/features/rare-category-grouper';
import { OneHotEncoder } from '../../src/features/one-hot-encoder';
import { sqlDialect } from '../../src/sql/dialect';
import { expressionSql } from '../../src/sql/expression';
import { parseExpression } from '../../src/features/expression';
import { cat, frozen, num } from '../features/fixtures';
import { categories, closeEngine, runSteps } from './helpers';

after(closeEngine);

type Expected = Record<string, Array<number | string | null>>;

/** Column values of a table: numbers (NaN → null) or category texts (missing → null). */
function valuesOf(t: Table, name: string): Array<number | string | null> {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `no column ${name} (columns: ${t.columns.map((x) => x.name).join(', ')})`);
  return isNumeric(c) ? Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)) : categories(t, name);
}

/** Fit in JS on `train`; then SQL (DuckDB) and JS on `rows` must both give `expected` (to `tol` relative) and the same column order. */
async function check(steps: TableStep[], train: Table, rows: Table, expected: Expected, columns: string[], tol = 0): Promise<void> {
  let t = train;
  for (const s of steps) t = s.fitTransform(t);
  let js = rows;
  for (const s of steps) js = s.transform(js);
  const sql = await runSteps(rows, steps.map((s) => s.toJSON()));
  assert.deepEqual(sql.columns.map((c) => c.name), columns, 'SQL column order');
  assert.deepEqual(js.columns.map((c) => c.name), columns, 'JS column order');
  for (const [name, want] of Object.entries(expected)) {
    for (const [who, table] of [['SQL', sql], ['JS', js]] as const) {
      const got = valuesOf(table, name);
      want.forEach((w, i) => {
        const g = got[i];
        if (typeof w === 'number' && typeof g === 'number' && tol > 0) assert.ok(Math.abs(g - w) <= tol * Math.abs(w), `${who} ${name} row ${i}: ${g}, expected ${w} (relative tolerance ${tol})`);
        else assert.ok(Object.is(g, w) || (g === 0 && w === 0), `${who} ${name} row ${i}: ${g}, expected ${w}`);
      });
    }
  }
}

test('DerivedFeatures SQL: + − × ÷ exactly, a division by zero and a missing input give NULL, a later feature reads an earlier one', async () => {
  const rows = frozen(num('spend', [120, 50, 0, 7, NaN]), num('orders', [4, 0, 3, 2, 5]), cat('tier', ['a', 'b', 'a', 'b', 'a']));
  const step = new DerivedFeatures({ features: [
    { name: 'per_order', expr: 'spend / orders' },
    { name: 'mix', expr: '-(spend - 2 * orders) + per_order * 0.5' },
  ] });
  // by hand: per_order = 30, ÷0, 0, 3.5, missing; mix = −(120 − 8) + 15 = −97, missing (per_order), −(0 − 6) + 0 = 6, −(7 − 4) + 1.75 = −1.25, missing
  await check([step], rows, rows, { per_order: [30, null, 0, 3.5, null], mix: [-97, null, 6, -1.25, null] }, ['spend', 'orders', 'tier', 'per_order', 'mix']);
});

test('DerivedFeatures SQL: log1p is NULL at or below −1 and agrees with Math.log1p to 1e-15 relative, also for tiny arguments', async () => {
  const rows = frozen(num('x', [0, Math.E - 1, -1, -2, 1e-12, 3]));
  const step = new DerivedFeatures({ features: [{ name: 'lx', expr: 'log1p(x)' }, { name: 'l2', expr: 'log1p(x / 2) * 2' }] });
  // by hand: log1p(0) = 0, log1p(e − 1) = 1, log1p(−1) = −∞ (missing), log1p(−2) missing, log1p(1e-12) ≈ 1e-12 − 5e-25, log1p(3) = ln 4
  // l2 = 2·log1p(x/2): 0, 2·ln((e+1)/2), 2·ln(1/2), missing (x/2 = −1), 2·(5e-13 − 1.25e-25), 2·ln(2.5)
  await check([step], rows, rows, {
    lx: [0, 1, null, null, 1e-12 - 5e-25, Math.log(4)],
    l2: [0, 2 * Math.log((Math.E + 1) / 2), 2 * Math.log(0.5), null, 1e-12 - 2.5e-25, 2 * Math.log(2.5)],
  }, ['x', 'lx', 'l2'], 1e-15);
});

test('expressionSql marks expressions with log1p as inexact, others as exact, and refuses a non-finite number', () => {
  const d = sqlDialect('duckdb');
  const col = (n: string) => d.ident(n);
  assert.equal(expressionSql(parseExpression('a / b'), col, d).sql, '(CASE WHEN "b" <> 0E0 THEN "a" / "b" END)');
  assert.equal(expressionSql(parseExpression('a * 2 - b'), col, d).exact, true);
  assert.equal(expressionSql(parseExpression('log1p(a)'), col, d).exact, false);
  assert.throws(() => expressionSql({ num: Infinity }, col, d), /the number Infinity/);
  assert.throws(() => expressionSql({ fn: 'exp' as 'log1p', arg: { num: 1 } }, col, d), /unknown function "exp"/);
});

test('DerivedFeatures SQL refuses a categorical input column by name', async () => {
  const rows = frozen(num('spend', [1, 2]), cat('tier', ['a', 'b']));
  const step = new DerivedFeatures({ features: [{ name: 'bad', expr: 'spend * tier' }] });
  await assert.rejects(runSteps(rows, [{ ...step.toJSON(), state: { trees: step.trees } }]), /DerivedFeatures \(feature "bad" = spend \* tier\) needs column "tier" numeric, it is categorical/);
});

test('MissingIndicator SQL: a 0/1 flag right after each column missing in more than the threshold at fit time', async () => {
  // income missing in 2 of 8 rows (25 %), region in 1 of 8 (12.5 %), age never: threshold 0.2 flags income only
  const train = frozen(
    num('age', [30, 41, 52, 23, 35, 60, 44, 29]),
    num('income', [NaN, 40, 55, NaN, 31, 70, 45, 38]),
    cat('region', ['n', 's', null, 'n', 's', 'n', 'e', 's']),
  );
  const rows = frozen(num('age', [30, NaN, 50]), num('income', [12, NaN, NaN]), cat('region', [null, 'n', 's']));
  await check([new MissingIndicator({ threshold: 0.2 })], train, rows, { income_missing: [0, 1, 1], income: [12, null, null], age: [30, null, 50] }, ['age', 'income', 'income_missing', 'region']);
  // threshold 0.1 also flags the categorical column, with another suffix
  await check([new MissingIndicator({ threshold: 0.1, suffix: '_na' })], train, rows, { income_na: [0, 1, 1], region_na: [1, 0, 0] }, ['age', 'income', 'income_na', 'region', 'region_na']);
});

test('OrdinalEncoder SQL: ranks from 0 in the stated order; missing values and levels outside the order give NULL', async () => {
  const train = frozen(cat('tier', ['bronze', 'gold', 'silver', 'platinum']), num('x', [1, 2, 3, 4]), cat('size', ['S', 'L', 'M', 'S']));
  const rows = frozen(cat('tier', ['gold', null, 'bronze', 'platinum', 'wood']), num('x', [1, 2, 3, 4, 5]), cat('size', ['L', 'M', 'S', null, 'XL']));
  const step = new OrdinalEncoder({ orders: { tier: ['bronze', 'silver', 'gold', 'platinum'], size: ['S', 'M', 'L'] } });
  await check([step], train, rows, { tier: [2, null, 0, 3, null], size: [2, 1, 0, null, null], x: [1, 2, 3, 4, 5] }, ['tier', 'x', 'size']);
});

test('RareCategoryGrouper SQL: levels under the share at fit time and unseen levels become "other", missing stays missing, then one-hot as JS', async () => {
  // region: n 5, s 4, islands 1 of 10 present (10 % < 15 %); channel has no rare level and is left alone
  const train = frozen(
    cat('region', ['n', 's', 'n', 'islands', 's', 'n', null, 's', 'n', 'n', 's']),
    cat('channel', ['web', 'shop', 'web', 'shop', 'web', 'shop', 'web', 'shop', 'web', 'shop', 'web']),
  );
  const rows = frozen(cat('region', ['islands', 'n', null, 'mars', 's']), cat('channel', ['web', 'phone', null, 'shop', 'web']));
  await check([new RareCategoryGrouper({ minShare: 0.15 })], train, rows,
    { region: ['other', 'n', null, 'other', 's'], channel: ['web', 'phone', null, 'shop', 'web'] }, ['region', 'channel']);
  await check([new RareCategoryGrouper({ minShare: 0.15, other: 'rest' })], train, rows, { region: ['rest', 'n', null, 'rest', 's'] }, ['region', 'channel']);
  // followed by one-hot: region=n, region=other, region=s (levels sorted), channel=web (binary: one column kept)
  await check([new RareCategoryGrouper({ minShare: 0.15 }), new OneHotEncoder({ handleUnknown: 'ignore', drop: 'if_binary' })], train, rows, {
    'region=n': [0, 1, 0, 0, 0], 'region=other': [1, 0, 0, 1, 0], 'region=s': [0, 0, 0, 0, 1],
  }, ['region=n', 'region=other', 'region=s', 'region=<missing>', 'channel=web']);
});
