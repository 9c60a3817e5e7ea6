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
import { runJsEpochs, scheduleOf } from './js-epochs';

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
    const b = r * d;
    for (let t = 0; t < d; t++) buf[b + t] = X.data[o + t];
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
export function trainAutoencoderJs(cfg: JsAutoencoderTrainConfig): Promise<TrainingHistory> {
  const { net, X, val } = cfg;
  const adam = new FlatAdam(net.params.length, cfg.learningRate);
  return runJsEpochs(
    { ...scheduleOf(cfg), params: () => net.params, hasValidation: val.length > 0 },
    (order, start, rows) => {
      const loss = reconstructionGradient(net, X, order, start, rows, cfg.dropout, cfg.rng);
      adam.step(net.params, net.grads);
      return loss;
    },
    () => reconstructionMse(net, X, val),
  );
}
