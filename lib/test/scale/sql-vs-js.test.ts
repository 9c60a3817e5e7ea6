/**
 * The end-to-end check of the scale path (issue 12): 200,000 generated customers written to Parquet (with missing
 * values), a bundle fitted through DuckDB, saved and loaded; the scoring query written by `npm run export-sql` run
 * on DuckDB against `npm run score`'s scorer (scoreCsv) on the same rows plus rows with unseen categories, sentinel
 * values and empty fields: every row must get the same segment and persona.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { numericColumn } from '../../src/data/table';
import { loadCsv } from '../../src/data/csv';
import { loadBundle, saveBundle, disposeBundle } from '../../src/scoring/bundle';
import { scoreCsv } from '../../src/scoring/score';
import { main as exportSql } from '../../src/cli/export-sql';
import { openDuckDB, queryRows } from '../../src/scale/duckdb';
import { fitBundleAtScale } from '../../src/scale/fit-bundle';
import { openLargeDataset } from '../../src/scale/open-dataset';
import { writeSyntheticData } from '../../src/scale/synthetic-writer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-sqljs-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const q = (p: string) => `'${p.replace(/'/g, "''")}'`;

test('200,000 customers: the exported SQL on DuckDB and npm run score give every row the same segment and persona', { timeout: 600_000 }, async (t) => {
  const clean = path.join(dir, 'clean.parquet');
  const train = path.join(dir, 'train.parquet');
  const score = path.join(dir, 'score.parquet');
  const scoreCsvFile = path.join(dir, 'score.csv');
  await writeSyntheticData(clean, { n: 200_000, seed: 31 });
  const s = await openDuckDB({ threads: 2 });
  try {
    // missing values in eight columns of the training rows
    await s.conn.run(`COPY (SELECT * REPLACE (
        CASE WHEN customer_id % 101 = 0 THEN NULL ELSE age END AS age, CASE WHEN customer_id % 103 = 0 THEN NULL ELSE job END AS job,
        CASE WHEN customer_id % 107 = 0 THEN NULL ELSE education END AS education, CASE WHEN customer_id % 109 = 0 THEN NULL ELSE campaign END AS campaign,
        CASE WHEN customer_id % 113 = 0 THEN NULL ELSE pdays END AS pdays, CASE WHEN customer_id % 127 = 0 THEN NULL ELSE poutcome END AS poutcome,
        CASE WHEN customer_id % 131 = 0 THEN NULL ELSE euribor3m END AS euribor3m, CASE WHEN customer_id % 137 = 0 THEN NULL ELSE housing END AS housing)
      FROM read_parquet(${q(clean)}) ORDER BY customer_id) TO ${q(train)} (FORMAT parquet)`);
    // scoring rows: the training rows, then 3,000 rows derived from them with unseen categories, the pdays sentinel,
    // a never-seen pdays value, empty fields and a duration beyond the training range
    await s.conn.run(`COPY (
      SELECT * FROM read_parquet(${q(train)})
      UNION ALL
      SELECT * REPLACE (
        customer_id + 1000000 AS customer_id,
        CASE WHEN customer_id % 3 = 0 THEN 'astronaut' ELSE job END AS job,
        CASE WHEN customer_id % 4 = 0 THEN 'maybe' ELSE housing END AS housing,
        CASE WHEN customer_id % 5 = 0 THEN 'UNKNOWN' ELSE "default" END AS "default",
        CASE WHEN customer_id % 2 = 0 THEN 999 WHEN customer_id % 7 = 0 THEN 12345 ELSE pdays END AS pdays,
        CASE WHEN customer_id % 6 = 0 THEN NULL ELSE duration * 40 END AS duration,
        CASE WHEN customer_id % 11 = 0 THEN NULL ELSE "nr.employed" END AS "nr.employed",
        CASE WHEN customer_id % 13 = 0 THEN NULL ELSE month END AS month)
      FROM read_parquet(${q(train)}) WHERE customer_id <= 3000
      ORDER BY customer_id) TO ${q(score)} (FORMAT parquet)`);
    await s.conn.run(`COPY (SELECT * FROM read_parquet(${q(score)}) ORDER BY customer_id) TO ${q(scoreCsvFile)} (FORMAT csv, HEADER)`);
  } finally {
    s.close();
  }

  const ds = await openLargeDataset(train, { types: { customer_id: 'id' } });
  const steps: string[] = [];
  let bundleDir = '';
  try {
    const fit = await fitBundleAtScale(ds, {
      dataset: 'synthetic-bank', idColumns: ['customer_id'], ks: [3, 4, 5], metricSamples: 3, metricSampleRows: 1000, distributionRows: 20_000,
      onStep: (name, sec) => steps.push(`${name} ${sec.toFixed(1)} s`),
    });
    t.diagnostic(`fit: ${steps.join(', ')}; k = ${fit.k}; persona thresholds moved off shared values: ${Object.keys(fit.personas!.moved).join(', ') || 'none'}`);
    assert.ok(fit.notes.some((n) => /all 200,000 rows/.test(n)));
    bundleDir = path.join(dir, 'bundle');
    saveBundle(bundleDir, fit.bundle);
  } finally {
    ds.close();
  }

  // the query, as npm run export-sql writes it
  const sqlFile = path.join(dir, 'score.sql');
  const err = console.error;
  console.error = () => undefined;
  try {
    assert.equal(await exportSql(['--model', bundleDir, '--dialect', 'duckdb', '--table', `read_parquet(${q(score)})`, '--id', 'customer_id', '--out', sqlFile]), 0);
  } finally {
    console.error = err;
  }
  const s2 = await openDuckDB({ threads: 2 });
  let sqlRows: Array<Record<string, unknown>>;
  try {
    sqlRows = await queryRows(s2.conn, `SELECT customer_id, segment, persona, near_tie FROM (${fs.readFileSync(sqlFile, 'utf8')}) ORDER BY customer_id`);
  } finally {
    s2.close();
  }

  // the JS scorer of npm run score, on the CSV of the same rows
  const bundle = await loadBundle(bundleDir);
  try {
    const js = scoreCsv(bundle, scoreCsvFile);
    assert.equal(js.n, 203_000);
    assert.ok(js.check.unseen.some((u) => u.column === 'job' && u.values.includes('astronaut')), 'the unseen job is reported');
    const ids = numericColumn(loadCsv(scoreCsvFile), 'customer_id');
    const at = new Map<number, number>();
    ids.forEach((id, i) => at.set(id, i));
    assert.equal(sqlRows.length, 203_000);
    let segBad = 0, perBad = 0, ties = 0;
    for (const r of sqlRows) {
      const i = at.get(r.customer_id as number)!;
      const persona = js.persona![i] < 0 ? 'none' : js.personaNames[js.persona![i]];
      if (r.segment !== js.segment[i]) segBad++;
      if (r.persona !== persona) perBad++;
      if (r.near_tie === 1) ties++;
    }
    t.diagnostic(`${sqlRows.length} rows: ${segBad} segment and ${perBad} persona mismatches; ${ties} rows flagged near_tie`);
    assert.equal(segBad, 0, 'segment mismatches');
    assert.equal(perBad, 0, 'persona mismatches');
  } finally {
    disposeBundle(bundle);
  }
});
