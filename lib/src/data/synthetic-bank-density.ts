/**
 * The exact densities of `generateBankCustomers`: for each row and each planted segment s, log p(x_O | s) of the
 * observed columns O under the generator's own model (its parameters in BANK_MODEL), with the latent draws the
 * generator makes (job before age, the contact-history branch, the campaign period behind month and the economic
 * indicators) summed out when the column that reveals them is not observed. Factors that do not depend on the
 * segment (day of week, the euribor jitter) are left out: they cancel in every posterior.
 *
 * With the segment shares as priors, the segment of highest posterior is the Bayes-optimal assignment: no method
 * that sees only the columns O can do better on average (see `plantedSegmentCeiling`).
 *
 * Complexity: O(n·4·(12 + |job levels|)) time, O(n·4) memory.
 */
import { ValidationError } from '../core/errors';
import { BANK_LEVELS, BANK_MODEL, BANK_SEGMENTS } from './synthetic-bank';
import {
  normalized, poissonPmf, poissonSf, roundedLognormalPmf, roundedLognormalSf, roundedNormalCdf, roundedNormalPmf,
} from './synthetic-density-common';
import { getColumn, hasColumn, isNumeric, type Table } from './table';

const M = BANK_MODEL;
const S = BANK_SEGMENTS.length;

/** The columns whose density is modelled (the generator's columns except the segment itself). */
export const BANK_DENSITY_COLUMNS: readonly string[] = [
  'age', 'job', 'marital', 'education', 'default', 'housing', 'loan', 'contact', 'month', 'day_of_week', 'duration',
  'campaign', 'pdays', 'previous', 'poutcome', 'emp.var.rate', 'cons.price.idx', 'cons.conf.idx', 'euribor3m',
  'nr.employed', 'y',
];

/** P(age = a | segment s, job j), with the generator's retired/student adjustments and the clamp to [17, 98]. */
export function bankAgeProbability(a: number, s: number, job: string): number {
  const mu = M.ageMean[s], sd = M.ageSd[s];
  const pA = (v: number) => roundedNormalPmf(v, mu, sd);
  const cdfA = (v: number) => roundedNormalCdf(v, mu, sd);
  // B = base + round(|N(0, w)|): P(B = v) and P(B ≤ v)
  const absPmf = (v: number, base: number, w: number) => (v < base ? 0 : v === base ? 2 * roundedNormalCdf(0, 0, w) - 1 : 2 * roundedNormalPmf(v - base, 0, w));
  const absCdf = (v: number, base: number, w: number) => (v < base ? 0 : 2 * roundedNormalCdf(v - base, 0, w) - 1);
  if (job === 'retired') {
    // max(A, B), B = 55 + round|N(0, 8)|; 98 collects everything above
    if (a >= 98) return 1 - cdfA(97) * absCdf(97, 55, 8);
    return pA(a) * absCdf(a, 55, 8) + cdfA(a - 1) * absPmf(a, 55, 8);
  }
  if (job === 'student') {
    // min(A, C), C = 18 + round|N(0, 5)| ≥ 18; 17 collects everything below
    if (a <= 17) return cdfA(17);
    if (a >= 98) return (1 - cdfA(97)) * (1 - absCdf(97, 18, 5));
    return pA(a) * (1 - absCdf(a - 1, 18, 5)) + (1 - cdfA(a)) * absPmf(a, 18, 5);
  }
  if (a <= 17) return cdfA(17);
  if (a >= 98) return 1 - cdfA(97);
  return pA(a);
}

/** P(campaign = c | s): 1 + Poisson(mean), plus Poisson(5) for a quarter of the stressed repeaters, capped at 56. */
export function bankCampaignProbability(c: number, s: number): number {
  const m = M.campaignMean[s];
  const base = (k: number) => (s === 2 ? 0.75 * poissonPmf(k, m) + 0.25 * poissonPmf(k, m + 5) : poissonPmf(k, m));
  if (c >= 56) return s === 2 ? 0.75 * poissonSf(55, m) + 0.25 * poissonSf(55, m + 5) : poissonSf(55, m);
  return base(c - 1);
}

/** P(duration = d | s): a rounded lognormal capped at 4918. */
export function bankDurationProbability(d: number, s: number): number {
  if (d >= 4918) return roundedLognormalSf(4918, M.durationMedian[s], M.durationSigma[s]);
  return roundedLognormalPmf(d, M.durationMedian[s], M.durationSigma[s]);
}

