import { before, test } from 'node:test';
import assert from 'node:assert/strict';

// simple-statistics is an ES module: loaded once, dynamically, as the second implementation
type Stat = (x: number[]) => number;
let ss: { mean: Stat; median: Stat; min: Stat; max: Stat; sampleStandardDeviation: Stat; sampleSkewness: Stat; sampleKurtosis: Stat; sampleCorrelation: (x: number[], y: number[]) => number };
before(async () => {
  ss = (await import('simple-statistics')) as unknown as typeof ss;
});
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCsv } from '../../src/data/csv';
import { categoryFrequencies, summarizeCategorical } from '../../src/eda/frequencies';
import { duplicateRows } from '../../src/eda/duplicates';
import { sentinelCounts, maskNumericSentinels } from '../../src/eda/sentinels';
import { correlationMatrix, strongestCorrelations } from '../../src/eda/correlation';
import { targetRateByCategory } from '../../src/eda/target-rate';
import { edaReport } from '../../src/eda/report';
import { edaFindings } from '../../src/eda/findings';
import { loadDataset } from '../../src/data/load-dataset';
import { dataDir } from '../../src/data/datadir';
import { Rng } from '../../src/core/random';
import { makeTable } from '../../src/data/table';

const T = parseCsv('g,y,x,pdays\na,yes,1,999\nb,no,2,3\na,no,1,999\nb,no,,999\na,yes,1,999\nunknown,no,5,999\n');

test('categoryFrequencies counts levels in decreasing order with shares of non-missing rows', () => {
  const f = categoryFrequencies(T, 'g');
  assert.deepEqual(f.levels.map((l) => [l.level, l.count]), [['a', 3], ['b', 2], ['unknown', 1]]);
  assert.equal(f.levels[0].share, 0.5);
  const s = summarizeCategorical(T).find((c) => c.name === 'g')!;
  assert.deepEqual([s.unique, s.top, s.topCount], [3, 'a', 3]);
});

test('duplicateRows counts later copies of identical rows, missing equal to missing', () => {
  // rows 1 and 5 (a,yes,1,999) are identical → 1 duplicate; row 4 has a NaN but no twin
  assert.equal(duplicateRows(T).duplicates, 1);
  assert.deepEqual(Array.from(duplicateRows(T).indices), [4]);
  const u = parseCsv('a,b\n1,\n1,\n1,x\n');
  assert.equal(duplicateRows(u).duplicates, 1);
});

test('maskNumericSentinels turns numeric sentinels into NaN in a copy and leaves categorical sentinels as levels', () => {
  const sentinels = [{ column: 'pdays', value: 999, meaning: 'never' }, { column: 'g', value: 'unknown', meaning: 'missing' }, { column: 'zz', value: 1, meaning: 'absent' }];
  const before = Array.from((T.columns.find((c) => c.name === 'pdays') as { values: Float64Array }).values);
  const m = maskNumericSentinels(T, sentinels);
  const pd = Array.from((m.columns.find((c) => c.name === 'pdays') as { values: Float64Array }).values);
  assert.deepEqual(pd.map((v) => (Number.isNaN(v) ? 'NaN' : v)), ['NaN', 3, 'NaN', 'NaN', 'NaN', 'NaN']);
  // the input is untouched, other columns are shared
  assert.deepEqual(Array.from((T.columns.find((c) => c.name === 'pdays') as { values: Float64Array }).values), before);
  assert.equal(m.columns.find((c) => c.name === 'g'), T.columns.find((c) => c.name === 'g'));
  assert.equal(m.nRows, T.nRows);
  // no numeric sentinel present: the same table comes back
  assert.equal(maskNumericSentinels(T, [{ column: 'g', value: 'unknown', meaning: 'missing' }]), T);
});

test('sentinelCounts counts numeric and categorical sentinels', () => {
  const s = sentinelCounts(T, [{ column: 'pdays', value: 999, meaning: 'never' }, { column: 'g', value: 'unknown', meaning: 'missing' }, { column: 'zz', value: 1, meaning: 'absent column' }]);
  assert.deepEqual(s.map((x) => [x.column, x.count]), [['pdays', 5], ['g', 1]]);
  assert.equal(s[0].share, 5 / 6);
});

test('targetRateByCategory: a → 2 of 3 yes, b → 0 of 2, overall 2 of 6', () => {
  const r = targetRateByCategory(T, 'g', 'y', 'yes');
  assert.equal(r.overall, 2 / 6);
  assert.deepEqual(r.levels.map((l) => [l.level, l.positives, l.count]), [['a', 2, 3], ['b', 0, 2], ['unknown', 0, 1]]);
});

test('correlationMatrix matches simple-statistics and uses pairwise-complete rows', () => {
  const r = new Rng(9);
  const n = 400;
  const a = Float64Array.from({ length: n }, () => r.normal());
  const b = Float64Array.from(a, (x) => 0.6 * x + 0.8 * r.normal());
  const c = Float64Array.from(b);
  c[0] = NaN; c[5] = NaN;
  const t = makeTable([{ kind: 'numeric', name: 'a', values: a }, { kind: 'numeric', name: 'b', values: b }, { kind: 'numeric', name: 'c', values: c }]);
  const m = correlationMatrix(t);
  assert.ok(Math.abs(m.values[1] - ss.sampleCorrelation(Array.from(a), Array.from(b))) < 1e-12);
  const keep = Array.from({ length: n }, (_, i) => i).filter((i) => i !== 0 && i !== 5);
  const ref = ss.sampleCorrelation(keep.map((i) => a[i]), keep.map((i) => c[i]));
  assert.ok(Math.abs(m.values[2] - ref) < 1e-12);
  assert.equal(m.counts[2], n - 2);
  assert.equal(m.values[0], 1);
  assert.equal(strongestCorrelations(m, 1)[0].a, 'b'); // b and c are the same series apart from two NaN
});

test('edaFindings quotes computed numbers (rows, missing, sentinel share, duplicates, target rate)', () => {
  const r = edaReport(T, { ...loadDataset('synthetic-bank', { n: 10 }).spec, sentinels: [{ column: 'pdays', value: 999, meaning: 'never contacted' }], target: 'y', truth: null });
  const text = edaFindings(r).join('\n');
  assert.match(text, /6 rows × 4 columns/);
  assert.match(text, /x 1 \(16\.67 %\)/);
  assert.match(text, /pdays = 999 \(never contacted\) in 5 rows \(83\.3 %\)/);
  assert.match(text, /1 row\(s\) exactly duplicate/);
  assert.match(text, /Overall y = yes rate: 33\.3 %/);
});

test('bank-additional-full: load plus the full EDA report in well under 1.5 s (2.5 s bound on a shared, loaded machine)', (t) => {
  if (!fs.existsSync(path.join(dataDir(), 'bank-additional-full.csv'))) return t.skip(`bank-additional-full.csv not found in data dir ${dataDir()}`);
  const t0 = performance.now();
  const d = loadDataset('bank-additional-full');
  const r = edaReport(d.table, d.spec);
  const ms = performance.now() - t0;
  assert.equal(r.duplicates, 12);
  assert.equal(r.sentinels.find((s) => s.column === 'pdays')!.count, 39673);
  assert.ok(ms < 2500, `${ms.toFixed(0)} ms`);
});
