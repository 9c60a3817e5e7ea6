/**
 * The nInit starts of a K-Means fit as independent jobs: each start's random draws (or its initial centres) are
 * fixed up front from the fit's seed, in the order the sequential loop would consume them, so a start gives the same
 * result whichever thread runs it and whenever; the winner is the lowest inertia, the lowest start index on ties
 * (what the sequential loop keeps). Shared by the calling thread and the workers (kmeans-pool.ts).
 * Internal: not re-exported by the package index.
 */
import type { Rng } from '../core/random';
import type { Matrix } from '../core/matrix';
import { KMeansRun } from './kmeans-common';
import { elkanRun } from './kmeans-elkan';
import { FastData, UniformSource, hamerlyFastRun, kmeansPlusPlusFast, lloydFastRun, prepareFast } from './kmeans-fast';
import { kmeansRandomInit } from './kmeans-init';

/** One start: k-means++ from pre-drawn uniforms, or given initial centres (k×d). */
export type StartSpec = { kind: 'pp'; u: Float64Array } | { kind: 'given'; init: Float64Array };

/** Which run function the starts use. */
export type KMeansKernelAlgorithm = 'lloyd' | 'elkan' | 'hamerly';

/** Everything a thread needs to run starts (all typed arrays are views of SharedArrayBuffers when threaded). */
export interface StartsJob {
  X: Float64Array;
  n: number;
  d: number;
  k: number;
  algorithm: KMeansKernelAlgorithm;
  maxIter: number;
  tolAbs: number;
  starts: StartSpec[];
  /** [next start to claim, status of start 0, status of start 1, …] (status 1 = done). */
  ctrl: Int32Array;
  /** Per start r: [inertia, nIter, converged, failed] at 4r; centres at 4·nInit + r·k·d. */
  resF: Float64Array;
  /** Per start r: labels at r·n. */
  resL: Int32Array;
}

/** Draws of k-means++ per start: 1 (first centre) + (k−1)·(2+⌊ln k⌋). */
export function kmeansPlusPlusDraws(k: number): number {
  return 1 + (k - 1) * (2 + Math.floor(Math.log(k)));
}

/**
 * The nInit start specifications, drawing from rng exactly as nInit sequential calls of kmeansPlusPlusInit /
 * kmeansRandomInit would. O(nInit·k·log k) for k-means++, O(nInit·(n + k·d)) for random.
 */
export function drawStarts(X: Matrix, k: number, nInit: number, init: 'k-means++' | 'random', rng: Rng): StartSpec[] {
  const out: StartSpec[] = [];
  for (let r = 0; r < nInit; r++) {
    if (init === 'random') out.push({ kind: 'given', init: kmeansRandomInit(X, k, rng) });
    else {
      const u = new Float64Array(kmeansPlusPlusDraws(k));
      for (let q = 0; q < u.length; q++) u[q] = rng.random();
      out.push({ kind: 'pp', u });
    }
  }
  return out;
}

/** Replays pre-drawn uniforms with Rng's semantics (int(n) = ⌊random()·n⌋). */
function replay(u: Float64Array): UniformSource {
  let p = 0;
  return {
    random: () => u[p++],
    int: (n: number) => Math.floor(u[p++] * n),
  };
}

/** Run one start on prepared data. */
export function runStart(f: FastData, job: Pick<StartsJob, 'k' | 'algorithm' | 'maxIter' | 'tolAbs'>, spec: StartSpec): KMeansRun {
  const { k, algorithm, maxIter, tolAbs } = job;
  const init = spec.kind === 'pp' ? kmeansPlusPlusFast(f, k, replay(spec.u)) : spec.init;
  if (algorithm === 'lloyd') return lloydFastRun(f, init, k, maxIter, tolAbs);
  if (algorithm === 'hamerly') return hamerlyFastRun(f, init, k, maxIter, tolAbs);
  return elkanRun(f.X, f.n, f.d, init, k, maxIter, tolAbs);
}

/** Room for centres the kernel needs for a job (k centres, or the k-means++ candidates). */
export function kernelCenters(k: number): number {
  return Math.max(k, 2 + Math.floor(Math.log(k)));
}

/**
 * Claim starts one at a time from job.ctrl until none is left, run each, write its result (or its failure) into the
 * shared result buffers and mark it done (Atomics.notify wakes the caller). Returns the number of starts run.
 */
export function workOnStarts(job: StartsJob): number {
  const { n, d, k, starts, ctrl, resF, resL } = job;
  const nInit = starts.length;
  let f: FastData | null = null;
  let ran = 0;
  for (;;) {
    const r = Atomics.add(ctrl, 0, 1);
    if (r >= nInit) break;
    try {
      if (f === null) f = prepareFast(job.X, n, d, kernelCenters(k));
      const res = runStart(f, job, starts[r]);
      resF[4 * r] = res.inertia;
      resF[4 * r + 1] = res.nIter;
      resF[4 * r + 2] = res.converged ? 1 : 0;
      resF[4 * r + 3] = 0;
      resF.set(res.centers, 4 * nInit + r * k * d);
      resL.set(res.labels, r * n);
    } catch {
      resF[4 * r + 3] = 1;
    }
    ran++;
    Atomics.store(ctrl, 1 + r, 1);
    Atomics.notify(ctrl, 1 + r);
  }
  return ran;
}
