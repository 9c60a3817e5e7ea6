/**
 * A deep, symmetric, fully connected autoencoder (d → hidden… → bottleneck → …hidden reversed → d, linear output,
 * mean-squared reconstruction loss, Adam), the compression step of seeds 000 and 001, trained with TensorFlow.js.
 *
 * Reference: Hinton & Salakhutdinov (2006), "Reducing the dimensionality of data with neural networks".
 * Complexity: O(epochs · n · P) time with P = Σ in_l·out_l weights (≈ 8.4k for 30→64→32→8→32→64→30), O(n·d + P)
 * memory (the training rows are held once as a float32 tensor; batches are gathered from it).
 *
 * Engines: by default (`engine: 'simd'`) training and inference run on {@link JsDenseNet}, a float64 network with
 * hand-written backpropagation, a fused Adam loop and matrix products on a WebAssembly SIMD kernel (several times
 * faster than the tfjs graph on this network; `npm run bench -- neural` measures each engine); `engine: 'js'` is
 * the same network with scalar JavaScript products (bit-identical results; the fallback where SIMD is missing);
 * `engine: 'tfjs'` trains it with TensorFlow.js (fused matMul + `tf.train.adam`) on the backend chosen by
 * `initBackend`. All compute the same loss and gradients (up to float32 rounding; a test compares them), and
 * inference always runs on {@link JsDenseNet} with the fitted weights.
 *
 * Determinism: weights are initialised from the seeded `Rng` in JavaScript, the shuffling and validation split use
 * it too, and dropout masks are drawn from it: same seed (and, for 'tfjs', same backend) give the same weights;
 * the 'js' engine gives the same weights on every machine.
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { NotFittedError, ValidationError } from '../core/errors';
import { Rng } from '../core/random';
import { tf, ensureBackend } from './backend';
import { DenseStack, type DenseLayerSpec } from './dense-stack';
import type { NeuralActivation } from './activation';
import { rowsToTensor, scalarValue } from './tensor-matrix';
import { trainLoop, type EpochLog, type TrainingHistory } from './train-loop';
import { JsDenseNet, type JsLayerSpec } from './js-dense-net';
import { trainAutoencoderJs } from './autoencoder-train-js';
import { readModelDir, writeModelDir, NEURAL_MODEL_FORMAT } from './model-files';
import { checkActivation, checkInt, checkLayers, checkPositive, checkRange, splitIndices } from './options-check';

/**
 * Training engine of the {@link Autoencoder}: 'simd' (JavaScript + WebAssembly SIMD products, default, fastest),
 * 'js' (scalar JavaScript, bit-identical to 'simd') or 'tfjs' (TensorFlow.js).
 */
export type AutoencoderEngine = 'simd' | 'js' | 'tfjs';

/** All engine names (for validation and benchmarks). */
export const AUTOENCODER_ENGINES: readonly AutoencoderEngine[] = ['simd', 'js', 'tfjs'];

/** Options of {@link Autoencoder}. */
export interface AutoencoderOptions {
  /** Sizes of the encoder's hidden layers; the decoder mirrors them. */
  hiddenLayers: number[];
  /** Width of the code (the embedding); must be smaller than the input width. */
  bottleneck: number;
  /** Activation of the hidden layers. */
  activation: NeuralActivation;
  /** Activation of the bottleneck layer (linear keeps every code unit alive, as in DEC's autoencoder). */
  bottleneckActivation: NeuralActivation;
  /** Dropout rate after each hidden layer during training (0 = none). */
  dropout: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Rows per optimizer step. */
  batchSize: number;
  /** Maximum number of passes over the training rows. */
  epochs: number;
  /** Stop after this many epochs without a lower validation loss (0 = never stop early). */
  patience: number;
  /** Share of rows held out (at random, seeded) to monitor the validation loss; 0 monitors the training loss. */
  validationFraction: number;
  /** Keep the weights of the epoch with the lowest monitored loss. */
  restoreBestWeights: boolean;
  /** Seed of initial weights, split, shuffling and dropout. */
  seed: number;
  /** Training engine: 'simd' (default), 'js' or 'tfjs' (see {@link AutoencoderEngine}). */
  engine: AutoencoderEngine;
  /** Progress callback, once per epoch. */
  onEpoch?: (epoch: number, log: EpochLog) => void;
}

