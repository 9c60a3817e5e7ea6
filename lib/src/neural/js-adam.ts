/**
 * Adam (Kingma & Ba 2015) on one flat Float64Array of parameters (internal): one fused loop per step instead of
 * one small tensor op per variable and moment. Same update as `tf.train.adam`:
 *   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  θ ← θ − lr · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε),
 * with tfjs' defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-7. Updated parameters are rounded to float32 (Math.fround), so
 * they are exactly what a float32 model file stores and a saved model reloads bit for bit.
 * Complexity: O(P) per step for P parameters, O(P) memory for the two moments.
 */
export class FlatAdam {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(size: number, learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7) {
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** Apply one update to `params` (in place) from `grads`. */
  step(params: Float64Array, grads: Float64Array): void {
    this.t++;
    const b1 = this.beta1;
    const b2 = this.beta2;
    const c1 = 1 - Math.pow(b1, this.t);
    const c2 = 1 - Math.pow(b2, this.t);
    const lr = this.learningRate;
    const eps = this.epsilon;
    const m = this.m;
    const v = this.v;
    for (let k = 0; k < params.length; k++) {
      const g = grads[k];
      const mk = b1 * m[k] + (1 - b1) * g;
      const vk = b2 * v[k] + (1 - b2) * g * g;
      m[k] = mk;
      v[k] = vk;
      params[k] = Math.fround(params[k] - (lr * (mk / c1)) / (Math.sqrt(vk / c2) + eps));
    }
  }
}
