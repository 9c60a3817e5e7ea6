/**
 * Sample skewness of a column (Fisher–Pearson moment coefficient g1 = m3 / m2^1.5, the biased estimator used by
 * `scipy.stats.skew` with its default `bias=True`), ignoring missing values.
 */

/**
 * Skewness g1 of the non-NaN values; 0 for a constant column, NaN with fewer than 2 values.
 * Complexity: O(n) time, O(1) memory.
 * @example columnSkewness(Float64Array.of(1, 2, 3, 10)) // m2 = 12.5, m3 = 60 → 60 / 12.5^1.5 = 1.3577
 */
export function columnSkewness(values: ArrayLike<number>): number {
  let n = 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) { const x = values[i]; if (!Number.isNaN(x)) { n++; s += x; } }
  if (n < 2) return NaN;
  const mean = s / n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    const d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  if (m2 <= 1e-300 * Math.max(1, mean * mean)) return 0;
  return m3 / Math.pow(m2, 1.5);
}
