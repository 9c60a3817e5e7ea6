/** Activation functions the dense networks of `neural/` accept. */
import { tf } from './backend';

/** An element-wise activation of a dense layer. */
export type NeuralActivation = 'relu' | 'elu' | 'tanh' | 'sigmoid' | 'linear';

/** All accepted activation names (for validation messages). */
export const NEURAL_ACTIVATIONS: readonly NeuralActivation[] = ['relu', 'elu', 'tanh', 'sigmoid', 'linear'];

/** Apply an activation to a tensor (internal). */
export function applyActivation(x: tf.Tensor2D, a: NeuralActivation): tf.Tensor2D {
  switch (a) {
    case 'relu': return tf.relu(x);
    case 'elu': return tf.elu(x);
    case 'tanh': return tf.tanh(x);
    case 'sigmoid': return tf.sigmoid(x);
    default: return x;
  }
}
