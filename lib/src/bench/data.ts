/**
 * Data benchmarks: loading bank-additional-full and computing its EDA (target: under 1.5 s together; danfo's
 * describe() alone took 11 s), and generating 1,000,000 synthetic bank and card customers.
 */
import * as fs from 'node:fs';
import { loadDataset, datasetPath } from '../data/load-dataset';
import { summarize } from '../eda/summary';
import { edaReport } from '../eda/report';
import { generateBankCustomers } from '../data/synthetic-bank';
import { generateCardCustomers } from '../data/synthetic-cc';

const ms = (t0: number): string => `${(performance.now() - t0).toFixed(0)} ms`;

export async function run(): Promise<void> {
  const file = datasetPath('bank-additional-full');
  if (file && fs.existsSync(file)) {
    for (let rep = 1; rep <= 3; rep++) {
      const t0 = performance.now();
      const d = loadDataset('bank-additional-full');
      const tLoad = performance.now() - t0;
      const t1 = performance.now();
      summarize(d.table);
      const tSum = performance.now() - t1;
      const t2 = performance.now();
      edaReport(d.table, d.spec);
      const tRep = performance.now() - t2;
      console.log(`bank-additional-full run ${rep}: load ${tLoad.toFixed(0)} ms + summarize ${tSum.toFixed(0)} ms = ${(tLoad + tSum).toFixed(0)} ms (target < 1500 ms); full EDA report ${tRep.toFixed(0)} ms`);
    }
  } else console.log(`bank-additional-full not in the data directory (${file}): load benchmark skipped; set SEGLAB_DATA_DIR`);
  let t = performance.now();
  const bank = generateBankCustomers({ n: 1_000_000, seed: 1 });
  console.log(`generateBankCustomers n=1,000,000: ${ms(t)} (${bank.columns.length} columns)`);
  t = performance.now();
  const cc = generateCardCustomers({ n: 1_000_000, seed: 1 });
  console.log(`generateCardCustomers n=1,000,000: ${ms(t)} (${cc.columns.length} columns)`);
  console.log(`rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
}
