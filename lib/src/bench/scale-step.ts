/**
 * One step of the scale benchmark, run in its own process so that its peak resident memory (the process's maxRSS,
 * native DuckDB memory included) is measured alone: `node scale-step.js <step> <workdir> <rows>`. Steps read and
 * write their inputs and outputs in the work folder and print one JSON line: {step, seconds, cpuSeconds (all threads,
 * DuckDB's included), maxRssMB, …}.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Matrix } from '../core/matrix';
import { loadDatasetPipeline, saveDatasetPipeline } from '../features/pipeline-io';
import { loadBundle, saveBundle, disposeBundle } from '../scoring/bundle';
import { openLargeDataset, type LargeDataset } from '../scale/open-dataset';
import { summarizeLarge } from '../scale/summaries';
import { fitPipelineSql } from '../scale/fit-pipeline';
import { assembleScaleBundle, bestSilhouetteK, fitScaleKMeans, scaleMetrics, DEFAULT_SCALE_BUNDLE_OPTIONS } from '../scale/fit-bundle';
import { fitPersonasSql } from '../scale/personas-fit';
import { compareScores, scoreJsStreamed, scoreSqlToParquet } from '../scale/score';
import { writeSyntheticData } from '../scale/synthetic-writer';

/** The steps, in the order the benchmark runs them. */
export const SCALE_STEPS = ['generate', 'load+eda', 'pipeline', 'kmeans', 'metrics', 'bundle', 'score-js', 'score-sql', 'compare'] as const;
export type ScaleStep = (typeof SCALE_STEPS)[number];

const DATASET = 'synthetic-bank';
const IDS = ['customer_id'];

interface Saved { centers: number[][][]; ks: number[]; inertia: number[]; sizes: number[][]; steps: number[] }

function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, j) => Array.from(m.data.subarray(j * m.cols, (j + 1) * m.cols)));
}

function fromRows(rows: number[][]): Matrix {
  return { data: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length };
}

async function withDataset<T>(work: string, f: (ds: LargeDataset) => Promise<T>): Promise<T> {
  const ds = await openLargeDataset(path.join(work, 'customers.parquet'), { types: { customer_id: 'id' } });
  try { return await f(ds); } finally { ds.close(); }
}

