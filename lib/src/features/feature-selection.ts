/**
 * Three-stage unsupervised feature selection (after seed 002): (1) variance threshold, (2) pruning of highly
 * correlated pairs, (3) iterative removal of the feature with the largest variance inflation factor. Every dropped
 * feature gets a report row saying which stage dropped it and why.
 *
 * Rules:
 * - variance: drop a feature whose population variance is <= `varianceThreshold` (as scikit-learn's
 *   VarianceThreshold; on 0/1 columns, variance p(1 − p) <= 0.01 means a level under ~1% or over ~99%).
 * - correlation: pairs with |r| > `correlationThreshold` are visited from the largest |r| down; when both are still
 *   kept, one is dropped: the one not in `prefer` (or later in it); if neither is listed, the one with the larger
 *   mean |r| to the other kept features (caret's findCorrelation rule); ties drop the later column.
 * - VIF: while some kept feature has VIF > `vifThreshold`, drop one: features not in `prefer` go first, the largest
 *   VIF first, then among listed ones the largest VIF; an exactly collinear feature has VIF ∞ (report value null).
 */
import { ValidationError } from '../core/errors';
import { checkMatrix, type Matrix } from '../core/matrix';
import { columnMoments, correlationFromMoments } from './correlation';
import { vifFromCorrelation } from './vif';

/** Options of {@link selectFeatures}. */
export interface FeatureSelectionOptions {
  /** Stage 1: drop features with variance <= this. Default 0.01. null skips the stage. */
  varianceThreshold: number | null;
  /** Stage 2: prune pairs with |r| > this. Default 0.8. null skips the stage. */
  correlationThreshold: number | null;
  /** Stage 3: iteratively drop while max VIF > this. Default 10. null skips the stage. */
  vifThreshold: number | null;
  /** Features to keep in preference, most preferred first. Default none. */
  prefer: readonly string[];
}

/** Defaults of {@link FeatureSelectionOptions}. */
export const DEFAULT_FEATURE_SELECTION_OPTIONS: FeatureSelectionOptions = {
  varianceThreshold: 0.01, correlationThreshold: 0.8, vifThreshold: 10, prefer: [],
};

/** One dropped feature. */
export interface SelectionReportRow {
  readonly feature: string;
  readonly stage: 'variance' | 'correlation' | 'vif';
  /** A sentence saying why. */
  readonly reason: string;
  /** The variance, the correlation r, or the VIF (null when infinite). */
  readonly value: number | null;
  /** For the correlation stage: the kept feature it correlated with. */
  readonly partner?: string;
}