/** Defaults: the seeds' 64-32-8 architecture, ReLU, Adam 1e-3, batch 256, 50 epochs, patience 5, 10% validation. */
export const DEFAULT_AUTOENCODER_OPTIONS: Readonly<AutoencoderOptions> = Object.freeze({
  hiddenLayers: [64, 32],
  bottleneck: 8,
  activation: 'relu',
  bottleneckActivation: 'linear',
  dropout: 0,
  learningRate: 1e-3,
  batchSize: 256,
  epochs: 50,
  patience: 5,
  validationFraction: 0.1,
  restoreBestWeights: true,
  seed: 0,
  engine: 'simd',
}) as Readonly<AutoencoderOptions>;

/** Reconstruction error of {@link Autoencoder.reconstructionError}, in squared input units. */
export interface ReconstructionError {
  /** Mean squared error of each feature over the rows (length d). */
  perFeature: Float64Array;
  /** Mean squared error of each row over the features (length n). */
  perRow: Float64Array;
  /** Mean over all cells. */
  total: number;
}

const KIND = 'Autoencoder';

/**
 * Autoencoder: `await fit(X)`, then `transform` (encode), `reconstruct`, `reconstructionError`, `save`/`load`.
 * Call `dispose()` when done to free its tensors.
 * @example
 * const ae = new Autoencoder({ bottleneck: 2, epochs: 20, seed: 1 });
 * await ae.fit(X);               // X: Matrix n×d, standardized
 * ae.transform(X).cols           // → 2
 * ae.dispose();
 */
export class Autoencoder {
  readonly options: AutoencoderOptions;
  /** Opaque description of the preprocessing the caller fitted the model with; saved and loaded with it. */
  preprocessing: unknown = null;
  private net: JsDenseNet | null = null;
  private nEnc = 0;
  private dim = 0;
  private hist: TrainingHistory | null = null;

  constructor(options: Partial<AutoencoderOptions> = {}) {
    this.options = { ...DEFAULT_AUTOENCODER_OPTIONS, ...options, hiddenLayers: [...(options.hiddenLayers ?? DEFAULT_AUTOENCODER_OPTIONS.hiddenLayers)] };
  }

  /** Input width seen by `fit` (0 before). */
  get inputDim(): number {
    return this.dim;
  }

  /** True after `fit` or `load`. */
  get fitted(): boolean {
    return this.net !== null;
  }

  /** Loss history of the last `fit`. @throws NotFittedError before fit. */
  get history(): TrainingHistory {
    if (!this.hist) throw new NotFittedError(KIND);
    return this.hist;
  }

  /** How products were computed for this model: 'wasm-simd' or 'js' (after fit or load). */
  get kernel(): 'wasm-simd' | 'js' {
    if (!this.net) throw new NotFittedError(KIND);
    if (!this.net.usesSimd) this.net.inputBuffer(1);
    return this.net.usesSimd ? 'wasm-simd' : 'js';
  }

  /** Layer widths d, hidden…, bottleneck, …hidden, d (for architecture diagrams). @throws NotFittedError before fit. */
  get layerWidths(): number[] {
    if (!this.net) throw new NotFittedError(KIND);
    return [this.dim, ...this.net.layers.map((L) => L.out)];
  }

  private checkOptions(d: number): void {
    const o = this.options;
    checkLayers('hiddenLayers', o.hiddenLayers);
    checkInt('bottleneck', o.bottleneck, 1);
    if (o.bottleneck >= d) {
      throw new ValidationError(`bottleneck=${o.bottleneck} should be smaller than the input width d=${d}: a code as wide as the input compresses nothing`);
    }
    checkActivation('activation', o.activation);
    checkActivation('bottleneckActivation', o.bottleneckActivation);
    checkRange('dropout', o.dropout, 0, 1);
    checkPositive('learningRate', o.learningRate);
    checkInt('batchSize', o.batchSize, 1);
    checkInt('epochs', o.epochs, 1);
    checkInt('patience', o.patience, 0);
    checkRange('validationFraction', o.validationFraction, 0, 1);
    if (!AUTOENCODER_ENGINES.includes(o.engine)) {
      throw new ValidationError(`engine="${String(o.engine)}" should be one of ${AUTOENCODER_ENGINES.join(', ')}`);
    }
  }

