/**
 * Exact Euclidean neighbour search without an n×n matrix: a k-d tree in low dimension, a brute-force scan
 * (one query row against all rows, O(n·d) time, O(1) extra memory per query) in high dimension.
 */
import type { Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { KdTree } from './kdtree';

/** Neighbour search over the rows of a matrix. */
export interface NeighborIndex {
  /** 'kdtree' or 'brute'. */
  readonly kind: 'kdtree' | 'brute';
  /** Visit every row within eps (inclusive) of row qi of Q. */
  radius(Q: Float64Array, qi: number, eps: number, visit: (row: number, sq: number) => void): void;
  /** Sorted squared distances and rows of the k nearest rows to row qi of Q. */
  knn(Q: Float64Array, qi: number, k: number): { rows: Int32Array; sq: Float64Array };
}

/** Dimension up to which 'auto' picks the k-d tree. */
export const KDTREE_MAX_DIM = 15;

/**
 * Build a neighbour index over X. 'auto' = k-d tree when d ≤ 15, else brute force.
 * Complexity: build O(n log² n) (tree) or O(1) (brute).
 */
export function buildNeighborIndex(X: Matrix, kind: 'auto' | 'kdtree' | 'brute' = 'auto'): NeighborIndex {
  if (kind !== 'auto' && kind !== 'kdtree' && kind !== 'brute') throw new ValidationError(`neighbor search "${String(kind)}" should be 'auto', 'kdtree' or 'brute'`);
  const useTree = kind === 'kdtree' || (kind === 'auto' && X.cols <= KDTREE_MAX_DIM);
  if (useTree) {
    const tree = new KdTree(X);
    return { kind: 'kdtree', radius: (Q, qi, eps, visit) => tree.radius(Q, qi, eps, visit), knn: (Q, qi, k) => tree.knn(Q, qi, k) };
  }
  return new BruteIndex(X);
}

class BruteIndex implements NeighborIndex {
  readonly kind = 'brute' as const;
  constructor(private readonly X: Matrix) {}

  radius(Q: Float64Array, qi: number, eps: number, visit: (row: number, sq: number) => void): void {
    const { data, rows, cols: d } = this.X;
    const qo = qi * d, e2 = eps * eps;
    for (let j = 0; j < rows; j++) {
      const o = j * d;
      let s = 0;
      for (let t = 0; t < d && s <= e2; t++) { const v = Q[qo + t] - data[o + t]; s += v * v; }
      if (s <= e2) visit(j, s);
    }
  }

  knn(Q: Float64Array, qi: number, k: number): { rows: Int32Array; sq: Float64Array } {
    const { data, rows, cols: d } = this.X;
    const kk = Math.min(k, rows);
    const qo = qi * d;
    // Sorted insertion into small arrays (k is small for DBSCAN's k-distance).
    const sq = new Float64Array(kk).fill(Infinity);
    const rs = new Int32Array(kk).fill(-1);
    for (let j = 0; j < rows; j++) {
      const o = j * d;
      const bound = sq[kk - 1];
      let s = 0;
      for (let t = 0; t < d && s < bound; t++) { const v = Q[qo + t] - data[o + t]; s += v * v; }
      if (s >= bound) continue;
      let p = kk - 1;
      while (p > 0 && sq[p - 1] > s) { sq[p] = sq[p - 1]; rs[p] = rs[p - 1]; p--; }
      sq[p] = s; rs[p] = j;
    }
    return { rows: rs, sq };
  }
}
