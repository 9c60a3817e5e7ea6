import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../../src/core/matrix';
import { ValidationError } from '../../src/core/errors';
import { etaSquaredByColumn, segmentationAdmissibility } from '../../src/lab/admissibility';

test('etaSquaredByColumn gives SS_between / SS_total per column (hand-computed)', () => {
  // x = 0, 2 | 4, 6: group means 1 and 5, grand mean 3 → SSB = 2·4 + 2·4 = 16, SST = 9 + 1 + 1 + 9 = 20 → 0.8.
  // y = 1, 3 | 1, 3: group means equal → η² 0. z constant → NaN (no variance to explain).
  const X = Object.freeze(fromRows([[0, 1, 7], [2, 3, 7], [4, 1, 7], [6, 3, 7]]));
  const eta = etaSquaredByColumn(X, [0, 0, 1, 1]);
  assert.ok(Math.abs(eta[0] - 0.8) < 1e-12);
  assert.equal(eta[1], 0);
  assert.ok(Number.isNaN(eta[2]));
  // noise rows (label −1) are left out: adding a far-away noise row changes nothing
  const Xn = fromRows([[0, 1, 7], [2, 3, 7], [4, 1, 7], [6, 3, 7], [100, 100, 7]]);
  assert.ok(Math.abs(etaSquaredByColumn(Xn, [0, 0, 1, 1, -1])[0] - 0.8) < 1e-12);
});

/** 40 rows: column s splits rows 0..19 from 20..39 exactly; a and b repeat the same 4 values in each half. */
function splitData(): { X: ReturnType<typeof fromRows>; names: string[] } {
  const rows: number[][] = [];
  for (let i = 0; i < 40; i++) rows.push([i < 20 ? 0 : 1, i % 4, (i * 7) % 4]);
  return { X: fromRows(rows), names: ['s', 'a', 'b'] };
}

test('a split on one feature alone is excluded: η²(s) = 1 and the others 0 (hand-computed)', () => {
  // labels = the halves: s is constant within each half (η² 1); a and b take the values 0,1,2,3 five times in
  // each half, so both halves have the same mean → η² 0; mean of the others 0 ≤ 0.1 → single-feature split.
  const { X, names } = splitData();
  const labels = Int32Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1));
  const a = segmentationAdmissibility(X, labels, names);
  assert.equal(a.admissible, false);
  assert.equal(a.singleFeature, true);
  assert.equal(a.topFeature, 's');
  assert.equal(a.topEta, 1);
  assert.equal(a.restMeanEta, 0);
  assert.match(a.reasons.join(), /single-feature split: s has η² 1\.00, the other features 0\.00 on average/);
});

test('a split that also moves other features is admissible, and a cluster under 5 % is degenerate', () => {
  // labels by a ≥ 2: η²(a) = SSB/SST = 40·1²/(40·1.25) = 0.8 (means 0.5 and 2.5 around 1.5; variance of 0..3 is 1.25)
  const { X, names } = splitData();
  const byA = Int32Array.from({ length: 40 }, (_, i) => (i % 4 >= 2 ? 1 : 0));
  const ok = segmentationAdmissibility(X, byA, names);
  assert.equal(ok.admissible, true, ok.reasons.join());
  assert.equal(ok.topFeature, 'a');
  assert.ok(Math.abs(ok.topEta - 0.8) < 1e-12);
  // one row of 40 (2.5 %) in its own cluster
  const tiny = Int32Array.from({ length: 40 }, (_, i) => (i === 0 ? 2 : i % 4 >= 2 ? 1 : 0));
  const d = segmentationAdmissibility(X, tiny, names);
  assert.equal(d.admissible, false);
  assert.match(d.reasons[0], /degenerate: the smallest cluster holds 2\.5 % of the rows \(< 5 %\)/);
  // the thresholds are options: at 2 % the same labelling passes
  assert.equal(segmentationAdmissibility(X, tiny, names, { minClusterShare: 0.02 }).admissible, true);
});

test('segmentationAdmissibility rejects mismatched names and options out of range, naming them', () => {
  const { X } = splitData();
  const l = new Int32Array(40);
  assert.throws(() => segmentationAdmissibility(X, l, ['s']), (e: unknown) => e instanceof ValidationError && /names has 1 entries, X has 3 columns/.test((e as Error).message));
  assert.throws(() => segmentationAdmissibility(X, l, ['s', 'a', 'b'], { dominantEta: 2 }), /dominantEta=2 should be in \[0, 1\]/);
});