  /** Encoder then decoder layer specs for input width d (dropout after every layer but the code and the output). */
  private specs(d: number): { enc: DenseLayerSpec[]; dec: DenseLayerSpec[] } {
    const o = this.options;
    const widths = [d, ...o.hiddenLayers, o.bottleneck];
    const enc: DenseLayerSpec[] = [];
    for (let l = 0; l < widths.length - 1; l++) {
      enc.push({ in: widths[l], out: widths[l + 1], activation: l === widths.length - 2 ? o.bottleneckActivation : o.activation });
    }
    const back = [...widths].reverse();
    const dec: DenseLayerSpec[] = [];
    for (let l = 0; l < back.length - 1; l++) {
      dec.push({ in: back[l], out: back[l + 1], activation: l === back.length - 2 ? 'linear' : o.activation });
    }
    return { enc, dec };
  }

  private jsSpecs(d: number): JsLayerSpec[] {
    const { enc, dec } = this.specs(d);
    return [
      ...enc.map((s, l) => ({ ...s, dropoutAfter: l < enc.length - 1 })),
      ...dec.map((s, l) => ({ ...s, dropoutAfter: l < dec.length - 1 })),
    ];
  }

  /**
   * Train on X (rows = customers, standardized features). Resolves to `this`.
   * @param X n×d matrix without NaN (n ≥ 2).
   * @throws ValidationError on NaN/Infinity, on `bottleneck >= d`, or on invalid options.
   */
  async fit(X: Matrix): Promise<this> {
    checkMatrix(X, { name: 'X', minRows: 2 });
    this.checkOptions(X.cols);
    const o = this.options;
    const rng = new Rng(o.seed);
    const specs = this.jsSpecs(X.cols);
    const net = JsDenseNet.initialized(specs, rng, o.engine !== 'js');
    const { train, val } = splitIndices(rng.permutation(X.rows), o.validationFraction);
    this.net = null;
    if (o.engine === 'tfjs') {
      this.hist = await this.fitTfjs(X, net, train, val, rng);
    } else {
      this.hist = await trainAutoencoderJs({
        net, X, train, val, rng,
        batchSize: o.batchSize, epochs: o.epochs, patience: o.patience, restoreBest: o.restoreBestWeights,
        learningRate: o.learningRate, dropout: o.dropout, onEpoch: o.onEpoch,
      });
    }
    this.net = net;
    this.nEnc = o.hiddenLayers.length + 1;
    this.dim = X.cols;
    return this;
  }

  /** Train with TensorFlow.js from `net`'s initial weights, then copy the trained weights back into `net`. */
  private async fitTfjs(X: Matrix, net: JsDenseNet, train: Int32Array, val: Int32Array, rng: Rng): Promise<TrainingHistory> {
    await ensureBackend();
    const o = this.options;
    const { enc: encSpecs, dec: decSpecs } = this.specs(X.cols);
    const enc = new DenseStack(encSpecs, new Rng(0), 'ae_enc');
    const dec = new DenseStack(decSpecs, new Rng(0), 'ae_dec');
    const init = net.weightArrays();
    enc.setWeights(init.slice(0, 2 * encSpecs.length));
    dec.setWeights(init.slice(2 * encSpecs.length));
    const xTrain = rowsToTensor(X, train);
    const xVal = val.length ? rowsToTensor(X, val) : null;
    const optimizer = tf.train.adam(o.learningRate);
    try {
      const forward = (x: tf.Tensor2D, nextSeed?: () => number): tf.Tensor2D => {
        const fo = nextSeed ? { dropout: o.dropout, nextSeed } : {};
        return dec.apply(enc.apply(x, fo), fo);
      };
      const hist = await trainLoop({
        variables: [...enc.variables, ...dec.variables],
        optimizer,
        nTrain: train.length,
        batchLoss: (idx, nextSeed) => {
          const xb = tf.gather(xTrain, idx);
          return tf.mean(tf.squaredDifference(forward(xb, o.dropout > 0 ? nextSeed : undefined), xb)) as tf.Scalar;
        },
        validationLoss: xVal ? () => scalarValue(() => tf.mean(tf.squaredDifference(forward(xVal), xVal))) : null,
        batchSize: o.batchSize,
        epochs: o.epochs,
        patience: o.patience,
        restoreBest: o.restoreBestWeights,
        rng,
        onEpoch: o.onEpoch,
      });
      net.setWeightArrays([...enc.getWeights(), ...dec.getWeights()]);
      return hist;
    } finally {
      xTrain.dispose();
      xVal?.dispose();
      optimizer.dispose();
      enc.dispose();
      dec.dispose();
    }
  }

