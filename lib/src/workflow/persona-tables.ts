/**
 * Tables and small figures the personas notebook shows, computed from profiles and assignments (pure), so that
 * notebook cells stay a line or two long.
 */
import { ValidationError } from '../core/errors';
import { fromColumns } from '../core/matrix';
import { isNumeric, type Table } from '../data/table';
import type { Sentinel } from '../data/registry';
import { baseLayout, PALETTE, type Figure } from '../viz/figure';
import { DecisionTreeClassifier } from '../personas/tree';
import type { SegmentProfiles } from '../personas/profile';
import type { PersonaAssignment, PersonaDefinition, PersonaRule } from '../personas/rules';
import type { PersonaModel } from '../personas/rules';

/** Seed 000's persona shares on bank-additional-full (the seed's claims, for comparison only). */
export const SEED_000_PERSONA_SHARES: Readonly<Record<string, number>> = Object.freeze({
  'Moderate Potential': 0.784,
  'Highly Engaged Loyalists': 0.146,
  'Curious Safe Explorers': 0.043,
  'Financially Stressed Repeaters': 0.026,
});

/**
 * How a sentinel-masked column is qualified in a table header: "contacted only" for a sentinel meaning "never
 * contacted before", else "without 999 = <meaning>".
 * @example sentinelQualifier({ column: 'pdays', value: 999, meaning: 'never contacted before' }) // → "contacted only"
 */
export function sentinelQualifier(s: Sentinel): string {
  const m = /^never (.+?)(?: before)?$/i.exec(s.meaning.trim());
  return m ? `${m[1]} only` : `without ${s.value} = ${s.meaning}`;
}

/**
 * One row per segment: size, share, target rate, and the mean (original units) of the given numeric features.
 * A column with a numeric sentinel (pass `sentinels`, the table masked with `maskNumericSentinels`) is averaged
 * over its other values and labelled so ("pdays (contacted only, mean)"); a segment without any such value shows
 * "—", never NaN.
 */
export function segmentSummaryRows(profile: SegmentProfiles, features?: readonly string[], options: { sentinels?: readonly Sentinel[] } = {}): Record<string, unknown>[] {
  const feats = features ?? profile.numericFeatures.slice(0, 8);
  const header = (f: string): string => {
    const s = (options.sentinels ?? []).find((x) => x.column === f && typeof x.value === 'number');
    return s ? `${f} (${sentinelQualifier(s)}, mean)` : `${f} (mean)`;
  };
  return profile.segments.map((s) => {
    const row: Record<string, unknown> = { segment: s.name, customers: s.size, share: `${(100 * s.share).toFixed(1)}%` };
    if (profile.target) row[`${profile.target.name} rate`] = Number.isFinite(s.targetRate) ? `${(100 * s.targetRate).toFixed(1)}%` : '—';
    for (const f of feats) {
      const p = s.numeric.find((x) => x.feature === f);
      if (p) row[header(f)] = Number.isFinite(p.mean) ? p.mean : '—';
    }
    return row;
  });
}

/** The per-feature tests across segments, strongest effect first. */
export function featureTestRows(profile: SegmentProfiles, limit = 15): Record<string, unknown>[] {
  const fmtP = (p: number) => (Number.isNaN(p) ? '—' : p < 1e-300 ? '< 1e-300' : p.toExponential(1));
  return [...profile.tests]
    .sort((a, b) => (b.effect || 0) - (a.effect || 0))
    .slice(0, limit)
    .map((t) => t.kind === 'numeric'
      ? { feature: t.feature, test: 'ANOVA / Kruskal–Wallis', statistic: `F ${t.anovaF.toFixed(1)} / H ${t.kruskalH.toFixed(1)}`, 'p-value': `${fmtP(t.anovaP)} / ${fmtP(t.kruskalP)}`, effect: `η² ${t.effect.toFixed(3)}` }
      : { feature: t.feature, test: 'χ² of independence', statistic: `χ² ${t.chi2.toFixed(1)}`, 'p-value': fmtP(t.chi2P), effect: `Cramér's V ${t.effect.toFixed(3)}` });
}

