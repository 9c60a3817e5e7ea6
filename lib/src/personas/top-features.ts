/**
 * The features that most distinguish one segment from the population, read off its profile: numeric features by
 * |z| of the segment mean, categorical levels by the standardized difference of the level's share (the z of the
 * level indicator, on the same scale), keeping only over-represented levels (lift > 1) with enough rows.
 */
import { ValidationError } from '../core/errors';
import type { SegmentProfile, SegmentProfiles } from './profile';

/** A distinguishing numeric feature. */
export interface DistinguishingNumeric {
  readonly kind: 'numeric';
  readonly feature: string;
  /** z of the segment mean against the population. */
  readonly z: number;
  /** Segment mean and median, population mean and sd (original units). */
  readonly value: number;
  readonly median: number;
  readonly populationValue: number;
  readonly populationSd: number;
  readonly populationMin: number;
  readonly populationMax: number;
  /** Segment mean / population mean (NaN when not meaningful). */
  readonly ratio: number;
}

/** A distinguishing categorical level. */
export interface DistinguishingLevel {
  readonly kind: 'level';
  readonly feature: string;
  readonly level: string;
  /** Standardized difference of the level's share. */
  readonly z: number;
  /** Share of the level in the segment and overall. */
  readonly value: number;
  readonly populationValue: number;
  readonly lift: number;
  readonly count: number;
}

export type DistinguishingFeature = DistinguishingNumeric | DistinguishingLevel;

/** Options of {@link topFeatures}. */
export interface TopFeaturesOptions {
  /** Include categorical levels. Default true. */
  levels: boolean;
  /** A level needs at least this many rows in the segment. Default 5. */
  minCount: number;
  /**
   * A numeric feature must be non-missing for at least this share of the segment's rows (e.g. `pdays` with its
   * "never contacted" sentinel masked): a mean over a handful of rows says nothing about the segment. Default 0.1.
   */
  minCoverage: number;
  /** Features to leave out (e.g. the clustering's own id columns). Default none. */
  exclude: readonly string[];
}

/** Defaults of {@link TopFeaturesOptions}. */
export const DEFAULT_TOP_FEATURES_OPTIONS: Readonly<TopFeaturesOptions> = Object.freeze({ levels: true, minCount: 5, minCoverage: 0.1, exclude: [] });

/** The segment with label `label`. @throws ValidationError listing the labels. */
export function findSegment(profile: SegmentProfiles, label: number): SegmentProfile {
  const s = profile.segments.find((x) => x.label === label);
  if (!s) throw new ValidationError(`segment ${label} is not in the profile; labels are ${profile.segments.map((x) => x.label).join(', ')}`);
  return s;
}

/**
 * The `n` most distinguishing features of segment `label`, by decreasing |z| (ties keep the profile's order); at most
 * one level per categorical feature (its largest z).
 * Complexity: O((p + Σ levels) log(p + Σ levels)).
 * @example topFeatures(profile, 2, 3).map((f) => f.feature) // → e.g. ['PURCHASES', 'ONEOFF_PURCHASES', 'PRC_FULL_PAYMENT']
 */
export function topFeatures(profile: SegmentProfiles, label: number, n = 3, options: Partial<TopFeaturesOptions> = {}): DistinguishingFeature[] {
  const o = { ...DEFAULT_TOP_FEATURES_OPTIONS, ...options };
  if (!Number.isInteger(n) || n < 0) throw new ValidationError(`n=${n} should be a non-negative integer`);
  const s = findSegment(profile, label);
  const skip = new Set(o.exclude);
  const out: DistinguishingFeature[] = [];
  s.numeric.forEach((f, j) => {
    if (skip.has(f.feature) || !Number.isFinite(f.z)) return;
    if (f.count < o.minCoverage * s.size) return;
    const p = profile.population[j];
    out.push({
      kind: 'numeric', feature: f.feature, z: f.z, value: f.mean, median: f.median, populationValue: p.mean,
      populationSd: p.sd, populationMin: p.min, populationMax: p.max, ratio: f.ratio,
    });
  });
  if (o.levels) {
    const best = new Map<string, DistinguishingLevel>();
    for (const l of s.levels) {
      if (skip.has(l.feature) || !(l.lift > 1) || l.count < o.minCount || !Number.isFinite(l.z)) continue;
      const prev = best.get(l.feature);
      if (!prev || l.z > prev.z) {
        best.set(l.feature, { kind: 'level', feature: l.feature, level: l.level, z: l.z, value: l.share, populationValue: l.overallShare, lift: l.lift, count: l.count });
      }
    }
    out.push(...best.values());
  }
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => Math.abs(b.f.z) - Math.abs(a.f.z) || a.i - b.i)
    .slice(0, n)
    .map((x) => x.f);
}
