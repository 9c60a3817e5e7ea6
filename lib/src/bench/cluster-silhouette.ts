/**
 * Silhouette benchmark on bank-additional-full one-hot encoded and standardized (41,188 × 63): the sampled
 * estimate and the exact score over all rows, with time and peak extra memory. The exact run happens in a child
 * process that only loads the matrix (from a temporary binary file) so that its peak RSS increase is the
 * silhouette's own. Labels: K-Means k=4 (one start, seed 0). scikit-learn side by side: `npm run bench -- --peer`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { bankAdditionalOneHot } from './fixtures';
import { KMeans } from '../cluster/kmeans';
import { silhouetteScore } from '../metrics/silhouette';
import type { Matrix } from '../core/matrix';

const CHILD_FLAG = '--silhouette-child';

/** Read exactly `view.byteLength` bytes at `position` (a single readSync may return fewer). */
function readFully(fd: number, view: Uint8Array, position: number): void {
  let done = 0;
  while (done < view.byteLength) {
    const got = fs.readSync(fd, view, done, view.byteLength - done, position + done);
    if (got === 0) throw new Error('silhouette benchmark: truncated matrix file');
    done += got;
  }
}

function runChild(file: string): void {
  // read straight into the typed arrays (no transient copy of the file), so the peak before the call is the data
  const fd = fs.openSync(file, 'r');
  const header = new Int32Array(2);
  readFully(fd, new Uint8Array(header.buffer), 0);
  const [n, d] = [header[0], header[1]];
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  readFully(fd, new Uint8Array(data.buffer), 8);
  readFully(fd, new Uint8Array(labels.buffer), 8 + data.byteLength);
  fs.closeSync(fd);
  const X: Matrix = { data, rows: n, cols: d };
  const rss0 = process.memoryUsage().rss;
  const peak0 = process.resourceUsage().maxRSS * 1024;
  const t0 = process.hrtime.bigint();
  const s = silhouetteScore(X, labels);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const peak1 = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ s, secs, extraMB: (peak1 - Math.max(peak0, rss0)) / 1048576 }));
}

/** Print the silhouette figures (skips with a notice when the data file is absent). */
export async function benchSilhouette(): Promise<void> {
  const bank = bankAdditionalOneHot();
  if (!bank) {
    console.log('silhouette: bank-additional-full.csv not found in the data dir (set SEGLAB_DATA_DIR): skipped');
    return;
  }
  const { X } = bank;
  const labels = new KMeans({ k: 4, nInit: 1, seed: 0 }).fit(X).labels;
  console.log(`silhouette on bank-additional one-hot ${X.rows}×${X.cols}, K-Means k=4 labels, ${os.availableParallelism?.() ?? os.cpus().length} cores`);
  for (const m of [2000, 5000]) {
    const t0 = process.hrtime.bigint();
    const s = silhouetteScore(X, labels, { sampleSize: m, seed: 0 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`  sampled (sampleSize=${m}): ${s.toFixed(4)} in ${ms.toFixed(0)} ms`);
  }
  const file = path.join(os.tmpdir(), `seglab-silhouette-${process.pid}.bin`);
  const head = Buffer.from(new Int32Array([X.rows, X.cols]).buffer);
  fs.writeFileSync(file, Buffer.concat([head, Buffer.from(X.data.buffer, X.data.byteOffset, X.data.byteLength), Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength)]));
  try {
    const r = spawnSync(process.execPath, [__filename, CHILD_FLAG, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) { console.log(`  exact: child failed: ${r.stderr}`); return; }
    const out = JSON.parse(r.stdout) as { s: number; secs: number; extraMB: number };
    console.log(`  exact (all ${X.rows} rows): ${out.s.toFixed(4)} in ${out.secs.toFixed(1)} s, peak extra memory ${out.extraMB.toFixed(0)} MB (scikit-learn side by side: npm run bench -- --peer --steps silhouette)`);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

if (require.main === module && process.argv[2] === CHILD_FLAG) runChild(process.argv[3]);
