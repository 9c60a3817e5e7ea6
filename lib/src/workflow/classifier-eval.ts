/**
 * Evaluating segment classifiers as seed 004 does: a stratified 70/15/15 split (validation for early stopping,
 * test for the figures) and stratified k-fold cross-validation averaged over several seeds; the MLP against a
 * logistic-regression baseline and the clusterer's own nearest-centroid rule.
 */
import { takeRows, type Matrix } from '../core/matrix';
import { Rng } from '../core/random';
import { MlpClassifier, type MlpClassifierOptions } from '../neural/mlp-classifier';
import { LogisticRegression } from '../personas/eval/logistic';
import { classificationReport, confusionMatrix, type ClassificationReport } from '../personas/eval/confusion';
import { rocOneVsRest, type RocOneVsRest } from '../personas/eval/roc';
import { stratifiedKFold, stratifiedSplit, type TrainValidationTest } from '../personas/eval/split';

/** Test-set results of one model. */
export interface ModelEvaluation {
  model: string;
  report: ClassificationReport;
  roc: RocOneVsRest | null;
  seconds: number;
}

function take(y: Int32Array, idx: Int32Array): Int32Array {
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = y[idx[i]];
  return out;
}

function argmax(P: Matrix): Int32Array {
  const out = new Int32Array(P.rows);
  for (let i = 0; i < P.rows; i++) {
    let b = 0;
    for (let j = 1; j < P.cols; j++) if (P.data[i * P.cols + j] > P.data[i * P.cols + b]) b = j;
    out[i] = b;
  }
  return out;
}

/** Options of {@link evaluateOnSplit}. */
export interface SplitEvaluationOptions {
  seed: number;
  /** MLP options (seed 004 defaults otherwise: 128-64, ReLU, dropout 0.2, Adam 1e-3, patience 10). */
  mlp?: Partial<MlpClassifierOptions>;
  /** A rule that predicts labels directly (e.g. the clusterer's nearest centroid), evaluated on the same test rows. */
  rule?: { name: string; predict: (X: Matrix) => Int32Array };
  onEpoch?: MlpClassifierOptions['onEpoch'];
}

/** Fit on the 70% part (early stopping on the 15% validation part) and score on the 15% test part. */
export async function evaluateOnSplit(
  X: Matrix,
  y: Int32Array,
  k: number,
  opts: SplitEvaluationOptions,
): Promise<{ split: TrainValidationTest; results: ModelEvaluation[]; mlp: MlpClassifier }> {
  const split = stratifiedSplit(y, { seed: opts.seed });
  const Xtr = takeRows(X, split.train), ytr = take(y, split.train);
  const Xva = takeRows(X, split.validation), yva = take(y, split.validation);
  const Xte = takeRows(X, split.test), yte = take(y, split.test);
  const results: ModelEvaluation[] = [];
  let t = Date.now();
  const mlp = await new MlpClassifier({ seed: opts.seed, ...opts.mlp, onEpoch: opts.onEpoch }).fit(Xtr, ytr, { validation: { X: Xva, y: yva } });
  const P = mlp.predictProba(Xte);
  results.push({ model: 'MLP 128-64', report: classificationReport(confusionMatrix(yte, argmax(P), k)), roc: rocOneVsRest(yte, P), seconds: (Date.now() - t) / 1000 });
  t = Date.now();
  const lr = new LogisticRegression().fit(Xtr, ytr);
  const Pl = lr.predictProba(Xte);
  results.push({ model: 'logistic regression', report: classificationReport(confusionMatrix(yte, argmax(Pl), k)), roc: rocOneVsRest(yte, Pl), seconds: (Date.now() - t) / 1000 });
  if (opts.rule) {
    t = Date.now();
    const pred = opts.rule.predict(Xte);
    results.push({ model: opts.rule.name, report: classificationReport(confusionMatrix(yte, pred, k)), roc: null, seconds: (Date.now() - t) / 1000 });
  }
  return { split, results, mlp };
}

