import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { isNumeric, type Table } from '../../src/data/table';
import type { StepJSON, TableStep } from '../../src/features/types';
import { SimpleImputer } from '../../src/features/simple-imputer';
import { SentinelExpander } from '../../src/features/sentinel-expander';
import { YeoJohnsonTransformer } from '../../src/features/yeo-johnson';
import { Log1pTransformer } from '../../src/features/log1p-transformer';
import { QuantileClipper } from '../../src/features/quantile-clipper';
import { StandardScaler } from '../../src/features/standard-scaler';
import { RobustScaler } from '../../src/features/robust-scaler';
import { MinMaxScaler } from '../../src/features/min-max-scaler';
import { OneHotEncoder } from '../../src/features/one-hot-encoder';
import { FeatureSelector } from '../../src/features/feature-selector';
import { ColumnDropper } from '../../src/features/column-dropper';
import { TablePipeline } from '../../src/features/table-pipeline';
import { ColumnTransformer } from '../../src/features/column-transformer';
import { FeatureEngineer } from '../../src/features/engineered/engineer';
import { generateBankCustomers } from '../../src/data/synthetic-bank';
import { generateCardCustomers } from '../../src/data/synthetic-cc';
import { registerStepSql, translateStep } from '../../src/sql/step-registry';
import { sqlDialect } from '../../src/sql/dialect';
import { spliceStage } from '../../src/sql/relation';
import { cat, frozen, num } from '../features/fixtures';
import { closeEngine, runSteps } from './helpers';

after(closeEngine);

/** Fit the steps in JS on `train`, then check that their SQL gives on `test` what their JS transform gives. */
async function sameAsJs(steps: TableStep[], train: Table, test: Table = train, relTol = 0): Promise<Table> {
  let t = train;
  for (const s of steps) t = s.fitTransform(t);
  let expected = test;
  for (const s of steps) expected = s.transform(expected);
  const got = await runSteps(test, steps.map((s) => s.toJSON()));
  assert.deepEqual(got.columns.map((c) => c.name), expected.columns.map((c) => c.name), 'column names and order');
  expected.columns.forEach((e, j) => {
    const g = got.columns[j];
    if (isNumeric(e)) {
      assert.ok(isNumeric(g), `column ${e.name} should be numeric`);
      const gv = (g as { values: Float64Array }).values;
      for (let i = 0; i < test.nRows; i++) {
        const a: number = gv[i], b: number = e.values[i];
        if (Number.isNaN(b)) { assert.ok(Number.isNaN(a), `${e.name} row ${i}: SQL ${a}, JS NaN`); continue; }
        if (relTol === 0) assert.ok(Object.is(a, b) || (a === 0 && b === 0), `${e.name} row ${i}: SQL ${a}, JS ${b}`);
        else assert.ok(Math.abs(a - b) <= relTol * Math.max(1, Math.abs(b)), `${e.name} row ${i}: SQL ${a}, JS ${b}`);
      }
    } else {
      assert.ok(!isNumeric(g), `column ${e.name} should be categorical`);
      const gc = g as { codes: Int32Array; levels: readonly string[] };
      for (let i = 0; i < test.nRows; i++) {
        const a: string | null = gc.codes[i] < 0 ? null : gc.levels[gc.codes[i]];
        const b: string | null = e.codes[i] < 0 ? null : e.levels[e.codes[i]];
        assert.equal(a, b, `${e.name} row ${i}`);
      }
    }
  });
  return got;
}

const mixed = () => frozen(
  num('age', [25, NaN, 47, 33, 61, 25, NaN, 52]),
  num('pdays', [999, 3, NaN, 999, 12, 6, 999, 1]),
  num('gone', [NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN]),
  cat('job', ['admin', null, 'tech', 'admin', 'tech', 'retired', null, 'admin']),
);

test('SimpleImputer SQL fills as the JS step: median, most frequent level, an all-missing column dropped', async () => {
  await sameAsJs([new SimpleImputer({ strategy: 'median', allMissing: 'drop' }), new SimpleImputer({ strategy: 'most_frequent', columns: 'categorical' })], mixed());
  await sameAsJs([new SimpleImputer({ strategy: 'mean', columns: ['age'] })], mixed());
});

test('SentinelExpander SQL gives the flag and the value with the fitted fill, NULL staying NULL', async () => {
  await sameAsJs([new SentinelExpander({ column: 'pdays', fill: 'median', keepOriginal: true })], mixed());
  await sameAsJs([new SentinelExpander({ column: 'pdays', fill: 'nan' })], mixed());
});

test('Yeo–Johnson and log1p SQL (LN/EXP) agree with the JS transforms to 1e-12, negatives and NULLs included', async () => {
  const t = frozen(num('x', [-3, -0.5, 0, 0.2, 4, 15, NaN, 120, 7, 2]), num('y', [1, 2, 3, 4, 100, 1000, 5, 6, 7, NaN]));
  await sameAsJs([new YeoJohnsonTransformer({ standardize: false })], t, t, 1e-12);
  await sameAsJs([new YeoJohnsonTransformer({ standardize: true })], t, t, 1e-12);
  await sameAsJs([new Log1pTransformer({ signed: true, columns: ['x'] })], t, t, 1e-12);
  await sameAsJs([new Log1pTransformer({ columns: ['y'] })], t, t, 1e-12);
});

