import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateBankCustomers, BANK_SEGMENT_SHARES, BANK_COLUMNS, BANK_SEGMENTS } from '../../src/data/synthetic-bank';
import { generateCardCustomers, CARD_SEGMENT_SHARES, CARD_COLUMNS } from '../../src/data/synthetic-cc';
import { loadCsv } from '../../src/data/csv';
import { dataDir } from '../../src/data/datadir';
import { ValidationError } from '../../src/core/errors';
import { categoricalColumn, numericColumn, isCategorical, type Table } from '../../src/data/table';

function shares(t: Table, k: number): number[] {
  const codes = categoricalColumn(t, 'segment').codes;
  const c = new Array(k).fill(0);
  for (const x of codes) c[x]++;
  return c.map((v) => v / t.nRows);
}

/** Adjusted Rand index (Hubert & Arabie 1985), written here from the pair-counting formula. */
function ari(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const cell = new Map<string, number>(), ra = new Map<number, number>(), rb = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    cell.set(`${a[i]},${b[i]}`, (cell.get(`${a[i]},${b[i]}`) ?? 0) + 1);
    ra.set(a[i], (ra.get(a[i]) ?? 0) + 1);
    rb.set(b[i], (rb.get(b[i]) ?? 0) + 1);
  }
  const c2 = (x: number): number => (x * (x - 1)) / 2;
  let sij = 0, sa = 0, sb = 0;
  for (const v of cell.values()) sij += c2(v);
  for (const v of ra.values()) sa += c2(v);
  for (const v of rb.values()) sb += c2(v);
  const e = (sa * sb) / c2(n);
  return (sij - e) / ((sa + sb) / 2 - e);
}

test('generateBankCustomers is deterministic per seed and differs between seeds', () => {
  const a = generateBankCustomers({ n: 2000, seed: 7 });
  const b = generateBankCustomers({ n: 2000, seed: 7 });
  const c = generateBankCustomers({ n: 2000, seed: 8 });
  assert.deepEqual(numericColumn(a, 'duration'), numericColumn(b, 'duration'));
  assert.deepEqual(categoricalColumn(a, 'job').codes, categoricalColumn(b, 'job').codes);
  assert.notDeepEqual(numericColumn(a, 'duration'), numericColumn(c, 'duration'));
});

test('generateBankCustomers has the bank-additional-full columns plus segment, and planted shares within 1 %', () => {
  const t = generateBankCustomers({ n: 20_000, seed: 3 });
  assert.deepEqual(t.columns.map((c) => c.name), [...BANK_COLUMNS, 'segment']);
  assert.deepEqual(categoricalColumn(t, 'segment').levels, BANK_SEGMENTS);
  shares(t, 4).forEach((s, k) => assert.ok(Math.abs(s - BANK_SEGMENT_SHARES[k]) < 0.01, `segment ${k}: ${s}`));
  assert.match(t.source ?? '', /^synthetic:bank/);
});

test('synthetic bank marginals: right-skewed duration and campaign, pdays 999 for most rows, few economic values', () => {
  const t = generateBankCustomers({ n: 20_000, seed: 4 });
  const med = (v: Float64Array): number => Float64Array.from(v).sort()[v.length >> 1];
  const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / v.length;
  for (const c of ['duration', 'campaign']) assert.ok(mean(numericColumn(t, c)) > 1.15 * med(numericColumn(t, c)), c);
  const pd = numericColumn(t, 'pdays');
  assert.ok(pd.filter((x) => x === 999).length / t.nRows > 0.85);
  assert.ok(new Set(numericColumn(t, 'nr.employed')).size <= 12);
  assert.ok(new Set(numericColumn(t, 'euribor3m')).size <= 12 * 7);
});

test('synthetic bank level sets equal those of the real bank-additional-full', (t) => {
  const file = path.join(dataDir(), 'bank-additional-full.csv');
  if (!fs.existsSync(file)) return t.skip(`bank-additional-full.csv not found in data dir ${dataDir()}`);
  const real = loadCsv(file);
  const syn = generateBankCustomers({ n: 50_000, seed: 1 });
  for (const c of real.columns) {
    const s = syn.columns.find((x) => x.name === c.name)!;
    assert.equal(s.kind, c.kind, c.name);
    if (isCategorical(c) && isCategorical(s)) assert.deepEqual(s.levels, c.levels, c.name);
  }
});

test('K-Means (ml-kmeans, an independent implementation) recovers the bank segments partly: 0.3 < ARI < 0.95', async () => {
  const { kmeans } = (await import('ml-kmeans')) as { kmeans: (X: number[][], k: number, o: object) => { clusters: number[] } };
  const t = generateBankCustomers({ n: 6000, seed: 11 });
  const cols = t.columns.filter((c) => c.kind === 'numeric').map((c) => numericColumn(t, c.name));
  const stats = cols.map((v) => {
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    return [m, Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length)];
  });
  const X = Array.from({ length: t.nRows }, (_, i) => cols.map((v, j) => (v[i] - stats[j][0]) / stats[j][1]));
  let best = -1;
  for (const seed of [1, 2, 3]) best = Math.max(best, ari(kmeans(X, 4, { seed, initialization: 'kmeans++' }).clusters, categoricalColumn(t, 'segment').codes));
  assert.ok(best > 0.3 && best < 0.95, `ARI ${best}`);
});

test('generateCardCustomers has the CC GENERAL schema, exact shares, PURCHASES = ONEOFF + INSTALLMENTS, some missing MINIMUM_PAYMENTS', () => {
  const t = generateCardCustomers({ n: 10_000, seed: 5 });
  assert.deepEqual(t.columns.map((c) => c.name), [...CARD_COLUMNS, 'segment']);
  assert.equal(t.columns[0].kind, 'id');
  shares(t, 4).forEach((s, k) => assert.ok(Math.abs(s - CARD_SEGMENT_SHARES[k]) < 0.01));
  const p = numericColumn(t, 'PURCHASES'), o = numericColumn(t, 'ONEOFF_PURCHASES'), i = numericColumn(t, 'INSTALLMENTS_PURCHASES');
  for (let r = 0; r < t.nRows; r++) assert.ok(Math.abs(p[r] - o[r] - i[r]) < 0.011);
  const miss = numericColumn(t, 'MINIMUM_PAYMENTS').filter((x) => Number.isNaN(x)).length / t.nRows;
  assert.ok(miss > 0.01 && miss < 0.08, `missing share ${miss}`);
  const f = numericColumn(t, 'PURCHASES_FREQUENCY');
  assert.ok(f.every((x) => x >= 0 && x <= 1));
  assert.deepEqual(numericColumn(generateCardCustomers({ n: 500, seed: 5 }), 'BALANCE'), numericColumn(generateCardCustomers({ n: 500, seed: 5 }), 'BALANCE'));
});

test('the generators reject a bad size with a ValidationError naming the value', () => {
  assert.throws(() => generateBankCustomers({ n: 0 }), (e: unknown) => e instanceof ValidationError && /n=0/.test((e as Error).message));
  assert.throws(() => generateCardCustomers({ n: 1.5 }), ValidationError);
});
