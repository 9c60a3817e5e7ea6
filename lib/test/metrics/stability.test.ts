import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Matrix } from '../../src/core/matrix';
import { Rng } from '../../src/core/random';
import type { Clusterer, ClustererFactory } from '../../src/cluster/types';
import { bootstrapStability } from '../../src/metrics/bootstrap-stability';
import { seedStability } from '../../src/metrics/seed-stability';

/** Labels rows by the sign of column 0 (deterministic, seed ignored). */
class SignClusterer implements Clusterer {
  labels = new Int32Array(0);
  fit(X: Matrix): this {
    this.labels = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) this.labels[i] = X.data[i * X.cols] > 0 ? 1 : 0;
    return this;
  }
  predict(X: Matrix): Int32Array { return new SignClusterer().fit(X).labels; }
}

/** Random labels in 0..2 from the seed (no structure at all). */
class RandomClusterer implements Clusterer {
  labels = new Int32Array(0);
  constructor(private seed: number) {}
  fit(X: Matrix): this {
    const rng = new Rng(this.seed);
    this.labels = Int32Array.from({ length: X.rows }, () => rng.int(3));
    return this;
  }
  predict(X: Matrix): Int32Array { return new Int32Array(X.rows); }
}

function blobs(n: number): Matrix {
  const rng = new Rng(1);
  const data = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) { data[2 * i] = (i % 2 ? 5 : -5) + rng.normal(); data[2 * i + 1] = rng.normal(); }
  return { data, rows: n, cols: 2 };
}

test('bootstrapStability gives ARI 1 and Jaccard 1 for a clusterer that always finds the same two blobs', () => {
  const X = blobs(200);
  const r = bootstrapStability(X, () => new SignClusterer(), { nResamples: 5, sampleFraction: 0.5, seed: 3 });
  assert.equal(r.meanAri, 1);
  assert.deepEqual(Array.from(r.jaccard), [1, 1]);
  assert.equal(r.ari.length, 5);
});

test('bootstrapStability of random labels gives ARI near 0 and Jaccard well below 0.5', () => {
  // With 3 random labels, each reference cluster overlaps each resample cluster by about a third of its rows:
  // Jaccard ≈ (m/9)/(m/3 + m/3 − m/9) = 1/5 (best of three a little higher).
  const X = blobs(600);
  const r = bootstrapStability(X, (s: number) => new RandomClusterer(s), { nResamples: 4, seed: 1 });
  assert.ok(Math.abs(r.meanAri) < 0.02, `meanAri ${r.meanAri}`);
  for (const j of r.jaccard) assert.ok(j > 0.15 && j < 0.3, `jaccard ${j}`);
});

test('bootstrapStability is reproducible by seed and validates options', () => {
  const X = blobs(100);
  const f: ClustererFactory = (s) => new RandomClusterer(s);
  assert.deepEqual(bootstrapStability(X, f, { nResamples: 3, seed: 7 }).ari, bootstrapStability(X, f, { nResamples: 3, seed: 7 }).ari);
  assert.throws(() => bootstrapStability(X, f, { sampleFraction: 0 }), /sampleFraction=0/);
  assert.throws(() => bootstrapStability(X, f, { nResamples: 0 }), /nResamples=0/);
});

test('seedStability gives a symmetric ARI matrix: all ones for a seed-free clusterer, low for random labels', () => {
  const X = blobs(300);
  const same = seedStability(X, () => new SignClusterer(), { seeds: [1, 2, 3] });
  assert.deepEqual(Array.from(same.ari), [1, 1, 1, 1, 1, 1, 1, 1, 1]);
  assert.equal(same.meanAri, 1);
  const rnd = seedStability(X, (s) => new RandomClusterer(s), { seeds: [1, 2, 3] });
  assert.equal(rnd.ari[1], rnd.ari[3]);
  assert.ok(rnd.meanAri < 0.05);
  assert.throws(() => seedStability(X, (s) => new RandomClusterer(s), { seeds: [1] }), /at least 2/);
});
