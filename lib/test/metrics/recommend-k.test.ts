import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recommendK } from '../../src/metrics/recommend-k';

const rows = Object.freeze([
  { k: 2, silhouette: 0.30, daviesBouldin: 1.4, calinskiHarabasz: 900, inertia: 100, stability: 0.95 },
  { k: 3, silhouette: 0.42, daviesBouldin: 0.9, calinskiHarabasz: 850, inertia: 50, stability: 0.90 },
  { k: 4, silhouette: 0.35, daviesBouldin: 1.0, calinskiHarabasz: 700, inertia: 30, stability: 0.70 },
  { k: 5, silhouette: 0.33, daviesBouldin: 1.1, calinskiHarabasz: 650, inertia: 25, stability: 0.60 },
  { k: 6, silhouette: 0.31, daviesBouldin: 1.2, calinskiHarabasz: 600, inertia: 22, stability: 0.55 },
  { k: 7, silhouette: 0.30, daviesBouldin: 1.3, calinskiHarabasz: 550, inertia: 20, stability: 0.50 },
]);

test('recommendK takes the k with most votes and names the agreeing and dissenting criteria', () => {
  // Votes: silhouette → 3, Davies–Bouldin → 3, CH → 2, stability → 2, elbow: y′ = 1 − (y − 20)/80 =
  // [0, .625, .875, .9375, .975, 1], x′ = [0, .2, .4, .6, .8, 1] → D = [0, .425, .475, .3375, .175, 0]: knee at k = 4.
  // Tally: k=3 has 2, k=2 has 2, k=4 has 1 → tie 3 vs 2, broken by mean rank (k=3 ranks 1,1,2,2 and elbow 2 →
  // mean 1.6; k=2 ranks 6,6,1,1 and elbow 3 → 3.4): k = 3.
  const r = recommendK(rows);
  assert.equal(r.k, 3);
  assert.deepEqual(r.votes, { silhouette: 3, daviesBouldin: 3, calinskiHarabasz: 2, elbow: 4, stability: 2 });
  assert.match(r.reason, /^k = 3: 2 of 5 criteria agree \(silhouette \(highest\), Davies–Bouldin \(lowest\)\)/);
  assert.match(r.reason, /Calinski–Harabasz \(highest\) prefers k = 2/);
  assert.match(r.reason, /tie with k = 2/);
});

test('recommendK warns when the chosen k is unstable', () => {
  const r = recommendK([
    { k: 2, silhouette: 0.2, stability: 0.9 },
    { k: 3, silhouette: 0.5, stability: 0.4 },
    { k: 4, silhouette: 0.4, stability: 0.3 },
  ]);
  // silhouette → 3, stability → 2: tie; mean ranks k=3: (1 + 2)/2 = 1.5, k=2: (3 + 1)/2 = 2 → k = 3, unstable.
  assert.equal(r.k, 3);
  assert.match(r.reason, /caution: stability at k = 3 is only 0\.40/);
});

test('recommendK rejects empty input, duplicate k and rows without criteria', () => {
  assert.throws(() => recommendK([]), /at least one row/);
  assert.throws(() => recommendK([{ k: 2, silhouette: 1 }, { k: 2, silhouette: 2 }]), /k=2 appears twice/);
  assert.throws(() => recommendK([{ k: 2 }, { k: 3 }]), /no criterion/);
});
