/**
 * Initial centres for the K-Means lessons: k-means++ (the production seeding of `cluster/kmeans-init.ts`, wrapped
 * to take a seed and return a Matrix) and a deliberately bad start (all centres crowded in one corner of the data).
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { Rng } from '../core/random';
import { kmeansPlusPlusInit } from '../cluster/kmeans-init';

function checkK(X: Matrix, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new ValidationError(`k=${k} should be an integer >= 1`);
  if (k > X.rows) throw new ValidationError(`k=${k} should be <= nSamples=${X.rows}`);
}

/**
 * k-means++ starting centres (greedy variant, as scikit-learn), k×d. O(n·d·k·log k).
 * Reference: Arthur & Vassilvitskii (2007), SODA.
 * @throws ValidationError on bad k, NaN, or fewer than k distinct rows.
 */
export function kmeansPlusPlusCenters(X: Matrix, k: number, seed = 0): Matrix {
  checkMatrix(X, { name: 'X', minRows: 1 });
  checkK(X, k);
  return { data: kmeansPlusPlusInit(X, k, new Rng(seed)), rows: k, cols: X.cols };
}

/**
 * k centres drawn uniformly at random in the bounding box of the data (the "drop k pins on the map" start of many
 * K-Means lessons): they may start in empty space, and their paths show how they travel to the groups. O(n·d + k·d).
 * @example randomBoxCenters(fromRows([[0, 0], [10, 2]]), 3, 1) // 3×2, every x in [0, 10), every y in [0, 2)
 */
export function randomBoxCenters(X: Matrix, k: number, seed = 0): Matrix {
  checkMatrix(X, { name: 'X', minRows: 1 });
  checkK(X, k);
  const { data, rows: n, cols: d } = X;
  const lo = new Float64Array(d).fill(Infinity), hi = new Float64Array(d).fill(-Infinity);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) { const v = data[i * d + t]; if (v < lo[t]) lo[t] = v; if (v > hi[t]) hi[t] = v; }
  const rng = new Rng(seed);
  const out = new Float64Array(k * d);
  for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) out[c * d + t] = lo[t] + (hi[t] - lo[t]) * rng.random();
  return { data: out, rows: k, cols: d };
}

/**
 * A bad start on purpose: the k rows nearest to the row with the smallest first coordinate (ties → lower row),
 * so every centre begins inside the same corner of the data. O(n·d + n log n).
 * @example badInitCenters(fromRows([[5,0],[0,0],[1,0],[9,0]]), 2) // → rows [0,0] and [1,0]
 */
export function badInitCenters(X: Matrix, k: number): Matrix {
  checkMatrix(X, { name: 'X', minRows: 1 });
  checkK(X, k);
  const { data, rows: n, cols: d } = X;
  let a = 0;
  for (let i = 1; i < n; i++) if (data[i * d] < data[a * d]) a = i;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) { const v = data[i * d + t] - data[a * d + t]; s += v * v; }
    dist[i] = s;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => dist[p] - dist[q] || p - q);
  const out = new Float64Array(k * d);
  for (let c = 0; c < k; c++) out.set(data.subarray(order[c] * d, order[c] * d + d), c * d);
  return { data: out, rows: k, cols: d };
}
