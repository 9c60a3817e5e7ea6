/**
 * A k recommendation that combines the usual criteria, with its reason in plain language.
 *
 * Voting rule (documented and deliberately simple):
 * 1. Each available criterion casts one vote for its best k: silhouette → the max, Davies–Bouldin → the min,
 *    Calinski–Harabasz → the max, elbow → the Kneedle knee of inertia against k (convex, decreasing; no vote when no
 *    knee is found), stability → the max (ties of any criterion go to the smaller k).
 * 2. The k with most votes wins. Ties are broken by the best mean rank over the criteria (rank 1 = best value of
 *    that criterion at that k), then by the smaller k (the simpler segmentation).
 * 3. The reason names the criteria that agree and what the others prefer, and warns when the chosen k's stability
 *    is below 0.6 (Hennig's "unstable" zone).
 * Criteria computed in different feature spaces are not comparable: pass rows from one space.
 */
import { ValidationError } from '../core/errors';
import { kneedle } from './kneedle';

/** Scores of one candidate k (any criterion may be omitted). */
export interface KScores {
  k: number;
  silhouette?: number;
  daviesBouldin?: number;
  calinskiHarabasz?: number;
  inertia?: number;
  /** A stability figure in [0, 1] where higher is more stable (mean ARI or mean Jaccard). */
  stability?: number;
}

/** Names of the criteria that vote. */
export type KCriterion = 'silhouette' | 'daviesBouldin' | 'calinskiHarabasz' | 'elbow' | 'stability';

/** Result of {@link recommendK}. */
export interface KRecommendation {
  /** The recommended k. */
  k: number;
  /** The k each criterion voted for (absent criteria are omitted). */
  votes: Partial<Record<KCriterion, number>>;
  /** Votes received by each k (k → count). */
  tally: Record<number, number>;
  /** Mean rank of each k over the voting criteria (lower is better). */
  meanRank: Record<number, number>;
  /** Plain-language explanation. */
  reason: string;
}

const LABEL: Record<KCriterion, string> = {
  silhouette: 'silhouette (highest)',
  daviesBouldin: 'Davies–Bouldin (lowest)',
  calinskiHarabasz: 'Calinski–Harabasz (highest)',
  elbow: 'elbow of inertia (Kneedle knee)',
  stability: 'stability (highest)',
};

/**
 * Recommend k from per-k scores.
 * Complexity: O(m log m) for m candidate ks.
 * @throws ValidationError with no rows, duplicate k, or no criterion at all.
 * @example recommendK([{k:2, silhouette:0.3, daviesBouldin:1.2}, {k:3, silhouette:0.4, daviesBouldin:0.9}]).k // → 3
 */
export function recommendK(rows: readonly KScores[]): KRecommendation {
  if (!rows || rows.length === 0) throw new ValidationError('recommendK needs at least one row of scores');
  const sorted = [...rows].sort((a, b) => a.k - b.k);
  for (let i = 0; i < sorted.length; i++) {
    if (!Number.isInteger(sorted[i].k)) throw new ValidationError(`rows[${i}].k=${sorted[i].k} should be an integer`);
    if (i > 0 && sorted[i].k === sorted[i - 1].k) throw new ValidationError(`k=${sorted[i].k} appears twice in rows`);
  }
  const ks = sorted.map((r) => r.k);
  const votes: Partial<Record<KCriterion, number>> = {};
  const ranks: Array<Map<number, number>> = [];
  const pick = (crit: KCriterion, key: keyof KScores, better: 'max' | 'min'): void => {
    const have = sorted.filter((r) => typeof r[key] === 'number' && Number.isFinite(r[key] as number));
    if (have.length === 0) return;
    const ordered = [...have].sort((a, b) => {
      const d = better === 'max' ? (b[key] as number) - (a[key] as number) : (a[key] as number) - (b[key] as number);
      return d !== 0 ? d : a.k - b.k;
    });
    votes[crit] = ordered[0].k;
    ranks.push(new Map(ordered.map((r, i) => [r.k, i + 1])));
  };
  pick('silhouette', 'silhouette', 'max');
  pick('daviesBouldin', 'daviesBouldin', 'min');
  pick('calinskiHarabasz', 'calinskiHarabasz', 'max');
  const withInertia = sorted.filter((r) => typeof r.inertia === 'number' && Number.isFinite(r.inertia));
  let kneeK: number | null = null;
  if (withInertia.length >= 3) {
    const kn = kneedle(withInertia.map((r) => r.k), withInertia.map((r) => r.inertia as number), { curve: 'convex', direction: 'decreasing' });
    if (kn.knee !== null) {
      kneeK = kn.knee;
      votes.elbow = kneeK;
      ranks.push(new Map(withInertia.map((r) => [r.k, 1 + Math.abs(r.k - (kneeK as number))])));
    }
  }
  pick('stability', 'stability', 'max');
  const crits = Object.keys(votes) as KCriterion[];
  if (crits.length === 0) throw new ValidationError('recommendK: no criterion given (silhouette, daviesBouldin, calinskiHarabasz, inertia or stability)');
  const tally: Record<number, number> = {};
  const meanRank: Record<number, number> = {};
  for (const k of ks) {
    tally[k] = 0;
    let s = 0, c = 0;
    for (const r of ranks) { const v = r.get(k); if (v !== undefined) { s += v; c++; } }
    meanRank[k] = c > 0 ? s / c : Infinity;
  }
  for (const c of crits) tally[votes[c] as number]++;
  const best = [...ks].sort((a, b) => tally[b] - tally[a] || meanRank[a] - meanRank[b] || a - b)[0];
  const agree = crits.filter((c) => votes[c] === best);
  const others = crits.filter((c) => votes[c] !== best);
  let reason = `k = ${best}: ${agree.length} of ${crits.length} criteria agree (${agree.map((c) => LABEL[c]).join(', ')})`;
  if (others.length) reason += `; ${others.map((c) => `${LABEL[c]} prefers k = ${votes[c]}`).join(', ')}`;
  const tied = ks.filter((k) => k !== best && tally[k] === tally[best]);
  if (tied.length) reason += `; tie with k = ${tied.join(', ')} broken by the best mean rank over the criteria (${meanRank[best].toFixed(2)})`;
  const st = sorted.find((r) => r.k === best)?.stability;
  if (typeof st === 'number' && st < 0.6) reason += `; caution: stability at k = ${best} is only ${st.toFixed(2)} (below 0.6: the segments change between resamples)`;
  reason += '.';
  return { k: best, votes, tally, meanRank, reason };
}
