/**
 * The mini-batch training loop shared by the autoencoder and the MLP classifier (internal): seeded shuffling,
 * one optimizer step per batch, validation loss per epoch, early stopping with best-weights restore, a progress
 * callback, and strict tensor disposal (per-batch work inside tf.tidy, try/finally around the async epoch loop).
 * Complexity: O(epochs · n · cost of one forward/backward pass per row).
 */
import type { Rng } from '../core/random';
import { tf } from './backend';

/** Per-epoch figures passed to progress callbacks. */
export interface EpochLog {
  /** Mean training loss over the epoch's batches (weighted by batch size). */
  loss: number;
  /** Validation loss at the end of the epoch (NaN without a validation set). */
  valLoss: number;
  /** Wall time of the epoch in milliseconds. */
  ms: number;
}

/** Training history: one entry per epoch run. */
export interface TrainingHistory {
  loss: number[];
  valLoss: number[];
  ms: number[];
  /** Index of the epoch whose weights were kept (the best monitored loss when restoring). */
  bestEpoch: number;
  /** True when early stopping ended training before `epochs`. */
  stoppedEarly: boolean;
}

/** Configuration of {@link trainLoop} (internal). */
export interface TrainLoopConfig {
  variables: tf.Variable[];
  optimizer: tf.Optimizer;
  /** Rows of training data. */
  nTrain: number;
  /** Training loss on the training rows `idx` (a scalar; runs inside tf.tidy under the optimizer). */
  batchLoss: (idx: tf.Tensor1D, nextSeed: () => number) => tf.Scalar;
  /** Validation loss (no dropout), or null without a validation set. */
  validationLoss: (() => number) | null;
  batchSize: number;
  epochs: number;
  /** Epochs without improvement of the monitored loss before stopping (0 = never stop early). */
  patience: number;
  /** Restore the weights of the best epoch at the end. */
  restoreBest: boolean;
  rng: Rng;
  onEpoch?: (epoch: number, log: EpochLog) => void;
}

/** Run the loop; the variables end at the best (or last) weights. */
export async function trainLoop(cfg: TrainLoopConfig): Promise<TrainingHistory> {
  const history: TrainingHistory = { loss: [], valLoss: [], ms: [], bestEpoch: -1, stoppedEarly: false };
  let best = Infinity;
  let bestWeights: Float32Array[] | null = null;
  let wait = 0;
  const nextSeed = (): number => cfg.rng.nextUint32();
  for (let epoch = 0; epoch < cfg.epochs; epoch++) {
    const t0 = performance.now();
    const perm = tf.tensor1d(cfg.rng.permutation(cfg.nTrain), 'int32');
    let total: tf.Scalar = tf.scalar(0);
    try {
      for (let start = 0; start < cfg.nTrain; start += cfg.batchSize) {
        const size = Math.min(cfg.batchSize, cfg.nTrain - start);
        const next = tf.tidy(() => {
          const idx = perm.slice(start, size);
          const cost = cfg.optimizer.minimize(() => cfg.batchLoss(idx, nextSeed), true, cfg.variables) as tf.Scalar;
          return tf.add(total, tf.mul(cost, size)) as tf.Scalar;
        });
        total.dispose();
        total = next;
      }
      const loss = ((await total.data())[0]) / cfg.nTrain;
      const valLoss = cfg.validationLoss ? cfg.validationLoss() : NaN;
      const ms = performance.now() - t0;
      history.loss.push(loss);
      history.valLoss.push(valLoss);
      history.ms.push(ms);
      cfg.onEpoch?.(epoch, { loss, valLoss, ms });
      const monitored = cfg.validationLoss ? valLoss : loss;
      if (!Number.isFinite(monitored)) {
        throw new Error(`training diverged at epoch ${epoch}: loss is ${monitored}; lower learningRate`);
      }
      if (monitored < best) {
        best = monitored;
        history.bestEpoch = epoch;
        wait = 0;
        if (cfg.restoreBest) bestWeights = cfg.variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
      } else if (cfg.patience > 0 && ++wait >= cfg.patience) {
        history.stoppedEarly = epoch < cfg.epochs - 1;
        break;
      }
    } finally {
      perm.dispose();
      total.dispose();
    }
  }
  if (cfg.restoreBest && bestWeights && history.bestEpoch !== history.loss.length - 1) {
    cfg.variables.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(bestWeights![i], v.shape))));
  }
  if (!cfg.restoreBest) history.bestEpoch = history.loss.length - 1;
  return history;
}
