/**
 * `npm run bench -- --peer [--steps a,b] [--repeats 3]`: each step of the pipeline by us and by the scikit-learn /
 * PyTorch reference ("peer", ../shared/peer) on the same matrix (bank-additional-full prepped the peer's way,
 * 41,188 × 63), alternating ours, peer, ours, peer… in fresh processes, with the median of the repeats, the ratio
 * ours/peer and the agreement of the results. Timings are IN-PROCESS around the step's own calls (data loading and
 * preparation excluded); the whole-process wall time (start-up, imports, prep included) is printed beside them.
 * Each run's 1-minute load average is recorded: the machine may be shared, so read the figures with it.
 * Printed, never asserted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { dataDir } from '../data/datadir';
import { adjustedRandIndex } from '../metrics/adjusted-rand';
import { KMeans } from '../cluster/kmeans';
import { Rng } from '../core/random';
import { peerPrep, fingerprintDiff, type MatrixFingerprint } from './peer-prep';
import { peerDir, peerResult, readIntLines } from './peer-files';

/** The steps, in order, with what each times. */
export const PEER_STEPS: ReadonlyArray<{ id: string; what: string }> = [
  { id: 'prep', what: 'read + one-hot + standardize bank-additional-full (41,188 × 63)' },
  { id: 'kmeans', what: 'K-Means, 10 starts, k = 2..10 (nine fits)' },
  { id: 'kmeans-seeds', what: 'K-Means inertia spread: best of 10 starts for seeds 0..4, k = 2..10 (agreement only, one round)' },
  { id: 'silhouette', what: 'exact silhouette, all 41,188 rows, the same k = 4 labels' },
  { id: 'gmm', what: 'Gaussian mixture, full covariances, k = 2..8 (seven fits)' },
  { id: 'ward', what: 'Ward, 10,000 rows (one fit, the full tree)' },
  { id: 'dbscan', what: 'DBSCAN, 10,000 rows × 63: 126-NN k-distances + knee eps + fit' },
  { id: 'dbscan-full', what: 'DBSCAN, 41,188 rows × 63: 126-NN k-distances + knee eps + fit' },
  { id: 'ae', what: 'autoencoder 63→64→32→8→32→64→63, batch 256, 5 epochs incl. start-up' },
  { id: 'mlp', what: 'MLP 63→128→64→4: 80/20 split + 5-fold CV, early stopping (patience 10)' },
];

const PYTHON = '/usr/bin/python3';
const PEER_SCRIPT = path.resolve(__dirname, '..', '..', '..', 'src', 'bench', 'peer_steps.py');
const OURS_SCRIPT = path.join(__dirname, 'peer-ours.js');
const INSTALL_HINT = 'apt-get install -y python3-sklearn python3-torch python3-pandas (then /usr/bin/python3 is used)';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Run { json: Json | null; wallS: number; load: number; error?: string }

const median = (xs: number[]): number => {
  const s = xs.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The CPU model from /proc/cpuinfo (or os.cpus()). */
export function cpuModel(): string {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch { /* not Linux */ }
  return os.cpus()[0]?.model ?? 'unknown CPU';
}

function runProcess(cmd: string, args: string[]): Run {
  const load = os.loadavg()[0];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 3_600_000 });
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) return { json: null, wallS, load, error: (r.stderr || String(r.error ?? r.signal)).trim().split('\n').slice(-3).join(' | ') };
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try { return { json: JSON.parse(last) as Json, wallS, load }; } catch { return { json: null, wallS, load, error: `unreadable output: ${last.slice(0, 200)}` }; }
}

