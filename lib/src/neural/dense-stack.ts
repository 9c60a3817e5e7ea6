/**
 * A stack of fully connected layers written directly with `tf.fused.matMul` (matrix product + bias + activation in
 * one kernel) on plain `tf.Variable`s: fewer objects and kernels per step than tfjs-layers, and the same math.
 * Internal to `neural/` (not on the public index).
 *
 * Weights are initialised in JavaScript from the project's seeded `Rng` (Glorot/Xavier uniform, zero biases), so
 * the initial weights are identical on every backend and machine for a given seed.
 * Complexity: O(n · Σ in_l·out_l) per forward pass, O(Σ in_l·out_l) memory for the weights.
 */
import type { Rng } from '../core/random';
import { tf } from './backend';
import { applyActivation, type NeuralActivation } from './activation';

/** One dense layer: `in → out` then the activation. */
export interface DenseLayerSpec {
  in: number;
  out: number;
  activation: NeuralActivation;
}

/** Options of one forward pass. */
export interface ForwardOptions {
  /** Dropout rate applied after every layer but the last (training only). */
  dropout?: number;
  /** Seed source for dropout masks (called once per dropout layer). */
  nextSeed?: () => number;
}

/** Glorot/Xavier uniform: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)) (Glorot & Bengio 2010). */
export function glorotUniform(fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.random() - 1) * limit;
  return out;
}

/** A trainable stack of dense layers (internal). */
export class DenseStack {
  readonly specs: readonly DenseLayerSpec[];
  /** Variables in order W0, b0, W1, b1, … (W is in×out). */
  readonly variables: tf.Variable[];

  constructor(specs: readonly DenseLayerSpec[], rng: Rng, name: string) {
    this.specs = specs.map((s) => ({ ...s }));
    this.variables = [];
    specs.forEach((s, l) => {
      this.variables.push(ownedVariable(tf.tensor2d(glorotUniform(s.in, s.out, rng), [s.in, s.out]), `${name}_W${l}`));
      this.variables.push(ownedVariable(tf.zeros([s.out]), `${name}_b${l}`));
    });
  }

  /** Forward pass (call inside tf.tidy or a gradient function). */
  apply(x: tf.Tensor2D, opts: ForwardOptions = {}): tf.Tensor2D {
    let h = x;
    const last = this.specs.length - 1;
    this.specs.forEach((s, l) => {
      const W = this.variables[2 * l] as tf.Tensor2D;
      const b = this.variables[2 * l + 1];
      if (s.activation === 'relu' || s.activation === 'linear') {
        h = tf.fused.matMul({ a: h, b: W, bias: b, activation: s.activation }) as tf.Tensor2D;
      } else {
        h = applyActivation(tf.add(tf.matMul(h, W), b) as tf.Tensor2D, s.activation);
      }
      if (l < last && opts.dropout && opts.dropout > 0) {
        h = tf.dropout(h, opts.dropout, undefined, opts.nextSeed ? opts.nextSeed() : undefined) as tf.Tensor2D;
      }
    });
    return h;
  }

  /** Copies of the weights as Float32Arrays (order of `variables`). */
  getWeights(): Float32Array[] {
    return this.variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
  }

  /** Assign weights (order and sizes of `variables`). */
  setWeights(ws: readonly Float32Array[]): void {
    if (ws.length !== this.variables.length) throw new Error(`expected ${this.variables.length} weight arrays, got ${ws.length}`);
    this.variables.forEach((v, i) => {
      if (ws[i].length !== v.size) throw new Error(`weight ${i} has ${ws[i].length} values, expected ${v.size}`);
      tf.tidy(() => v.assign(tf.tensor(ws[i], v.shape)));
    });
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/** A trainable variable holding `init`'s values; `init` is disposed (tf.variable keeps its own reference). */
export function ownedVariable(init: tf.Tensor, name: string): tf.Variable {
  try {
    return tf.variable(init, true, `${name}_${uid()}`);
  } finally {
    init.dispose();
  }
}

let counter = 0;
function uid(): number {
  return ++counter;
}