/** A persona rule in words. */
export function ruleText(rule: PersonaRule, thresholds?: (feature: string, q: number) => number): string {
  const r = rule as Record<string, unknown>;
  if (r.always) return 'everyone else';
  if (Array.isArray(r.all)) return (r.all as PersonaRule[]).map((x) => ruleText(x, thresholds)).join(' AND ');
  if (Array.isArray(r.any)) return `(${(r.any as PersonaRule[]).map((x) => ruleText(x, thresholds)).join(' OR ')})`;
  if (r.not) return `NOT (${ruleText(r.not as PersonaRule, thresholds)})`;
  const f = String(r.feature), op = String(r.op);
  if (typeof r.quantile === 'number') {
    const v = thresholds ? thresholds(f, r.quantile) : NaN;
    return `${f} ${op} its ${Math.round(100 * r.quantile)}th percentile${Number.isFinite(v) ? ` (${+v.toFixed(3)})` : ''}`;
  }
  return `${f} ${op} ${r.value}`;
}

/** The persona definitions as a table (priority, name, rule with fitted thresholds, channel). */
export function personaRuleRows(personas: readonly PersonaDefinition[], model?: PersonaModel): Record<string, unknown>[] {
  const th = model ? (f: string, q: number) => model.threshold(f, q) : undefined;
  return [...personas].sort((a, b) => a.priority - b.priority).map((p) => ({ priority: p.priority, persona: p.name, rule: ruleText(p.rule, th), channel: p.channel }));
}

/** Persona shares, next to seed 000's where the data set is the one the seed used. */
export function personaShareRows(a: PersonaAssignment, datasetId: string): Record<string, unknown>[] {
  const seed = datasetId === 'bank-additional-full';
  return a.names.map((name, j) => ({
    persona: name, customers: a.counts[j], share: `${(100 * a.shares[j]).toFixed(1)}%`,
    ...(seed ? { 'seed 000 (claimed)': name in SEED_000_PERSONA_SHARES ? `${(100 * SEED_000_PERSONA_SHARES[name]).toFixed(1)}%` : '—' } : {}),
  }));
}

/** Bar chart of the target rate per segment (descriptive), with the overall rate as a line. */
export function targetRateChart(profile: SegmentProfiles, opts: { title?: string } = {}): Figure {
  if (!profile.target) throw new ValidationError('targetRateChart: the profile has no target');
  const names = profile.segments.map((s) => s.name);
  return {
    data: [{ type: 'bar', x: names, y: profile.segments.map((s) => s.targetRate), marker: { color: profile.segments.map((_, i) => PALETTE[i % PALETTE.length]) },
      text: profile.segments.map((s) => `${(100 * s.targetRate).toFixed(1)}%`), textposition: 'outside', name: `${profile.target.name} rate` }],
    layout: baseLayout(opts.title ?? `${profile.target.name} rate per segment (descriptive, not a clustering input)`, {
      yaxis: { tickformat: '.0%', title: { text: `${profile.target.name} = ${profile.target.positive ?? 'positive'}` } },
      shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: profile.target.rate, y1: profile.target.rate, line: { dash: 'dash', color: '#555' } }],
      annotations: [{ xref: 'paper', x: 1, y: profile.target.rate, text: `overall ${(100 * profile.target.rate).toFixed(1)}%`, showarrow: false, yanchor: 'bottom', xanchor: 'right' }],
      showlegend: false,
    }),
  };
}

/** A shallow surrogate tree from the table's numeric columns (original units, missing → median) to labels. */
export function surrogateTree(
  table: Table,
  labels: Int32Array,
  opts: { maxDepth?: number; exclude?: readonly string[]; classNames?: readonly string[]; minSamplesLeaf?: number } = {},
): { rules: string[]; fidelity: number; features: string[]; importances: Array<{ feature: string; importance: number }> } {
  const skip = new Set(opts.exclude ?? []);
  const cols = table.columns.filter((c) => isNumeric(c) && !skip.has(c.name));
  if (cols.length === 0) throw new ValidationError('surrogateTree: the table has no numeric column to explain with');
  const arrays = cols.map((c) => {
    const v = Float64Array.from((c as { values: Float64Array }).values);
    const finite = Array.from(v).filter(Number.isFinite).sort((a, b) => a - b);
    const med = finite.length ? finite[Math.floor(finite.length / 2)] : 0;
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) v[i] = med;
    return v;
  });
  const X = fromColumns(arrays);
  const names = cols.map((c) => c.name);
  const tree = new DecisionTreeClassifier({ maxDepth: opts.maxDepth ?? 3, minSamplesLeaf: opts.minSamplesLeaf ?? Math.max(1, Math.round(table.nRows * 0.01)), featureNames: names }).fit(X, labels);
  const imp = tree.featureImportances();
  return {
    rules: tree.rules(opts.classNames),
    fidelity: tree.fidelity(X, labels),
    features: names,
    importances: names.map((f, j) => ({ feature: f, importance: imp[j] })).filter((x) => x.importance > 0).sort((a, b) => b.importance - a.importance),
  };
}
