/**
 * A multilayer-perceptron segment classifier (seed 004's network): dense ReLU layers with dropout, softmax output,
 * categorical cross-entropy, Adam, early stopping on the validation loss with best-weights restore, and optional
 * class weights. It learns to assign new customers to the segments found by clustering.
 *
 * Engines: by default (`engine: 'simd'`) training runs on {@link JsDenseNet} (hand-written backpropagation in
 * float64, WebAssembly SIMD matrix products, one fused Adam loop; see `mlp-train-js.ts`); `engine: 'js'` is the
 * same with scalar JavaScript products (bit-identical results); `engine: 'tfjs'` is the original TensorFlow.js
 * loop. Every engine starts from the same seeded Glorot weights, and inference always runs on {@link JsDenseNet}
 * with the fitted float32 weights, so a fitted or loaded classifier holds no tensors.
 *
 * Reference: Goodfellow, Bengio & Courville (2016), "Deep Learning", ch. 6 (feed-forward networks) and 7.12 (dropout).
 * Complexity: O(epochs · n · P) time for P = Σ in_l·out_l weights, O(n·d + batch · Σ width_l + P) memory
 * ('tfjs' also copies the training rows into tensors).
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { NotFittedError, ValidationError } from '../core/errors';
import { Rng } from '../core/random';
import { tf, ensureBackend } from './backend';
import { DenseStack, type DenseLayerSpec } from './dense-stack';
import type { NeuralActivation } from './activation';
import { rowsToTensor, scalarValue } from './tensor-matrix';
import { trainLoop, type EpochLog, type TrainingHistory } from './train-loop';
import { readModelDir, writeModelDir, NEURAL_MODEL_FORMAT } from './model-files';
import { checkActivation, checkInt, checkLayers, checkPositive, checkRange, splitIndices } from './options-check';
import { JsDenseNet, type JsLayerSpec } from './js-dense-net';
import { softmaxRowsInPlace, trainMlpJs } from './mlp-train-js';

/**
 * Training engine of the {@link MlpClassifier}: 'simd' (JavaScript + WebAssembly SIMD products, default, fastest),
 * 'js' (scalar JavaScript, bit-identical to 'simd') or 'tfjs' (TensorFlow.js, the original loop).
 */
export type MlpClassifierEngine = 'simd' | 'js' | 'tfjs';

/** All engine names of the {@link MlpClassifier} (for validation and benchmarks). */
export const MLP_CLASSIFIER_ENGINES: readonly MlpClassifierEngine[] = ['simd', 'js', 'tfjs'];

/** Options of {@link MlpClassifier}. */
export interface MlpClassifierOptions {
  /** Hidden layer sizes. */
  hiddenLayers: number[];
  /** Activation of the hidden layers. */
  activation: NeuralActivation;
  /** Dropout rate after each hidden layer during training. */
  dropout: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Rows per optimizer step. */
  batchSize: number;
  /** Maximum number of epochs. */
  maxEpochs: number;
  /** Epochs without a lower validation loss before stopping (0 = never stop early). */
  patience: number;
  /** Share of the training rows held out for early stopping when `fit` gets no validation set. */
  validationFraction: number;
  /** Keep the weights of the epoch with the lowest validation loss. */
  restoreBestWeights: boolean;
  /** Per-class loss weights: 'balanced' (n / (K · n_c), scikit-learn's rule), explicit weights, or null (all 1). */
  classWeight: 'balanced' | number[] | null;
  /** Seed of initial weights, split, shuffling and dropout. */
  seed: number;
  /** Training engine: 'simd' (default), 'js' or 'tfjs' (see {@link MlpClassifierEngine}). */
  engine: MlpClassifierEngine;
  /** Progress callback, once per epoch. */
  onEpoch?: (epoch: number, log: EpochLog) => void;
}

/** Defaults of seed 004: 128-64 ReLU, dropout 0.2, Adam 1e-3, early stopping with patience 10 and best weights. */
export const DEFAULT_MLP_CLASSIFIER_OPTIONS: Readonly<MlpClassifierOptions> = Object.freeze({
  hiddenLayers: [128, 64],
  activation: 'relu',
  dropout: 0.2,
  learningRate: 1e-3,
  batchSize: 32,
  maxEpochs: 100,
  patience: 10,
  validationFraction: 0.15,
  restoreBestWeights: true,
  classWeight: null,
  seed: 0,
  engine: 'simd',
}) as Readonly<MlpClassifierOptions>;

