/**
 * K-Means benchmark: bank-additional-full one-hot (41,188×63), 10 starts for each k in 2..10 (per-k wall and CPU
 * times, inertia, threads, load average); and ml-kmeans vs ours on CC GENERAL (10 starts, k=5). The comparison with
 * scikit-learn runs side by side in `npm run bench -- --peer` (peer.ts). Printed, never asserted.
 */
import * as os from 'node:os';
import { KMeans } from '../cluster/kmeans';
import { dotKernelIsWasm } from '../cluster/kmeans-dot-kernel';
import { availableThreads } from '../cluster/worker-pool';
import { kmeansPlusPlusInit } from '../cluster/kmeans-init';
import { toRows } from '../core/matrix';
import { Rng } from '../core/random';
import { bankAdditionalOneHot, ccGeneralStandardized } from './fixtures';

const ms = (t0: number): number => performance.now() - t0;
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

const load = (): string => os.loadavg().map((v) => v.toFixed(2)).join(', ');

/**
 * Print the K-Means timings. `SEGLAB_BENCH_THREADS` (a number, default 'auto') sets nThreads; `SEGLAB_BENCH_ALGOS`
 * (comma-separated, default 'auto') adds algorithms to compare. CPU time is the whole process (all threads).
 */
export async function benchKMeans(): Promise<void> {
  const bank = bankAdditionalOneHot();
  if (!bank) console.log('bank-additional-full.csv not found in the data dir: K-Means bank benchmark skipped');
  else {
    const { X } = bank;
    const envThreads = process.env.SEGLAB_BENCH_THREADS;
    const nThreads: number | 'auto' = envThreads ? Number(envThreads) : 'auto';
    const algos = (process.env.SEGLAB_BENCH_ALGOS ?? 'auto').split(',') as Array<'auto' | 'lloyd' | 'elkan' | 'hamerly'>;
    console.log(`K-Means on bank-additional one-hot ${X.rows}×${X.cols}, nInit=10, k-means++, tol=1e-4, seed 0; `
      + `${dotKernelIsWasm() ? 'WebAssembly SIMD' : 'JavaScript'} dot kernel; ${availableThreads()} threads available`);
    console.log('  (scikit-learn side by side, same matrix: npm run bench -- --peer --steps kmeans)');
    for (const algorithm of algos) {
      console.log(`  load average before: ${load()}`);
      let total = 0;
      let totalCpu = 0;
      let threads = 0;
      for (let k = 2; k <= 10; k++) {
        const t0 = performance.now();
        const c0 = cpuMs();
        const km = new KMeans({ k, nInit: 10, seed: 0, algorithm, nThreads }).fit(X);
        const dt = ms(t0);
        const dc = cpuMs() - c0;
        total += dt;
        totalCpu += dc;
        threads = Math.max(threads, km.threadsUsed);
        console.log(`  ${algorithm.padEnd(7)} k=${String(k).padStart(2)}  ${(dt / 1000).toFixed(2)} s wall, ${(dc / 1000).toFixed(2)} s CPU, `
          + `${km.threadsUsed} threads  inertia ${km.inertia.toFixed(1)}  nIter ${km.nIter}`);
      }
      console.log(`  ${algorithm} total ${(total / 1000).toFixed(2)} s wall, ${(totalCpu / 1000).toFixed(2)} s CPU (all threads), `
        + `${threads} threads; CPU ÷ threads ${(totalCpu / threads / 1000).toFixed(2)} s (≈ the wall time on idle cores); `
        + `load average after: ${load()}`);
    }
  }
  const cc = ccGeneralStandardized();
  if (!cc) { console.log('cc-general.csv not found in the data dir: ml-kmeans comparison skipped'); return; }
  const { X } = cc;
  const { kmeans } = await import('ml-kmeans');
  const rows = toRows(X);
  let t0 = performance.now();
  const ours = new KMeans({ k: 5, nInit: 10, seed: 0 }).fit(X);
  const tOurs = ms(t0);
  // ml-kmeans: 10 starts from its own k-means++ with seeds 0..9, keeping the lowest inertia.
  t0 = performance.now();
  let bestMl = Infinity;
  for (let s = 0; s < 10; s++) {
    const r = kmeans(rows, 5, { seed: s, initialization: 'kmeans++' });
    const cl = r.clusters;
    let inertia = 0;
    for (let i = 0; i < rows.length; i++) {
      const c = r.centroids[cl[i]];
      for (let t = 0; t < c.length; t++) inertia += (rows[i][t] - c[t]) ** 2;
    }
    bestMl = Math.min(bestMl, inertia);
  }
  const tMl = ms(t0);
  // Same init for both, one run: time of the iterations alone.
  const init = kmeansPlusPlusInit(X, 5, new Rng(1));
  t0 = performance.now();
  new KMeans({ k: 5, init: { data: init, rows: 5, cols: X.cols } }).fit(X);
  const tOne = ms(t0);
  t0 = performance.now();
  kmeans(rows, 5, { initialization: toRows({ data: init, rows: 5, cols: X.cols }) });
  const tMlOne = ms(t0);
  console.log(`CC GENERAL ${X.rows}×${X.cols}, k=5, 10 starts: seglab ${(tOurs / 1000).toFixed(2)} s (inertia ${ours.inertia.toFixed(1)}), ml-kmeans ${(tMl / 1000).toFixed(2)} s (inertia ${bestMl.toFixed(1)}); one run from the same init: seglab ${tOne.toFixed(0)} ms, ml-kmeans ${tMlOne.toFixed(0)} ms`);
}
