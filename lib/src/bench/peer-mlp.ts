/**
 * The peer's MLP step (peer.py `step_mlp` without its K-Means: the labels are given) with our classifier: a
 * stratified 80/20 split, training on the 80% with a stratified 15% of it for early stopping (d→128→64→K, ReLU,
 * dropout 0.2, Adam 1e-3, batch 256, at most 200 epochs, patience 10, best weights restored), accuracy on the 20%;
 * then stratified 5-fold cross-validation with the same training inside each fold.
 */
import type { Matrix } from '../core/matrix';
import { fitMlpFoldsParallel, type MlpFoldJob } from '../neural/mlp-parallel';
import { stratifiedKFold, stratifiedSplit } from '../personas/eval/split';

function take(y: Int32Array, idx: Int32Array): Int32Array {
  return Int32Array.from(idx, (i) => y[i]);
}

/** The peer's `train_mlp` rows: a stratified 15% of the training rows for early stopping, the rest to train on. */
function job(y: Int32Array, tr: Int32Array, te: Int32Array, seed: number): MlpFoldJob {
  const inner = stratifiedSplit(take(y, tr), { validation: 0.15, test: 0, seed });
  return { train: Int32Array.from(inner.train, (i) => tr[i]), validation: Int32Array.from(inner.validation, (i) => tr[i]), test: te };
}

/** The whole step: split evaluation + 5-fold CV, the six fits in parallel worker threads (bit-identical to serial). */
export async function evaluateMlpWithCv(X: Matrix, y: Int32Array, seed: number): Promise<Record<string, unknown>> {
  const split = stratifiedSplit(y, { validation: 0, test: 0.2, seed });
  const folds = stratifiedKFold(y, 5, seed);
  const jobs = [job(y, split.train, split.test, seed), ...folds.map((f) => job(y, f.train, f.test, seed))];
  const res = await fitMlpFoldsParallel(X, y, jobs, { hiddenLayers: [128, 64], dropout: 0.2, learningRate: 1e-3, batchSize: 256, maxEpochs: 200, patience: 10, seed });
  const acc = res.map((r, j) => {
    let ok = 0;
    for (let i = 0; i < jobs[j].test.length; i++) if (r.predictions[i] === y[jobs[j].test[i]]) ok++;
    return ok / jobs[j].test.length;
  });
  const cv = acc.slice(1);
  return {
    accuracy: acc[0], epochs_run: res[0].history.loss.length, cv_accuracies: cv,
    cv_mean: cv.reduce((s, v) => s + v, 0) / cv.length, cv_epochs_run: res.slice(1).map((r) => r.history.loss.length),
  };
}
