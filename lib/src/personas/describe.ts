/**
 * Plain-language descriptions of segments generated from their profiles ("PURCHASES 3.1× the average, 34% pay in
 * full, mostly job 'admin.' (lift 1.8)"): every number is computed from the profile, none is typed in.
 */
import type { SegmentProfiles } from './profile';
import { findSegment, topFeatures, type DistinguishingFeature, type TopFeaturesOptions } from './top-features';
import { fmtNumber, fmtPercent } from './stats';

/**
 * How a numeric feature is phrased:
 * - `ratio`: "PURCHASES 3.1× the average" / "PURCHASES 80% below the average" / "no PURCHASES (vs 1,003 on average)"
 *   (features never negative);
 * - `share`: "34% pay in full (vs 15% overall)" (features on [0, 1]: rates, flags, frequencies);
 * - `sd`: "balance_log 1.2 sd above the average" (anything);
 * - `value`: "age 52.3 on average (vs 40.0)".
 * Default: `share` when the population lies in [0, 1], else `ratio` when the ratio is defined, else `sd`.
 */
export type PhraseStyle = 'ratio' | 'share' | 'sd' | 'value';

/** A display name and phrasing for one feature (or just a display name). */
export type FeatureLabel = string | { readonly label?: string; readonly style?: PhraseStyle };

/** Options of {@link describeSegment} and {@link segmentTraits}. */
export interface DescribeOptions extends Partial<TopFeaturesOptions> {
  /** Number of traits. Default 3. */
  n?: number;
  /** Display names / styles by feature name. Default: the column names, automatic style. */
  labels?: Readonly<Record<string, FeatureLabel>>;
  /** Name of the target in prose. Default the target column name followed by "rate". */
  targetLabel?: string;
  /** Write the segment name in Markdown bold. Default false. */
  markdown?: boolean;
}

function labelOf(labels: DescribeOptions['labels'], feature: string): { label: string; style?: PhraseStyle } {
  const l = labels?.[feature];
  if (l === undefined) return { label: feature };
  if (typeof l === 'string') return { label: l };
  return { label: l.label ?? feature, style: l.style };
}

/** One trait of a distinguishing feature as a phrase. */
export function phraseTrait(f: DistinguishingFeature, labels?: DescribeOptions['labels']): string {
  const { label, style } = labelOf(labels, f.feature);
  if (f.kind === 'level') {
    const lead = f.value >= 0.5 ? `mostly ${label} '${f.level}'` : `${label} '${f.level}' over-represented`;
    return `${lead} (${fmtPercent(f.value)} vs ${fmtPercent(f.populationValue)}, lift ${f.lift.toFixed(1)})`;
  }
  const auto: PhraseStyle = f.populationMin >= 0 && f.populationMax <= 1 ? 'share' : Number.isFinite(f.ratio) ? 'ratio' : 'sd';
  const st = style === 'ratio' && !Number.isFinite(f.ratio) ? 'sd' : style ?? auto;
  switch (st) {
    case 'share':
      return `${fmtPercent(f.value)} ${label} (vs ${fmtPercent(f.populationValue)} overall)`;
    case 'ratio':
      if (f.ratio === 0) return `no ${label} (vs ${fmtNumber(f.populationValue)} on average)`;
      if (f.ratio < 0.01) return `almost no ${label} (${fmtNumber(f.value)} vs ${fmtNumber(f.populationValue)} on average)`;
      return f.ratio >= 1 ? `${label} ${f.ratio.toFixed(1)}× the average` : `${label} ${fmtPercent(1 - f.ratio)} below the average`;
    case 'value':
      return `${label} ${fmtNumber(f.value)} on average (vs ${fmtNumber(f.populationValue)})`;
    default:
      return `${label} ${Math.abs(f.z).toFixed(1)} sd ${f.z >= 0 ? 'above' : 'below'} the average`;
  }
}