/** The result of {@link selectFeatures} (plain JSON). */
export interface FeatureSelectionResult {
  /** Kept feature names, in input order. */
  readonly kept: string[];
  /** One row per dropped feature, in the order they were dropped. */
  readonly report: SelectionReportRow[];
  /** VIF of every kept feature after the last stage (when the VIF stage ran). */
  readonly finalVif: Record<string, number> | null;
  /** The options used. */
  readonly options: FeatureSelectionOptions;
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

/**
 * Run the three stages on X (columns named by `names`).
 * Complexity: O(n·d²) for the correlations, O(d³) per VIF iteration (at most d iterations), O(d²) memory.
 * @param X n × d matrix without NaN.
 * @param names d feature names.
 * @throws ValidationError on a name count mismatch, duplicate names or NaN in X.
 * @example selectFeatures(X, ['a', 'b', 'a_copy'], {prefer: ['a']}).report // [{feature: 'a_copy', stage: 'correlation', …}]
 */
export function selectFeatures(X: Matrix, names: readonly string[], options: Partial<FeatureSelectionOptions> = {}): FeatureSelectionResult {
  const o: FeatureSelectionOptions = { ...DEFAULT_FEATURE_SELECTION_OPTIONS, ...options };
  checkMatrix(X, { name: 'X', minRows: 2 });
  if (names.length !== X.cols) throw new ValidationError(`selectFeatures: ${names.length} names for ${X.cols} columns`);
  if (new Set(names).size !== names.length) throw new ValidationError('selectFeatures: feature names should be unique');
  const d = X.cols;
  const n = X.rows;
  const alive = new Uint8Array(d).fill(1);
  const report: SelectionReportRow[] = [];
  const rank = (j: number) => { const k = o.prefer.indexOf(names[j]); return k < 0 ? Infinity : k; };

  const moments = columnMoments(X);
  const R = correlationFromMoments(moments);
  // stage 1: variance (population: S_jj / n)
  if (o.varianceThreshold !== null) {
    const t = o.varianceThreshold;
    for (let j = 0; j < d; j++) {
      const v = moments.S[j * d + j] / n;
      if (v <= t) {
        alive[j] = 0;
        report.push({ feature: names[j], stage: 'variance', reason: `variance ${fmt(v)} <= threshold ${t}`, value: v });
      }
    }
  }

  // stage 2: correlation pruning
  if (o.correlationThreshold !== null) {
    const t = o.correlationThreshold;
    const pairs: Array<[number, number, number]> = [];
    for (let a = 0; a < d; a++) {
      if (!alive[a]) continue;
      for (let b = a + 1; b < d; b++) if (alive[b] && Math.abs(R.data[a * d + b]) > t) pairs.push([a, b, R.data[a * d + b]]);
    }
    pairs.sort((p, q) => Math.abs(q[2]) - Math.abs(p[2]) || p[0] - q[0] || p[1] - q[1]);
    const meanAbs = (j: number) => {
      let s = 0, c = 0;
      for (let k = 0; k < d; k++) if (k !== j && alive[k]) { s += Math.abs(R.data[j * d + k]); c++; }
      return c ? s / c : 0;
    };
    for (const [a, b, r] of pairs) {
      if (!alive[a] || !alive[b]) continue;
      let drop: number;
      let why: string;
      const ra = rank(a), rb = rank(b);
      if (ra !== rb) { drop = ra > rb ? a : b; why = `"${names[drop === a ? b : a]}" is preferred`; }
      else {
        const ma = meanAbs(a), mb = meanAbs(b);
        drop = ma > mb ? a : mb > ma ? b : b;
        why = ma !== mb ? `larger mean |r| with the other features (${fmt(Math.max(ma, mb))} vs ${fmt(Math.min(ma, mb))})` : 'tie: the later column is dropped';
      }
      const keep = drop === a ? b : a;
      alive[drop] = 0;
      report.push({ feature: names[drop], stage: 'correlation', reason: `|r| = ${fmt(Math.abs(r))} > ${t} with "${names[keep]}"; ${why}`, value: r, partner: names[keep] });
    }
  }

  // stage 3: iterative VIF
  let finalVif: Record<string, number> | null = null;
  if (o.vifThreshold !== null) {
    const t = o.vifThreshold;
    for (;;) {
      const idx: number[] = [];
      for (let j = 0; j < d; j++) if (alive[j]) idx.push(j);
      if (idx.length < 2) { finalVif = Object.fromEntries(idx.map((j) => [names[j], 1])); break; }
      const m = idx.length;
      const sub = new Float64Array(m * m);
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) sub[a * m + b] = R.data[idx[a] * d + idx[b]];
      const vif = vifFromCorrelation({ data: sub, rows: m, cols: m });
      let worst = -1;
      for (let a = 0; a < m; a++) {
        if (!(vif[a] > t)) continue;
        if (worst < 0) { worst = a; continue; }
        const pa = rank(idx[a]) === Infinity, pw = rank(idx[worst]) === Infinity;
        if ((pa && !pw) || (pa === pw && vif[a] > vif[worst])) worst = a;
      }
      if (worst < 0) { finalVif = Object.fromEntries(idx.map((j, a) => [names[j], vif[a]])); break; }
      const j = idx[worst];
      alive[j] = 0;
      const v = vif[worst];
      report.push({
        feature: names[j], stage: 'vif',
        reason: Number.isFinite(v) ? `VIF ${fmt(v)} > ${t} (R² = ${fmt(1 - 1 / v, 4)} on the other kept features)` : `VIF infinite > ${t}: an exact linear combination of the other kept features`,
        value: Number.isFinite(v) ? v : null,
      });
    }
  }
  const kept: string[] = [];
  for (let j = 0; j < d; j++) if (alive[j]) kept.push(names[j]);
  return { kept, report, finalVif, options: { ...o, prefer: [...o.prefer] } };
}