/** Options of {@link crossValidate}. */
export interface CrossValidationOptions {
  folds: number;
  seeds: number[];
  /** Cross-validate on a stratified sample of at most this many rows (0 = all). */
  maxRows: number;
  mlp?: Partial<MlpClassifierOptions>;
  /** Called after each fold. */
  onFold?: (done: number, total: number) => void;
}

/** Mean and standard deviation of the CV scores, per model. */
export interface CrossValidationResult {
  rows: number;
  fits: number;
  models: Array<{ model: string; accuracy: { mean: number; sd: number }; macroF1: { mean: number; sd: number } }>;
}

function meanSd(v: number[]): { mean: number; sd: number } {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
  return { mean: m, sd };
}

/** A stratified sample of at most `n` row indexes (all rows when n ≥ rows). */
export function stratifiedSample(y: Int32Array, n: number, seed: number): Int32Array {
  if (n <= 0 || n >= y.length) return Int32Array.from({ length: y.length }, (_, i) => i);
  const rng = new Rng(seed);
  const frac = n / y.length;
  const by = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) (by.get(y[i]) ?? by.set(y[i], []).get(y[i])!).push(i);
  const out: number[] = [];
  for (const idx of by.values()) {
    rng.shuffle(idx);
    out.push(...idx.slice(0, Math.max(1, Math.round(idx.length * frac))));
  }
  return Int32Array.from(out.sort((a, b) => a - b));
}

/**
 * Stratified k-fold cross-validation repeated over seeds (a different fold assignment and model seed each time).
 * The MLP uses a tenth of each training fold for early stopping.
 */
export async function crossValidate(X: Matrix, y: Int32Array, k: number, opts: CrossValidationOptions): Promise<CrossValidationResult> {
  const sample = stratifiedSample(y, opts.maxRows, opts.seeds[0] ?? 0);
  const Xs = takeRows(X, sample), ys = take(y, sample);
  const scores = new Map<string, { acc: number[]; f1: number[] }>([['MLP 128-64', { acc: [], f1: [] }], ['logistic regression', { acc: [], f1: [] }]]);
  const total = opts.folds * opts.seeds.length;
  let done = 0;
  for (const seed of opts.seeds) {
    for (const fold of stratifiedKFold(ys, opts.folds, seed)) {
      const ytrAll = take(ys, fold.train);
      // early-stopping split inside the training fold
      const inner = stratifiedSplit(ytrAll, { validation: 0.1, test: 0, seed });
      const tr = Int32Array.from(inner.train, (i) => fold.train[i]);
      const va = Int32Array.from(inner.validation, (i) => fold.train[i]);
      const Xte = takeRows(Xs, fold.test), yte = take(ys, fold.test);
      const mlp = await new MlpClassifier({ seed, ...opts.mlp }).fit(takeRows(Xs, tr), take(ys, tr), { validation: { X: takeRows(Xs, va), y: take(ys, va) } });
      const r1 = classificationReport(confusionMatrix(yte, mlp.predict(Xte), k));
      mlp.dispose();
      const lr = new LogisticRegression().fit(takeRows(Xs, fold.train), ytrAll);
      const r2 = classificationReport(confusionMatrix(yte, lr.predict(Xte), k));
      scores.get('MLP 128-64')!.acc.push(r1.accuracy);
      scores.get('MLP 128-64')!.f1.push(r1.macroF1);
      scores.get('logistic regression')!.acc.push(r2.accuracy);
      scores.get('logistic regression')!.f1.push(r2.macroF1);
      opts.onFold?.(++done, total);
    }
  }
  return {
    rows: sample.length,
    fits: total,
    models: [...scores.entries()].map(([model, s]) => ({ model, accuracy: meanSd(s.acc), macroF1: meanSd(s.f1) })),
  };
}
