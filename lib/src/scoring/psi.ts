/**
 * Population stability index (PSI): how far a distribution of new data has drifted from the training one.
 * PSI = Σ_b (a_b − e_b) · ln(a_b / e_b) over bins b, with e/a the expected (training) and actual shares; shares
 * are floored at `epsilon` so an empty bin does not give an infinite value. Rule of thumb (Siddiqi 2006):
 * < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 significant shift.
 */
import { ValidationError } from '../core/errors';

/** Bin edges fitted on training values: interior quantile cut points (deciles by default), deduplicated. */
export function psiBinEdges(values: ArrayLike<number>, bins = 10): number[] {
  const v = Array.from(values).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return [];
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const q = v[Math.min(v.length - 1, Math.floor((b * v.length) / bins))];
    if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  }
  return edges;
}

/** Shares of values per bin defined by `edges` (bin i holds edges[i-1] ≤ x < edges[i]); NaN values get a bin of their own at the end. */
export function binShares(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array(edges.length + 2).fill(0);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) { counts[edges.length + 1]++; continue; }
    let lo = 0, hi = edges.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (x < edges[mid]) hi = mid; else lo = mid + 1; }
    counts[lo]++;
  }
  const n = values.length || 1;
  return counts.map((c) => c / n);
}

/** Shares of integer codes 0..k-1 (other values ignored). */
export function codeShares(codes: ArrayLike<number>, k: number): number[] {
  const counts = new Array(k).fill(0);
  let n = 0;
  for (let i = 0; i < codes.length; i++) { const c = codes[i]; if (c >= 0 && c < k) { counts[c]++; n++; } }
  return counts.map((c) => (n ? c / n : 0));
}

/**
 * PSI between expected and actual shares (same bins).
 * @example psi([0.5, 0.5], [0.5, 0.5]) // 0
 */
export function psi(expected: readonly number[], actual: readonly number[], epsilon = 1e-4): number {
  if (expected.length !== actual.length) throw new ValidationError(`psi: ${expected.length} expected shares but ${actual.length} actual`);
  let s = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i], epsilon);
    const a = Math.max(actual[i], epsilon);
    if (expected[i] === 0 && actual[i] === 0) continue;
    s += (a - e) * Math.log(a / e);
  }
  return s;
}

/** The rule-of-thumb reading of a PSI value. */
export function psiLevel(v: number): 'stable' | 'moderate' | 'significant' {
  return v < 0.1 ? 'stable' : v <= 0.25 ? 'moderate' : 'significant';
}
