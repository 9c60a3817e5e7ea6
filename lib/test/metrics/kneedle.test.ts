import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kneedle } from '../../src/metrics/kneedle';

test('kneedle finds the knee of the paper\'s figure 2 curve (published: x = 0.2222, y = 1.8966)', () => {
  // Satopää et al. 2011, figure 2: y = −1/(x + 0.1) + 5 on 10 evenly spaced x in [0, 1]; the kneed package's
  // test suite reports knee 0.222… with y 1.8965517….
  const x = Array.from({ length: 10 }, (_, i) => i / 9);
  const y = x.map((v) => -1 / (v + 0.1) + 5);
  const r = kneedle(x, y, { curve: 'concave', direction: 'increasing' });
  assert.ok(Math.abs((r.knee as number) - 2 / 9) < 1e-12);
  assert.ok(Math.abs((r.kneeY as number) - 1.8965517241379306) < 1e-12);
});

test('kneedle finds the elbow of a convex decreasing inertia curve (hand-derived)', () => {
  // y′ = 1 − (y − 17)/83 = [0, .602, .843, .904, .940, .964, .976, .988, 1]; x′ = (k − 1)/8.
  // D = y′ − x′ = [0, .477, .593, .529, .440, .339, .226, .113, 0]: max at k = 3, T = .593 − 1/8 = .468,
  // D(4) = .529 ≥ T, D(5) = .440 < T → knee k = 3.
  const r = kneedle([1, 2, 3, 4, 5, 6, 7, 8, 9], Object.freeze([100, 50, 30, 25, 22, 20, 19, 18, 17]));
  assert.equal(r.knee, 3);
  assert.equal(r.kneeIndex, 2);
  assert.ok(Math.abs(r.difference[2] - (1 - 13 / 83 - 0.25)) < 1e-12);
  assert.ok(Math.abs(r.threshold - (1 - 13 / 83 - 0.25 - 0.125)) < 1e-12);
});

test('kneedle handles convex increasing curves (a sorted k-distance curve) by mirroring both axes', () => {
  // Mirror image of the elbow above in x (x ↦ 10 − x) is convex increasing: y = 17, 18, 19, 20, 22, 25, 30, 50, 100;
  // the knee maps to 10 − 3 = 7.
  const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const ys = [100, 50, 30, 25, 22, 20, 19, 18, 17].reverse();
  const r = kneedle(xs, ys, { curve: 'convex', direction: 'increasing' });
  assert.equal(r.knee, 7);
});

test('kneedle returns null on a straight line and validates its input', () => {
  assert.equal(kneedle([1, 2, 3, 4], [4, 3, 2, 1]).knee, null);
  assert.throws(() => kneedle([1, 2], [1, 2]), /at least 3 points/);
  assert.throws(() => kneedle([1, 3, 2], [1, 2, 3]), /strictly increasing/);
  assert.throws(() => kneedle([1, 2, 3], [1, 2]), /xs has 3 values but ys has 2/);
});