/** P(pdays = d) for a previously contacted customer: min(27, round(lognormal(5, 0.5))), the same in every segment. */
function contactedPdaysProbability(d: number): number {
  if (d >= 27) return roundedLognormalSf(27, 5, 0.5);
  return roundedLognormalPmf(d, 5, 0.5);
}

interface Observed { [name: string]: { num?: Float64Array; code?: Int32Array; levels?: readonly string[] } }

function levelIndex(levels: readonly string[], model: readonly string[], column: string): Int32Array {
  return Int32Array.from(levels, (l) => {
    const j = model.indexOf(l);
    if (j < 0) throw new ValidationError(`column "${column}" has level "${l}", which the bank generator never draws (levels: ${model.join(', ')})`);
    return j;
  });
}

/**
 * log p(x_O | s) for every row and planted segment, under the bank generator's model.
 * @param table rows in the generator's schema (e.g. `generateBankCustomers`), with at least the observed columns.
 * @param observed the columns the assignment may see (default: every modelled column but `y` and `duration`,
 *   which the clustering never sees either).
 * @returns n×4 row-major log-likelihoods (segments in BANK_SEGMENTS order); −Infinity where a row is impossible.
 * @throws ValidationError naming a column that is absent, of the wrong kind, not modelled, or has an unknown level.
 */
export function bankSegmentLogLikelihoods(table: Table, observed: readonly string[] = BANK_DENSITY_COLUMNS.filter((c) => c !== 'y' && c !== 'duration')): Float64Array {
  const n = table.nRows;
  const obs: Observed = {};
  for (const name of observed) {
    if (!BANK_DENSITY_COLUMNS.includes(name)) throw new ValidationError(`bankSegmentLogLikelihoods: column "${name}" is not modelled; modelled columns are ${BANK_DENSITY_COLUMNS.join(', ')}`);
    if (!hasColumn(table, name)) throw new ValidationError(`bankSegmentLogLikelihoods: column "${name}" is not in the table`);
    const c = getColumn(table, name);
    if (isNumeric(c)) obs[name] = { num: c.values };
    else if (c.kind === 'categorical') {
      const model = (BANK_LEVELS as Record<string, readonly string[]>)[name];
      if (!model) throw new ValidationError(`bankSegmentLogLikelihoods: column "${name}" should be numeric, found categorical`);
      const map = levelIndex(c.levels, model, name);
      obs[name] = { code: Int32Array.from(c.codes, (x) => (x < 0 ? -1 : map[x])), levels: model };
    } else throw new ValidationError(`bankSegmentLogLikelihoods: column "${name}" has kind ${c.kind}, expected numeric or categorical`);
  }
  const cat = (name: string, i: number): number => (obs[name] ? obs[name].code![i] : -1);
  const num = (name: string, i: number): number => (obs[name] ? obs[name].num![i] : NaN);
  const P = (ws: readonly Float64Array[]) => ws.map(normalized);
  const job = P(M.job), marital = P(M.marital), edu = P(M.education), def = P(M.default), hou = P(M.housing), loan = P(M.loan);
  const perW = M.periodWeights.map(normalized);
  const L = BANK_LEVELS;
  const out = new Float64Array(n * S);
  const periodCols: Array<[string, number]> = [['emp.var.rate', 1], ['cons.price.idx', 2], ['cons.conf.idx', 3], ['nr.employed', 5]];
  for (let i = 0; i < n; i++) {
    // the campaign periods consistent with the observed month and indicators (the same for every segment)
    const periods: number[] = [];
    M.periods.forEach((per, p) => {
      const m = cat('month', i);
      if (m >= 0 && L.month[m] !== per[0]) return;
      for (const [c, j] of periodCols) { const v = num(c, i); if (!Number.isNaN(v) && Math.abs(v - (per[j] as number)) > 1e-9) return; }
      const e = num('euribor3m', i);
      if (!Number.isNaN(e) && Math.abs(e - per[4]) > 0.0035) return;
      periods.push(p);
    });
    for (let s = 0; s < S; s++) {
      let lp = 0;
      // job and age (age depends on job: sum over jobs when job is not observed)
      const j = cat('job', i), age = num('age', i);
      if (j >= 0) {
        lp += Math.log(job[s][j]);
        if (!Number.isNaN(age)) lp += Math.log(bankAgeProbability(age, s, L.job[j]));
      } else if (!Number.isNaN(age)) {
        let q = 0;
        for (let t = 0; t < L.job.length; t++) q += job[s][t] * bankAgeProbability(age, s, L.job[t]);
        lp += Math.log(q);
      }
      const m = cat('marital', i); if (m >= 0) lp += Math.log(marital[s][m]);
      const e = cat('education', i); if (e >= 0) lp += Math.log(edu[s][e]);
      const d = cat('default', i); if (d >= 0) lp += Math.log(def[s][d]);
      // loan is 'unknown' exactly when housing is
      const h = cat('housing', i), l = cat('loan', i);
      if (h >= 0) {
        lp += Math.log(hou[s][h]);
        if (l >= 0) lp += h === 1 ? (l === 1 ? 0 : -Infinity) : Math.log(loan[s][l]);
      } else if (l >= 0) lp += Math.log(hou[s][1] * (l === 1 ? 1 : 0) + (1 - hou[s][1]) * loan[s][l]);
      const c = cat('contact', i); if (c >= 0) lp += Math.log(c === 0 ? M.cellular[s] : 1 - M.cellular[s]);
      if (periods.length < M.periods.length) {
        let q = 0;
        for (const p of periods) q += perW[s][p];
        lp += Math.log(q);
      }
      const camp = num('campaign', i); if (!Number.isNaN(camp)) lp += Math.log(bankCampaignProbability(camp, s));
      const dur = num('duration', i); if (!Number.isNaN(dur)) lp += Math.log(bankDurationProbability(dur, s));
      lp += Math.log(historyProbability(s, num('pdays', i), num('previous', i), cat('poutcome', i), cat('y', i), dur));
      out[i * S + s] = lp;
    }
  }
  return out;
}