/** Run one step; returns the figures to report besides time and memory. */
export async function runScaleStep(step: ScaleStep, work: string, rows: number): Promise<Record<string, unknown>> {
  const file = (name: string) => path.join(work, name);
  switch (step) {
    case 'generate': {
      const r = await writeSyntheticData(file('customers.parquet'), { n: rows, seed: 1 });
      return { rows: r.rows, bytes: r.bytes };
    }
    case 'load+eda':
      return withDataset(work, async (ds) => {
        const s = await summarizeLarge(ds);
        return { rows: ds.nRows, numeric: s.numeric.length, categorical: s.categorical.length };
      });
    case 'pipeline':
      return withDataset(work, async (ds) => {
        const fit = await fitPipelineSql(ds, { dataset: DATASET, seed: 0 });
        saveDatasetPipeline(fit.pipeline, file('pipeline.json'));
        return { features: fit.pipeline.featureNames.length, queries: fit.queries };
      });
    case 'kmeans':
      return withDataset(work, async (ds) => {
        const pipeline = loadDatasetPipeline(file('pipeline.json'));
        const km = await fitScaleKMeans(ds, pipeline, { ...DEFAULT_SCALE_BUNDLE_OPTIONS, seed: 0 });
        const saved: Saved = {
          centers: km.models.map((m) => toRows(m.centers)), ks: km.models.map((m) => m.k), inertia: km.models.map((m) => m.inertia),
          sizes: km.models.map((m) => m.sizes), steps: km.models.map((m) => m.steps),
        };
        fs.writeFileSync(file('kmeans.json'), JSON.stringify(saved));
        return { ks: saved.ks.join(','), trainingRows: km.trainingRows, assignedRows: km.rows };
      });
    case 'metrics':
      return withDataset(work, async (ds) => {
        const pipeline = loadDatasetPipeline(file('pipeline.json'));
        const saved = JSON.parse(fs.readFileSync(file('kmeans.json'), 'utf8')) as Saved;
        const metrics = await scaleMetrics(ds, pipeline, saved.centers.map(fromRows), { ...DEFAULT_SCALE_BUNDLE_OPTIONS, seed: 0 });
        fs.writeFileSync(file('metrics.json'), JSON.stringify(metrics));
        const k = bestSilhouetteK(metrics);
        const m = metrics.find((x) => x.k === k)!;
        return { k, silhouette: `${m.silhouette.mean.toFixed(3)} ± ${m.silhouette.halfWidth.toFixed(3)}`, samples: `${m.samples} × ${m.sampleRows}` };
      });
    case 'bundle':
      return withDataset(work, async (ds) => {
        const pipeline = loadDatasetPipeline(file('pipeline.json'));
        const saved = JSON.parse(fs.readFileSync(file('kmeans.json'), 'utf8')) as Saved;
        const metrics = JSON.parse(fs.readFileSync(file('metrics.json'), 'utf8'));
        const i = saved.ks.indexOf(bestSilhouetteK(metrics));
        const personas = await fitPersonasSql(ds, DATASET, 0);
        const model = { centers: fromRows(saved.centers[i]), inertia: saved.inertia[i], sizes: saved.sizes[i], steps: saved.steps[i] };
        const bundle = await assembleScaleBundle(ds, { ...DEFAULT_SCALE_BUNDLE_OPTIONS, dataset: DATASET, idColumns: IDS, seed: 0 }, pipeline, model, personas, ['scale benchmark']);
        saveBundle(file('bundle'), bundle);
        return { k: saved.ks[i], personas: personas.counts.join('/') };
      });
    case 'score-js':
      return withDataset(work, async (ds) => {
        const bundle = await loadBundle(file('bundle'));
        try {
          const js = await scoreJsStreamed(ds, bundle, { idColumns: IDS });
          fs.writeFileSync(file('js-segment.bin'), Buffer.from(js.segment.buffer));
          if (js.persona) fs.writeFileSync(file('js-persona.bin'), Buffer.from(js.persona.buffer));
          fs.writeFileSync(file('js-personas.json'), JSON.stringify(js.personaNames));
          return { rowsPerSecond: Math.round(ds.nRows / js.seconds) };
        } finally {
          disposeBundle(bundle);
        }
      });
    case 'score-sql':
      return withDataset(work, async (ds) => {
        const bundle = await loadBundle(file('bundle'));
        try {
          const r = await scoreSqlToParquet(ds, bundle, file('segments.parquet'), { idColumns: IDS });
          return { rowsPerSecond: Math.round(r.rows / r.seconds) };
        } finally {
          disposeBundle(bundle);
        }
      });
    case 'compare':
      return withDataset(work, async (ds) => {
        const read = (name: string) => new Int32Array(new Uint8Array(fs.readFileSync(file(name))).buffer);
        const persona = fs.existsSync(file('js-persona.bin')) ? read('js-persona.bin') : null;
        const cmp = await compareScores(ds.session.conn, file('segments.parquet'), {
          segment: read('js-segment.bin'), persona, personaNames: JSON.parse(fs.readFileSync(file('js-personas.json'), 'utf8')), unseen: {}, seconds: 0,
        });
        return { segmentMismatches: cmp.segmentMismatches, personaMismatches: cmp.personaMismatches, nearTies: cmp.nearTies };
      });
    default:
      throw new Error(`unknown scale step "${String(step)}"; steps: ${SCALE_STEPS.join(', ')}`);
  }
}

if (require.main === module) {
  const [step, work, rows] = process.argv.slice(2);
  const t0 = performance.now();
  runScaleStep(step as ScaleStep, work, Number(rows)).then(
    (extra) => {
      const seconds = (performance.now() - t0) / 1000;
      const maxRssMB = process.resourceUsage().maxRSS / 1024;
      const cpu = process.cpuUsage();
      process.stdout.write(`${JSON.stringify({ step, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMB, ...extra })}\n`);
      process.exit(0);
    },
    (e) => {
      console.error(`scale step ${step} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
