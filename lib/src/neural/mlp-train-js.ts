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

/** Copy rows `idx[start..start+rows)` of X into `buf`. */
function gatherRows(X: Matrix, idx: Int32Array, start: number, rows: number, buf: Float64Array): void {
  const d = X.cols;
  for (let r = 0; r < rows; r++) {
    const o = idx[start + r] * d;
    buf.set(X.data.subarray(o, o + d), r * d);
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
export async function trainMlpJs(cfg: JsMlpTrainConfig): Promise<TrainingHistory> {
  const { net, X, y, train, val } = cfg;
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
      total += crossEntropyGradient(net, X, y, order, start, rows, cfg.classWeights, cfg.dropout, cfg.rng) * rows;
      adam.step(net.params, net.grads);
    }
    const loss = total / nTrain;
    const valLoss = val.length ? meanCrossEntropy(net, cfg.valX, cfg.valY, val) : NaN;
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
