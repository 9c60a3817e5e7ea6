/**
 * `npm run bench -- scale`: the out-of-core path end to end at 1 M and 10 M synthetic bank customers — generate
 * (Parquet), load + EDA summaries (DuckDB), pipeline fit in SQL, mini-batch K-Means k = 2..10 over the streamed
 * features with a full assignment pass, sampled metrics, personas + bundle, JS scoring (npm run score's scorer on
 * streamed blocks), SQL scoring (the exported query on DuckDB, to Parquet), and the row-by-row comparison of the two
 * scorers. Each step runs in its own process (scale-step.ts) and reports its wall time and peak RSS (maxRSS, native
 * memory included). Sizes: `--scale-rows=1000000,10000000` or SEGLAB_SCALE_ROWS (default both).
 *
 * Targets (issue 12): 1 M end to end < 3 min and < 4 GB; 10 M < 30 min and < 8 GB; SQL scoring ≥ 1 M rows/s.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SCALE_STEPS } from './scale-step';

const TARGETS: Record<number, { seconds: number; rssMB: number }> = { 1_000_000: { seconds: 180, rssMB: 4096 }, 10_000_000: { seconds: 1800, rssMB: 8192 } };

function sizes(): number[] {
  const arg = process.argv.find((a) => a.startsWith('--scale-rows='))?.slice('--scale-rows='.length) ?? process.env.SEGLAB_SCALE_ROWS ?? '1000000,10000000';
  const out = arg.split(',').map((s) => Number(s.replace(/_/g, '')));
  if (out.some((n) => !Number.isInteger(n) || n < 1000)) throw new Error(`--scale-rows should list row counts >= 1000, got "${arg}"`);
  return out;
}

function cpuModel(): string {
  try {
    const m = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1].trim();
  } catch { /* not Linux */ }
  return os.cpus()[0]?.model ?? 'unknown CPU';
}

const extraText = (r: Record<string, unknown>): string =>
  Object.entries(r).filter(([k]) => !['step', 'seconds', 'cpuSeconds', 'maxRssMB'].includes(k)).map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : String(v)}`).join(', ');

export async function run(): Promise<void> {
  const script = path.join(__dirname, 'scale-step.js');
  console.log(`${cpuModel()}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; ${new Date().toISOString().slice(0, 10)}`);
  for (const n of sizes()) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), `seglab-bench-scale-${n}-`));
    console.log(`\n${n.toLocaleString('en-US')} rows (work folder ${work})`);
    console.log(`${'step'.padEnd(11)} ${'wall s'.padStart(8)} ${'CPU s'.padStart(8)} ${'peak RSS MB'.padStart(12)}  figures`);
    let total = 0;
    let cpu = 0;
    let peak = 0;
    let failed = false;
    try {
      for (const step of SCALE_STEPS) {
        const r = spawnSync(process.execPath, [script, step, work, String(n)], { encoding: 'utf8', maxBuffer: 1 << 24 });
        const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
        if (r.status !== 0 || !line.startsWith('{')) {
          console.log(`${step.padEnd(11)} FAILED: ${(r.stderr ?? '').trim().split('\n').slice(0, 6).join(' | ')}`);
          failed = true;
          break;
        }
        const res = JSON.parse(line) as Record<string, unknown> & { seconds: number; cpuSeconds: number; maxRssMB: number };
        if (step !== 'compare') { total += res.seconds; cpu += res.cpuSeconds; peak = Math.max(peak, res.maxRssMB); }
        console.log(`${step.padEnd(11)} ${res.seconds.toFixed(1).padStart(8)} ${res.cpuSeconds.toFixed(1).padStart(8)} ${res.maxRssMB.toFixed(0).padStart(12)}  ${extraText(res)}`);
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    if (failed) { process.exitCode = 1; continue; }
    const t = TARGETS[n];
    console.log(`end to end (generate … SQL scoring, each step a fresh process): ${total.toFixed(0)} s wall${t ? ` (target < ${t.seconds} s)` : ''}, ${cpu.toFixed(0)} CPU s on ${os.cpus().length} cores, largest step peak RSS ${peak.toFixed(0)} MB${t ? ` (target < ${t.rssMB} MB)` : ''}`);
  }
}
