/**
 * DEC, Deep Embedded Clustering (Xie, Girshick & Farhadi 2016, "Unsupervised deep embedding for clustering
 * analysis", ICML): starts from a fitted autoencoder's encoder and K-Means centres on its embedding, then
 * fine-tunes the encoder and the centres together by minimising KL(P‖Q) between
 *   - the soft assignment q_ij ∝ (1 + ‖z_i − μ_j‖²/α)^(−(α+1)/2) (Student-t kernel, α = 1), and
 *   - the sharpened target p_ij ∝ q_ij² / f_j with f_j = Σ_i q_ij (soft cluster frequencies),
 * recomputing P every `updateInterval` epochs and stopping when fewer than `tol` of the labels change.
 *
 * The autoencoder given to `fit` is not modified: DEC trains its own copy of the encoder.
 * Complexity: O(epochs · n · (P_enc + k·e)) time for P_enc encoder weights and embedding width e;
 * O(n·k) memory for the target distribution.
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { NotFittedError, ValidationError } from '../core/errors';
import { Rng } from '../core/random';
import { KMeans } from '../cluster/kmeans';
import { tf, ensureBackend } from './backend';
import { DenseStack, ownedVariable } from './dense-stack';
import type { Autoencoder } from './autoencoder';
import { mapRowsInChunks, rowsToTensor, matrixToTensor } from './tensor-matrix';
import { checkInt, checkPositive, checkRange } from './options-check';

/** Options of {@link DecClusterer}. */
export interface DecOptions {
  /** Number of clusters k. */
  nClusters: number;
  /** Degrees of freedom of the Student-t kernel (DEC uses 1). */
  alpha: number;
  /** Adam learning rate of the fine-tuning. */
  learningRate: number;
  /** Rows per optimizer step. */
  batchSize: number;
  /** Maximum passes over the data. */
  maxEpochs: number;
  /** Epochs between recomputations of the target distribution P. */
  updateInterval: number;
  /** Stop when the share of labels changing between two target updates falls below this. */
  tol: number;
  /** K-Means restarts for the initial centres. */
  nInit: number;
  /** Seed of the K-Means initialisation and the shuffling. */
  seed: number;
  /** Progress callback after each epoch: mean KL loss, share of labels changed at the last target update. */
  onEpoch?: (epoch: number, log: { loss: number; changed: number; ms: number }) => void;
}

/** Defaults: α = 1 and tol = 0.1% as in Xie et al.; Adam 1e-3 instead of their SGD with momentum. */
export const DEFAULT_DEC_OPTIONS: Readonly<DecOptions> = Object.freeze({
  nClusters: 4,
  alpha: 1,
  learningRate: 1e-3,
  batchSize: 256,
  maxEpochs: 30,
  updateInterval: 1,
  tol: 0.001,
  nInit: 10,
  seed: 0,
});

/** History of a DEC fit. */
export interface DecHistory {
  /** Mean KL(P‖Q) per epoch. */
  loss: number[];
  /** Share of labels that changed at each target update. */
  changed: number[];
  /** True when the label-change tolerance stopped the fine-tuning. */
  converged: boolean;
}

const KIND = 'DecClusterer';

/** Student-t soft assignment Q (b×k) of embeddings z (b×e) to centres mu (k×e) (inside tidy). */
function softAssign(z: tf.Tensor2D, mu: tf.Tensor2D, alpha: number): tf.Tensor2D {
  return tf.tidy(() => {
    const zz = tf.sum(tf.square(z), 1, true);
    const mm = tf.reshape(tf.sum(tf.square(mu), 1), [1, -1]);
    const d2 = tf.relu(tf.sub(tf.add(zz, mm), tf.mul(2, tf.matMul(z, mu, false, true))));
    const q = tf.pow(tf.add(1, tf.div(d2, alpha)), -(alpha + 1) / 2);
    return tf.div(q, tf.sum(q, 1, true)) as tf.Tensor2D;
  });
}

/**
 * Target distribution of DEC: p_ij = (q_ij²/f_j) / Σ_j' (q_ij'²/f_j'), f_j = Σ_i q_ij. Pure, float64.
 * @param Q n×k soft assignments (rows sum to 1).
 * @returns n×k.
 * @example
 * decTargetDistribution(fromRows([[0.6, 0.4], [0.5, 0.5]])) // f = [1.1, 0.9]; row 0 ∝ [0.327, 0.178] → [0.648, 0.352]
 */
