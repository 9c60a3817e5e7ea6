/**
 * The autoencoder's default training loop on {@link JsDenseNet} (internal): seeded shuffling, mini-batch
 * forward/backward of the mean squared reconstruction error, one fused {@link FlatAdam} step per batch, the
 * validation loss per epoch, early stopping with best-weights restore, and a per-epoch callback. The same
 * schedule as the tfjs `trainLoop`; no tensors at all.
 * Complexity: O(epochs · n · P) for P = Σ in_l·out_l weights; O(batch · Σ out_l + P) memory beyond X.
 */
import type { Matrix } from '../core/matrix';
import type { Rng } from '../core/random';
import { FlatAdam } from './js-adam';
import type { JsDenseNet } from './js-dense-net';
import type { EpochLog, TrainingHistory } from './train-loop';

/** Configuration of {@link trainAutoencoderJs}. */
export interface JsAutoencoderTrainConfig {
  net: JsDenseNet;
  /** The full matrix; rows are picked by `train` and `val`. */
  X: Matrix;
  train: Int32Array;
  val: Int32Array;
  batchSize: number;
  epochs: number;
  patience: number;
  restoreBest: boolean;
  learningRate: number;
  dropout: number;
  rng: Rng;
  onEpoch?: (epoch: number, log: EpochLog) => void;
}

/** Copy rows `idx[start..start+rows)` of X into `buf`. */
function gatherRows(X: Matrix, idx: Int32Array, start: number, rows: number, buf: Float64Array): void {
  const d = X.cols;
  for (let r = 0; r < rows; r++) {
    const o = idx[start + r] * d;
    buf.set(X.data.subarray(o, o + d), r * d);
  }
}

/** Mean squared reconstruction error of the rows `idx` (no dropout), float64. */
export function reconstructionMse(net: JsDenseNet, X: Matrix, idx: Int32Array, chunk = 2048): number {
  const d = X.cols;
  let total = 0;
  for (let start = 0; start < idx.length; start += chunk) {
    const rows = Math.min(chunk, idx.length - start);
    const x = net.inputBuffer(Math.min(chunk, idx.length));
    gatherRows(X, idx, start, rows, x);
    const out = net.forward(rows);
    for (let k = 0; k < rows * d; k++) {
      const e = out[k] - x[k];
      total += e * e;
    }
  }
  return total / (idx.length * d);
}

/**
 * One training step on rows `idx[start..start+rows)`: fills `net.grads` with the gradient of the batch's mean
 * squared reconstruction error (mean over rows × columns, as `tf.losses.meanSquaredError`) and returns the loss.
 */
export function reconstructionGradient(net: JsDenseNet, X: Matrix, idx: Int32Array, start: number, rows: number, dropout: number, rng: Rng): number {
  const d = X.cols;
  const x = net.inputBuffer(rows);
  gatherRows(X, idx, start, rows, x);
  const out = net.forward(rows, 0, net.layers.length, dropout > 0 ? { dropout, rng } : undefined);
  const g = net.outputGradBuffer(rows);
  const n = rows * d;
  const s = 2 / n;
  let loss = 0;
  for (let k = 0; k < n; k++) {
    const e = out[k] - x[k];
    loss += e * e;
    g[k] = s * e;
  }
  net.backward(rows);
  return loss / n;
}

/** Train `net` to reconstruct its input; the parameters end at the best (or last) epoch's. */
export async function trainAutoencoderJs(cfg: JsAutoencoderTrainConfig): Promise<TrainingHistory> {
  const { net, X, train, val } = cfg;
  const history: TrainingHistory = { loss: [], valLoss: [], ms: [], bestEpoch: -1, stoppedEarly: false };
  const adam = new FlatAdam(net.params.length, cfg.learningRate);
  const nTrain = train.length;
  let best = Infinity;
  let bestParams: Float64Array | null = null;
  let wait = 0;
  const order = new Int32Array(nTrain);
  for (let epoch = 0; epoch < cfg.epochs; epoch++) {
    const t0 = performance.now();
    const perm = cfg.rng.permutation(nTrain);
    for (let i = 0; i < nTrain; i++) order[i] = train[perm[i]];
    let total = 0;
    for (let start = 0; start < nTrain; start += cfg.batchSize) {
      const rows = Math.min(cfg.batchSize, nTrain - start);
      total += reconstructionGradient(net, X, order, start, rows, cfg.dropout, cfg.rng) * rows;
      adam.step(net.params, net.grads);
    }
    const loss = total / nTrain;
    const valLoss = val.length ? reconstructionMse(net, X, val) : NaN;
    const ms = performance.now() - t0;
    history.loss.push(loss);
    history.valLoss.push(valLoss);
    history.ms.push(ms);
    cfg.onEpoch?.(epoch, { loss, valLoss, ms });
    const monitored = val.length ? valLoss : loss;
    if (!Number.isFinite(monitored)) throw new Error(`training diverged at epoch ${epoch}: loss is ${monitored}; lower learningRate`);
    if (monitored < best) {
      best = monitored;
      history.bestEpoch = epoch;
      wait = 0;
      if (cfg.restoreBest) bestParams = Float64Array.from(net.params);
    } else if (cfg.patience > 0 && ++wait >= cfg.patience) {
      history.stoppedEarly = epoch < cfg.epochs - 1;
      break;
    }
    // let the event loop run (live progress displays, runner messages) between epochs
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (cfg.restoreBest && bestParams && history.bestEpoch !== history.loss.length - 1) net.params.set(bestParams);
  if (!cfg.restoreBest) history.bestEpoch = history.loss.length - 1;
  return history;
}
