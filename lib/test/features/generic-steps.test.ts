import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateExpression, expressionColumns, expressionText, parseExpression } from '../../src/features/expression';
import { DerivedFeatures } from '../../src/features/derived-features';
import { MissingIndicator } from '../../src/features/missing-indicator';
import { RareCategoryGrouper } from '../../src/features/rare-category-grouper';
import { OrdinalEncoder } from '../../src/features/ordinal-encoder';
import { stepFromJSON } from '../../src/features/registry';
import { buildPipeline, DatasetPipeline, pipelineSpecOf } from '../../src/features/presets';
import { parseCsv } from '../../src/data/csv';
import { specFromJSON } from '../../src/data/spec-file';
import { inferSpec } from '../../src/data/infer-schema';
import { prepareTable } from '../../src/data/prepare-table';
import { demoTables } from '../../src/data/fixtures/demo-tables';
import { DATASETS } from '../../src/data/registry';
import { generateCardCustomers } from '../../src/data/synthetic-cc';
import { ValidationError } from '../../src/core/errors';
import type { CategoricalColumn, NumericColumn, Table } from '../../src/data/table';

const num = (t: Table, name: string): number[] => Array.from((t.columns.find((c) => c.name === name) as NumericColumn).values);
const T: Table = {
  nRows: 4,
  columns: [
    { kind: 'numeric', name: 'spend', values: Float64Array.from([100, 50, NaN, 30]) },
    { kind: 'numeric', name: 'orders', values: Float64Array.from([4, 0, 2, 3]) },
    { kind: 'numeric', name: 'emp.var.rate', values: Float64Array.from([1.1, -1.8, 0, 1.4]) },
    { kind: 'categorical', name: 'tier', codes: Int32Array.from([0, 1, 2, -1]), levels: ['bronze', 'gold', 'silver'] },
  ],
};

test('parseExpression builds a plain-JSON tree with the usual precedence; expressionText prints it back', () => {
  const e = parseExpression('log1p(spend / orders) - 2 * -emp.var.rate');
  assert.deepEqual(e, {
    op: '-',
    a: { fn: 'log1p', arg: { op: '/', a: { col: 'spend' }, b: { col: 'orders' } } },
    b: { op: '*', a: { num: 2 }, b: { neg: { col: 'emp.var.rate' } } },
  });
  assert.deepEqual(JSON.parse(JSON.stringify(e)), e);
  assert.deepEqual(expressionColumns(e), ['spend', 'orders', 'emp.var.rate']);
  assert.equal(expressionText(parseExpression('(a + b) * c / (d - e)')), '(a + b) * c / (d - e)');
  assert.deepEqual(parseExpression('"monthly spend" / `n of orders`'), { op: '/', a: { col: 'monthly spend' }, b: { col: 'n of orders' } });
});

test('parseExpression refuses anything but numbers, columns, + - * /, parentheses and log1p, naming the position', () => {
  assert.throws(() => parseExpression('process.exit(1)'), /unknown function "process.exit" at position 1; the only function is log1p/);
  assert.throws(() => parseExpression('a ** 2'), /unexpected "\*" at position 4/);
  assert.throws(() => parseExpression('a; b'), /unexpected character ";" at position 2/);
  assert.throws(() => parseExpression('(a + b'), /expected a closing parenthesis at the end/);
  assert.throws(() => parseExpression('a b'), /unexpected "b" at position 3 .*an operator missing/);
  assert.throws(() => parseExpression(''), /empty/);
});

test('evaluateExpression: values by hand, NaN for missing inputs, a zero divisor and log1p below -1', () => {
  const cols = { spend: Float64Array.from([100, 50, NaN, 30]), orders: Float64Array.from([4, 0, 2, 3]) };
  const v = evaluateExpression(parseExpression('spend / orders + 1'), cols, 4);
  assert.deepEqual(Array.from(v), [26, NaN, NaN, 11]);
  const l = evaluateExpression(parseExpression('log1p(orders - 3)'), cols, 4);
  assert.ok(Math.abs(l[0] - Math.log(2)) < 1e-15);
  assert.deepEqual([l[1], l[2], l[3]], [NaN, NaN, 0]); // log1p(-3) undefined; log1p(-1) = -Infinity, not finite
});

test('DerivedFeatures adds the features after the columns, may chain them, refuses unknown or text columns, and round-trips', () => {
  const step = new DerivedFeatures({ features: [{ name: 'per_order', expr: 'spend / orders' }, { name: 'twice', expr: '2 * per_order' }] });
  const out = step.fitTransform(T);
  assert.deepEqual(out.columns.map((c) => c.name), ['spend', 'orders', 'emp.var.rate', 'tier', 'per_order', 'twice']);
  assert.deepEqual(num(out, 'per_order'), [25, NaN, NaN, 10]);
  assert.deepEqual(num(out, 'twice'), [50, NaN, NaN, 20]);
  const back = stepFromJSON(JSON.parse(JSON.stringify(step.toJSON())));
  assert.deepEqual(num(back.transform(T), 'twice'), [50, NaN, NaN, 20]);
  assert.throws(() => new DerivedFeatures({ features: [{ name: 'x', expr: 'spend / nope' }] }).fit(T), /no column "nope" \(numeric columns: spend, orders, emp.var.rate\)/);
  assert.throws(() => new DerivedFeatures({ features: [{ name: 'x', expr: 'tier + 1' }] }).fit(T), /column "tier" is categorical, not numeric/);
  assert.throws(() => new DerivedFeatures({ features: [{ name: 'spend', expr: 'orders' }] }).fit(T), ValidationError);
});

