/**
 * Segment profiles: what each segment (cluster or persona) looks like in the original units of the data, next to
 * the whole population. Sizes and shares; mean and median of every numeric feature; z-scores of the segment means
 * against the population (the heatmap of a profile); lift of every categorical level; the target rate per segment
 * (descriptive only: the target must not have been used to form the segments); and per-feature tests across
 * segments (one-way ANOVA and Kruskal–Wallis for numeric features, χ² of independence for categorical ones).
 *
 * Caveat on the tests: when the segments were fitted on these same features the p-values are not a valid test (the
 * groups were chosen to differ); read them as a ranking of which features separate the segments.
 */
import { ValidationError } from '../core/errors';
import { isCategorical, isNumeric, getColumn, type CategoricalColumn, type Table } from '../data/table';
import { oneWayAnova } from '../metrics/anova';
import { kruskalWallis } from '../metrics/kruskal-wallis';
import { chiSquareSf } from '../metrics/special-functions';
import { checkClassLabels, finiteSummary, quantileOfSorted, sortedFiniteWhere } from './stats';

/** Options of {@link profileSegments}. */
export interface ProfileOptions {
  /** Numeric columns to profile. Default: every `numeric` column of the table except the target. */
  numeric?: readonly string[];
  /** Categorical columns to profile. Default: every `categorical` column (not `id`) except the target with at most `maxLevels` levels. */
  categorical?: readonly string[];
  /** A target column (e.g. `y`): its rate per segment is reported, descriptively. Default none. */
  target?: string;
  /** Positive level of a categorical target. Default `yes` (error if the target has no such level). A numeric target's rate is its mean. */
  positive?: string;
  /** Segment names by label (index = label). Default `segment <label>`. */
  names?: readonly string[];
  /** Run the per-feature tests. Default true. */
  tests?: boolean;
  /** Default selection skips categorical columns with more levels than this. Default 30. */
  maxLevels?: number;
}

/** Defaults of {@link ProfileOptions}. */
export const DEFAULT_PROFILE_OPTIONS = Object.freeze({ tests: true, maxLevels: 30 });

/** One numeric feature in one segment. */
export interface NumericFeatureProfile {
  readonly feature: string;
  /** Mean of the segment's non-missing values (original units). */
  readonly mean: number;
  /** Median (type-7 quantile 0.5) of the segment's non-missing values. */
  readonly median: number;
  /** (segment mean − population mean) / population sd (ddof 0); 0 when the population sd is 0. */
  readonly z: number;
  /** segment mean / population mean, when the feature is never negative and its population mean is > 0; else NaN. */
  readonly ratio: number;
  /** Non-missing values in the segment. */
  readonly count: number;
}

/** One categorical level in one segment. */
export interface LevelProfile {
  readonly feature: string;
  readonly level: string;
  /** Segment rows with this level. */
  readonly count: number;
  /** count / segment rows with a non-missing value of the feature. */
  readonly share: number;
  /** Share of the level among all non-missing rows. */
  readonly overallShare: number;
  /** share / overallShare (NaN when the level never occurs). */
  readonly lift: number;
  /** Standardized difference of the level indicator: (share − overallShare) / √(overallShare(1 − overallShare)); 0 when that sd is 0. */
  readonly z: number;
}

/** The profile of one segment. */
export interface SegmentProfile {
  /** The segment's label in the label vector. */
  readonly label: number;
  readonly name: string;
  /** Rows in the segment. */
  readonly size: number;
  /** size / rows with a label >= 0. */
  readonly share: number;
  /** One entry per feature of `numericFeatures`, same order. */
  readonly numeric: readonly NumericFeatureProfile[];
  /** Every level of every categorical feature, in feature then level order. */
  readonly levels: readonly LevelProfile[];
  /** Target rate in the segment (NaN when no target or no non-missing target value). */
  readonly targetRate: number;
}

