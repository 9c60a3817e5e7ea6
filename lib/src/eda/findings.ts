/**
 * Written findings from computed EDA numbers: short sentences a notebook prints with `md`, so that every number
 * quoted in prose comes from the data.
 * Complexity: O(columns²).
 */
import type { EdaReport } from './report';
import { strongestCorrelations } from './correlation';

const pct = (x: number, d = 1): string => `${(100 * x).toFixed(d)} %`;
const num = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Options of `edaFindings`. */
export interface EdaFindingsOptions {
  /** |skewness| above which a column is called strongly skewed. */
  skewThreshold?: number;
  /** |r| above which a correlation is reported. */
  correlationThreshold?: number;
}

/** Defaults of `edaFindings`. */
export const DEFAULT_EDA_FINDINGS_OPTIONS = { skewThreshold: 2, correlationThreshold: 0.7 } as const;

/**
 * Finding sentences from an EDA report (shape, missing values, sentinels, duplicates, skewness, correlations,
 * target rates), each carrying its computed numbers.
 */
export function edaFindings(r: EdaReport, opts: EdaFindingsOptions = {}): string[] {
  const skewT = opts.skewThreshold ?? DEFAULT_EDA_FINDINGS_OPTIONS.skewThreshold;
  const corrT = opts.correlationThreshold ?? DEFAULT_EDA_FINDINGS_OPTIONS.correlationThreshold;
  const out: string[] = [];
  const nNum = r.numeric.length;
  const nCat = r.types.filter((t) => t.kind === 'categorical').length;
  const nOther = r.columns - nNum - nCat;
  out.push(`${r.source}: ${num(r.rows)} rows × ${r.columns} columns (${nNum} numeric, ${nCat} categorical${nOther > 0 ? `, ${nOther} id or other` : ''}).`);
  const miss = r.missing.filter((m) => m.missing > 0).sort((a, b) => b.missing - a.missing);
  out.push(miss.length
    ? `Missing values in ${miss.length} column(s): ${miss.map((m) => `${m.column} ${num(m.missing)} (${pct(m.share, 2)})`).join(', ')}.`
    : 'No empty cells in any column.');
  for (const s of r.sentinels.filter((x) => x.count > 0).sort((a, b) => b.count - a.count)) {
    const numericSentinel = r.numeric.some((x) => x.name === s.column);
    out.push(`${s.column} = ${JSON.stringify(s.value)} (${s.meaning}) in ${num(s.count)} rows (${pct(s.share)})` +
      `${numericSentinel ? `; the statistics and correlations of ${s.column} leave these rows out` : ''}.`);
  }
  out.push(r.duplicates > 0
    ? `${num(r.duplicates)} row(s) exactly duplicate an earlier row (${pct(r.duplicates / r.rows, 3)}).`
    : 'No exact duplicate rows.');
  const skewed = r.numeric.filter((s) => Math.abs(s.skewness) > skewT).sort((a, b) => Math.abs(b.skewness) - Math.abs(a.skewness));
  if (skewed.length) {
    out.push(`Strongly skewed (|skewness| > ${skewT}): ${skewed.map((s) => `${s.name} ${s.skewness.toFixed(2)} (median ${num(s.median)}, mean ${num(s.mean)})`).join('; ')}.`);
  }
  const zeroHeavy = r.numeric.filter((s) => s.count > 0 && s.zeros / s.count > 0.3);
  if (zeroHeavy.length) out.push(`Many zeros (over 30 % of values): ${zeroHeavy.map((s) => `${s.name} ${pct(s.zeros / s.count)}`).join(', ')}.`);
  const strong = strongestCorrelations(r.correlation, 50).filter((c) => Math.abs(c.r) >= corrT);
  if (strong.length) out.push(`Strong correlations (|r| ≥ ${corrT}): ${strong.slice(0, 6).map((c) => `${c.a}–${c.b} ${c.r.toFixed(2)}`).join(', ')}.`);
  if (r.target && r.targetRates.length) {
    const overall = r.targetRates[0].overall;
    out.push(`Overall ${r.target} = ${r.positiveClass} rate: ${pct(overall)}.`);
    let best: { col: string; level: string; rate: number; count: number } | null = null;
    for (const t of r.targetRates) for (const l of t.levels) {
      if (l.count >= Math.max(30, r.rows * 0.005) && (!best || l.rate > best.rate)) best = { col: t.column, level: l.level, rate: l.rate, count: l.count };
    }
    if (best) out.push(`Highest ${r.target} rate among levels with enough rows: ${best.col} = ${best.level}, ${pct(best.rate)} of ${num(best.count)} rows (${(best.rate / overall).toFixed(1)}× the overall rate); descriptive, not causal.`);
  }
  return out;
}
