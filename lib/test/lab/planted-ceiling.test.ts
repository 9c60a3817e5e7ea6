import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../../src/core/errors';
import { generateBankCustomers, BANK_SEGMENT_SHARES } from '../../src/data/synthetic-bank';
import { bankSegmentLogLikelihoods } from '../../src/data/synthetic-bank-density';
import { generateCardCustomers, CARD_SEGMENT_SHARES } from '../../src/data/synthetic-cc';
import { cardSegmentLogLikelihoods } from '../../src/data/synthetic-cc-density';
import { categoricalColumn, numericColumn } from '../../src/data/table';
import { adjustedRandIndex } from '../../src/metrics/adjusted-rand';
import { maxPosteriorLabels, plantedSegmentCeiling } from '../../src/lab/planted-ceiling';

test('maxPosteriorLabels picks argmax of log prior + log-likelihood (hand-computed)', () => {
  // equal priors: row 0 (0, −1) → 0, row 1 (−3, 0) → 1
  assert.deepEqual(Array.from(maxPosteriorLabels(Float64Array.from([0, -1, -3, 0]), [0.5, 0.5])), [0, 1]);
  // priors 0.2 / 0.8: ln 0.2 − 1 = −2.609 < ln 0.8 − 1.5 = −1.723 → 1
  assert.deepEqual(Array.from(maxPosteriorLabels(Float64Array.from([-1, -1.5]), [0.2, 0.8])), [1]);
  assert.throws(() => maxPosteriorLabels(Float64Array.from([-Infinity, -Infinity]), [0.5, 0.5]), /row 0 has probability 0 under every segment/);
  assert.throws(() => maxPosteriorLabels(Float64Array.from([0, 0, 0]), [0.5, 0.5]), ValidationError);
});

test('bank ceiling seeing only the contact channel: cellular → moderate majority, telephone → stressed repeaters (by hand)', () => {
  // prior × P(contact | s) with shares 0.1, 0.2, 0.22, 0.48 and P(cellular) 0.95, 0.95, 0.08, 0.85:
  // cellular: 0.095, 0.19, 0.0176, 0.408 → segment 3; telephone: 0.005, 0.01, 0.2024, 0.072 → segment 2.
  const t = generateBankCustomers({ n: 3000, seed: 5 });
  const truth = categoricalColumn(t, 'segment').codes;
  const contact = categoricalColumn(t, 'contact');
  const byHand = Int32Array.from(contact.codes, (c) => (contact.levels[c] === 'cellular' ? 3 : 2));
  const c = plantedSegmentCeiling(t, truth, 'bank', ['contact']);
  assert.deepEqual(Array.from(c.labels), Array.from(byHand));
  assert.equal(c.ari, adjustedRandIndex(truth, byHand));
});

test('bank densities match the frequencies of generated rows (a second computation, by simulation)', () => {
  // 200,000 rows: per segment, the share of rows with (contact, poutcome, previous) = (cellular, nonexistent, 0)
  // and of rows with campaign = 1 must match exp(log-likelihood) of those values within 5 standard errors.
  const t = generateBankCustomers({ n: 200_000, seed: 9 });
  const truth = categoricalColumn(t, 'segment').codes;
  const probe = generateBankCustomers({ n: 400, seed: 1 });
  const pc = categoricalColumn(probe, 'contact'), pp = categoricalColumn(probe, 'poutcome'), pv = numericColumn(probe, 'previous');
  const row = Array.from({ length: probe.nRows }, (_, i) => i).find((i) => pc.levels[pc.codes[i]] === 'cellular' && pp.levels[pp.codes[i]] === 'nonexistent' && pv[i] === 0)!;
  const ll = bankSegmentLogLikelihoods(probe, ['contact', 'poutcome', 'previous']);
  const cc = categoricalColumn(t, 'contact'), po = categoricalColumn(t, 'poutcome'), prev = numericColumn(t, 'previous');
  const camp = numericColumn(t, 'campaign');
  const pcamp = numericColumn(probe, 'campaign');
  const row1 = Array.from({ length: probe.nRows }, (_, i) => i).find((i) => pcamp[i] === 1)!;
  const llc = bankSegmentLogLikelihoods(probe, ['campaign']);
  for (let s = 0; s < 4; s++) {
    let n = 0, hit = 0, hitC = 0;
    for (let i = 0; i < t.nRows; i++) {
      if (truth[i] !== s) continue;
      n++;
      if (cc.levels[cc.codes[i]] === 'cellular' && po.levels[po.codes[i]] === 'nonexistent' && prev[i] === 0) hit++;
      if (camp[i] === 1) hitC++;
    }
    for (const [p, h] of [[Math.exp(ll[row * 4 + s]), hit], [Math.exp(llc[row1 * 4 + s]), hitC]]) {
      const se = Math.sqrt((p * (1 - p)) / n);
      assert.ok(Math.abs(h / n - p) < 5 * se + 1e-9, `segment ${s}: simulated ${h / n} vs model ${p}`);
    }
  }
});

for (const [name, gen, ll, shares, generator] of [
  ['bank', () => generateBankCustomers({ n: 6000, seed: 3 }), (t: ReturnType<typeof generateBankCustomers>) => bankSegmentLogLikelihoods(t), BANK_SEGMENT_SHARES, 'bank'],
  ['card', () => generateCardCustomers({ n: 6000, seed: 3 }), (t: ReturnType<typeof generateCardCustomers>) => cardSegmentLogLikelihoods(t), CARD_SEGMENT_SHARES, 'credit-card'],
] as const) {
  test(`${name} posteriors are calibrated: mean posterior of the chosen segment ≈ the share chosen correctly`, () => {
    // If the densities are the generator's, the posterior of the chosen segment is the probability that the choice is
    // right, so its mean estimates the accuracy (two computations of one number); every generated row is possible
    // under its own segment.
    const t = gen();
    const truth = categoricalColumn(t, 'segment').codes;
    const L = ll(t as never);
    const labels = maxPosteriorLabels(L, shares);
    let post = 0, hit = 0;
    for (let i = 0; i < t.nRows; i++) {
      assert.ok(Number.isFinite(L[i * 4 + truth[i]]), `row ${i} impossible under its own segment ${truth[i]}`);
      let m = -Infinity;
      const w = [0, 1, 2, 3].map((s) => Math.log(shares[s]) + L[i * 4 + s]);
      for (const v of w) m = Math.max(m, v);
      const z = w.reduce((a, v) => a + Math.exp(v - m), 0);
      post += Math.exp(w[labels[i]] - m) / z;
      if (labels[i] === truth[i]) hit++;
    }
    const acc = hit / t.nRows, meanPost = post / t.nRows;
    assert.ok(Math.abs(acc - meanPost) < 0.01, `accuracy ${acc} vs mean posterior ${meanPost}`);
    if (generator === 'credit-card') assert.throws(() => plantedSegmentCeiling(t, truth, generator, ['BALANCE']), /needs every numeric column observed/);
  });
}