/** Optional arguments of {@link MlpClassifier.fit}. */
export interface MlpFitOptions {
  /** Validation rows for early stopping (otherwise `validationFraction` of X is held out). */
  validation?: { X: Matrix; y: Int32Array };
}

const KIND = 'MlpClassifier';

/** Weights n/(K·n_c) of scikit-learn's class_weight='balanced'. */
export function balancedClassWeights(y: Int32Array, nClasses: number): number[] {
  const counts = new Array<number>(nClasses).fill(0);
  for (const c of y) counts[c]++;
  return counts.map((c) => (c > 0 ? y.length / (nClasses * c) : 0));
}

function checkLabels(y: Int32Array, n: number, name: string): number {
  if (!(y instanceof Int32Array)) throw new ValidationError(`${name} should be an Int32Array of class indices 0..K-1`);
  if (y.length !== n) throw new ValidationError(`${name} has ${y.length} labels for ${n} rows`);
  let max = -1;
  for (let i = 0; i < y.length; i++) {
    if (y[i] < 0) throw new ValidationError(`${name}[${i}]=${y[i]} should be a class index >= 0`);
    if (y[i] > max) max = y[i];
  }
  return max + 1;
}

function oneHot(y: Int32Array, idx: ArrayLike<number> | null, k: number): tf.Tensor2D {
  const n = idx ? idx.length : y.length;
  const out = new Float32Array(n * k);
  for (let r = 0; r < n; r++) out[r * k + y[idx ? idx[r] : r]] = 1;
  return tf.tensor2d(out, [n, k]);
}

/**
 * MLP classifier: `await fit(X, y)`, then `predictProba`, `predict`, `save`/`load`, `dispose`.
 * @example
 * const clf = await new MlpClassifier({ maxEpochs: 30, seed: 1 }).fit(X, y);
 * clf.predict(Xnew)        // → Int32Array of class indices
 * clf.dispose();
 */
export class MlpClassifier {
  readonly options: MlpClassifierOptions;
  /** Opaque description of the preprocessing the caller fitted the model with; saved and loaded with it. */
  preprocessing: unknown = null;
  private net: JsDenseNet | null = null;
  private dim = 0;
  private k = 0;
  private hist: TrainingHistory | null = null;

  constructor(options: Partial<MlpClassifierOptions> = {}) {
    this.options = { ...DEFAULT_MLP_CLASSIFIER_OPTIONS, ...options, hiddenLayers: [...(options.hiddenLayers ?? DEFAULT_MLP_CLASSIFIER_OPTIONS.hiddenLayers)] };
  }

  /** Number of classes seen by `fit` (0 before). */
  get nClasses(): number {
    return this.k;
  }

  get history(): TrainingHistory {
    if (!this.hist) throw new NotFittedError(KIND);
    return this.hist;
  }

  /** Dense layers d → hidden… → K (linear logits; dropout after every hidden layer). */
  private specs(d: number, k: number): JsLayerSpec[] {
    const o = this.options;
    const widths = [d, ...o.hiddenLayers, k];
    const specs: JsLayerSpec[] = [];
    for (let l = 0; l < widths.length - 1; l++) {
      const last = l === widths.length - 2;
      specs.push({ in: widths[l], out: widths[l + 1], activation: last ? 'linear' : o.activation, dropoutAfter: !last });
    }
    return specs;
  }

