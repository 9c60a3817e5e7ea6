import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnTransformer } from '../../src/features/column-transformer';
import { TablePipeline } from '../../src/features/table-pipeline';
import { FeaturePipeline } from '../../src/features/feature-pipeline';
import { SimpleImputer } from '../../src/features/simple-imputer';
import { StandardScaler } from '../../src/features/standard-scaler';
import { OneHotEncoder } from '../../src/features/one-hot-encoder';
import { YeoJohnsonTransformer } from '../../src/features/yeo-johnson';
import { SentinelExpander } from '../../src/features/sentinel-expander';
import { tableToMatrix } from '../../src/features/table-to-matrix';
import { stepFromJSON } from '../../src/features/registry';
import { NotFittedError, ValidationError } from '../../src/core/errors';
import { toRows } from '../../src/core/matrix';
import { assertUnchanged, cat, close, frozen, num, snapshot, values } from './fixtures';

const train = () => frozen(
  num('age', [30, 40, NaN, 50]), num('pdays', [999, 3, 999, 10]), cat('job', ['admin', 'tech', 'tech', null]), num('id', [1, 2, 3, 4]),
);

test('ColumnTransformer routes columns to their steps, then passes the remainder through', () => {
  const t = train();
  const snap = snapshot(t);
  const ct = new ColumnTransformer({
    routes: [
      { name: 'num', columns: ['age'], steps: [new SimpleImputer({ strategy: 'mean' }), new StandardScaler()] },
      { name: 'cat', columns: 'categorical', steps: [new OneHotEncoder()] },
    ],
  });
  const out = ct.fitTransform(t);
  assert.deepEqual(out.columns.map((c) => c.name), ['age', 'job=admin', 'job=tech', 'job=<missing>', 'pdays', 'id']);
  // age: 30, 40, mean 40, 50 → mean 40, population std √(200/4) = √50
  close(values(out, 'age'), [-10 / Math.sqrt(50), 0, 0, 10 / Math.sqrt(50)]);
  assert.deepEqual(ct.routedColumns, { num: ['age'], cat: ['job'] });
  assertUnchanged(t, snap);
});

test('ColumnTransformer with remainder drop keeps only routed columns and rejects a column claimed twice', () => {
  const out = new ColumnTransformer({ routes: [{ name: 'a', columns: ['age'], steps: [] }], remainder: 'drop' }).fitTransform(train());
  assert.deepEqual(out.columns.map((c) => c.name), ['age']);
  assert.throws(() => new ColumnTransformer({ routes: [{ name: 'a', columns: ['age'], steps: [] }, { name: 'b', columns: ['age'], steps: [] }] }).fit(train()), ValidationError);
});

test('tableToMatrix refuses categorical columns and NaN, naming them', () => {
  assert.throws(() => tableToMatrix(train()), (e: Error) => /"job" \(categorical\)/.test(e.message));
  assert.throws(() => tableToMatrix(frozen(num('a', [1, NaN]))), (e: Error) => /"a" row 1 is NaN/.test(e.message));
  assert.deepEqual(toRows(tableToMatrix(frozen(num('a', [1, 2]), num('b', [3, 4]))).X), [[1, 3], [2, 4]]);
});

function fullPipeline(): FeaturePipeline {
  return new FeaturePipeline({
    steps: [
      new SentinelExpander({ fill: 'nan' }),
      new TablePipeline({ steps: [new SimpleImputer({ strategy: 'median' }), new SimpleImputer({ strategy: 'most_frequent', columns: 'categorical' })] }),
      new ColumnTransformer({
        routes: [
          { name: 'num', columns: ['age', 'days_since_contact'], steps: [new YeoJohnsonTransformer(), new StandardScaler()] },
          { name: 'cat', columns: ['job'], steps: [new OneHotEncoder()] },
        ],
        remainder: 'passthrough',
      }),
    ],
  });
}

test('a fitted FeaturePipeline saved to JSON and loaded back gives bit-for-bit identical output', () => {
  const p = fullPipeline();
  const { X, featureNames } = p.fitTransform(train());
  assert.deepEqual(featureNames, ['age', 'days_since_contact', 'job=admin', 'job=tech', 'contacted_before', 'id']);
  const saved = JSON.stringify(p.toJSON());
  const back = FeaturePipeline.fromJSON(JSON.parse(saved));
  const fresh = frozen(num('age', [35, NaN]), num('pdays', [5, 999]), cat('job', ['tech', 'pilot']), num('id', [9, 10]));
  const a = p.transform(fresh).X.data;
  const b = back.transform(fresh).X.data;
  assert.equal(a.length, b.length);
  assert.ok(a.every((v, i) => Object.is(v, b[i])), 'loaded pipeline differs');
  assert.ok(X.data.every((v, i) => Object.is(v, back.transform(train()).X.data[i])));
});

test('FeaturePipeline transform before fit throws NotFittedError; stepFromJSON rejects unknown types', () => {
  assert.throws(() => fullPipeline().transform(train()), NotFittedError);
  assert.throws(() => stepFromJSON({ type: 'Nope', options: {}, state: null }), (e: Error) => /unknown step type "Nope"/.test(e.message));
});