export function decTargetDistribution(Q: Matrix): Matrix {
  const { rows: n, cols: k, data } = Q;
  const f = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) f[j] += data[i * k + j];
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) {
      const v = f[j] > 0 ? (data[i * k + j] * data[i * k + j]) / f[j] : 0;
      out[i * k + j] = v;
      s += v;
    }
    for (let j = 0; j < k; j++) out[i * k + j] = s > 0 ? out[i * k + j] / s : 1 / k;
  }
  return { data: out, rows: n, cols: k };
}

function argmaxRows(M: Matrix): Int32Array {
  const out = new Int32Array(M.rows);
  for (let i = 0; i < M.rows; i++) {
    let best = 0;
    for (let j = 1; j < M.cols; j++) if (M.data[i * M.cols + j] > M.data[i * M.cols + best]) best = j;
    out[i] = best;
  }
  return out;
}

/**
 * DEC clusterer: `await new DecClusterer({ nClusters: 4 }).fit(X, autoencoder)`, then `labels`, `predict`,
 * `predictProba`, `transform`, and `initialLabels` (plain autoencoder + K-Means, for comparison). `dispose()` frees it.
 */
export class DecClusterer {
  readonly options: DecOptions;
  private encoder: DenseStack | null = null;
  private mu: tf.Variable | null = null;
  private fittedLabels: Int32Array | null = null;
  private kmLabels: Int32Array | null = null;
  private hist: DecHistory | null = null;
  private dim = 0;

  constructor(options: Partial<DecOptions> = {}) {
    this.options = { ...DEFAULT_DEC_OPTIONS, ...options };
  }

  /**
   * Initialise from `autoencoder` (fitted on the same features) and fine-tune on X.
   * @throws ValidationError on NaN, a width different from the autoencoder's, n < nClusters or invalid options.
   */
  async fit(X: Matrix, autoencoder: Autoencoder): Promise<this> {
    const o = this.options;
    checkInt('nClusters', o.nClusters, 2);
    checkMatrix(X, { name: 'X', minRows: o.nClusters });
    checkPositive('alpha', o.alpha);
    checkPositive('learningRate', o.learningRate);
    checkInt('batchSize', o.batchSize, 1);
    checkInt('maxEpochs', o.maxEpochs, 0);
    checkInt('updateInterval', o.updateInterval, 1);
    checkRange('tol', o.tol, 0, 1, true);
    checkInt('nInit', o.nInit, 1);
    if (!autoencoder.fitted) throw new NotFittedError('Autoencoder (given to DecClusterer.fit)');
    if (X.cols !== autoencoder.inputDim) {
      throw new ValidationError(`X has ${X.cols} columns, the autoencoder was fitted on ${autoencoder.inputDim}`);
    }
    await ensureBackend();
    this.dispose();
    const rng = new Rng(o.seed);
    const src = autoencoder.encoderWeights();
    const enc = new DenseStack(src.specs, rng, 'dec_enc');
    enc.setWeights(src.weights);
    this.encoder = enc;
    this.dim = X.cols;
    // 1. K-Means on the initial embedding.
    const Z0 = mapRowsInChunks(X, src.specs[src.specs.length - 1].out, (xb) => enc.apply(xb));
    const km = new KMeans({ k: o.nClusters, nInit: o.nInit, seed: rng.nextUint32() }).fit(Z0);
    this.kmLabels = Int32Array.from(km.labels);
    this.mu = ownedVariable(tf.tensor2d(Float32Array.from(km.centers.data), [o.nClusters, km.centers.cols]), 'dec_mu');
    const mu = this.mu;
    const variables = [...enc.variables, mu];
    const hist: DecHistory = { loss: [], changed: [], converged: false };
    let labels = this.kmLabels;
    const xAll = matrixToTensor(X);
    const optimizer = tf.train.adam(o.learningRate);
    let pAll: tf.Tensor2D | null = null;
    try {
      let changed = NaN;
      for (let epoch = 0; epoch < o.maxEpochs; epoch++) {
        const t0 = performance.now();
        if (epoch % o.updateInterval === 0) {
          const Q = this.predictProba(X);
          const next = argmaxRows(Q);
          let diff = 0;
          for (let i = 0; i < next.length; i++) if (next[i] !== labels[i]) diff++;
          changed = diff / next.length;
          hist.changed.push(changed);
          labels = next;
          if (epoch > 0 && changed < o.tol) {
            hist.converged = true;
            break;
          }
          pAll?.dispose();
          pAll = tf.tensor2d(Float32Array.from(decTargetDistribution(Q).data), [X.rows, o.nClusters]);
        }
        const P = pAll!;
        const perm = tf.tensor1d(rng.permutation(X.rows), 'int32');
        let total: tf.Scalar = tf.scalar(0);
        try {
          for (let start = 0; start < X.rows; start += o.batchSize) {
            const size = Math.min(o.batchSize, X.rows - start);
            const next = tf.tidy(() => {
              const idx = perm.slice(start, size);
              const xb = tf.gather(xAll, idx);
              const pb = tf.gather(P, idx);
              const cost = optimizer.minimize(() => {
                const q = softAssign(enc.apply(xb), mu as tf.Tensor2D, o.alpha);
                const eps = 1e-10;
                return tf.div(tf.sum(tf.mul(pb, tf.sub(tf.log(tf.add(pb, eps)), tf.log(tf.add(q, eps))))), size) as tf.Scalar;
              }, true, variables) as tf.Scalar;
              return tf.add(total, tf.mul(cost, size)) as tf.Scalar;
            });
            total.dispose();
            total = next;
          }
          const loss = (await total.data())[0] / X.rows;
          hist.loss.push(loss);
          o.onEpoch?.(epoch, { loss, changed, ms: performance.now() - t0 });
        } finally {
          perm.dispose();
          total.dispose();
        }
      }
      this.fittedLabels = argmaxRows(this.predictProba(X));
      this.hist = hist;
    } catch (e) {
      this.dispose();
      throw e;
    } finally {
      pAll?.dispose();
      xAll.dispose();
      optimizer.dispose();
    }
    return this;
  }

