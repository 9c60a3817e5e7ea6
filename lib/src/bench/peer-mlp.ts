/**
 * The peer's MLP step (peer.py `step_mlp` without its K-Means: the labels are given) with our classifier: a
 * stratified 80/20 split, training on the 80% with a stratified 15% of it for early stopping (d→128→64→K, ReLU,
 * dropout 0.2, Adam 1e-3, batch 256, at most 200 epochs, patience 10, best weights restored), accuracy on the 20%;
 * then stratified 5-fold cross-validation with the same training inside each fold.
 */
import { takeRows, type Matrix } from '../core/matrix';
import { MlpClassifier } from '../neural/mlp-classifier';
import { stratifiedKFold, stratifiedSplit } from '../personas/eval/split';

function take(y: Int32Array, idx: Int32Array): Int32Array {
  return Int32Array.from(idx, (i) => y[i]);
}

/** Train as the peer's `train_mlp` does on rows `tr`; returns test accuracy on rows `te` and epochs run. */
async function trainAndScore(X: Matrix, y: Int32Array, tr: Int32Array, te: Int32Array, seed: number): Promise<{ acc: number; epochs: number }> {
  const inner = stratifiedSplit(take(y, tr), { validation: 0.15, test: 0, seed });
  const a = Int32Array.from(inner.train, (i) => tr[i]);
  const v = Int32Array.from(inner.validation, (i) => tr[i]);
  const mlp = new MlpClassifier({ hiddenLayers: [128, 64], dropout: 0.2, learningRate: 1e-3, batchSize: 256, maxEpochs: 200, patience: 10, seed });
  await mlp.fit(takeRows(X, a), take(y, a), { validation: { X: takeRows(X, v), y: take(y, v) } });
  const pred = mlp.predict(takeRows(X, te));
  let ok = 0;
  for (let i = 0; i < te.length; i++) if (pred[i] === y[te[i]]) ok++;
  const epochs = mlp.history.loss.length;
  mlp.dispose();
  return { acc: ok / te.length, epochs };
}

/** The whole step: split evaluation + 5-fold CV. */
export async function evaluateMlpWithCv(X: Matrix, y: Int32Array, seed: number): Promise<Record<string, unknown>> {
  const split = stratifiedSplit(y, { validation: 0, test: 0.2, seed });
  const first = await trainAndScore(X, y, split.train, split.test, seed);
  const folds = stratifiedKFold(y, 5, seed);
  const cv: Array<{ acc: number; epochs: number }> = [];
  for (const f of folds) cv.push(await trainAndScore(X, y, f.train, f.test, seed));
  const accs = cv.map((c) => c.acc);
  return {
    accuracy: first.acc, epochs_run: first.epochs, cv_accuracies: accs,
    cv_mean: accs.reduce((s, v) => s + v, 0) / accs.length, cv_epochs_run: cv.map((c) => c.epochs),
  };
}