/**
 * The top traits of segment `label` as phrases (see {@link PhraseStyle}), most distinguishing first.
 * Complexity: that of {@link topFeatures}.
 */
export function segmentTraits(profile: SegmentProfiles, label: number, options: DescribeOptions = {}): string[] {
  return topFeatures(profile, label, options.n ?? 3, options).map((f) => phraseTrait(f, options.labels));
}

/**
 * A one-line description of segment `label`: name and share, its top traits, and the target rate against the
 * overall rate when the profile has a target.
 * Complexity: that of {@link topFeatures}.
 * @example describeSegment(profile, 1) // → "segment 1 (25% of customers): PURCHASES 3.1× the average, 34% pay in full (vs 15% overall)"
 */
export function describeSegment(profile: SegmentProfiles, label: number, options: DescribeOptions = {}): string {
  const s = findSegment(profile, label);
  const traits = segmentTraits(profile, label, options);
  let text = `${options.markdown ? `**${s.name}**` : s.name} (${fmtPercent(s.share)} of customers)`;
  text += traits.length ? `: ${traits.join(', ')}` : ': close to the average on every profiled feature';
  if (profile.target && Number.isFinite(s.targetRate)) {
    const name = options.targetLabel ?? `${profile.target.name} rate`;
    const ratio = profile.target.rate > 0 ? ` (${(s.targetRate / profile.target.rate).toFixed(1)}× the overall ${fmtPercent(profile.target.rate)})` : '';
    text += `; ${name} ${fmtPercent(s.targetRate)}${ratio}`;
  }
  return text;
}

/**
 * A trait in two or three words, for a segment name: "older" style for numbers ("high age", "low campaign"), the
 * share for 0/1 features ("contacted_before 96%"), the level for categories ("job retired").
 * @example shortTrait({ kind: 'level', feature: 'job', level: 'retired', … }) // → "job retired"
 */
export function shortTrait(f: DistinguishingFeature, labels?: DescribeOptions['labels']): string {
  const { label } = labelOf(labels, f.feature);
  if (f.kind === 'level') return `${label} ${f.level}`;
  if (f.populationMin >= 0 && f.populationMax <= 1) return `${label} ${fmtPercent(f.value)}`;
  return `${f.z >= 0 ? 'high' : 'low'} ${label}`;
}

/** Options of {@link segmentName}. */
export interface SegmentNameOptions extends DescribeOptions {
  /**
   * The source columns of features that restate others: a sentinel's flag and value (`contacted_before`,
   * `days_since_contact` ← `pdays`), an engineered score (`campaign_intensity` ← `campaign`, `duration`). A trait
   * whose sources overlap those of a trait already in the name is skipped. Default: each feature is its own source.
   */
  sources?: Readonly<Record<string, readonly string[]>>;
}

/**
 * A segment name from its two or three most distinguishing traits, never from one indicator alone: "S2 · job
 * student, marital single, low age". Traits made from the same columns (see `sources`) count once. A segment with fewer than
 * two distinguishing traits gets what it has.
 * Complexity: that of {@link topFeatures} over all features.
 * @example segmentName(profile, 0, { n: 3 }) // → "S1 · high age, job retired, contacted_before 96%"
 */
export function segmentName(profile: SegmentProfiles, label: number, options: SegmentNameOptions = {}): string {
  const n = Math.max(2, Math.min(3, options.n ?? 3));
  const all = topFeatures(profile, label, Number.MAX_SAFE_INTEGER, options);
  const seen = new Set<string>();
  const picked: DistinguishingFeature[] = [];
  for (const f of all) {
    const src = options.sources?.[f.feature] ?? [f.feature];
    if (src.some((c) => seen.has(c))) continue;
    for (const c of src) seen.add(c);
    seen.add(f.feature);
    picked.push(f);
    if (picked.length === n) break;
  }
  const prefix = `S${label + 1}`;
  return picked.length ? `${prefix} · ${picked.map((f) => shortTrait(f, options.labels)).join(', ')}` : prefix;
}