  private checkInput(X: Matrix): JsDenseNet {
    if (!this.net) throw new NotFittedError(KIND);
    checkMatrix(X, { name: 'X' });
    if (X.cols !== this.dim) throw new ValidationError(`X has ${X.cols} columns, the autoencoder was fitted on ${this.dim}`);
    return this.net;
  }

  /** Encode rows into the bottleneck space. O(n·P). @returns n×bottleneck. */
  transform(X: Matrix): Matrix {
    return this.checkInput(X).predict(X, 0, this.nEnc);
  }

  /** Decode codes (n×bottleneck) back into the input space. @returns n×d. */
  decode(Z: Matrix): Matrix {
    if (!this.net) throw new NotFittedError(KIND);
    checkMatrix(Z, { name: 'Z' });
    if (Z.cols !== this.options.bottleneck) throw new ValidationError(`Z has ${Z.cols} columns, the bottleneck has ${this.options.bottleneck}`);
    return this.net.predict(Z, this.nEnc, this.net.layers.length);
  }

  /** Encode then decode. @returns n×d. */
  reconstruct(X: Matrix): Matrix {
    return this.checkInput(X).predict(X);
  }

  /** Mean squared reconstruction error per feature, per row and overall (float64 sums). O(n·P). */
  reconstructionError(X: Matrix): ReconstructionError {
    const R = this.reconstruct(X);
    const { rows: n, cols: d } = X;
    const perFeature = new Float64Array(d);
    const perRow = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const e = X.data[i * d + j] - R.data[i * d + j];
        const e2 = e * e;
        perFeature[j] += e2;
        s += e2;
      }
      perRow[i] = s / d;
      total += s;
    }
    for (let j = 0; j < d; j++) perFeature[j] /= n;
    return { perFeature, perRow, total: total / (n * d) };
  }

  /** Copies of all weights (encoder then decoder; W (in×out) then b per layer), float32. */
  getWeights(): Float32Array[] {
    if (!this.net) throw new NotFittedError(KIND);
    return this.net.weightArrays();
  }

  /**
   * Save to a folder: `model.json` (options, input width, preprocessing, history) and `weights.bin`.
   * @throws NotFittedError before fit.
   */
  save(dir: string): void {
    if (!this.net) throw new NotFittedError(KIND);
    const { onEpoch: _drop, ...options } = this.options;
    writeModelDir(dir, {
      kind: KIND,
      format: NEURAL_MODEL_FORMAT,
      weightShapes: this.net.layers.flatMap((L) => [[L.in, L.out], [L.out]]),
      options,
      inputDim: this.dim,
      preprocessing: this.preprocessing,
      history: this.hist,
      savedAt: new Date().toISOString(),
    }, this.getWeights());
  }

  /** Load a model saved by {@link Autoencoder.save}. @throws ValidationError when the folder holds no autoencoder. */
  static async load(dir: string): Promise<Autoencoder> {
    const { manifest, weights } = readModelDir(dir, KIND);
    const ae = new Autoencoder(manifest.options as Partial<AutoencoderOptions>);
    const d = manifest.inputDim as number;
    const net = new JsDenseNet(ae.jsSpecs(d));
    net.setWeightArrays(weights);
    ae.net = net;
    ae.nEnc = ae.options.hiddenLayers.length + 1;
    ae.dim = d;
    ae.preprocessing = manifest.preprocessing ?? null;
    ae.hist = (manifest.history as TrainingHistory | undefined) ?? null;
    return ae;
  }

  /** Free the model's weights; the model is unfitted afterwards (it holds no tensors: inference runs in JavaScript). */
  dispose(): void {
    this.net = null;
  }

  /** Encoder layer specs and float32 weights (W, b per layer), for DEC fine-tuning (internal use by neural/dec.ts). @internal */
  encoderWeights(): { specs: DenseLayerSpec[]; weights: Float32Array[] } {
    if (!this.net) throw new NotFittedError(KIND);
    const specs = this.net.layers.slice(0, this.nEnc).map((L) => ({ in: L.in, out: L.out, activation: L.activation }));
    return { specs, weights: this.net.weightArrays().slice(0, 2 * this.nEnc) };
  }
}
