/**
 * End to end on tables of a user's own (issue 11's demo tables): a bundle fitted through a spec — dates as days
 * before the spec's reference date, ordinal ranks, missing-value flags, rare categories grouped, derived features
 * and spec personas — exported by `npm run export-sql`, run on DuckDB over the customer table, gives every row the
 * segment and persona `npm run score`'s scorer (scoreCsv on the file) gives.
 *
 * The tables in DuckDB are what a warehouse holds: `bank-full-like.csv` read by DuckDB's CSV reader (numbers typed
 * by its sniffer, yes/no columns as text); the
 * retail table with its amounts as numbers ("€1,234.50" → 1234.5, as the spec reads them), missing cells NULL and
 * its dates as the file writes them (DD-MM-YYYY and ISO text).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeDemoTables } from '../../src/data/fixtures/demo-tables';
import { loadDataset } from '../../src/data/load-dataset';
import { loadCsv } from '../../src/data/csv';
import { DEFAULT_MISSING_TOKENS } from '../../src/data/csv-values';
import { readTableForScoring } from '../../src/data/prepare-table';
import { dateDaysName } from '../../src/data/registry';
import { specToJSON } from '../../src/data/spec-file';
import type { Column, Table } from '../../src/data/table';
import { segmentCustomers } from '../../src/workflow/segments';
import { buildBundle } from '../../src/scoring/build';
import { disposeBundle, loadBundle, saveBundle } from '../../src/scoring/bundle';
import { scoreCsv } from '../../src/scoring/score';
import { conformToSchema } from '../../src/scoring/schema';
import { scoringSql } from '../../src/sql/scoring-query';
import { SQL_FUNCTIONS_USED } from '../../src/sql/dialect';
import { main as exportSql } from '../../src/cli/export-sql';
import { appendTable, queryRows } from '../../src/scale/duckdb';
import { closeEngine, engine } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-sql-any-'));
after(() => { closeEngine(); fs.rmSync(dir, { recursive: true, force: true }); });
const demo = Object.fromEntries(writeDemoTables(dir).map((f) => [path.basename(f), f]));
const q = (p: string) => `'${p.replace(/'/g, "''")}'`;
let retailBundle = '';

/** Fit a 4-segment bundle on the data set (file or spec), save and load it back, export its DuckDB query. */
async function fitAndExport(dataset: string, name: string, table: string): Promise<{ bundleDir: string; sql: string; steps: string[] }> {
  const loaded = loadDataset(dataset);
  const seg = segmentCustomers(loaded, { k: 4, seed: 3 });
  const bundle = buildBundle({ loaded, pipeline: seg.pipeline, X: seg.X, clusterer: seg.kmeans, assignWith: 'clusterer', segmentNames: seg.names });
  const bundleDir = path.join(dir, name);
  saveBundle(bundleDir, bundle);
  const out = path.join(dir, `${name}.sql`);
  const err = console.error;
  console.error = () => undefined;
  try {
    assert.equal(await exportSql(['--model', bundleDir, '--dialect', 'duckdb', '--table', table, '--id', 'row_no', '--out', out]), 0);
  } finally {
    console.error = err;
  }
  return { bundleDir, sql: fs.readFileSync(out, 'utf8'), steps: seg.pipeline.describeSteps().map((s) => s.step) };
}

interface Comparison { rows: number; segBad: number; perBad: number; ties: number; untied: number; values: number; exact: number; maxRel: number }

/**
 * Run the query and npm run score's scorer on `file`; count segment / persona mismatches and near-ties, and compare
 * the pipeline's features the SQL computes (scoringSql with `features`) with the JS pipeline's on the same rows.
 */
async function compare(bundleDir: string, sql: string, file: string, table: string): Promise<Comparison> {
  const s = await engine();
  const sqlRows = await queryRows(s.conn, `SELECT row_no, segment, persona, near_tie FROM (${sql}) ORDER BY row_no`);
  const bundle = await loadBundle(bundleDir);
  try {
    const js = scoreCsv(bundle, file);
    // the features, value by value
    const names = bundle.pipeline.featureNames;
    const withFeatures = scoringSql(bundle, { table, idColumns: ['row_no'], features: true });
    const featureRows = await queryRows(s.conn, `SELECT * FROM (${withFeatures}) ORDER BY row_no`);
    const raw = bundle.meta.spec ? readTableForScoring(file, bundle.meta.spec) : loadCsv(file);
    const { X } = bundle.pipeline.transform(conformToSchema(raw, bundle.schema).table);
    let values = 0, exact = 0, maxRel = 0;
    featureRows.forEach((r, i) => names.forEach((n, j) => {
      const a = Number(r[`feature:${n}`]), b = X.data[i * X.cols + j];
      values++;
      if (a === b) exact++;
      else maxRel = Math.max(maxRel, Math.abs(a - b) / Math.max(1, Math.abs(b)));
    }));
    assert.equal(sqlRows.length, js.n, 'one SQL row per input row');
    let segBad = 0, perBad = 0, ties = 0, untied = 0;
    sqlRows.forEach((r, i) => {
      assert.equal(Number(r.row_no), i);
      const persona = js.persona ? (js.persona[i] < 0 ? 'none' : js.personaNames[js.persona[i]]) : '';
      const bad = r.segment !== js.segment[i] || r.persona !== persona;
      if (r.segment !== js.segment[i]) segBad++;
      if (r.persona !== persona) perBad++;
      if (r.near_tie === 1) ties++;
      else if (bad) untied++;
    });
    return { rows: sqlRows.length, segBad, perBad, ties, untied, values, exact, maxRel };
  } finally {
    disposeBundle(bundle);
  }
}

