import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../../src/core/matrix';
import { anovaByCluster, oneWayAnova } from '../../src/metrics/anova';
import { kruskalWallis, kruskalWallisByCluster } from '../../src/metrics/kruskal-wallis';
import { fDistributionSf, chiSquareSf } from '../../src/metrics/special-functions';

test('oneWayAnova matches the hand-derived F, eta² and p', () => {
  // Groups {1,2,3} and {4,5,6}: means 2 and 5, grand mean 3.5. SSB = 3·1.5² + 3·1.5² = 13.5, SSW = 2 + 2 = 4,
  // SST = 17.5. F = (13.5/1)/(4/4) = 13.5, η² = 13.5/17.5. p = (1 + 2F/d2)^(−d2/2) does not apply (d1 = 1), so
  // p is checked against the F survival function at the same degrees of freedom.
  const r = oneWayAnova(Object.freeze([1, 2, 3, 4, 5, 6]), Object.freeze([0, 0, 0, 1, 1, 1]));
  assert.ok(Math.abs(r.F - 13.5) < 1e-12);
  assert.ok(Math.abs(r.etaSquared - 13.5 / 17.5) < 1e-12);
  assert.equal(r.df1, 1);
  assert.equal(r.df2, 4);
  // Second implementation: scipy 1.17 stats.f_oneway([1,2,3],[4,5,6]) gives F = 13.5, p = 0.021311641128756713
  // (and the t table agrees: t = √13.5 = 3.674 with 4 df lies just inside the two-sided 2% point 3.747).
  assert.ok(Math.abs(r.pValue - 0.021311641128756713) < 1e-12);
});

test('oneWayAnova with three groups has the closed-form p of F(2, d2)', () => {
  // Groups {0,2}, {4,6}, {8,10}: means 1, 5, 9, grand 5: SSB = 2·16 + 0 + 2·16 = 64; SSW = 2+2+2 = 6;
  // F = (64/2)/(6/3) = 16; p = (1 + 2·16/3)^(−3/2).
  const r = oneWayAnova([0, 2, 4, 6, 8, 10], [0, 0, 1, 1, 2, 2]);
  assert.ok(Math.abs(r.F - 16) < 1e-12);
  assert.ok(Math.abs(r.pValue - (1 + 32 / 3) ** -1.5) < 1e-13);
});

test('kruskalWallis matches the hand-derived H without ties', () => {
  // Ranks 1..6, R = 6 and 15: H = 12/(6·7)·(36/3 + 225/3) − 3·7 = 24.857… − 21 = 27/7.
  const r = kruskalWallis([1, 2, 3, 4, 5, 6], [0, 0, 0, 1, 1, 1]);
  assert.ok(Math.abs(r.H - 27 / 7) < 1e-12);
  assert.ok(Math.abs(r.pValue - chiSquareSf(27 / 7, 1)) < 1e-15);
  // η²_H = (H − k + 1)/(N − k) = (27/7 − 1)/4 = 5/7.
  assert.ok(Math.abs(r.etaSquared - 5 / 7) < 1e-12);
});

test('kruskalWallis averages tied ranks and applies the tie correction (hand-derived)', () => {
  // Values 1,1,2 | 2,3,3: ranks 1.5,1.5,3.5 | 3.5,5.5,5.5 → R = 6.5 and 14.5.
  // H0 = 12/42·(6.5²/3 + 14.5²/3) − 21 = 12/42·(42.25 + 210.25)/3 − 21 = 24.0476… − 21 = 3.0476…
  // ties: three pairs → Σ(t³ − t) = 18; correction 1 − 18/210 = 192/210. H = H0 / (192/210).
  const H0 = (12 / 42) * ((6.5 ** 2 + 14.5 ** 2) / 3) - 21;
  const r = kruskalWallis([1, 1, 2, 2, 3, 3], [0, 0, 0, 1, 1, 1]);
  assert.ok(Math.abs(r.H - H0 / (192 / 210)) < 1e-12);
  // Second implementation: scipy 1.17 stats.kruskal([1,1,2],[2,3,3]) gives H = 3.3333, p = 0.06788915486182946.
  assert.ok(Math.abs(r.H - 10 / 3) < 1e-12);
  assert.ok(Math.abs(r.pValue - 0.06788915486182946) < 1e-12);
});

test('anovaByCluster and kruskalWallisByCluster test every column and name it', () => {
  const X = fromRows([[1, 5], [2, 5], [3, 6], [4, 5], [5, 6], [6, 6]]);
  const a = anovaByCluster(X, [0, 0, 0, 1, 1, 1], ['spend', 'tenure']);
  assert.deepEqual(a.map((r) => r.feature), ['spend', 'tenure']);
  assert.ok(Math.abs(a[0].F - 13.5) < 1e-12);
  // Column 2: {5,5,6} vs {5,6,6}: means 16/3 and 17/3, SSB = 6·(1/6)² = 1/6, SSW = 2/3 + 2/3 = 4/3: F = (1/6)/(1/3) = 0.5.
  assert.ok(Math.abs(a[1].F - 0.5) < 1e-12);
  assert.ok(Math.abs(a[1].pValue - fDistributionSf(0.5, 1, 4)) < 1e-15);
  const k = kruskalWallisByCluster(X, [0, 0, 0, 1, 1, 1]);
  assert.deepEqual(k.map((r) => r.feature), ['x0', 'x1']);
  assert.throws(() => anovaByCluster(X, [0, 0, 0, 1, 1, 1], ['one']), /columns has 1 names/);
});
