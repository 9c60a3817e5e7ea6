import { test } from 'node:test';
import assert from 'node:assert/strict';
import { psi, psiBinEdges, binShares, codeShares, psiLevel } from '../../src/scoring/psi';

test('psi is 0 for identical shares and matches a hand computation otherwise', () => {
  assert.equal(psi([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]), 0);
  // (0.4-0.5)·ln(0.4/0.5) + (0.6-0.5)·ln(0.6/0.5) = 0.1·0.22314 + 0.1·0.18232 = 0.040546
  assert.ok(Math.abs(psi([0.5, 0.5], [0.4, 0.6]) - 0.0405465) < 1e-6);
  assert.equal(psiLevel(0.04), 'stable');
  assert.equal(psiLevel(0.2), 'moderate');
  assert.equal(psiLevel(0.3), 'significant');
});

test('psiBinEdges gives decile cut points and binShares counts with a missing-value bin', () => {
  const v = Array.from({ length: 100 }, (_, i) => i); // 0..99: deciles at 10, 20, …, 90
  assert.deepEqual(psiBinEdges(v), [10, 20, 30, 40, 50, 60, 70, 80, 90]);
  const shares = binShares([5, 15, 15, NaN], [10, 20]);
  assert.deepEqual(shares, [0.25, 0.5, 0, 0.25]);
  assert.deepEqual(psiBinEdges([1, 1, 1, 1]), [1]);
});

test('codeShares ignores noise labels', () => {
  assert.deepEqual(codeShares([0, 1, 1, -1], 2), [1 / 3, 2 / 3]);
});