test('retail table (dates in two layouts, ordinal tier, missing income, a rare region, derived features, spec personas): SQL = npm run score on every row', async (t) => {
  const base = loadDataset(demo['retail-customers.tsv']);
  const specFile = path.join(dir, 'retail.spec.json');
  fs.writeFileSync(specFile, JSON.stringify({
    ...(specToJSON(base.spec) as Record<string, unknown>),
    file: demo['retail-customers.tsv'],
    derived: [{ name: 'spend_per_order', expr: 'total_spend / orders' }, { name: 'log_income_k', expr: 'log1p(income / 1000)' }],
    personas: { personas: [
      { name: 'Lapsed', rule: { feature: 'days_since_last_purchase', op: '>=', value: 180 } },
      { name: 'Big baskets', rule: { feature: 'spend_per_order', op: '>=', quantile: 0.75 } },
      { name: 'Long-standing', rule: { feature: 'days_since_signup_date', op: '>', quantile: 0.6 } },
      { name: 'Everyone else', rule: { always: true } },
    ] },
  }));
  // the scoring file: the training rows, then rows with an empty date, an unseen region, an empty tier, an empty
  // income, a purchase time of day and a signup date in another century
  const lines = fs.readFileSync(demo['retail-customers.tsv'], 'utf8').trimEnd().split('\n');
  const header = lines[0].split('\t');
  const at = (n: string) => header.indexOf(n);
  const extra = lines.slice(1, 61).map((l, i) => {
    const f = l.split('\t');
    f[at('customer_id')] = `X${i}`;
    if (i % 6 === 0) f[at('signup_date')] = '';
    if (i % 6 === 1) f[at('region')] = 'mars';
    if (i % 6 === 2) f[at('loyalty_tier')] = '';
    if (i % 6 === 3) f[at('income')] = '';
    if (i % 6 === 4) f[at('last_purchase')] = `${f[at('last_purchase')]} 16:45`;
    if (i % 6 === 5) f[at('signup_date')] = '28-02-1999';
    return f.join('\t');
  });
  const file = path.join(dir, 'retail-score.tsv');
  fs.writeFileSync(file, [...lines, ...extra].join('\n') + '\n');

  // the warehouse table: the columns as the spec reads them (numbers parsed, missing → NULL), dates as written
  const { spec } = loadDataset(specFile);
  const dates = spec.columns.filter((c) => c.role === 'date').map((c) => c.name);
  assert.deepEqual(dates, ['signup_date', 'last_purchase']);
  const prepared = readTableForScoring(file, spec);
  const asText = loadCsv(file, { missing: spec.missing ?? DEFAULT_MISSING_TOKENS, types: Object.fromEntries(dates.map((n) => [n, 'categorical'])) });
  const rowNo: Column = { kind: 'numeric', name: 'row_no', values: Float64Array.from({ length: prepared.nRows }, (_, i) => i) };
  const warehouse: Table = { nRows: prepared.nRows, columns: [rowNo, ...prepared.columns.filter((c) => !dates.some((n) => dateDaysName(n) === c.name)), ...asText.columns.filter((c) => dates.includes(c.name))] };
  await appendTable((await engine()).conn, 'retail', warehouse);

  const { bundleDir, sql, steps } = await fitAndExport(specFile, 'retail-bundle', 'retail');
  retailBundle = bundleDir;
  for (const step of ['DerivedFeatures', 'OrdinalEncoder', 'MissingIndicator', 'RareCategoryGrouper']) assert.ok(steps.includes(step), `the pipeline uses ${step}`);
  assert.match(sql, /REGEXP_EXTRACT/);
  const r = await compare(bundleDir, sql, file, 'retail');
  t.diagnostic(`retail: ${r.rows} rows compared, ${r.segBad} segment and ${r.perBad} persona mismatches, ${r.ties} rows flagged near_tie; features: ${r.exact} of ${r.values} values bit-identical, the others within ${r.maxRel.toExponential(1)} relative`);
  assert.equal(r.rows, 660);
  assert.equal(r.untied, 0, 'mismatches outside near-tie rows');
  assert.equal(r.segBad + r.perBad, 0, 'mismatches');
  assert.ok(r.maxRel <= 1e-12, `features differ by ${r.maxRel} relative`);
});

