/**
 * Features benchmark: time to fit + transform the full default pipeline on bank-additional-full (goal < 1 s),
 * plus bank-kaggle and cc-general when present. Cold (first) run and the median of three warm runs; CSV loading
 * is excluded. Wall time and process CPU time are both shown: on a shared, loaded machine wall time overstates the cost.
 * Figures are printed, never asserted.
 */
import { availableDatasets, loadDataset } from '../data/load-dataset';
import { dataDir } from '../data/datadir';
import { buildPipeline } from '../features/presets';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
  const present = availableDatasets();
  const ids = (['bank-additional-full', 'bank-kaggle', 'cc-general'] as const).filter((id) => present.includes(id));
  if (!ids.includes('bank-additional-full')) console.log(`bank-additional-full.csv not found in ${dataDir()}: timing synthetic-bank (same size) instead`);
  const runIds: string[] = ids.includes('bank-additional-full') ? [...ids] : ['synthetic-bank', ...ids];
  for (const id of runIds) {
    const { table } = loadDataset(id as Parameters<typeof loadDataset>[0]);
    const times: number[] = [];
    const cpu: number[] = [];
    let fitMs = 0;
    let transformMs = 0;
    let cols = 0;
    for (let r = 0; r < 4; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const p = buildPipeline(id).fit(table);
      const t1 = performance.now();
      const out = p.transform(table);
      const t2 = performance.now();
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      times.push(t2 - t0);
      fitMs = t1 - t0;
      transformMs = t2 - t1;
      cols = out.X.cols;
    }
    const warm = median(times.slice(1));
    const warmCpu = median(cpu.slice(1));
    const goal = id === 'bank-additional-full' ? `  [goal < 1 s wall: ${warm < 1000 ? 'met' : 'NOT met'}]` : '';
    console.log(`${id}: ${table.nRows} rows → ${cols} features; fit+transform wall cold ${times[0].toFixed(0)} ms, warm median ${warm.toFixed(0)} ms; CPU (user+sys, includes GC threads) warm median ${warmCpu.toFixed(0)} ms (last run: fit ${fitMs.toFixed(0)} ms, transform ${transformMs.toFixed(0)} ms)${goal}`);
  }
}
