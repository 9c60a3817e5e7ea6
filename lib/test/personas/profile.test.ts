import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileSegments, profileZScores } from '../../src/personas/profile';
import { cat, close, frozen, num } from './fixtures';

// The hand case used throughout: x = 1,2,3 | 10,20,30 in segments 0 | 1; c = a,a,b | b,b,a; y = no,no,yes | yes,yes,no.
const table = frozen(
  num('x', [1, 2, 3, 10, 20, 30]),
  cat('c', ['a', 'a', 'b', 'b', 'b', 'a']),
  cat('y', ['no', 'no', 'yes', 'yes', 'yes', 'no']),
);
const labels = Object.freeze([0, 0, 0, 1, 1, 1]);

test('profileSegments gives sizes, shares, means, medians and population z-scores (hand-derived)', () => {
  const p = profileSegments(table, labels, { target: 'y' });
  assert.deepEqual(p.numericFeatures, ['x']);
  assert.deepEqual(p.categoricalFeatures, ['c']); // the target is left out of the default selection
  assert.deepEqual(p.segments.map((s) => [s.label, s.size, s.share]), [[0, 3, 0.5], [1, 3, 0.5]]);
  // Population: mean 66/6 = 11, Σ(x − 11)² = 100 + 81 + 64 + 1 + 81 + 361 = 688, sd = √(688/6) = 10.70825.
  close(p.population[0].mean, 11);
  close(p.population[0].sd, Math.sqrt(688 / 6));
  close(p.population[0].median, 6.5); // (3 + 10) / 2
  const [s0, s1] = p.segments;
  close(s0.numeric[0].mean, 2); close(s0.numeric[0].median, 2);
  close(s1.numeric[0].mean, 20); close(s1.numeric[0].median, 20);
  close(s0.numeric[0].z, -9 / Math.sqrt(688 / 6));
  close(s1.numeric[0].z, 9 / Math.sqrt(688 / 6));
  close(s1.numeric[0].ratio, 20 / 11);
  assert.deepEqual(profileZScores(p).z, [[s0.numeric[0].z], [s1.numeric[0].z]]);
});

test('profileSegments gives the lift and standardized share of each categorical level (hand-derived)', () => {
  const p = profileSegments(table, labels);
  const a0 = p.segments[0].levels.find((l) => l.level === 'a');
  assert.ok(a0);
  // Segment 0 has a, a, b: share 2/3; overall 3/6 = 1/2; lift 4/3; z = (2/3 − 1/2)/√(1/4) = 1/3.
  close(a0.share, 2 / 3); close(a0.overallShare, 0.5); close(a0.lift, 4 / 3); close(a0.z, 1 / 3);
  assert.equal(a0.count, 2);
});

test('profileSegments reports the target rate per segment and overall', () => {
  const p = profileSegments(table, labels, { target: 'y' });
  assert.deepEqual(p.target, { name: 'y', positive: 'yes', rate: 0.5 });
  close(p.segments[0].targetRate, 1 / 3);
  close(p.segments[1].targetRate, 2 / 3);
});

test('profileSegments runs ANOVA, Kruskal–Wallis and χ² tests per feature (hand-derived)', () => {
  const p = profileSegments(table, labels);
  const tx = p.tests.find((t) => t.feature === 'x');
  const tc = p.tests.find((t) => t.feature === 'c');
  assert.ok(tx && tc);
  // Means 2 and 20, grand 11: SSB = 3·81 + 3·81 = 486; SSW = 2 + 200 = 202; F = 486 / (202 / 4).
  close(tx.anovaF, (486 * 4) / 202);
  close(tx.effect, 486 / 688); // η² = SSB / SST
  // Ranks 1..6 split 1,2,3 | 4,5,6 without ties: H = 12/42·(36/3 + 225/3) − 21 = 27/7.
  close(tx.kruskalH, 27 / 7);
  // Table a:2 b:1 | a:1 b:2, expected 1.5 everywhere: χ² = 4·0.25/1.5 = 2/3 with 1 df;
  // p = erfc(√(χ²/2)) = erfc(√(1/3)) = 0.41421617824252516 (Python math.erfc); Cramér's V = √(χ²/n) = 1/3.
  close(tc.chi2, 2 / 3);
  close(tc.chi2P, 0.41421617824252516, 1e-9);
  close(tc.effect, 1 / 3);
  assert.ok(Number.isNaN(tx.chi2) && Number.isNaN(tc.anovaF));
});

test('profileSegments leaves missing values and unlabelled rows out of segment statistics', () => {
  const t = frozen(num('x', [1, NaN, 3, 10, 20, 30, 100]), cat('c', ['a', null, 'b', 'b', 'b', 'a', 'a']));
  const p = profileSegments(t, Int32Array.from([0, 0, 0, 1, 1, 1, -1]));
  assert.equal(p.nLabelled, 6);
  assert.equal(p.segments[0].size, 3);
  close(p.segments[0].numeric[0].mean, 2); // (1 + 3) / 2, NaN skipped
  assert.equal(p.segments[0].numeric[0].count, 2);
  close(p.population[0].mean, 164 / 6); // the unlabelled row counts in the population: (1+3+10+20+30+100)/6
  const a0 = p.segments[0].levels.find((l) => l.level === 'a');
  close(a0?.share ?? NaN, 0.5); // a, b among non-missing values of segment 0
});

test('profileSegments validates labels and column kinds, naming them', () => {
  assert.throws(() => profileSegments(table, [0, 1]), /labels has 2 values, expected 6/);
  assert.throws(() => profileSegments(table, labels, { numeric: ['c'] }), /column "c" is categorical, expected numeric/);
  assert.throws(() => profileSegments(table, labels, { numeric: ['nope'] }), /no column "nope"/);
  assert.throws(() => profileSegments(table, labels, { target: 'c' }), /no level "yes"/);
  assert.throws(() => profileSegments(table, [0, 0, 1, 1, 2.5, 1]), /labels\[4\] is 2.5/);
});

test('profileSegments keeps non-contiguous labels and uses the given names', () => {
  const p = profileSegments(table, Int32Array.from([0, 0, 0, 3, 3, 3]), { names: ['low', 'x', 'y', 'high'] });
  assert.deepEqual(p.segments.map((s) => [s.label, s.name]), [[0, 'low'], [3, 'high']]);
});
