import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromColumns, fromRows } from '../../src/core/matrix';
import { vifFromCorrelation } from '../../src/features/vif';
import { featureCorrelation } from '../../src/features/correlation';
import { selectFeatures } from '../../src/features/feature-selection';
import { FeatureSelector } from '../../src/features/feature-selector';
import { close, frozen, num, roundTrip } from './fixtures';

// Orthogonal centered vectors in R⁴ (each also orthogonal to the constant vector):
const a = [1, 1, -1, -1];
const b = [1, -1, 1, -1];
const c = [1, -1, -1, 1];

test('VIF matches a hand-computed 3-column least-squares case', () => {
  // x1 = a, x2 = b, x3 = a + b + c.
  // x3 on (x1, x2): fitted a + b, residual c: R² = 1 − |c|²/|x3|² = 1 − 4/12 = 2/3 → VIF 3.
  // x1 on (x2, x3): span{b, a + b + c} = span{b, a + c}; a projects to (a + c)/2 (a·(a + c) = 4, |a + c|² = 8),
  // residual (a − c)/2 with |·|² = 2: R² = 1 − 2/4 = 1/2 → VIF 2; x2 likewise → VIF 2.
  const X = fromColumns([a, b, a.map((v, i) => v + b[i] + c[i])]);
  close(Array.from(vifFromCorrelation(featureCorrelation(X))), [2, 2, 3]);
});

test('VIF is infinite for an exact linear combination', () => {
  const X = fromColumns([a, b, a.map((v, i) => 2 * v - b[i])]);
  const v = vifFromCorrelation(featureCorrelation(X));
  assert.equal(v[2], Infinity);
});

test('featureCorrelation gives ±1 for linear relations and 0 for a constant column', () => {
  const R = featureCorrelation(fromColumns([[1, 2, 3], [2, 4, 6], [3, 2, 1], [5, 5, 5]]));
  close(Array.from(R.data.subarray(0, 4)), [1, 1, -1, 0]);
});

test('selectFeatures drops by variance, then correlation keeping the preferred feature, then VIF, with a reason each', () => {
  const n = 8;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const x = [1, 2, 3, 4, 5, 6, 7, 8][i];
    const y = [2, 1, 4, 3, 6, 5, 8, 7][i];
    const z = [1, -1, 1, -1, -1, 1, -1, 1][i];
    rows.push([x, 0.001 * (i % 2), 2 * x + 0.01 * z, y, z, x + y + 0.2 * z]);
  }
  const names = ['x', 'tiny', 'x2', 'y', 'z', 'sum'];
  const r = selectFeatures(fromRows(rows), names, { prefer: ['x2'], correlationThreshold: 0.999 });
  const byFeature = Object.fromEntries(r.report.map((row) => [row.feature, row]));
  assert.equal(byFeature.tiny.stage, 'variance'); // variance 0.001²·0.25 ≤ 0.01
  assert.equal(byFeature.x.stage, 'correlation'); // |r(x, x2)| > 0.999, x2 preferred
  assert.equal(byFeature.x.partner, 'x2');
  assert.equal(byFeature.sum.stage, 'vif'); // sum ≈ x2/2 + y + 0.2z: R² near 1
  assert.deepEqual(r.kept, ['x2', 'y', 'z']);
  assert.ok(Object.values(r.finalVif!).every((v) => v <= 10));
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r, 'the result is plain JSON');
});

test('FeatureSelector keeps the fitted column list at transform time and round-trips', () => {
  const t = frozen(num('a', [1, 2, 3, 4]), num('a_copy', [2, 4, 6, 8]), num('b', [1, -1, -1, 1]));
  const s = new FeatureSelector().fit(t);
  assert.deepEqual(s.selection.kept, ['a', 'b']); // tie on mean |r| → the later column (a_copy) is dropped
  const back = FeatureSelector.fromJSON(roundTrip(s));
  assert.deepEqual(back.transform(t).columns.map((col) => col.name), ['a', 'b']);
});
