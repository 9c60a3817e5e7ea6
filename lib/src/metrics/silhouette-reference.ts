/**
 * A deliberately simple second implementation of the silhouette (two nested loops over rows, distances recomputed
 * from the coordinates): the reference the blocked/threaded kernel is tested against. Internal (not re-exported).
 * Complexity: O(n²·d) time, O(k) memory per row.
 */
import type { Matrix } from '../core/matrix';

/** Per-row silhouette with labels ≥ 0 (no noise), straight from the definition. */
export function silhouetteSamplesReference(X: Matrix, labels: ArrayLike<number>): Float64Array {
  const n = X.rows, d = X.cols;
  const levels = Array.from(new Set(Array.from(labels))).sort((a, b) => a - b);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sum = new Map<number, number>();
    const cnt = new Map<number, number>();
    for (const l of levels) { sum.set(l, 0); cnt.set(l, 0); }
    for (let j = 0; j < n; j++) {
      if (j === i) { cnt.set(labels[j], (cnt.get(labels[j]) as number) + 1); continue; }
      let s = 0;
      for (let t = 0; t < d; t++) { const q = X.data[i * d + t] - X.data[j * d + t]; s += q * q; }
      sum.set(labels[j], (sum.get(labels[j]) as number) + Math.sqrt(s));
      cnt.set(labels[j], (cnt.get(labels[j]) as number) + 1);
    }
    const own = labels[i];
    const nOwn = cnt.get(own) as number;
    if (nOwn === 1) { out[i] = 0; continue; }
    const a = (sum.get(own) as number) / (nOwn - 1);
    let b = Infinity;
    for (const l of levels) if (l !== own) b = Math.min(b, (sum.get(l) as number) / (cnt.get(l) as number));
    out[i] = Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
  }
  return out;
}