/** Whole-population summary of a numeric feature (all rows, whatever their label). */
export interface PopulationSummary {
  readonly feature: string;
  readonly mean: number;
  /** Population standard deviation (ddof 0). */
  readonly sd: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

/** A test of one feature across segments. NaN fields when the test does not apply or is degenerate. */
export interface FeatureTest {
  readonly feature: string;
  readonly kind: 'numeric' | 'categorical';
  /** One-way ANOVA F and its p-value (numeric features). */
  readonly anovaF: number;
  readonly anovaP: number;
  /** Kruskal–Wallis H (tie-corrected) and its p-value (numeric features). */
  readonly kruskalH: number;
  readonly kruskalP: number;
  /** χ² of independence segments × levels and its p-value (categorical features). */
  readonly chi2: number;
  readonly chi2P: number;
  /** Effect size: η² of the ANOVA (numeric) or Cramér's V (categorical). */
  readonly effect: number;
}

/** The result of {@link profileSegments}. */
export interface SegmentProfiles {
  /** Rows of the table. */
  readonly n: number;
  /** Rows with a label >= 0. */
  readonly nLabelled: number;
  readonly numericFeatures: readonly string[];
  readonly categoricalFeatures: readonly string[];
  /** One per numeric feature, same order. */
  readonly population: readonly PopulationSummary[];
  /** The segments, by increasing label. */
  readonly segments: readonly SegmentProfile[];
  /** The target, when given: its name, positive level and overall rate. */
  readonly target: { readonly name: string; readonly positive: string | null; readonly rate: number } | null;
  /** One per feature (numeric first), empty when `tests` is false. */
  readonly tests: readonly FeatureTest[];
}

function defaultColumns(table: Table, target: string | undefined, maxLevels: number): { numeric: string[]; categorical: string[] } {
  const numeric: string[] = [];
  const categorical: string[] = [];
  for (const c of table.columns) {
    if (c.name === target) continue;
    if (c.kind === 'numeric') numeric.push(c.name);
    else if (c.kind === 'categorical' && c.levels.length <= maxLevels) categorical.push(c.name);
  }
  return { numeric, categorical };
}

/** Target indicator per row (1/0, NaN missing) and the positive level. */
function targetValues(table: Table, name: string, positive: string | undefined): { values: Float64Array; positive: string | null } {
  const c = getColumn(table, name);
  if (isNumeric(c)) return { values: c.values, positive: null };
  const pos = positive ?? 'yes';
  const code = c.levels.indexOf(pos);
  if (code < 0) {
    throw new ValidationError(`target "${name}" has no level ${JSON.stringify(pos)} (levels: ${c.levels.join(', ')}); pass options.positive`);
  }
  const v = new Float64Array(table.nRows);
  for (let i = 0; i < v.length; i++) v[i] = c.codes[i] < 0 ? NaN : c.codes[i] === code ? 1 : 0;
  return { values: v, positive: pos };
}

/** χ² of independence of segment codes × level codes (rows with a missing level or no segment skipped). */
function chiSquareIndependence(seg: Int32Array, k: number, col: CategoricalColumn): { chi2: number; p: number; v: number } {
  const L = col.levels.length;
  const counts = new Float64Array(k * L);
  const rs = new Float64Array(k);
  const cs = new Float64Array(L);
  let n = 0;
  for (let i = 0; i < seg.length; i++) {
    const s = seg[i], c = col.codes[i];
    if (s < 0 || c < 0) continue;
    counts[s * L + c]++; rs[s]++; cs[c]++; n++;
  }
  const rUsed = rs.filter((x) => x > 0).length;
  const cUsed = cs.filter((x) => x > 0).length;
  if (rUsed < 2 || cUsed < 2) return { chi2: NaN, p: NaN, v: NaN };
  let chi2 = 0;
  for (let s = 0; s < k; s++) {
    if (rs[s] === 0) continue;
    for (let c = 0; c < L; c++) {
      if (cs[c] === 0) continue;
      const e = (rs[s] * cs[c]) / n;
      chi2 += (counts[s * L + c] - e) ** 2 / e;
    }
  }
  const df = (rUsed - 1) * (cUsed - 1);
  return { chi2, p: chiSquareSf(chi2, df), v: Math.sqrt(chi2 / (n * Math.min(rUsed - 1, cUsed - 1))) };
}

function safe<T>(f: () => T, fallback: T): T {
  try { return f(); } catch (e) { if (e instanceof ValidationError) return fallback; throw e; }
}

/**
 * Profile the segments of a table.
 *
 * Missing values (NaN, code -1) are left out of each feature's statistics; rows with label -1 (noise, unassigned)
 * count in the population but in no segment.
 *
 * Complexity: O(n·(p + c)) for means, lifts and the χ² tests, plus O(n log n) per numeric feature for the medians and
 * the Kruskal–Wallis ranks; O(k·(p + Σ levels)) memory for the result.
 * @param table the data in original units (before scaling).
 * @param labels one segment label per row (integers >= 0, -1 for none).
 * @returns {@link SegmentProfiles}
 * @throws ValidationError when `labels` does not match the table, a named column is missing or has the wrong kind.
 * @example profileSegments(t, Int32Array.from([0,0,1,1]), {numeric: ['x']}).segments[1].numeric[0].mean // → mean of x in segment 1
 */
export function profileSegments(table: Table, labels: ArrayLike<number>, options: ProfileOptions = {}): SegmentProfiles {
  const o = { ...DEFAULT_PROFILE_OPTIONS, ...options };
  if (!table || !Array.isArray(table.columns)) throw new ValidationError('table should be a Table {nRows, columns}');
  const n = table.nRows;
  const nLabels = checkClassLabels(labels, 'labels', n, true);
  if (nLabels === 0) throw new ValidationError('labels has no segment (every label is -1)');
  const defaults = defaultColumns(table, o.target, o.maxLevels);
  const numericFeatures = [...(o.numeric ?? defaults.numeric)];
  const categoricalFeatures = [...(o.categorical ?? defaults.categorical)];
  const numCols = numericFeatures.map((name) => {
    const c = getColumn(table, name);
    if (!isNumeric(c)) throw new ValidationError(`options.numeric: column "${name}" is ${c.kind}, expected numeric`);
    return c.values;
  });
  const catCols = categoricalFeatures.map((name) => {
    const c = getColumn(table, name);
    if (!isCategorical(c)) throw new ValidationError(`options.categorical: column "${name}" is ${c.kind}, expected categorical`);
    return c;
  });

  // Segment coding: distinct labels >= 0 in increasing order → codes 0..k-1.
  const present = new Uint8Array(nLabels);
  for (let i = 0; i < n; i++) if (labels[i] >= 0) present[labels[i]] = 1;
  const segLabels: number[] = [];
  const codeOf = new Int32Array(nLabels).fill(-1);
  for (let l = 0; l < nLabels; l++) if (present[l]) { codeOf[l] = segLabels.length; segLabels.push(l); }
  const k = segLabels.length;
  const seg = new Int32Array(n);
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i] >= 0 ? codeOf[labels[i]] : -1;
    seg[i] = c;
    if (c >= 0) sizes[c]++;
  }
  let nLabelled = 0;
  for (let c = 0; c < k; c++) nLabelled += sizes[c];

  // Population.
  const population: PopulationSummary[] = numCols.map((v, j) => {
    const s = finiteSummary(v);
    return { feature: numericFeatures[j], mean: s.mean, sd: s.sd, median: quantileOfSorted(sortedFiniteWhere(v), 0.5), min: s.min, max: s.max, count: s.count };
  });

  // Numeric features per segment.
  const numericBySeg: NumericFeatureProfile[][] = Array.from({ length: k }, () => []);
  for (let j = 0; j < numCols.length; j++) {
    const v = numCols[j];
    const sums = new Float64Array(k);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = seg[i];
      if (c < 0 || !Number.isFinite(v[i])) continue;
      sums[c] += v[i]; counts[c]++;
    }
    // Medians: one sort of the finite labelled rows, then a pass per segment over the sorted order.
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (seg[i] >= 0 && Number.isFinite(v[i])) idx.push(i);
    idx.sort((a, b) => v[a] - v[b]);
    const bySeg: number[][] = Array.from({ length: k }, () => []);
    for (const i of idx) bySeg[seg[i]].push(v[i]);
    const p = population[j];
    for (let c = 0; c < k; c++) {
      const mean = counts[c] > 0 ? sums[c] / counts[c] : NaN;
      const z = p.sd > 0 ? (mean - p.mean) / p.sd : Number.isNaN(mean) ? NaN : 0;
      const ratio = p.min >= 0 && p.mean > 0 ? mean / p.mean : NaN;
      numericBySeg[c].push({ feature: numericFeatures[j], mean, median: quantileOfSorted(bySeg[c], 0.5), z, ratio, count: counts[c] });
    }
  }

  // Categorical levels per segment.
  const levelsBySeg: LevelProfile[][] = Array.from({ length: k }, () => []);
  for (let j = 0; j < catCols.length; j++) {
    const col = catCols[j];
    const L = col.levels.length;
    const counts = new Float64Array(k * L);
    const segTotals = new Float64Array(k);
    const overall = new Float64Array(L);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const code = col.codes[i];
      if (code < 0) continue;
      overall[code]++; total++;
      const c = seg[i];
      if (c >= 0) { counts[c * L + code]++; segTotals[c]++; }
    }
    for (let c = 0; c < k; c++) {
      for (let l = 0; l < L; l++) {
        const count = counts[c * L + l];
        const share = segTotals[c] > 0 ? count / segTotals[c] : NaN;
        const overallShare = total > 0 ? overall[l] / total : NaN;
        const sd = Math.sqrt(overallShare * (1 - overallShare));
        levelsBySeg[c].push({
          feature: categoricalFeatures[j], level: col.levels[l], count, share, overallShare,
          lift: overallShare > 0 ? share / overallShare : NaN,
          z: sd > 0 ? (share - overallShare) / sd : Number.isNaN(share) ? NaN : 0,
        });
      }
    }
  }

  // Target.
  let target: SegmentProfiles['target'] = null;
  const targetRates = new Float64Array(k).fill(NaN);
  if (o.target !== undefined) {
    const t = targetValues(table, o.target, o.positive);
    const sums = new Float64Array(k), counts = new Float64Array(k);
    let s = 0, m = 0;
    for (let i = 0; i < n; i++) {
      const x = t.values[i];
      if (!Number.isFinite(x)) continue;
      s += x; m++;
      if (seg[i] >= 0) { sums[seg[i]] += x; counts[seg[i]]++; }
    }
    for (let c = 0; c < k; c++) targetRates[c] = counts[c] > 0 ? sums[c] / counts[c] : NaN;
    target = { name: o.target, positive: t.positive, rate: m > 0 ? s / m : NaN };
  }

  // Tests.
  const tests: FeatureTest[] = [];
  if (o.tests && k >= 2) {
    for (let j = 0; j < numCols.length; j++) {
      const v = numCols[j];
      const vals: number[] = [], groups: number[] = [];
      for (let i = 0; i < n; i++) if (seg[i] >= 0 && Number.isFinite(v[i])) { vals.push(v[i]); groups.push(seg[i]); }
      const a = safe(() => oneWayAnova(vals, groups, numericFeatures[j]), null);
      const h = safe(() => kruskalWallis(vals, groups, numericFeatures[j]), null);
      tests.push({
        feature: numericFeatures[j], kind: 'numeric',
        anovaF: a?.F ?? NaN, anovaP: a?.pValue ?? NaN, kruskalH: h?.H ?? NaN, kruskalP: h?.pValue ?? NaN,
        chi2: NaN, chi2P: NaN, effect: a?.etaSquared ?? NaN,
      });
    }
    for (let j = 0; j < catCols.length; j++) {
      const r = chiSquareIndependence(seg, k, catCols[j]);
      tests.push({
        feature: categoricalFeatures[j], kind: 'categorical',
        anovaF: NaN, anovaP: NaN, kruskalH: NaN, kruskalP: NaN, chi2: r.chi2, chi2P: r.p, effect: r.v,
      });
    }
  }

  const segments: SegmentProfile[] = segLabels.map((label, c) => ({
    label, name: o.names?.[label] ?? `segment ${label}`,
    size: sizes[c], share: nLabelled > 0 ? sizes[c] / nLabelled : NaN,
    numeric: numericBySeg[c], levels: levelsBySeg[c], targetRate: targetRates[c],
  }));
  return { n, nLabelled, numericFeatures, categoricalFeatures, population, segments, target, tests };
}

/**
 * The segment × numeric-feature matrix of z-scores (rows = segments in profile order), for a heatmap.
 * Complexity: O(k·p).
 */
export function profileZScores(profile: SegmentProfiles): { segments: string[]; features: string[]; z: number[][] } {
  return {
    segments: profile.segments.map((s) => s.name),
    features: [...profile.numericFeatures],
    z: profile.segments.map((s) => s.numeric.map((f) => f.z)),
  };
}
