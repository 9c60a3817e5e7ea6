/**
 * Our side of `npm run bench -- --peer`: one step per process, mirroring `peer_steps.py` (the peer's side) on the
 * matrix prepped the peer's way (peer-prep.ts). Timed in-process around the step's own calls (the prep is excluded),
 * printing one JSON object on stdout. Run by peer.ts as
 * `node peer-ours.js STEP --data FILE --work DIR [--labels FILE] [--idx FILE] [--seed 42]`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { takeRows, type Matrix } from '../core/matrix';
import { peerPrep, fingerprint } from './peer-prep';
import { KMeans } from '../cluster/kmeans';
import { GaussianMixture } from '../cluster/gmm';
import { Ward } from '../cluster/ward';
import { DBSCAN } from '../cluster/dbscan';
import { suggestEps } from '../cluster/dbscan-suggest-eps';
import { silhouetteScore } from '../metrics/silhouette';
import { daviesBouldinScore } from '../metrics/davies-bouldin';
import { calinskiHarabaszScore } from '../metrics/calinski-harabasz';
import { Autoencoder } from '../neural/autoencoder';
import { evaluateMlpWithCv } from './peer-mlp';
import { readIntLines } from './peer-files';

type Json = Record<string, unknown>;

function args(argv: string[]): { step: string; opts: Record<string, string> } {
  const opts: Record<string, string> = {};
  for (let i = 1; i < argv.length; i += 2) opts[argv[i].replace(/^--/, '')] = argv[i + 1];
  return { step: argv[0], opts };
}

function writeInts(file: string, v: ArrayLike<number>): string {
  fs.writeFileSync(file, Array.from(v).join('\n') + '\n');
  return file;
}

const now = (): number => performance.now() / 1000;
const peakMb = (): number => process.resourceUsage().maxRSS / 1024;

/**
 * The peer's knee rule (peer.py `knee_eps`): on the ascending k-distances y, the index maximizing
 * i/(n−1) − (y_i − y_0)/(y_{n−1} − y_0), the first on ties.
 */
export function peerKnee(sorted: Float64Array): { eps: number; index: number } {
  const n = sorted.length;
  const y0 = sorted[0], span = sorted[n - 1] - sorted[0];
  let best = 0, bestV = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = i / (n - 1) - (sorted[i] - y0) / span;
    if (v > bestV) { bestV = v; best = i; }
  }
  return { eps: sorted[best], index: best };
}

async function run(step: string, o: Record<string, string>): Promise<Json> {
  const t0 = now();
  const prep = peerPrep(o.data);
  const X = prep.X;
  const out: Json = { step, prep_s: now() - t0, shape: [X.rows, X.cols] };
  const labels = o.labels ? readIntLines(o.labels) : null;
  const idx = o.idx ? readIntLines(o.idx) : null;
  const seed = Number(o.seed ?? 42);
  const work = o.work;
  if (step === 'prep') {
    out.columns = prep.columns;
    out.fingerprint = fingerprint(X);
    out.time_s = out.prep_s;
  } else if (step === 'kmeans') {
    const perK: Json[] = [];
    const t = now();
    for (let k = 2; k <= 10; k++) {
      const t1 = now();
      const km = new KMeans({ k, nInit: 10, seed }).fit(X);
      perK.push({ k, inertia: km.inertia, n_iter: km.nIter, s: now() - t1, threads: km.threadsUsed });
    }
    out.time_s = now() - t;
    out.per_k = perK;
  } else if (step === 'kmeans-seeds') {
    const seeds = Array.from({ length: Number(o['n-seeds'] ?? 5) }, (_, i) => i);
    const t = now();
    const inertia: Record<string, number[]> = {};
    for (let k = 2; k <= 10; k++) inertia[k] = seeds.map((s) => new KMeans({ k, nInit: 10, seed: s }).fit(X).inertia);
    out.time_s = now() - t;
    out.inertia = inertia;
    out.seeds = seeds;
  } else if (step === 'silhouette') {
    const lab = labels as Int32Array;
    const rss0 = process.memoryUsage().rss / 1048576;
    const t = now();
    out.silhouette = silhouetteScore(X, lab);
    out.time_s = now() - t;
    out.extra_mb = peakMb() - rss0;
    out.davies_bouldin = daviesBouldinScore(X, lab);
    out.calinski_harabasz = calinskiHarabaszScore(X, lab);
  } else if (step === 'gmm') {
    const perK: Json[] = [];
    const t = now();
    for (let k = 2; k <= 8; k++) {
      const t1 = now();
      const g = new GaussianMixture({ k, covarianceType: 'full', seed }).fit(X);
      perK.push({ k, lower_bound: g.lowerBound, n_iter: g.nIter, converged: g.converged, s: now() - t1 });
    }
    out.time_s = now() - t;
    out.per_k = perK;
  } else if (step === 'ward') {
    const Xs = takeRows(X, idx as Int32Array);
    const t = now();
    const w = new Ward({ nClusters: 4 }).fit(Xs);
    out.time_s = now() - t;
    out.n = Xs.rows;
    const files: Record<string, string> = {};
    for (let k = 2; k <= 8; k++) files[k] = writeInts(path.join(work, `ward-ours-k${k}.txt`), w.labelsFor(k));
    out.labels = files;
  } else if (step === 'dbscan' || step === 'dbscan-full') {
    const Xs: Matrix = step === 'dbscan' ? takeRows(X, idx as Int32Array) : X;
    const ms = 2 * Xs.cols;
    const t = now();
    const sug = suggestEps(Xs, ms);
    const knee = peerKnee(sug.kDistances);
    out.kdist_s = now() - t;
    const t1 = now();
    const db = new DBSCAN({ eps: knee.eps, minSamples: ms }).fit(Xs);
    out.fit_s = now() - t1;
    out.time_s = now() - t;
    out.impl = 'seglab DBSCAN';
    Object.assign(out, {
      n: Xs.rows, min_samples: ms, eps: knee.eps, knee_index: knee.index, n_core: db.coreSampleIndices.length,
      n_clusters: db.nClusters, n_noise: db.labels.filter((l) => l === -1).length,
      labels_file: writeInts(path.join(work, `${step}-ours.txt`), db.labels),
    });
  } else if (step === 'ae') {
    const t = now();
    const ae = new Autoencoder({ epochs: 5, batchSize: 256, patience: 0, validationFraction: 0, seed });
    await ae.fit(X);
    out.time_s = now() - t;
    const ms = ae.history.ms.map((v) => v / 1000);
    out.epoch_s = ms;
    out.epoch_median_s = [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];
    out.losses = ae.history.loss;
    out.kernel = ae.kernel;
    ae.dispose();
  } else if (step === 'mlp') {
    const t = now();
    const r = await evaluateMlpWithCv(X, labels as Int32Array, seed);
    out.time_s = now() - t;
    Object.assign(out, r);
  } else {
    throw new Error(`unknown step "${step}"`);
  }
  out.peak_rss_mb = peakMb();
  return out;
}

if (require.main === module) {
  const { step, opts } = args(process.argv.slice(2));
  run(step, opts).then((r) => {
    process.stdout.write(JSON.stringify(r) + '\n');
    process.exit(0);
  }, (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  });
}
