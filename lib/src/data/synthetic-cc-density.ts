/**
 * The exact densities of `generateCardCustomers`: for each row and planted segment s, log p(x | s) under the
 * generator's own model (parameters in CARD_MODEL), with its latent draws summed out: the purchase habit and the
 * cash-advance habit a customer may borrow from a random segment (probability CARD_MODEL.borrow each), the
 * purchase and cash-advance month counts behind the frequencies when a frequency is capped at the tenure, the extra
 * months of customers who buy both ways. Money amounts are rounded to cents by the generator: a continuous amount
 * contributes its density × 0.01 (the probability of its cent, to first order), a point mass its probability.
 * Factors that do not depend on the segment (tenure, the missing-value draw given the payment) are left out.
 *
 * Every one of the 17 numeric columns must be observed (the clustering sees all of them): the dependencies between
 * them (balance on credit limit, payments on purchases, minimum payments on balance) are not summed out.
 *
 * Complexity: O(n·4·4·(9·5·3)) time in the worst case, O(n·4) memory.
 */
import { ValidationError } from '../core/errors';
import { CARD_COLUMNS, CARD_MODEL, CARD_SEGMENTS } from './synthetic-cc';
import { normalCdf } from './synthetic-density-common';
import { getColumn, hasColumn, isNumeric, type Table } from './table';

const M = CARD_MODEL;
const S = CARD_SEGMENTS.length;
const CENT = 0.01;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** The columns the card density needs (all numeric columns of CC GENERAL). */
export const CARD_DENSITY_COLUMNS: readonly string[] = CARD_COLUMNS.slice(1);

function lnPdf(v: number, median: number, sigma: number): number {
  if (!(v > 0)) return 0;
  const z = (Math.log(v) - Math.log(median)) / sigma;
  return Math.exp(-0.5 * z * z - LOG_SQRT_2PI) / (v * sigma);
}

function lnCdf(v: number, median: number, sigma: number): number {
  return v <= 0 ? 0 : normalCdf((Math.log(v) - Math.log(median)) / sigma);
}

/** P(CREDIT_LIMIT = l | s): max(50, round(lognormal / 50)·50). */
export function cardLimitProbability(l: number, s: number): number {
  const [m, sg] = M.limit[s];
  if (l <= 50) return lnCdf(75, m, sg);
  return lnCdf(l + 25, m, sg) - lnCdf(l - 25, m, sg);
}

/** p(BALANCE = b | s, limit) per cent. */
export function cardBalanceProbability(b: number, s: number, limit: number): number {
  const inU = (lo: number, hi: number) => (b >= lo * limit - 0.005 && b <= hi * limit + 0.005 ? CENT / ((hi - lo) * limit) : 0);
  if (s === 0) return inU(0.45, 1);
  if (s === 1) return inU(0, 0.15);
  if (s === 2) return inU(0.05, 0.4);
  if (Math.abs(b - limit) < 0.005) return 1 - lnCdf(limit, 250, 1.2);
  return b < limit ? lnPdf(b, 250, 1.2) * CENT : 0;
}

/** Months k behind a frequency f = min(k, t)/t: k itself, or every k ≥ t when f = 1. */
function monthsOf(f: number, t: number): { k: number; capped: boolean } {
  const k = Math.round(f * t);
  return { k, capped: k >= t };
}

/** P(count = k) for a uniform count on lo..hi, or P(count ≥ k) when capped. */
function uniformCount(k: number, capped: boolean, lo: number, hi: number): number {
  if (capped) return k > hi ? 0 : (hi - Math.max(k, lo) + 1) / (hi - lo + 1);
  return k >= lo && k <= hi ? 1 / (hi - lo + 1) : 0;
}

/** P(round(V) = x) for V uniform on [a, b]. */
function roundedUniform(x: number, a: number, b: number): number {
  const lo = Math.max(a, x - 0.5), hi = Math.min(b, x + 0.5);
  return hi > lo ? (hi - lo) / (b - a) : 0;
}

/** P(purchase amounts, frequencies and transactions | purchase habit ps). */
function purchaseProbability(ps: number, t: number, one: number, ins: number, onef: number, insf: number, purf: number, ptrx: number): number {
  const [om, osg, op] = M.oneoff[ps], [im, isg, ip] = M.installments[ps];
  let p = (one > 0 ? op * lnPdf(one, om, osg) * CENT : 1 - op) * (ins > 0 ? ip * lnPdf(ins, im, isg) * CENT : 1 - ip);
  if (p === 0) return 0;
  const o = monthsOf(onef, t), n = monthsOf(insf, t), pu = monthsOf(purf, t);
  if ((one > 0) !== (o.k > 0) || (ins > 0) !== (n.k > 0)) return 0;
  const oRange: [number, number] = ps === 1 ? [4, 12] : [1, 4];
  const iRange: [number, number] = ps === 2 ? [8, 12] : [1, 5];
  const oKs = one > 0 ? (o.capped ? range(Math.max(t, oRange[0]), oRange[1]) : [o.k]) : [0];
  const iKs = ins > 0 ? (n.capped ? range(Math.max(t, iRange[0]), iRange[1]) : [n.k]) : [0];
  let joint = 0;
  for (const ok of oKs) {
    const pO = one > 0 ? uniformCount(ok, false, oRange[0], oRange[1]) : 1;
    for (const ik of iKs) {
      const pI = ins > 0 ? uniformCount(ik, false, iRange[0], iRange[1]) : 1;
      const extras = one > 0 && ins > 0 ? [0, 1, 2] : [0];
      for (const ex of extras) {
        const purK = Math.min(t, Math.max(ok, ik) + ex);
        if (purK !== pu.k) continue;
        const pT = purK > 0 ? roundedUniform(ptrx, purK, 3 * purK) : ptrx === 0 ? 1 : 0;
        joint += pO * pI * pT / extras.length;
      }
    }
  }
  return p * joint;
}