/**
 * P(pdays, previous, poutcome, y | s) of the observed ones (NaN / −1 = not observed), summed over the generator's
 * contact-history branch (contacted before / earlier contact without pdays / never) and, for y, over the
 * unobserved outcome of the earlier campaign and call duration.
 */
function historyProbability(s: number, pdays: number, previous: number, pout: number, y: number, duration: number): number {
  const pC = M.pContacted[s], pN = M.pPreviousNoContact[s];
  const prevP = (lam: number) => (Number.isNaN(previous) ? 1 : poissonPmf(previous - 1, lam));
  const pLong = Number.isNaN(duration) ? 1 - normalizedDurationCdf(s) : duration > 600 ? 1 : 0;
  const yP = (po: number) => {
    if (y < 0) return 1;
    const base = M.pYes[s] + (po === 2 ? 0.25 : 0);
    const py = (1 - pLong) * Math.min(0.9, base) + pLong * Math.min(0.9, Math.min(0.9, base) + 0.2);
    return y === 1 ? py : 1 - py;
  };
  const poutOk = (po: number) => pout < 0 || pout === po;
  let total = 0;
  // contacted before: pdays < 999, previous = 1 + Poisson(λ), poutcome success with probability q else failure
  if (Number.isNaN(pdays) || pdays !== 999) {
    const pd = Number.isNaN(pdays) ? 1 : contactedPdaysProbability(pdays);
    const lam = s === 0 ? 0.8 : 0.3, q = s === 0 ? 0.7 : 0.4;
    const pr = prevP(lam);
    let br = 0;
    if (poutOk(2)) br += q * yP(2);
    if (poutOk(0)) br += (1 - q) * yP(0);
    total += pC * pd * pr * br;
  }
  if (Number.isNaN(pdays) || pdays === 999) {
    // an earlier contact without pdays: previous = 1 + Poisson(0.15), poutcome failure
    if (poutOk(0) && (Number.isNaN(previous) || previous >= 1)) total += (1 - pC) * pN * prevP(0.15) * yP(0);
    // never contacted: previous = 0, poutcome nonexistent
    if (poutOk(1) && (Number.isNaN(previous) || previous === 0)) total += (1 - pC) * (1 - pN) * yP(1);
  }
  return total;
}

/** P(duration ≤ 600 | s). */
function normalizedDurationCdf(s: number): number {
  return 1 - roundedLognormalSf(601, M.durationMedian[s], M.durationSigma[s]);
}
