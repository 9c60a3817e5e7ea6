/**
 * Dendrogram drawing data from a Ward linkage (scipy's `dendrogram` coordinates): leaves at x = 5, 15, 25, … in
 * the tree's left-to-right order, each merge drawn as a "⊓" of four points (x, y) — left foot, left top, right top,
 * right foot — at the merge height. `truncateTo` shows only the top p clusters as leaves (scipy's
 * `truncate_mode='lastp'`), each labelled with its size, which is what a plot of thousands of rows needs.
 */
import { ValidationError } from '../core/errors';
import type { WardLinkage } from './ward-linkage';

/** Dendrogram drawing data. */
export interface DendrogramData {
  /** One ⊓ per drawn merge: x of the 4 points (scipy's icoord). */
  icoord: number[][];
  /** y of the 4 points (scipy's dcoord). */
  dcoord: number[][];
  /** x position of each drawn leaf, left to right. */
  leafX: number[];
  /** Label of each drawn leaf: the row index, or "(size)" for a truncated subtree. */
  leafLabels: string[];
  /** Cluster id (scipy numbering) of each drawn leaf. */
  leafIds: number[];
  /** Height of the highest merge. */
  maxHeight: number;
}

/**
 * Build dendrogram coordinates.
 * Complexity: O(n) (iterative traversal, no recursion depth limit).
 * @param truncateTo show at most this many leaves (the last p merged clusters); default all.
 */
export function wardDendrogram(link: WardLinkage, opts: { truncateTo?: number } = {}): DendrogramData {
  const n = link.n;
  const nm = link.a.length;
  const p = opts.truncateTo ?? n;
  if (!Number.isInteger(p) || p < 1) throw new ValidationError(`truncateTo=${p} should be a positive integer`);
  const leavesShown = Math.min(p, n);
  // Clusters with id >= n + (nm − (leavesShown − 1)) are drawn as merges; others are drawn as leaves.
  const firstDrawn = n + nm - (leavesShown - 1);
  const sizeOf = (id: number): number => (id < n ? 1 : link.size[id - n]);
  const heightOf = (id: number): number => (id < n ? 0 : link.height[id - n]);
  const isDrawnMerge = (id: number): boolean => id >= n && id >= firstDrawn;
  const out: DendrogramData = { icoord: [], dcoord: [], leafX: [], leafLabels: [], leafIds: [], maxHeight: nm ? link.height[nm - 1] : 0 };
  if (nm === 0 || leavesShown === 1) {
    const root = nm ? n + nm - 1 : 0;
    out.leafX.push(5); out.leafIds.push(root); out.leafLabels.push(root < n ? String(root) : `(${sizeOf(root)})`);
    return out;
  }
  const xOf = new Map<number, number>();
  // Post-order traversal with an explicit stack.
  const stack: Array<{ id: number; visited: boolean }> = [{ id: n + nm - 1, visited: false }];
  while (stack.length) {
    const top = stack.pop() as { id: number; visited: boolean };
    const id = top.id;
    if (!isDrawnMerge(id)) {
      const x = 5 + 10 * out.leafX.length;
      out.leafX.push(x); out.leafIds.push(id);
      out.leafLabels.push(id < n ? String(id) : `(${sizeOf(id)})`);
      xOf.set(id, x);
      continue;
    }
    const a = link.a[id - n], b = link.b[id - n];
    if (!top.visited) {
      stack.push({ id, visited: true });
      stack.push({ id: b, visited: false });
      stack.push({ id: a, visited: false });
      continue;
    }
    const xa = xOf.get(a) as number, xb = xOf.get(b) as number, h = heightOf(id);
    out.icoord.push([xa, xa, xb, xb]);
    out.dcoord.push([isDrawnMerge(a) ? heightOf(a) : 0, h, h, isDrawnMerge(b) ? heightOf(b) : 0]);
    xOf.set(id, (xa + xb) / 2);
  }
  return out;
}
