/**
 * A strategy table for generated segments: a spec may list, per trait, what to do with customers who have it
 * (`{ feature: 'days_since_last_purchase', direction: 'high', strategy: ['Win-back offer'], channel: 'email' }`).
 * A segment gets the strategies of the rows whose feature is among its top distinguishing numeric traits, in the
 * right direction (above the population mean for `high`, below for `low`). Without a table, the lab names and
 * describes segments but proposes no strategy: strategies are a business decision, not a computation.
 * Complexity: O(segments · (features + rows of the table)).
 */
import type { StrategyRow } from '../data/registry';
import type { SegmentProfiles } from './profile';
import { topFeatures } from './top-features';

/** The strategies one segment gets. */
export interface SegmentStrategy {
  segment: string;
  label: number;
  /** The table rows that matched, as "feature high/low (z)". */
  matched: string[];
  strategy: string[];
  channel: string;
}

/**
 * Match a strategy table to the segments of a profile.
 * @param n how many top numeric traits of a segment are considered (default 3)
 * @param minZ the smallest standardized difference that counts as a trait (default 0.3)
 */
export function segmentStrategies(profile: SegmentProfiles, table: readonly StrategyRow[], opts: { n?: number; minZ?: number; exclude?: readonly string[] } = {}): SegmentStrategy[] {
  const n = opts.n ?? 3;
  const minZ = opts.minZ ?? 0.3;
  return profile.segments.map((s) => {
    const traits = topFeatures(profile, s.label, 50, { levels: false, exclude: opts.exclude ?? [] })
      .filter((t) => Math.abs(t.z) >= minZ)
      .slice(0, n);
    const rows = table.filter((r) => traits.some((t) => t.feature === r.feature && (r.direction === 'high' ? t.z > 0 : t.z < 0)));
    return {
      segment: s.name,
      label: s.label,
      matched: rows.map((r) => { const t = traits.find((x) => x.feature === r.feature)!; return `${r.feature} ${r.direction} (${t.z >= 0 ? '+' : ''}${t.z.toFixed(1)} sd)`; }),
      strategy: [...new Set(rows.flatMap((r) => r.strategy))],
      channel: [...new Set(rows.map((r) => r.channel).filter((c): c is string => !!c))].join(' / '),
    };
  });
}
