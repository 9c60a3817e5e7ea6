import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileSegments } from '../../src/personas/profile';
import { topFeatures } from '../../src/personas/top-features';
import { describeSegment, phraseTrait, segmentName, segmentTraits, shortTrait } from '../../src/personas/describe';
import { fmtPercent } from '../../src/personas/stats';
import { cat, frozen, num } from './fixtures';

const table = frozen(
  num('x', [1, 2, 3, 10, 20, 30]),
  num('rate', [0, 0, 0.5, 0.1, 0.2, 0.3]),
  cat('c', ['a', 'a', 'b', 'b', 'b', 'a']),
  cat('y', ['no', 'no', 'yes', 'yes', 'yes', 'no']),
);
const labels = Int32Array.from([0, 0, 0, 1, 1, 1]);
const profile = profileSegments(table, labels, { target: 'y' });

test('topFeatures ranks numeric features and over-represented levels by |z|', () => {
  // Segment 1: x z = 9/10.708 = 0.84; rate mean 0.2 vs 1.1/6 = 0.1833, sd 0.1675 → z = 0.0995;
  // level c = 'b' share 2/3 vs 1/2 → z = 1/3 (c = 'a' has lift < 1 and is not a trait).
  const top = topFeatures(profile, 1, 3, { minCount: 1 });
  assert.deepEqual(top.map((f) => (f.kind === 'level' ? `${f.feature}=${f.level}` : f.feature)), ['x', 'c=b', 'rate']);
  assert.equal(topFeatures(profile, 1, 3).length, 2, 'levels with fewer than minCount = 5 rows are left out');
  assert.throws(() => topFeatures(profile, 7), /segment 7 is not in the profile; labels are 0, 1/);
});

test('topFeatures leaves out a numeric feature that is missing for most of the segment', () => {
  // w is present in 1 of segment 0's 10 rows (coverage 10%) and in every row of segment 1: with the default
  // minCoverage 0.1 it is kept; with 0.2 segment 0 loses it, segment 1 keeps it.
  const w = [50, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2];
  const t = frozen(num('w', w), num('v', [...Array(10).fill(1), ...Array(10).fill(2)]));
  const l = Int32Array.from([...Array(10).fill(0), ...Array(10).fill(1)]);
  const p = profileSegments(t, l);
  assert.deepEqual(topFeatures(p, 0, 2).map((f) => f.feature), ['w', 'v']);
  assert.deepEqual(topFeatures(p, 0, 2, { minCoverage: 0.2 }).map((f) => f.feature), ['v']);
  assert.deepEqual(topFeatures(p, 1, 2, { minCoverage: 0.2 }).map((f) => f.feature).sort(), ['v', 'w']);
});

test('describeSegment phrases computed numbers: ratio, level share and lift, target rate', () => {
  // x: 20/11 = 1.82 → "1.8×"; c = 'b': 67% vs 50%, lift (2/3)/(1/2) = 1.33; y: 2/3 = 67%, 1.33× the overall 50%.
  assert.equal(
    describeSegment(profile, 1, { n: 2, minCount: 1 }),
    "segment 1 (50% of customers): x 1.8× the average, mostly c 'b' (67% vs 50%, lift 1.3); y rate 67% (1.3× the overall 50%)",
  );
  assert.match(describeSegment(profile, 1, { n: 1, minCount: 1, markdown: true }), /^\*\*segment 1\*\* \(50% of customers\): x 1\.8×/);
});

test('segmentTraits uses display labels and styles', () => {
  // Segment 0: x mean 2 → ratio 2/11 = 0.18 → "82% below the average"; as sd: z = −9/10.708 = −0.84.
  assert.deepEqual(segmentTraits(profile, 0, { n: 1, labels: { x: 'purchases' } }), ['purchases 82% below the average']);
  assert.deepEqual(segmentTraits(profile, 0, { n: 1, labels: { x: { label: 'purchases', style: 'sd' } } }), ['purchases 0.8 sd below the average']);
  assert.deepEqual(segmentTraits(profile, 0, { n: 1, labels: { x: { style: 'value' } } }), ['x 2 on average (vs 11)']);
});

test('phraseTrait says "no …" when a segment mean is 0', () => {
  // Segment 0 of a table where x = 0, 0 | 4, 8: ratio 0, population mean 3.
  const p = profileSegments(frozen(num('x', [0, 0, 4, 8])), [0, 0, 1, 1]);
  assert.deepEqual(segmentTraits(p, 0, { n: 1, labels: { x: 'loans' } }), ['no loans (vs 3 on average)']);
});

test('phraseTrait writes a [0, 1] feature as a share of customers', () => {
  // rate in segment 0: (0 + 0 + 0.5)/3 = 0.1667 → 17%; overall 1.1/6 = 0.1833 → 18%.
  const f = topFeatures(profile, 0, 5).find((t) => t.feature === 'rate');
  assert.ok(f);
  assert.equal(phraseTrait(f, { rate: 'pay in full' }), '17% pay in full (vs 18% overall)');
});

test('shares and ratios that round to 0 or 100 % are phrased as such, not as exact extremes', () => {
  assert.equal(fmtPercent(0.0004), '<0.1%');
  assert.equal(fmtPercent(0.9996), '>99%');
  assert.equal(fmtPercent(0), '0%');
  assert.equal(fmtPercent(1), '100%');
  assert.equal(fmtPercent(0.042), '4.2%');
  assert.equal(fmtPercent(0.994), '99%');
  // segment 0: x mean 0.005 vs population mean (0.005 + 10) / 2 = 5.0025 → ratio 0.001 → "almost no"
  const p = profileSegments(frozen(num('x', [0.005, 0.005, 10, 10])), [0, 0, 1, 1]);
  assert.deepEqual(segmentTraits(p, 0, { n: 1, labels: { x: 'loans' } }), ['almost no loans (0.005 vs 5 on average)']);
});

test('segmentName names a segment by two or three traits, one per set of source columns', () => {
  // 12 rows; segment 1 = rows 6..11: age high (z > 0), flag 100 % vs 50 %, its value column restates the flag,
  // job 'retired' 5 of 6 vs 5 of 12 (lift 2).
  const t = frozen(
    num('age', [30, 31, 32, 33, 34, 35, 60, 61, 62, 63, 64, 65]),
    num('flag', [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]),
    num('flag_value', [NaN, NaN, NaN, NaN, NaN, NaN, 3, 4, 5, 3, 4, 5]),
    cat('job', ['admin', 'admin', 'admin', 'admin', 'admin', 'admin', 'retired', 'retired', 'retired', 'retired', 'retired', 'admin']),
  );
  const l = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  const p = profileSegments(t, l);
  const name = segmentName(p, 1, { n: 3, sources: { flag: ['pdays'], flag_value: ['pdays'] } });
  const parts = name.replace(/^S2 · /, '').split(', ');
  assert.equal(parts.length, 3, name);
  assert.ok(parts.includes('high age'), name);
  assert.ok(parts.includes('flag 100%'), name);
  assert.ok(parts.includes('job retired'), name);
  assert.ok(!/flag_value/.test(name), 'the restating feature counts once');
  // n is clamped to 2..3: a one-trait name is never produced when two traits exist
  assert.equal(segmentName(p, 1, { n: 1, sources: { flag: ['pdays'], flag_value: ['pdays'] } }).split(', ').length, 2);
  assert.equal(shortTrait({ kind: 'numeric', feature: 'x', z: -1, value: 1, median: 1, populationValue: 2, populationSd: 1, populationMin: 0, populationMax: 9, ratio: 0.5 }), 'low x');
});