/** P(cash advance, its frequency and transactions | cash habit cs). */
function cashProbability(cs: number, t: number, cash: number, caf: number, catrx: number): number {
  const [m, sg, pr] = M.cash[cs];
  if (cash <= 0) return caf === 0 && catrx === 0 ? 1 - pr : 0;
  const c = monthsOf(caf, t);
  if (c.k === 0) return 0;
  const r: [number, number] = cs === 0 ? [3, 8] : [1, 2];
  const ks = c.capped ? range(Math.max(t, r[0]), r[1]) : [c.k];
  let joint = 0;
  for (const k of ks) joint += uniformCount(k, false, r[0], r[1]) * roundedUniform(catrx, k, 2.5 * k);
  return pr * lnPdf(cash, m, sg) * CENT * joint;
}

/** p(PAYMENTS = pay | s, purchases) per cent (0 with probability 0.025). */
export function cardPaymentProbability(pay: number, s: number, one: number, ins: number): number {
  if (pay === 0) return 0.025;
  let d: number;
  const conv = (a: number, b: number, median: number, sigma: number) => (b > a ? (lnCdf(pay - a, median, sigma) - lnCdf(pay - b, median, sigma)) / (b - a) : lnPdf(pay - a, median, sigma));
  if (s === 0) d = lnPdf(pay, 1500, 0.7);
  else if (s === 1) d = conv(0.9 * (one + ins), 1.2 * (one + ins), 100, 1);
  else if (s === 2) d = conv(0.8 * ins, 1.2 * ins, 150, 1);
  else d = lnPdf(pay, 350, 1.1);
  return 0.975 * d * CENT;
}

function range(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = lo; k <= hi; k++) out.push(k);
  return out;
}

/**
 * log p(x | s) for every row and planted segment, under the card generator's model.
 * @param table rows in the generator's schema (e.g. `generateCardCustomers`).
 * @param observed the columns the assignment sees: every column of CARD_DENSITY_COLUMNS (the default).
 * @returns n×4 row-major log-likelihoods (segments in CARD_SEGMENTS order); −Infinity where impossible.
 * @throws ValidationError when a needed column is absent or not numeric, or `observed` leaves one out.
 */
export function cardSegmentLogLikelihoods(table: Table, observed: readonly string[] = CARD_DENSITY_COLUMNS): Float64Array {
  const left = CARD_DENSITY_COLUMNS.filter((c) => !observed.includes(c));
  if (left.length) throw new ValidationError(`cardSegmentLogLikelihoods: the card model needs every numeric column observed; ${left.join(', ')} left out`);
  const col = (name: string): Float64Array => {
    if (!hasColumn(table, name)) throw new ValidationError(`cardSegmentLogLikelihoods: column "${name}" is not in the table`);
    const c = getColumn(table, name);
    if (!isNumeric(c)) throw new ValidationError(`cardSegmentLogLikelihoods: column "${name}" should be numeric, found ${c.kind}`);
    return c.values;
  };
  const [BAL, BALF, , ONE, INS, CA, , ONEF, INSF, CAF, CATRX, PTRX, CL, PAY, MINP, PRC, TEN] = CARD_DENSITY_COLUMNS.map(col);
  const PURF = col('PURCHASES_FREQUENCY');
  const n = table.nRows;
  const out = new Float64Array(n * S);
  const b0 = M.borrow[0];
  const habit = (a: number, b: number) => (a === b ? 1 - b0 + b0 / S : b0 / S);
  for (let i = 0; i < n; i++) {
    const t = TEN[i];
    const purchase = Array.from({ length: S }, (_, ps) => purchaseProbability(ps, t, ONE[i], INS[i], ONEF[i], INSF[i], PURF[i], PTRX[i]));
    const cash = Array.from({ length: S }, (_, cs) => cashProbability(cs, t, CA[i], CAF[i], CATRX[i]));
    for (let s = 0; s < S; s++) {
      let pP = 0, pC = 0;
      for (let h = 0; h < S; h++) { pP += habit(s, h) * purchase[h]; pC += habit(s, h) * cash[h]; }
      let p = pP * pC;
      p *= cardLimitProbability(CL[i], s);
      p *= cardBalanceProbability(BAL[i], s, CL[i]);
      const balK = Math.round(BALF[i] * t);
      p *= s === 3 ? (balK >= 1 && balK <= t ? 1 / t : 0) : balK >= t - 2 && balK <= t ? 1 / 3 : 0;
      p *= cardPaymentProbability(PAY[i], s, ONE[i], INS[i]);
      if (!Number.isNaN(MINP[i])) {
        if (s === 0) {
          const b = BAL[i];
          p *= MINP[i] >= 0.1 * b + 20 - 0.005 && MINP[i] <= 0.6 * b + 20 + 0.005 ? CENT / (0.5 * b) : 0;
        } else p *= lnPdf(MINP[i], 180, 0.9) * CENT;
      }
      const full = M.fullPay[s];
      if (PRC[i] === 0) p *= 1 - full;
      else {
        const k = Math.round(PRC[i] * 12);
        p *= full * (s === 1 ? (k >= 6 ? 1 / 7 : 0) : 1 / 12);
      }
      out[i * S + s] = Math.log(p);
    }
  }
  return out;
}