/** Whether the peer can run here; otherwise why not. */
function peerStatus(): { ok: true } | { ok: false; why: string } {
  if (!fs.existsSync(path.join(peerDir(), 'peer.py'))) return { ok: false, why: `the peer is not at ${peerDir()} (set SEGLAB_PEER_DIR to the folder holding peer.py)` };
  if (!fs.existsSync(PYTHON)) return { ok: false, why: `${PYTHON} is missing: ${INSTALL_HINT}` };
  const r = spawnSync(PYTHON, ['-c', 'import sklearn, torch, pandas, threadpoolctl, scipy; print(sklearn.__version__, torch.__version__, pandas.__version__)'], { encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, why: `the peer's Python packages are not importable (${(r.stderr || '').trim().split('\n').pop()}): ${INSTALL_HINT}` };
  return { ok: true };
}

function peerVersions(): string {
  const r = spawnSync(PYTHON, ['-c', 'import sklearn, torch, numpy; print(f"scikit-learn {sklearn.__version__}, torch {torch.__version__}, numpy {numpy.__version__}")'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown versions';
}

function parseArgs(argv: string[]): { steps: string[]; repeats: number } {
  let steps = PEER_STEPS.map((s) => s.id);
  let repeats = 3;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--steps') steps = argv[++i].split(',').map((s) => s.trim());
    else if (argv[i] === '--repeats') repeats = Number(argv[++i]);
  }
  const unknown = steps.filter((s) => !PEER_STEPS.some((p) => p.id === s));
  if (unknown.length) throw new Error(`unknown step "${unknown[0]}" in --steps; choose from ${PEER_STEPS.map((s) => s.id).join(', ')}`);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats ${repeats} should be a positive integer`);
  return { steps, repeats };
}

const f = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const e = (v: number): string => (Number.isFinite(v) ? v.toExponential(1) : '–');
const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** Agreement text of one step from the first successful run of each side. */
function agreement(step: string, o: Json | null, p: Json | null, savedPrep: { columns: string[]; fingerprint: MatrixFingerprint } | null): string {
  if (!o) return 'ours failed';
  if (step === 'prep') {
    const ref = p ?? savedPrep;
    if (!ref) return 'no peer fingerprint to compare';
    const same = JSON.stringify(o.columns) === JSON.stringify(ref.columns);
    const fd = fingerprintDiff(o.fingerprint as MatrixFingerprint, ref.fingerprint as MatrixFingerprint);
    return `${same ? 'same' : 'DIFFERENT'} ${o.columns.length} columns; fingerprint sums Δ ${e(fd.sums)} of Σ|x|, rows 0 and n−1 Δ ≤ ${e(fd.rows)}${p ? '' : ' (vs the peer\'s saved JSON)'}`;
  }
  if (!p) return '(no peer run)';
  if (step === 'kmeans') {
    const rows = (o.per_k as Json[]).map((r, i) => ({ k: r.k, d: (r.inertia - p.per_k[i].inertia) / p.per_k[i].inertia }));
    const below = rows.filter((r) => r.d <= 1e-9).length;
    const worst = rows.reduce((a, b) => (b.d > a.d ? b : a));
    return `inertia ≤ scikit-learn's at ${below}/${rows.length} k; worst k=${worst.k}: ${worst.d >= 0 ? '+' : ''}${(100 * worst.d).toFixed(3)}%`;
  }
  if (step === 'kmeans-seeds') {
    const med = (v: number[]): number => median(v);
    const ratios = Object.keys(o.inertia).map((k) => ({ k, r: med(o.inertia[k]) / med(p.inertia[k]) - 1, lo: Math.min(...o.inertia[k]) / Math.min(...p.inertia[k]) - 1 }));
    const pct = (v: number): string => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(2)}%`;
    return `median best-of-10 inertia over ${o.seeds.length} seeds, ours vs scikit-learn per k = 2..10: ${ratios.map((x) => pct(x.r)).join(' ')}; lowest: ${ratios.map((x) => pct(x.lo)).join(' ')}`;
  }
  if (step === 'silhouette') {
    return `same labels: silhouette Δrel ${e(relDiff(o.silhouette, p.silhouette))} (${o.silhouette.toFixed(6)}), DB ${e(relDiff(o.davies_bouldin, p.davies_bouldin))}, CH ${e(relDiff(o.calinski_harabasz, p.calinski_harabasz))}; extra memory ${f(o.extra_mb, 0)} MB vs ${f(p.extra_mb, 0)} MB`;
  }
  if (step === 'gmm') {
    const d = (o.per_k as Json[]).map((r, i) => r.lower_bound - p.per_k[i].lower_bound);
    const conv = (o.per_k as Json[]).filter((r) => r.converged).length;
    const lbs = (o.per_k as Json[]).map((r) => f(r.lower_bound, 1)).join(' ');
    const it = (j: Json): number => (j.per_k as Json[]).reduce((a, r) => a + r.n_iter, 0);
    return `mean log-likelihood ours − peer per k: ${d.map((v) => (v >= 0 ? '+' : '') + v.toFixed(2)).join(' ')} (ours ${lbs}); converged ${conv}/${d.length}; EM iterations ${it(o)} vs ${it(p)} (different K-Means initializations), time per iteration ours/peer ${f((o.time_s / it(o)) / (p.time_s / it(p)))}`;
  }
  if (step === 'ward') {
    const aris = Object.keys(o.labels).map((k) => adjustedRandIndex(readIntLines(o.labels[k]), readIntLines(p.labels[k])));
    return `ARI of the cuts k = 2..8 vs scikit-learn: min ${f(Math.min(...aris), 6)}${aris.every((a) => a === 1) ? ' (identical partitions)' : ''}`;
  }
  if (step === 'dbscan' || step === 'dbscan-full') {
    const ari = adjustedRandIndex(readIntLines(o.labels_file), readIntLines(p.labels_file));
    return `eps ${f(o.eps, 4)} (Δrel ${e(relDiff(o.eps, p.eps))}); core ${o.n_core} vs ${p.n_core}; clusters ${o.n_clusters} vs ${p.n_clusters}; noise ${o.n_noise} vs ${p.n_noise}; ARI ${f(ari, 6)} (${p.impl})`;
  }
  if (step === 'ae') {
    const lo = o.losses as number[], lp = p.losses as number[];
    return `loss after 5 epochs ${f(lo[lo.length - 1], 4)} vs ${f(lp[lp.length - 1], 4)}; median epoch ${f(1000 * o.epoch_median_s, 0)} ms vs ${f(1000 * p.epoch_median_s, 0)} ms (${f(o.epoch_median_s / p.epoch_median_s)}×); first epoch ${f(1000 * o.epoch_s[0], 0)} vs ${f(1000 * p.epoch_s[0], 0)} ms`;
  }
  if (step === 'mlp') {
    return `test accuracy ${f(o.accuracy, 4)} vs ${f(p.accuracy, 4)}; 5-fold CV ${f(o.cv_mean, 4)} vs ${f(p.cv_mean, 4)}; epochs ${o.epochs_run} vs ${p.epochs_run}`;
  }
  return '';
}

/** Labels (k = 4) and subsample rows both sides use: the peer's saved files, else our own (ours-alone mode). */
function sharedInputs(data: string, work: string): { labels: string; idx: string; note: string } {
  const labels = peerResult('labels', 'bank-additional-full-k4-kmeans-lloyd-seed42.txt');
  const idx = peerResult('bank-additional-full-subsample10000-seed42-idx.txt');
  if (labels && idx) return { labels, idx, note: 'labels and rows saved by the peer (results/labels/…-k4…, results/…-subsample10000-seed42-idx.txt)' };
  const { X } = peerPrep(data);
  const lf = path.join(work, 'labels-k4.txt');
  fs.writeFileSync(lf, Array.from(new KMeans({ k: 4, nInit: 10, seed: 42 }).fit(X).labels).join('\n') + '\n');
  const perm = new Rng(42).permutation(X.rows);
  const rows = Array.from(perm.subarray(0, Math.min(10000, X.rows))).sort((a, b) => a - b);
  const xf = path.join(work, 'idx-10000.txt');
  fs.writeFileSync(xf, rows.join('\n') + '\n');
  return { labels: lf, idx: xf, note: 'the peer\'s saved labels/rows are absent: our K-Means k = 4 labels and a seeded 10,000-row subsample' };
}

/** Run the side-by-side benchmark (argv: the arguments after `npm run bench --`). */
export async function runPeerBench(argv: string[]): Promise<void> {
  const { steps, repeats } = parseArgs(argv);
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  console.log(`=== bench --peer: ours vs scikit-learn / PyTorch, ${date} UTC ===`);
  console.log(`machine: ${cpuModel()}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; load average ${os.loadavg().map((v) => v.toFixed(2)).join(', ')}`);
  const data = path.join(dataDir(), 'bank-additional-full.csv');
  if (!fs.existsSync(data)) {
    console.log(`bank-additional-full.csv is not in the data directory ${dataDir()}: set SEGLAB_DATA_DIR to the folder holding the real file (e.g. SEGLAB_DATA_DIR=../shared/data npm run bench -- --peer). Nothing measured.`);
    return;
  }
  const status = peerStatus();
  const withPeer = status.ok;
  if (!status.ok) console.log(`peer unavailable: ${status.why}. Printing our timings alone.`);
  else console.log(`peer: ${peerDir()} (${peerVersions()}; scikit-learn/numpy 2 threads, torch 1 thread as the peer runs them)`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-peer-'));
  const inputs = sharedInputs(data, work);
  console.log(`data: ${data}; ${inputs.note}`);
  console.log(`method: ${repeats} rounds per step, alternating ours then peer in fresh processes; step times in-process (prep excluded), median of ${repeats}; "proc" = whole-process wall time (start-up + imports + prep + step)`);
  const savedJson = peerResult('bank-additional-full-4.json');
  const savedPrep = savedJson ? (JSON.parse(fs.readFileSync(savedJson, 'utf8')).prep as { columns: string[]; fingerprint: MatrixFingerprint }) : null;
  const table: string[] = [];
  try {
    for (const step of steps) {
      const common = ['--data', data, '--work', work, '--labels', inputs.labels, '--idx', inputs.idx, '--seed', '42'];
      const ours: Run[] = [], peer: Run[] = [];
      const rounds = step === 'kmeans-seeds' ? 1 : repeats;
      for (let r = 0; r < rounds; r++) {
        ours.push(runProcess(process.execPath, [OURS_SCRIPT, step, ...common]));
        if (withPeer) peer.push(runProcess(PYTHON, [PEER_SCRIPT, step, '--peer-dir', peerDir(), ...common]));
      }
      const ok = (rs: Run[]): Json[] => rs.filter((r) => r.json).map((r) => r.json as Json);
      const to = median(ok(ours).map((j) => j.time_s));
      const tp = median(ok(peer).map((j) => j.time_s));
      const wo = median(ours.filter((r) => r.json).map((r) => r.wallS));
      const wp = median(peer.filter((r) => r.json).map((r) => r.wallS));
      const loads = [...ours, ...peer].map((r) => r.load);
      const err = [...ours.map((r) => r.error && `ours: ${r.error}`), ...peer.map((r) => r.error && `peer: ${r.error}`)].filter(Boolean);
      const agree = agreement(step, ok(ours)[0] ?? null, ok(peer)[0] ?? null, savedPrep);
      const spread = (rs: Run[]): string => ok(rs).map((j) => f(j.time_s)).join('/');
      const what = PEER_STEPS.find((s) => s.id === step)!.what;
      console.log(`\n${step}: ${what}`);
      console.log(`  ours ${f(to)} s [${spread(ours)}]${withPeer ? `  peer ${f(tp)} s [${spread(peer)}]  ours/peer ${f(to / tp)}` : ''}  (proc ${f(wo)} s${withPeer ? ` vs ${f(wp)} s, ${f(wo / wp)}` : ''}); load ${f(Math.min(...loads))}–${f(Math.max(...loads))}`);
      if (step === 'dbscan' || step === 'dbscan-full') {
        const part = (rs: Run[], key: string): number => median(ok(rs).map((j) => j[key]));
        console.log(`  k-distances + knee ${f(part(ours, 'kdist_s'))} s${withPeer ? ` vs ${f(part(peer, 'kdist_s'))} s` : ''}; fit ${f(part(ours, 'fit_s'))} s${withPeer ? ` vs ${f(part(peer, 'fit_s'))} s` : ''}`);
      }
      console.log(`  agreement: ${agree}`);
      for (const m of err) console.log(`  FAILED ${m}`);
      table.push(`| ${what} | ${f(to)} s | ${withPeer ? `${f(tp)} s` : '–'} | ${withPeer ? `**${f(to / tp)}**` : '–'} | ${withPeer ? f(wo / wp) : '–'} | ${agree.replace(/\|/g, '/')} | ${f(Math.min(...loads))}–${f(Math.max(...loads))} |`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nMarkdown (${date} UTC, ${cpuModel()}, ${os.cpus().length} cores; medians of ${repeats}, in-process step times; proc = whole-process ratio):\n`);
  console.log('| step | ours | peer | ours/peer | proc ratio | agreement | load avg |');
  console.log('|---|---|---|---|---|---|---|');
  for (const line of table) console.log(line);
}
