import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../../src/core/matrix';
import { KMeans } from '../../src/cluster/kmeans';
import { loadDataset } from '../../src/data/load-dataset';
import { generateBankCustomers } from '../../src/data/synthetic-bank';
import type { Table } from '../../src/data/table';
import { buildPipeline } from '../../src/features/presets';
import { PersonaModel, type PersonaDefinition } from '../../src/personas/rules';
import { buildBundle } from '../../src/scoring/build';
import type { ModelBundle } from '../../src/scoring/bundle';
import { scoreTable } from '../../src/scoring/score';
import { sqlDialect } from '../../src/sql/dialect';
import { kmeansSql } from '../../src/sql/kmeans';
import { personaSql } from '../../src/sql/personas';
import { scoringSql } from '../../src/sql/scoring-query';
import { appendTable, queryRows } from '../../src/scale/duckdb';
import { frozen, num } from '../features/fixtures';
import { closeEngine, engine } from './helpers';

after(closeEngine);
const d = sqlDialect('duckdb');

test('nearest centre in SQL picks the first of equal distances, as KMeans.predict, with the JS confidence', async () => {
  const s = await engine();
  const C = fromRows([[2, 0], [-1, 0], [1, 0]]);
  const X = fromRows([[0, 0], [1.5, 0], [-5, 0], [2, 0]]);
  const km = kmeansSql(C, ['x', 'y'], d);
  const dist = km.distances.map((_, j) => `d${j}`);
  const sql = `SELECT ${km.segment(dist)} AS seg, ${km.confidence(dist, km.segment(dist))} AS conf, ${km.nearTie(dist, km.segment(dist))} AS tie FROM (SELECT ${km.distances.map((e, j) => `${e} AS d${j}`).join(', ')} FROM (VALUES ${[[0, 0], [1.5, 0], [-5, 0], [2, 0]].map((r) => `(${r.map((v) => d.num(v)).join(', ')})`).join(', ')}) t(x, y))`;
  const rows = await queryRows(s.conn, sql);
  // distances² of (0,0): 4, 1, 1 → tie between centres 1 and 2: the first, 1; confidence 1 − 1/1 = 0
  // (1.5,0): 0.25, 6.25, 0.25 → centre 0; (−5,0): 49, 16, 36 → 1, confidence 1 − 4/6; (2,0): 0, 9, 1 → 0, confidence 1
  assert.deepEqual(rows.map((r) => r.seg), [1, 0, 1, 0]);
  assert.deepEqual(Array.from(new KMeans({ k: 3, init: C, nInit: 1 }).fit(fromRows([[2, 0], [-1, 0], [1, 0]])).predict(X)), [1, 0, 1, 0]);
  assert.deepEqual(rows.map((r) => r.conf), [0, 0, 1 - 4 / 6, 1]);
  assert.deepEqual(rows.map((r) => r.tie), [true, true, false, false]);
});

test('persona rules in SQL decide as PersonaModel.assign: priority order, not/any, a missing value never matches', async () => {
  const personas: PersonaDefinition[] = [
    { id: 'a', name: 'A', description: '', priority: 2, rule: { all: [{ feature: 'x', op: '>=', quantile: 0.75 }, { not: { feature: 'y', op: '==', value: 1 } }] }, strategy: [], channel: '', color: '' },
    { id: 'b', name: 'B', description: '', priority: 1, rule: { any: [{ feature: 'y', op: '<', value: 0 }, { feature: 'x', op: '==', value: 9 }] }, strategy: [], channel: '', color: '' },
    { id: 'c', name: 'C', description: '', priority: 3, rule: { all: [{ not: { feature: 'x', op: '>', value: 5 } }, { feature: 'y', op: '!=', value: 1 }] }, strategy: [], channel: '', color: '' },
  ];
  const t = frozen(num('x', [3, 9, NaN, 3, 7, 3, NaN, 6]), num('y', [0, 1, -2, 1, 2, NaN, NaN, 0]));
  const model = new PersonaModel(personas).fit(t);
  const js = model.assign(t);
  const s = await engine();
  await appendTable(s.conn, 'persona_rows', { ...t, columns: [num('r', [0, 1, 2, 3, 4, 5, 6, 7]), ...t.columns] });
  const p = personaSql(model, new Map([['x', { expr: d.ident('x'), exact: true }], ['y', { expr: d.ident('y'), exact: true }]]), d);
  const rows = await queryRows(s.conn, `SELECT ${p.caseExpr} AS persona FROM persona_rows ORDER BY r`);
  assert.deepEqual(rows.map((r) => r.persona), Array.from(js.labels, (k) => (k < 0 ? 'none' : js.names[k])));
  // by hand: B = y < 0 or x = 9; A = x ≥ q75 (6.75) and not y = 1; C = not x > 5 and y ≠ 1 (false when y is missing)
  assert.deepEqual(Array.from(js.labels), [2, 0, 0, -1, 1, -1, -1, -1]);
});