test('clipper and scalers SQL are bit-identical to JS (constant column scaled by 1)', async () => {
  const t = frozen(num('a', [1, 5, 2, 9, NaN, 4, 100, -3]), num('c', [2, 2, 2, 2, 2, 2, 2, 2]));
  await sameAsJs([new QuantileClipper({ lower: 0.1, upper: 0.8 })], t);
  await sameAsJs([new StandardScaler()], t);
  await sameAsJs([new RobustScaler()], t);
  await sameAsJs([new MinMaxScaler({ featureRange: [-1, 1] })], t);
});

test('OneHotEncoder SQL: fitted levels, missing indicator, binary drop, unseen levels to zeros or to <infrequent>', async () => {
  const train = frozen(cat('job', ['a', 'b', 'a', null, 'c', 'a', 'b', 'd']), cat('flag', ['yes', 'no', 'no', 'yes', 'no', 'yes', 'no', 'no']));
  const test = frozen(cat('job', ['a', 'zz', null, 'c', 'd', 'b', 'zz', 'a']), cat('flag', ['no', 'yes', 'maybe', null, 'no', 'no', 'yes', 'yes']));
  await sameAsJs([new OneHotEncoder({ drop: 'if_binary' })], train, test);
  await sameAsJs([new OneHotEncoder({ handleUnknown: 'infrequent', minFrequency: 2 })], train, test);
  await sameAsJs([new OneHotEncoder({ handleMissing: 'zeros' })], train, test);
});

test('FeatureSelector, ColumnDropper, TablePipeline and ColumnTransformer SQL keep and order columns as JS', async () => {
  const t = generateBankCustomers({ n: 400, seed: 3 });
  const numeric = new TablePipeline({ steps: [new SimpleImputer({ strategy: 'median' }), new StandardScaler()] });
  await sameAsJs([new ColumnDropper({ columns: ['y', 'segment'] }), numeric, new OneHotEncoder(), new FeatureSelector({ varianceThreshold: 0.05, correlationThreshold: 0.7 })], t);
  const ct = () => new ColumnTransformer({
    routes: [
      { name: 'num', columns: ['age', 'campaign', 'pdays'], steps: [new SentinelExpander({ column: 'pdays' }), new SimpleImputer({ strategy: 'median' }), new StandardScaler()] },
      { name: 'cat', columns: ['job', 'marital'], steps: [new OneHotEncoder()] },
    ],
    remainder: 'drop',
  });
  await sameAsJs([ct()], t);
  await sameAsJs([new ColumnTransformer({ routes: [{ name: 'scaled', columns: 'numeric', steps: [new MinMaxScaler()] }], remainder: 'passthrough' })], t);
});

test('FeatureEngineer SQL computes every engineered feature of the three sets as JS (exact; LN-based ones to 1e-12)', async () => {
  const cc = generateCardCustomers({ n: 600, seed: 4 });
  await sameAsJs([new FeatureEngineer({ set: 'credit-card' })], cc);
  const bank = generateBankCustomers({ n: 600, seed: 5 });
  const exact = new FeatureEngineer({ set: 'bank-additional', includeDuration: true, exclude: ['engagement_score'] });
  await sameAsJs([exact], bank);
  await sameAsJs([new FeatureEngineer({ set: 'bank-additional', includeDuration: true })], bank, bank, 1e-12);
  // bank.csv-like: a balance (negative and missing values), pdays with the −1 sentinel
  const balance = Float64Array.from({ length: 600 }, (_, i) => (i % 37 === 0 ? NaN : ((i * 7919) % 5000) - 800));
  const pdays = Float64Array.from({ length: 600 }, (_, i) => (i % 5 === 0 ? (i % 3) * 9 + 1 : -1));
  const kaggle: Table = { nRows: 600, columns: [...bank.columns.filter((c) => c.name !== 'pdays'), { kind: 'numeric', name: 'balance', values: balance }, { kind: 'numeric', name: 'pdays', values: pdays }] };
  await sameAsJs([new FeatureEngineer({ set: 'bank-kaggle', includeDuration: true, exclude: ['balance_log'] })], kaggle);
  await sameAsJs([new FeatureEngineer({ set: 'bank-kaggle', includeDuration: true })], kaggle, kaggle, 1e-12);
});

test('a step type without SQL is refused by name, and registerStepSql adds one', async () => {
  const d = sqlDialect('duckdb');
  const json: StepJSON = { type: 'MissingFlagger', options: { columns: ['age'] }, state: { fitted: true } };
  assert.throws(() => translateStep(json, [{ name: 'age', kind: 'numeric' }], d), /the pipeline step "MissingFlagger" has no SQL translation[\s\S]*supported steps: .*OneHotEncoder/);
  registerStepSql('MissingFlagger', (j, input, ctx) => [spliceStage(input, new Map(), ctx.d, [{ name: 'age_missing', kind: 'numeric', expr: `(CASE WHEN ${ctx.d.ident('age')} IS NULL THEN 1E0 ELSE 0E0 END)` }])]);
  const got = await runSteps(mixed(), [json]);
  assert.deepEqual(Array.from((got.columns.find((c) => c.name === 'age_missing') as { values: Float64Array }).values), [0, 1, 0, 0, 0, 0, 1, 0]);
  assert.throws(() => translateStep({ type: 'StandardScaler', options: {}, state: null }, [], d), /saved before fitting/);
});
