/**
 * `npm run bench -- neural`: milliseconds per epoch of the d→64→32→8→32→64→d autoencoder at batch 256 (and 512,
 * 1024 for context) on bank-additional-full's engineered features (`buildPipeline('bank-additional-full')`, 41,188
 * rows), for each training engine of `Autoencoder` ('simd': JavaScript + WebAssembly SIMD products, 'js': scalar
 * JavaScript, 'tfjs': TensorFlow.js custom loop) and tfjs-layers `model.fit`. PyTorch side by side on the same
 * matrix: `npm run bench -- --peer --steps ae`. Each line shows the 1-minute load average when it was measured: the
 * machine is shared, so figures taken under load are pessimistic. Printed, never asserted.
 */
import * as os from 'node:os';
import { bankAdditionalOneHot } from './fixtures';
import type { Matrix } from '../core/matrix';
import { Rng } from '../core/random';
import { tf, initBackend } from '../neural/backend';
import { Autoencoder, type AutoencoderEngine } from '../neural/autoencoder';
import { loadDataset } from '../data/load-dataset';
import { buildPipeline } from '../features/presets';

const EPOCHS = 3;

function first30(X: Matrix): Matrix {
  const d = Math.min(30, X.cols);
  const data = new Float64Array(X.rows * d);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < d; j++) data[i * d + j] = X.data[i * X.cols + j];
  return { data, rows: X.rows, cols: d };
}

function syntheticLike(rows: number, cols: number): Matrix {
  const rng = new Rng(7);
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = rng.normal();
  return { data, rows, cols };
}

/** Median of the epochs after the first (the first pays for kernel set-up). */
function steadyMs(ms: number[]): number {
  const s = ms.slice(1).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : ms[0];
}

async function timeAutoencoder(X: Matrix, batchSize: number, engine: AutoencoderEngine): Promise<number> {
  const ae = new Autoencoder({ batchSize, epochs: EPOCHS, patience: 0, validationFraction: 0, seed: 1, engine });
  try {
    await ae.fit(X);
    return steadyMs(ae.history.ms);
  } finally {
    ae.dispose();
  }
}

async function timeLayersFit(X: Matrix, batchSize: number): Promise<number> {
  const d = X.cols;
  const x = tf.tensor2d(Float32Array.from(X.data), [X.rows, d]);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [d], units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 32, activation: 'relu' }),
      tf.layers.dense({ units: 8 }),
      tf.layers.dense({ units: 32, activation: 'relu' }),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: d }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  const ms: number[] = [];
  try {
    for (let e = 0; e < EPOCHS; e++) {
      const t0 = performance.now();
      const h = await model.fit(x, x, { batchSize, epochs: 1, shuffle: true, verbose: 0 });
      void h;
      ms.push(performance.now() - t0);
    }
  } finally {
    x.dispose();
    model.dispose();
    (model.optimizer as tf.Optimizer | undefined)?.dispose();
  }
  return steadyMs(ms);
}

/** The benchmark matrix: engineered features when the pipeline and the file are available, else fallbacks. */
function benchMatrix(): { X: Matrix; label: string } {
  try {
    const { table } = loadDataset('bank-additional-full');
    const p = buildPipeline('bank-additional-full').fit(table);
    return { X: p.X, label: `bank-additional-full engineered features (buildPipeline: ${p.featureNames.length} columns), ${p.X.rows} rows` };
  } catch (e) {
    console.log(`  note: engineered features unavailable (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  const bank = bankAdditionalOneHot();
  if (bank) {
    const X = first30(bank.X);
    return { X, label: `bank-additional-full one-hot + standardized (bench fixture), first ${X.cols} columns, ${X.rows} rows` };
  }
  return { X: syntheticLike(41188, 30), label: 'a seeded 41,188×30 normal matrix (bank-additional-full.csv not found in the data dir)' };
}

export async function run(): Promise<void> {
  const info = await initBackend();
  console.log(`tfjs backend: ${info.name} (SIMD ${info.simd ? 'on' : 'off'}, threads ${info.threads}, tfjs ${info.version})`);
  for (const n of info.notes) console.log(`  note: ${n}`);
  const { X, label } = benchMatrix();
  console.log(`data: ${label}`);
  const row = (name: string, ms: number): void => {
    console.log(`${name.padEnd(50)} ${ms.toFixed(0).padStart(6)} ms/epoch  load ${os.loadavg()[0].toFixed(2)}`);
  };
  console.log(`network ${X.cols}→64→32→8→32→64→${X.cols}, Adam 1e-3, MSE; median of epochs 2..${EPOCHS} (PyTorch side by side: npm run bench -- --peer --steps ae)`);
  row('Autoencoder engine simd (JS + wasm SIMD), batch 256', await timeAutoencoder(X, 256, 'simd'));
  row('Autoencoder engine js (scalar JS), batch 256', await timeAutoencoder(X, 256, 'js'));
  row('Autoencoder engine tfjs (fused matMul loop), batch 256', await timeAutoencoder(X, 256, 'tfjs'));
  row('tfjs-layers model.fit, batch 256', await timeLayersFit(X, 256));
  for (const b of [512, 1024]) {
    row(`Autoencoder engine simd, batch ${b}`, await timeAutoencoder(X, b, 'simd'));
    row(`Autoencoder engine tfjs, batch ${b}`, await timeAutoencoder(X, b, 'tfjs'));
  }
  console.log(`tensors alive after the benchmark: ${tf.memory().numTensors}`);
}
