/** Small hand-checkable inputs for the lab tests (test helper, not a test file). */
import type { Matrix } from '../../src/core/matrix';
import { Rng } from '../../src/core/random';
import type { Representation } from '../../src/lab/representations';

/**
 * Three well separated 2-D blobs (centres (0,0), (10,0), (0,10), sd 0.5), `perBlob` rows each, rows interleaved
 * (row i belongs to blob i mod 3). Any sensible clustering at k = 3 recovers them exactly.
 */
export function threeBlobs(perBlob = 40, seed = 7): { X: Matrix; truth: Int32Array } {
  const centers = [[0, 0], [10, 0], [0, 10]];
  const n = 3 * perBlob;
  const rng = new Rng(seed);
  const data = new Float64Array(n * 2);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    truth[i] = c;
    data[2 * i] = centers[c][0] + rng.normal(0, 0.5);
    data[2 * i + 1] = centers[c][1] + rng.normal(0, 0.5);
  }
  return { X: { data, rows: n, cols: 2 }, truth };
}

/**
 * Two representations of the blobs: 'engineered' = the blobs; 'raw' = the blobs scaled ×2 with a third column of
 * noise, plus the mixed form (the two scaled columns + one categorical column holding the blob id).
 */
export function blobRepresentations(perBlob = 40): { reps: Representation[]; truth: Int32Array } {
  const { X, truth } = threeBlobs(perBlob);
  const n = X.rows;
  const rng = new Rng(11);
  const raw = new Float64Array(n * 3);
  const num = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    raw[3 * i] = num[2 * i] = 2 * X.data[2 * i];
    raw[3 * i + 1] = num[2 * i + 1] = 2 * X.data[2 * i + 1];
    raw[3 * i + 2] = rng.normal(0, 0.3);
  }
  const engineered: Representation = { name: 'engineered', description: 'blobs', X, featureNames: ['a', 'b'], mixed: null };
  const rawRep: Representation = {
    name: 'raw', description: 'blobs ×2 + noise', X: { data: raw, rows: n, cols: 3 }, featureNames: ['a2', 'b2', 'noise'],
    mixed: {
      numeric: { data: num, rows: n, cols: 2 }, categorical: { data: Int32Array.from(truth), rows: n, cols: 1 },
      numericNames: ['a2', 'b2'], categoricalNames: ['blob'], levels: [['A', 'B', 'C']],
    },
  };
  return { reps: [rawRep, engineered], truth };
}