test('MissingIndicator flags columns with more than the threshold missing, right after them, and round-trips', () => {
  const step = new MissingIndicator({ threshold: 0.2 });
  const out = step.fitTransform(T);
  // spend 1/4 = 25 % missing > 20 %, tier 25 % > 20 %; orders none
  assert.deepEqual(step.flaggedColumns, ['spend', 'tier']);
  assert.deepEqual(out.columns.map((c) => c.name), ['spend', 'spend_missing', 'orders', 'emp.var.rate', 'tier', 'tier_missing']);
  assert.deepEqual(num(out, 'spend_missing'), [0, 0, 1, 0]);
  assert.deepEqual(num(out, 'tier_missing'), [0, 0, 0, 1]);
  assert.deepEqual(new MissingIndicator({ threshold: 0.3 }).fit(T).flaggedColumns, []);
  const back = stepFromJSON(JSON.parse(JSON.stringify(step.toJSON())));
  assert.deepEqual(num(back.transform(T), 'spend_missing'), [0, 0, 1, 0]);
});

test('RareCategoryGrouper groups levels under the share into "other", unseen levels too, and round-trips', () => {
  const codes = Int32Array.from({ length: 100 }, (_, i) => (i < 60 ? 0 : i < 99 ? 1 : 2));
  const t: Table = { nRows: 100, columns: [{ kind: 'categorical', name: 'region', codes, levels: ['north', 'south', 'islands'] }] };
  const step = new RareCategoryGrouper({ minShare: 0.02 }).fit(t);
  assert.deepEqual(step.keptLevels, { region: ['north', 'south'] });
  const out = step.transform(t).columns[0] as CategoricalColumn;
  assert.deepEqual(out.levels, ['north', 'other', 'south']);
  assert.equal(out.levels[out.codes[99]], 'other');
  const fresh: Table = { nRows: 2, columns: [{ kind: 'categorical', name: 'region', codes: Int32Array.from([0, 1]), levels: ['moon', 'north'] }] };
  const back = stepFromJSON(JSON.parse(JSON.stringify(step.toJSON())));
  const f = back.transform(fresh).columns[0] as CategoricalColumn;
  assert.deepEqual(Array.from(f.codes, (k) => f.levels[k]), ['other', 'north']);
});

test('OrdinalEncoder ranks the levels in the given order, missing and unknown levels as NaN', () => {
  const step = new OrdinalEncoder({ orders: { tier: ['bronze', 'silver', 'gold'] } });
  assert.deepEqual(num(step.fitTransform(T), 'tier'), [0, 2, 1, NaN]);
  const back = stepFromJSON(JSON.parse(JSON.stringify(step.toJSON())));
  assert.deepEqual(num(back.transform(T), 'tier'), [0, 2, 1, NaN]);
  assert.throws(() => new OrdinalEncoder({ orders: { tier: ['only'] } }), /at least two levels/);
});

test('the generic pipeline of an inferred spec: sentinel flag, ranks, missing flags, no target or id; a JSON round trip reproduces the matrix', () => {
  const demo = demoTables().find((d) => d.name === 'bank-full-like.csv')!;
  const raw = parseCsv(demo.text);
  const spec = inferSpec(raw, specFromJSON({ file: 'bank-full-like.csv' })).spec;
  const table = prepareTable(raw, spec).table;
  const ps = pipelineSpecOf(spec);
  assert.deepEqual(ps.expand, [{ column: 'pdays', sentinel: -1, flag: 'has_pdays', value: 'pdays', fill: 'median' }]);
  assert.deepEqual(ps.ordinal, { education: ['primary', 'secondary', 'tertiary'] });
  assert.equal(ps.missingFlags, 0.05);
  const p = buildPipeline(spec).fit(table);
  const types = p.pipeline.options.steps.map((s) => s.toJSON().type);
  assert.deepEqual(types, ['ColumnDropper', 'SentinelExpander', 'OrdinalEncoder', 'MissingIndicator', 'SimpleImputer', 'SimpleImputer', 'RareCategoryGrouper', 'YeoJohnsonTransformer', 'StandardScaler', 'OneHotEncoder', 'FeatureSelector']);
  assert.ok(!p.featureNames.some((f) => /^y(=|$)/.test(f)), 'the target is never a feature');
  assert.ok(p.X.data.every(Number.isFinite));
  const back = DatasetPipeline.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
  const again = back.transform(table).X.data;
  assert.ok(again.every((v, i) => Object.is(v, p.X.data[i])));
});

test('a spec\'s derived features enter the pipeline first and are saved with it', () => {
  const spec = specFromJSON({ file: 'x.csv', columns: { spend: { role: 'numeric' }, orders: { role: 'numeric' }, 'emp.var.rate': { role: 'numeric' }, tier: { role: 'ordinal', levels: ['bronze', 'silver', 'gold'] } }, derived: [{ name: 'per_order', expr: 'spend / orders' }] });
  const p = buildPipeline(spec, { selection: false }).fit(T);
  assert.equal(p.derived!.added[0], 'per_order');
  assert.ok(p.featureNames.includes('per_order'));
});

test('the built-in specs give exactly the pipelines the project had before specs (bank-kaggle: pdays dropped where the engineered set encodes it)', () => {
  const t = generateCardCustomers({ n: 400, seed: 3 });
  const fromSpec = buildPipeline(DATASETS['synthetic-cc']).fit(t);
  const legacy = buildPipeline({ id: 'synthetic-cc', featureSet: 'auto', target: 'auto', drop: ['CUST_ID', 'segment'], prefer: [] }).fit(t);
  assert.deepEqual(fromSpec.featureNames, legacy.featureNames);
  assert.ok(fromSpec.X.data.every((v, i) => Object.is(v, legacy.X.data[i])));
  const kaggle = pipelineSpecOf(DATASETS['bank-kaggle']);
  assert.deepEqual(kaggle.expand!.map((e) => e.flag), ['contacted_before']);
});