let bundle: ModelBundle;
let fresh: Table;

before(() => {
  const loaded = loadDataset('synthetic-bank', { n: 6000, seed: 11 });
  const pipeline = buildPipeline('synthetic-bank').fit(loaded.table);
  const clusterer = new KMeans({ k: 5, nInit: 2, seed: 2 }).fit(pipeline.X);
  bundle = buildBundle({ loaded, pipeline, X: pipeline.X, clusterer });
  const t = generateBankCustomers({ n: 20000, seed: 12 });
  const ids = Float64Array.from({ length: t.nRows }, (_, i) => i);
  fresh = { nRows: t.nRows, columns: [{ kind: 'numeric', name: 'customer_id', values: ids }, ...t.columns] };
});

test('a bundle fitted in memory scores identically in SQL (duckdb and ansi dialects): no segment differs, persona differences only on flagged near-ties', async (t) => {
  const s = await engine();
  await appendTable(s.conn, 'customers', fresh);
  const js = scoreTable(bundle, fresh);
  for (const dialect of ['duckdb', 'ansi'] as const) {
    const rows = await queryRows(s.conn, `${scoringSql(bundle, { dialect, idColumns: ['customer_id'] })} ORDER BY "customer_id"`);
    assert.equal(rows.length, fresh.nRows);
    let segBad = 0, perBad = 0, ties = 0, unflagged = 0, conf = 0;
    rows.forEach((r, i) => {
      assert.equal(r.customer_id, i);
      const persona = js.persona![i] < 0 ? 'none' : js.personaNames[js.persona![i]];
      const bad = r.segment !== js.segment[i] || r.persona !== persona;
      if (r.segment !== js.segment[i]) segBad++;
      if (r.persona !== persona) perBad++;
      if (r.near_tie === 1) ties++;
      if (bad && r.near_tie !== 1) unflagged++;
      assert.equal(r.segment_name, bundle.meta.segmentNames[r.segment as number]);
      conf = Math.max(conf, Math.abs((r.confidence as number) - js.confidence[i]));
    });
    t.diagnostic(`${dialect}: ${segBad} segment and ${perBad} persona differences over ${rows.length} rows, ${ties} rows flagged near_tie, largest confidence difference ${conf.toExponential(1)}`);
    assert.equal(segBad, 0);
    assert.equal(unflagged, 0, 'every difference is a flagged near-tie');
    assert.ok(conf < 1e-9);
  }
});

test('bundles the SQL cannot reproduce are refused with the reason', () => {
  assert.throws(() => scoringSql({ ...bundle, meta: { ...bundle.meta, assignWith: 'classifier' } }), /assigns segments with its MLP classifier[\s\S]*--nearest-centre/);
  assert.ok(scoringSql({ ...bundle, meta: { ...bundle.meta, assignWith: 'classifier' } }, { allowNearestCentre: true }).includes('"segment"'));
  assert.throws(() => scoringSql({ ...bundle, meta: { ...bundle.meta, clusterSpace: 'embedding' } }), /embedding space, which has no SQL translation/);
  assert.throws(() => scoringSql(bundle, { dialect: 'mysql' as never }), /unknown SQL dialect "mysql"/);
});

test('the Spark query quotes with backticks and uses only the listed functions', () => {
  const sql = scoringSql(bundle, { dialect: 'spark', table: 'bank.customers', idColumns: ['customer_id'] });
  assert.match(sql, /FROM bank\.customers/);
  assert.match(sql, /CAST\(`age` AS DOUBLE\)/);
  assert.match(sql, /CAST\(`job` AS STRING\)/);
  const calls = new Set([...sql.matchAll(/\b([A-Z_]+)\(/g)].map((m) => m[1]));
  for (const f of calls) assert.ok(['CAST', 'TRIM', 'LN', 'EXP', 'SQRT', 'LOWER', 'COALESCE', 'LEAST', 'IN'].includes(f), `function ${f} is not in the common list`);
});
