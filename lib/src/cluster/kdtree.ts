/**
 * A k-d tree over the rows of a matrix for exact Euclidean radius and k-nearest-neighbour queries
 * (Bentley 1975; Friedman, Bentley, Finkel 1977): median split on the widest coordinate, leaves of ≤ `leafSize`
 * rows, a bounding box per node for pruning. Effective in low dimension (say d ≤ 15); in high dimension pruning
 * fails and a chunked brute-force scan is as fast (see `neighbors.ts`).
 *
 * Complexity: build O(n log² n) time, O(n + nodes·d) memory; queries O(log n) to O(n·d) depending on d and data.
 */
import type { Matrix } from '../core/matrix';

/** A static k-d tree over X (X is referenced, not copied, and must not change). */
export class KdTree {
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
  /** Row indices, permuted so that every node covers a contiguous range. */
  private readonly idx: Int32Array;
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private boxes: Float64Array;

  constructor(X: Matrix, leafSize = 16) {
    this.X = X.data;
    this.n = X.rows;
    this.d = X.cols;
    this.idx = Int32Array.from({ length: X.rows }, (_, i) => i);
    const est = Math.max(1, 2 * Math.ceil(X.rows / Math.max(1, leafSize)) + 1);
    this.boxes = new Float64Array(est * 2 * this.d);
    if (this.n > 0) this.build(0, this.n, Math.max(1, leafSize));
  }

  private build(lo: number, hi: number, leafSize: number): number {
    const node = this.lo.length;
    const d = this.d, X = this.X, idx = this.idx;
    this.lo.push(lo); this.hi.push(hi); this.left.push(-1); this.right.push(-1);
    if ((node + 1) * 2 * d > this.boxes.length) {
      const nb = new Float64Array(this.boxes.length * 2);
      nb.set(this.boxes);
      this.boxes = nb;
    }
    const box = node * 2 * d;
    for (let t = 0; t < d; t++) { this.boxes[box + t] = Infinity; this.boxes[box + d + t] = -Infinity; }
    for (let r = lo; r < hi; r++) {
      const o = idx[r] * d;
      for (let t = 0; t < d; t++) {
        const v = X[o + t];
        if (v < this.boxes[box + t]) this.boxes[box + t] = v;
        if (v > this.boxes[box + d + t]) this.boxes[box + d + t] = v;
      }
    }
    if (hi - lo <= leafSize) return node;
    let dim = 0, width = -1;
    for (let t = 0; t < d; t++) {
      const w = this.boxes[box + d + t] - this.boxes[box + t];
      if (w > width) { width = w; dim = t; }
    }
    if (width <= 0) return node; // all rows identical: keep as a leaf
    const sub = Array.from(idx.subarray(lo, hi)).sort((a, b) => X[a * d + dim] - X[b * d + dim]);
    idx.set(sub, lo);
    const mid = lo + ((hi - lo) >> 1);
    const l = this.build(lo, mid, leafSize);
    const r = this.build(mid, hi, leafSize);
    this.left[node] = l;
    this.right[node] = r;
    return node;
  }

  /** Squared distance from point q (offset qo in Q) to the node's box. */
  private boxDist(node: number, Q: Float64Array, qo: number): number {
    const d = this.d, b = node * 2 * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = Q[qo + t];
      const lo = this.boxes[b + t], hi = this.boxes[b + d + t];
      const e = v < lo ? lo - v : v > hi ? v - hi : 0;
      s += e * e;
    }
    return s;
  }

  /**
   * Visit every row within distance `eps` (inclusive) of point qi of Q (d columns): calls visit(row, sqDist).
   */
  radius(Q: Float64Array, qi: number, eps: number, visit: (row: number, sq: number) => void): void {
    if (this.n === 0) return;
    const d = this.d, X = this.X, idx = this.idx, qo = qi * d, e2 = eps * eps;
    const stack = [0];
    while (stack.length) {
      const node = stack.pop() as number;
      if (this.boxDist(node, Q, qo) > e2) continue;
      if (this.left[node] < 0) {
        for (let r = this.lo[node]; r < this.hi[node]; r++) {
          const o = idx[r] * d;
          let s = 0;
          for (let t = 0; t < d; t++) { const v = Q[qo + t] - X[o + t]; s += v * v; }
          if (s <= e2) visit(idx[r], s);
        }
      } else {
        stack.push(this.left[node], this.right[node]);
      }
    }
  }

  /**
   * The k nearest rows of point qi of Q, as sorted squared distances and row indices (ties: any order).
   */
  knn(Q: Float64Array, qi: number, k: number): { rows: Int32Array; sq: Float64Array } {
    const d = this.d, X = this.X, idx = this.idx, qo = qi * d;
    const kk = Math.min(k, this.n);
    // Max-heap of size kk on squared distance.
    const hd = new Float64Array(kk).fill(Infinity);
    const hr = new Int32Array(kk).fill(-1);
    const push = (row: number, s: number): void => {
      if (s >= hd[0]) return;
      hd[0] = s; hr[0] = row;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1, r = l + 1;
        let m = p;
        if (l < kk && hd[l] > hd[m]) m = l;
        if (r < kk && hd[r] > hd[m]) m = r;
        if (m === p) break;
        const td = hd[p]; hd[p] = hd[m]; hd[m] = td;
        const tr = hr[p]; hr[p] = hr[m]; hr[m] = tr;
        p = m;
      }
    };
    const visitNode = (node: number): void => {
      if (this.boxDist(node, Q, qo) >= hd[0] && hr[0] !== -1) return;
      if (this.left[node] < 0) {
        for (let r = this.lo[node]; r < this.hi[node]; r++) {
          const o = idx[r] * d;
          let s = 0;
          for (let t = 0; t < d; t++) { const v = Q[qo + t] - X[o + t]; s += v * v; }
          push(idx[r], s);
        }
        return;
      }
      const a = this.left[node], b = this.right[node];
      const da = this.boxDist(a, Q, qo), db = this.boxDist(b, Q, qo);
      if (da <= db) { visitNode(a); visitNode(b); } else { visitNode(b); visitNode(a); }
    };
    if (kk > 0) visitNode(0);
    const order = Array.from({ length: kk }, (_, i) => i).sort((x, y) => hd[x] - hd[y]);
    return { rows: Int32Array.from(order, (i) => hr[i]), sq: Float64Array.from(order, (i) => hd[i]) };
  }
}