  private check(X: Matrix): void {
    if (!this.encoder || !this.mu) throw new NotFittedError(KIND);
    checkMatrix(X, { name: 'X' });
    if (X.cols !== this.dim) throw new ValidationError(`X has ${X.cols} columns, DEC was fitted on ${this.dim}`);
  }

  /** Soft assignments Q (rows sum to 1). O(n·(P_enc + k·e)). @returns n×k. */
  predictProba(X: Matrix): Matrix {
    if (!this.encoder || !this.mu) throw new NotFittedError(KIND);
    if (X.cols !== this.dim) throw new ValidationError(`X has ${X.cols} columns, DEC was fitted on ${this.dim}`);
    const enc = this.encoder;
    const mu = this.mu as tf.Tensor2D;
    return mapRowsInChunks(X, mu.shape[0], (xb) => softAssign(enc.apply(xb), mu, this.options.alpha));
  }

  /** Hard labels: argmax of the soft assignment. */
  predict(X: Matrix): Int32Array {
    this.check(X);
    return argmaxRows(this.predictProba(X));
  }

  /** Embedding by the fine-tuned encoder. @returns n×e. */
  transform(X: Matrix): Matrix {
    this.check(X);
    const enc = this.encoder!;
    return mapRowsInChunks(X, enc.specs[enc.specs.length - 1].out, (xb) => enc.apply(xb));
  }

  /** Labels of the rows seen by `fit`. */
  get labels(): Int32Array {
    if (!this.fittedLabels) throw new NotFittedError(KIND);
    return this.fittedLabels;
  }

  /** Labels of K-Means on the autoencoder's embedding before fine-tuning (the plain AE + K-Means baseline). */
  get initialLabels(): Int32Array {
    if (!this.kmLabels) throw new NotFittedError(KIND);
    return this.kmLabels;
  }

  /** Cluster centres in the embedding space. @returns k×e. */
  get centers(): Matrix {
    if (!this.mu) throw new NotFittedError(KIND);
    const d = Float64Array.from(this.mu.dataSync() as Float32Array);
    return { data: d, rows: this.mu.shape[0], cols: this.mu.shape[1] as number };
  }

  get history(): DecHistory {
    if (!this.hist) throw new NotFittedError(KIND);
    return this.hist;
  }

  /** Free the tensors (encoder copy and centres). */
  dispose(): void {
    this.encoder?.dispose();
    this.mu?.dispose();
    this.encoder = null;
    this.mu = null;
  }
}