  /**
   * Train on X with class labels y (0..K-1).
   * @throws ValidationError on NaN, labels not matching X, fewer than 2 classes, or invalid options.
   */
  async fit(X: Matrix, y: Int32Array, fitOptions: MlpFitOptions = {}): Promise<this> {
    const o = this.options;
    checkMatrix(X, { name: 'X', minRows: 2 });
    const k = checkLabels(y, X.rows, 'y');
    if (k < 2) throw new ValidationError(`y has ${k} class(es); a classifier needs at least 2`);
    checkLayers('hiddenLayers', o.hiddenLayers);
    checkActivation('activation', o.activation);
    checkRange('dropout', o.dropout, 0, 1);
    checkPositive('learningRate', o.learningRate);
    checkInt('batchSize', o.batchSize, 1);
    checkInt('maxEpochs', o.maxEpochs, 1);
    checkInt('patience', o.patience, 0);
    checkRange('validationFraction', o.validationFraction, 0, 1);
    if (!MLP_CLASSIFIER_ENGINES.includes(o.engine)) {
      throw new ValidationError(`engine="${String(o.engine)}" should be one of ${MLP_CLASSIFIER_ENGINES.join(', ')}`);
    }
    const v = fitOptions.validation;
    if (v) {
      checkMatrix(v.X, { name: 'validation.X' });
      if (v.X.cols !== X.cols) throw new ValidationError(`validation.X has ${v.X.cols} columns, X has ${X.cols}`);
      const kv = checkLabels(v.y, v.X.rows, 'validation.y');
      if (kv > k) throw new ValidationError(`validation.y has class ${kv - 1}, not seen in y (classes 0..${k - 1})`);
    }
    let weights: number[] | null = null;
    if (o.classWeight === 'balanced') weights = balancedClassWeights(y, k);
    else if (Array.isArray(o.classWeight)) {
      if (o.classWeight.length !== k) throw new ValidationError(`classWeight has ${o.classWeight.length} weights for ${k} classes`);
      o.classWeight.forEach((w, i) => { if (!(w >= 0)) throw new ValidationError(`classWeight[${i}]=${w} should be >= 0`); });
      weights = o.classWeight;
    }
    const rng = new Rng(o.seed);
    // Same draws as the original DenseStack init, then the split: all engines start from the same weights.
    const net = JsDenseNet.initialized(this.specs(X.cols, k), rng, o.engine !== 'js');
    let train: Int32Array;
    let valX: Matrix = X;
    let valY: Int32Array = y;
    let val: Int32Array;
    if (v) {
      train = new Int32Array(X.rows);
      for (let i = 0; i < X.rows; i++) train[i] = i;
      valX = v.X;
      valY = v.y;
      val = new Int32Array(v.X.rows);
      for (let i = 0; i < v.X.rows; i++) val[i] = i;
    } else {
      const s = splitIndices(rng.permutation(X.rows), o.validationFraction);
      train = s.train;
      val = s.val;
    }
    this.net = null;
    if (o.engine === 'tfjs') {
      this.hist = await this.fitTfjs(net, X, y, train, valX, valY, val, weights, rng);
    } else {
      this.hist = await trainMlpJs({
        net, X, y, train, valX, valY, val, rng,
        classWeights: weights ? Float64Array.from(weights) : null,
        batchSize: o.batchSize, epochs: o.maxEpochs, patience: o.patience, restoreBest: o.restoreBestWeights,
        learningRate: o.learningRate, dropout: o.dropout, onEpoch: o.onEpoch,
      });
    }
    this.net = net;
    this.dim = X.cols;
    this.k = k;
    return this;
  }