test('bank-full-like table read by DuckDB\'s CSV reader (semicolons, quoted text, "unknown" as missing, pdays −1): SQL = npm run score on every row', async (t) => {
  const s = await engine();
  // numbers typed by DuckDB's sniffer; the yes/no columns kept as text (the sniffer would make them BOOLEAN, which
  // reads back as 'true'/'false', levels the model never saw)
  await s.conn.run(`CREATE OR REPLACE TABLE bank AS SELECT * FROM read_csv(${q(demo['bank-full-like.csv'])}, delim = ';', header = true,
    types = {'default': 'VARCHAR', 'housing': 'VARCHAR', 'loan': 'VARCHAR', 'y': 'VARCHAR'})`);
  await s.conn.run('CREATE OR REPLACE VIEW bank_rows AS SELECT rowid AS row_no, * FROM bank');
  const { bundleDir, sql, steps } = await fitAndExport(demo['bank-full-like.csv'], 'bank-bundle', 'bank_rows');
  for (const step of ['SentinelExpander', 'OrdinalEncoder', 'MissingIndicator']) assert.ok(steps.includes(step), `the pipeline uses ${step}`);
  const r = await compare(bundleDir, sql, demo['bank-full-like.csv'], 'bank_rows');
  t.diagnostic(`bank-full-like: ${r.rows} rows compared, ${r.segBad} segment and ${r.perBad} persona mismatches, ${r.ties} rows flagged near_tie; features: ${r.exact} of ${r.values} values bit-identical, the others within ${r.maxRel.toExponential(1)} relative`);
  assert.equal(r.rows, 1000);
  // the ansi query (no LEAST) gives the same rows
  const bundle = await loadBundle(bundleDir);
  try {
    const ansi = scoringSql(bundle, { dialect: 'ansi', table: 'bank_rows', idColumns: ['row_no'] });
    const same = await queryRows(s.conn, `SELECT COUNT(*) AS n FROM (${ansi}) a JOIN (${sql}) b ON a.row_no = b.row_no WHERE a.segment = b.segment AND a.persona = b.persona`);
    assert.equal(Number(same[0].n), 1000, 'ansi and duckdb queries agree on every row');
  } finally {
    disposeBundle(bundle);
  }
  assert.equal(r.untied, 0, 'mismatches outside near-tie rows');
  assert.equal(r.segBad + r.perBad, 0, 'mismatches');
  assert.ok(r.maxRel <= 1e-12, `features differ by ${r.maxRel} relative`);
});

test('the Spark query of a bundle with dates uses only the listed common functions; ansi and a spec without asOf are refused naming the column', async () => {
  assert.ok(retailBundle, 'the retail test ran first');
  const bundle = await loadBundle(retailBundle);
  try {
    const sql = scoringSql(bundle, { dialect: 'spark', table: 'shop.customers', idColumns: ['customer_id'] });
    assert.match(sql, /REGEXP_EXTRACT\(TRIM\(CAST\(`signup_date` AS STRING\)\), '\^\(\[0-9\]\{1,2\}\)/);
    const calls = new Set([...sql.matchAll(/\b([A-Z_]+)\(/g)].map((m) => m[1]));
    for (const f of calls) assert.ok(['CAST', 'TRIM', 'LN', 'EXP', 'SQRT', 'LOWER', 'COALESCE', 'LEAST', 'IN', 'REGEXP_EXTRACT', 'SUBSTRING', 'LENGTH', 'CONCAT', 'FLOOR'].includes(f), `function ${f} is not in the common list`);
    for (const f of ['REGEXP_EXTRACT', 'SUBSTRING', 'LENGTH', 'CONCAT', 'FLOOR']) assert.ok(SQL_FUNCTIONS_USED.some((x) => x.startsWith(f)), `${f} listed`);
    assert.throws(() => scoringSql(bundle, { dialect: 'ansi' }), /^ValidationError: SQL export: input column "signup_date" is a date, whose parsing needs REGEXP_EXTRACT, which the ansi dialect does not use; export for duckdb or spark$/);
    assert.throws(() => scoringSql({ ...bundle, meta: { ...bundle.meta, spec: { ...bundle.meta.spec!, asOf: null } } }), /input column "signup_date" is a date, but the model's spec has no reference date "asOf"/);
    // a bundle without a spec whose schema holds a raw date column
    const schema = { columns: [...bundle.schema.columns, { name: 'opened', kind: 'date' as const }] };
    assert.throws(() => scoringSql({ ...bundle, schema, meta: { ...bundle.meta, spec: undefined } }), /input column "opened" is a date without a spec saying how to count its days/);
  } finally {
    disposeBundle(bundle);
  }
});
