/**
 * The MLP classifier's default training loop on {@link JsDenseNet} (internal): softmax + categorical cross-entropy
 * computed stably through log-sum-exp, optional per-class loss weights, inverted dropout drawn from the seeded
 * `Rng` (training only), one fused {@link FlatAdam} step per mini-batch, the validation loss per epoch, early
 * stopping with best-weights restore and a per-epoch callback. The same schedule and loss as the tfjs path
 * (`trainLoop` with `mean(w_y · −log softmax(z)_y)` per batch); no tensors at all.
 *
 * Gradient of the batch loss L = (1/B) Σ_i w_{y_i} · (logsumexp(z_i) − z_{i,y_i}) with respect to the logits:
 *   ∂L/∂z_ij = (w_{y_i} / B) · (softmax(z_i)_j − [j = y_i]).
 * Complexity: O(epochs · n · P) for P = Σ in_l·out_l weights; O(batch · Σ out_l + P) memory beyond X.
 */
import type { Matrix } from '../core/matrix';
import type { Rng } from '../core/random';
import { FlatAdam } from './js-adam';
import type { JsDenseNet } from './js-dense-net';
import type { EpochLog, TrainingHistory } from './train-loop';
import { runJsEpochs, scheduleOf } from './js-epochs';

/** Copy rows `idx[start..start+rows)` of X into `buf`. */
function gatherRows(X: Matrix, idx: Int32Array, start: number, rows: number, buf: Float64Array): void {
  const d = X.cols;
  for (let r = 0; r < rows; r++) {
    const o = idx[start + r] * d;
    const b = r * d;
    for (let t = 0; t < d; t++) buf[b + t] = X.data[o + t];
  }
}

/** Row-wise softmax of `rows` logit rows of width k, in place (max-shifted, so exp never overflows). */
export function softmaxRowsInPlace(z: Float64Array, rows: number, k: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * k;
    let max = -Infinity;
    for (let j = 0; j < k; j++) if (z[o + j] > max) max = z[o + j];
    let s = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp(z[o + j] - max);
      z[o + j] = e;
      s += e;
    }
    for (let j = 0; j < k; j++) z[o + j] /= s;
  }
}

/**
 * Mean (unweighted) cross-entropy of the rows `idx` of X against their labels, without dropout, float64.
 * O(|idx| · P).
 */
export function meanCrossEntropy(net: JsDenseNet, X: Matrix, y: Int32Array, idx: Int32Array, chunk = 2048): number {
  const k = net.layers[net.layers.length - 1].out;
  let total = 0;
  for (let start = 0; start < idx.length; start += chunk) {
    const rows = Math.min(chunk, idx.length - start);
    const x = net.inputBuffer(Math.min(chunk, idx.length));
    gatherRows(X, idx, start, rows, x);
    const z = net.forward(rows);
    for (let r = 0; r < rows; r++) {
      const o = r * k;
      let max = -Infinity;
      for (let j = 0; j < k; j++) if (z[o + j] > max) max = z[o + j];
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.exp(z[o + j] - max);
      total += max + Math.log(s) - z[o + y[idx[start + r]]];
    }
  }
  return total / idx.length;
}

/**
 * One training step on rows `idx[start..start+rows)`: fills `net.grads` with the gradient of the batch loss
 * (1/B) Σ_i w_{y_i} · CE_i (w = 1 without class weights) and returns that loss.
 */
export function crossEntropyGradient(
  net: JsDenseNet, X: Matrix, y: Int32Array, idx: Int32Array, start: number, rows: number,
  classWeights: Float64Array | null, dropout: number, rng: Rng,
): number {
  const k = net.layers[net.layers.length - 1].out;
  const x = net.inputBuffer(rows);
  gatherRows(X, idx, start, rows, x);
  const z = net.forward(rows, 0, net.layers.length, dropout > 0 ? { dropout, rng } : undefined);
  const g = net.outputGradBuffer(rows);
  let loss = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * k;
    const c = y[idx[start + r]];
    const w = classWeights ? classWeights[c] : 1;
    let max = -Infinity;
    for (let j = 0; j < k; j++) if (z[o + j] > max) max = z[o + j];
    let s = 0;
    for (let j = 0; j < k; j++) s += Math.exp(z[o + j] - max);
    const lse = max + Math.log(s);
    loss += w * (lse - z[o + c]);
    const scale = w / rows;
    for (let j = 0; j < k; j++) g[o + j] = scale * (Math.exp(z[o + j] - lse) - (j === c ? 1 : 0));
  }
  net.backward(rows);
  return loss / rows;
}

/** Configuration of {@link trainMlpJs}. */
export interface JsMlpTrainConfig {
  net: JsDenseNet;
  X: Matrix;
  y: Int32Array;
  /** Rows of X used for training. */
  train: Int32Array;
  /** Validation rows (of `valX`/`valY`); empty = monitor the training loss. */
  valX: Matrix;
  valY: Int32Array;
  val: Int32Array;
  /** Per-class loss weights, or null. */
  classWeights: Float64Array | null;
  batchSize: number;
  epochs: number;
  patience: number;
  restoreBest: boolean;
  learningRate: number;
  dropout: number;
  rng: Rng;
  onEpoch?: (epoch: number, log: EpochLog) => void;
}

/** Train `net` as a softmax classifier; the parameters end at the best (or last) epoch's. */
export function trainMlpJs(cfg: JsMlpTrainConfig): Promise<TrainingHistory> {
  const { net, X, y, val } = cfg;
  const adam = new FlatAdam(net.params.length, cfg.learningRate);
  return runJsEpochs(
    { ...scheduleOf(cfg), params: () => net.params, hasValidation: val.length > 0 },
    (order, start, rows) => {
      const loss = crossEntropyGradient(net, X, y, order, start, rows, cfg.classWeights, cfg.dropout, cfg.rng);
      adam.step(net.params, net.grads);
      return loss;
    },
    () => meanCrossEntropy(net, cfg.valX, cfg.valY, val),
  );
}