  /** The original TensorFlow.js loop from `net`'s initial weights; copies the trained weights back into `net`. */
  private async fitTfjs(
    net: JsDenseNet, X: Matrix, y: Int32Array, train: Int32Array,
    valX: Matrix, valY: Int32Array, val: Int32Array, weights: number[] | null, rng: Rng,
  ): Promise<TrainingHistory> {
    const o = this.options;
    const k = net.layers[net.layers.length - 1].out;
    await ensureBackend();
    const specs: DenseLayerSpec[] = net.layers.map((L) => ({ in: L.in, out: L.out, activation: L.activation }));
    const stack = new DenseStack(specs, new Rng(0), 'mlp');
    stack.setWeights(net.weightArrays());
    const xTrain = rowsToTensor(X, train);
    const yTrain = oneHot(y, train, k);
    const wTrain = weights ? tf.tensor1d(Float32Array.from(train, (i) => weights[y[i]])) : null;
    const xVal = val.length ? rowsToTensor(valX, val) : null;
    const yVal = val.length ? oneHot(valY, val, k) : null;
    const optimizer = tf.train.adam(o.learningRate);
    const crossEntropy = (logits: tf.Tensor2D, onehot: tf.Tensor2D): tf.Tensor1D =>
      tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)), 1)) as tf.Tensor1D;
    try {
      const hist = await trainLoop({
        variables: stack.variables,
        optimizer,
        nTrain: train.length,
        batchLoss: (idx, nextSeed) => {
          const xb = tf.gather(xTrain, idx);
          const logits = stack.apply(xb, o.dropout > 0 ? { dropout: o.dropout, nextSeed } : {});
          const ce = crossEntropy(logits, tf.gather(yTrain, idx));
          return tf.mean(wTrain ? tf.mul(ce, tf.gather(wTrain, idx)) : ce) as tf.Scalar;
        },
        validationLoss: xVal && yVal ? () => scalarValue(() => tf.mean(crossEntropy(stack.apply(xVal), yVal))) : null,
        batchSize: o.batchSize,
        epochs: o.maxEpochs,
        patience: o.patience,
        restoreBest: o.restoreBestWeights,
        rng,
        onEpoch: o.onEpoch,
      });
      net.setWeightArrays(stack.getWeights());
      return hist;
    } finally {
      for (const t of [xTrain, yTrain, wTrain, xVal, yVal]) t?.dispose();
      optimizer.dispose();
      stack.dispose();
    }
  }

  /** Class probabilities (softmax, max-shifted). O(n·P). @returns n×K, rows sum to 1. */
  predictProba(X: Matrix): Matrix {
    if (!this.net) throw new NotFittedError(KIND);
    checkMatrix(X, { name: 'X' });
    if (X.cols !== this.dim) throw new ValidationError(`X has ${X.cols} columns, the classifier was fitted on ${this.dim}`);
    const Z = this.net.predict(X);
    softmaxRowsInPlace(Z.data, Z.rows, Z.cols);
    return Z;
  }

  /** Most probable class per row. */
  predict(X: Matrix): Int32Array {
    const P = this.predictProba(X);
    const out = new Int32Array(P.rows);
    for (let i = 0; i < P.rows; i++) {
      let best = 0;
      for (let j = 1; j < P.cols; j++) if (P.data[i * P.cols + j] > P.data[i * P.cols + best]) best = j;
      out[i] = best;
    }
    return out;
  }

  /** Copies of the weights (W (in×out) then b per layer), float32. */
  getWeights(): Float32Array[] {
    if (!this.net) throw new NotFittedError(KIND);
    return this.net.weightArrays();
  }

  /** Save to a folder (`model.json` + `weights.bin`). */
  save(dir: string): void {
    if (!this.net) throw new NotFittedError(KIND);
    const { onEpoch: _drop, ...options } = this.options;
    writeModelDir(dir, {
      kind: KIND,
      format: NEURAL_MODEL_FORMAT,
      weightShapes: this.net.layers.flatMap((L) => [[L.in, L.out], [L.out]]),
      options,
      inputDim: this.dim,
      nClasses: this.k,
      preprocessing: this.preprocessing,
      history: this.hist,
      savedAt: new Date().toISOString(),
    }, this.net.weightArrays());
  }

  /** Load a classifier saved by {@link MlpClassifier.save}. */
  static async load(dir: string): Promise<MlpClassifier> {
    const { manifest, weights } = readModelDir(dir, KIND);
    const clf = new MlpClassifier(manifest.options as Partial<MlpClassifierOptions>);
    const d = manifest.inputDim as number;
    const k = manifest.nClasses as number;
    const net = new JsDenseNet(clf.specs(d, k), undefined, clf.options.engine !== 'js');
    net.setWeightArrays(weights);
    clf.net = net;
    clf.dim = d;
    clf.k = k;
    clf.preprocessing = manifest.preprocessing ?? null;
    clf.hist = (manifest.history as TrainingHistory | undefined) ?? null;
    return clf;
  }

  /** Free the weights; the classifier is unfitted afterwards (it holds no tensors: inference runs in JavaScript). */
  dispose(): void {
    this.net = null;
  }
}
