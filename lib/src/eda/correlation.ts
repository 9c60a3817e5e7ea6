/**
 * Pearson correlation matrix of numeric columns with pairwise-complete observations (pandas `DataFrame.corr()`):
 * each pair uses the rows where both values are present.
 * Complexity: O(n · p²) time, O(p²) memory (p = columns).
 */
import { ValidationError } from '../core/errors';
import { getColumn, isNumeric, type Table } from '../data/table';

/** A correlation matrix. */
export interface CorrelationMatrix {
  columns: string[];
  /** p × p, row-major; NaN when a pair has fewer than 2 complete rows or a constant column. */
  values: Float64Array;
  /** p × p, rows used for each pair. */
  counts: Float64Array;
}

/**
 * Pearson correlations between numeric columns.
 * @param columns which columns (default: every numeric column, dates excluded)
 * @throws ValidationError when a named column is absent or not numeric
 */
export function correlationMatrix(table: Table, columns?: readonly string[]): CorrelationMatrix {
  const names = columns ? columns.slice() : table.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  const vals = names.map((name) => {
    const c = getColumn(table, name);
    if (!isNumeric(c)) throw new ValidationError(`correlationMatrix: column "${name}" is ${c.kind}, expected numeric`);
    return c.values;
  });
  const p = names.length;
  const n = table.nRows;
  const values = new Float64Array(p * p);
  const counts = new Float64Array(p * p);
  const hasNaN = vals.map((v) => v.some((x) => x !== x));
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const x = vals[a], y = vals[b];
      const both = hasNaN[a] || hasNaN[b];
      let m = 0, sx = 0, sy = 0;
      for (let i = 0; i < n; i++) {
        const u = x[i], w = y[i];
        if (both && (u !== u || w !== w)) continue;
        m++; sx += u; sy += w;
      }
      let r = NaN;
      if (m >= 2) {
        const mx = sx / m, my = sy / m;
        let sxx = 0, syy = 0, sxy = 0;
        for (let i = 0; i < n; i++) {
          const u = x[i], w = y[i];
          if (both && (u !== u || w !== w)) continue;
          const du = u - mx, dw = w - my;
          sxx += du * du; syy += dw * dw; sxy += du * dw;
        }
        r = sxx > 0 && syy > 0 ? Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))) : NaN;
      }
      values[a * p + b] = values[b * p + a] = r;
      counts[a * p + b] = counts[b * p + a] = m;
    }
  }
  return { columns: names, values, counts };
}

/** The k strongest off-diagonal correlations (by |r|), each pair once. */
export function strongestCorrelations(m: CorrelationMatrix, k = 5): Array<{ a: string; b: string; r: number }> {
  const p = m.columns.length;
  const out: Array<{ a: string; b: string; r: number }> = [];
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) {
    const r = m.values[i * p + j];
    if (r === r) out.push({ a: m.columns[i], b: m.columns[j], r });
  }
  return out.sort((x, y) => Math.abs(y.r) - Math.abs(x.r)).slice(0, k);
}
