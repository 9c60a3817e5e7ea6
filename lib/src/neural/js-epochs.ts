/**
 * The epoch schedule shared by the JS training engines (autoencoder and MLP, internal): per epoch a seeded shuffle
 * of the training rows, one pass of mini-batch steps, the validation loss, the history and the per-epoch callback,
 * early stopping on the monitored loss (validation when there is some, else training) with a restore of the best
 * parameters, and a yield to the event loop so that live progress displays and runner messages get through.
 * Complexity: O(epochs · n) beyond the steps themselves; one copy of the parameters when `restoreBest`.
 */
import type { Rng } from '../core/random';
import type { EpochLog, TrainingHistory } from './train-loop';

/** What the schedule needs to know; the loss and the optimiser live in the callbacks. */
export interface JsEpochSchedule {
  /**
   * The network's flat parameters (copied at the best epoch, restored at the end). A getter, read each time: the
   * array may be a view of WebAssembly memory that is replaced when that memory grows.
   */
  params: () => Float64Array;
  /** Rows used for training. */
  train: Int32Array;
  /** Monitor a validation loss (else the training loss). */
  hasValidation: boolean;
  batchSize: number;
  epochs: number;
  patience: number;
  restoreBest: boolean;
  rng: Rng;
  onEpoch?: (epoch: number, log: EpochLog) => void;
}

/**
 * Run the schedule. `step(order, start, rows)` trains on rows `order[start..start+rows)` (updating the parameters)
 * and returns that batch's mean loss; `validate()` returns the validation loss.
 */
export async function runJsEpochs(
  s: JsEpochSchedule,
  step: (order: Int32Array, start: number, rows: number) => number,
  validate: () => number,
): Promise<TrainingHistory> {
  const history: TrainingHistory = { loss: [], valLoss: [], ms: [], bestEpoch: -1, stoppedEarly: false };
  const nTrain = s.train.length;
  let best = Infinity;
  let bestParams: Float64Array | null = null;
  let wait = 0;
  const order = new Int32Array(nTrain);
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    const t0 = performance.now();
    const perm = s.rng.permutation(nTrain);
    for (let i = 0; i < nTrain; i++) order[i] = s.train[perm[i]];
    let total = 0;
    for (let start = 0; start < nTrain; start += s.batchSize) {
      const rows = Math.min(s.batchSize, nTrain - start);
      total += step(order, start, rows) * rows;
    }
    const loss = total / nTrain;
    const valLoss = s.hasValidation ? validate() : NaN;
    const ms = performance.now() - t0;
    history.loss.push(loss);
    history.valLoss.push(valLoss);
    history.ms.push(ms);
    s.onEpoch?.(epoch, { loss, valLoss, ms });
    const monitored = s.hasValidation ? valLoss : loss;
    if (!Number.isFinite(monitored)) throw new Error(`training diverged at epoch ${epoch}: loss is ${monitored}; lower learningRate`);
    if (monitored < best) {
      best = monitored;
      history.bestEpoch = epoch;
      wait = 0;
      if (s.restoreBest) bestParams = Float64Array.from(s.params());
    } else if (s.patience > 0 && ++wait >= s.patience) {
      history.stoppedEarly = epoch < s.epochs - 1;
      break;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (s.restoreBest && bestParams && history.bestEpoch !== history.loss.length - 1) s.params().set(bestParams);
  if (!s.restoreBest) history.bestEpoch = history.loss.length - 1;
  return history;
}

/** The schedule fields of a trainer's configuration. */
export function scheduleOf(c: Omit<JsEpochSchedule, 'params' | 'hasValidation'>): Omit<JsEpochSchedule, 'params' | 'hasValidation'> {
  return { train: c.train, batchSize: c.batchSize, epochs: c.epochs, patience: c.patience, restoreBest: c.restoreBest, rng: c.rng, onEpoch: c.onEpoch };
}
