/**
 * Conversions between the library's `Matrix` (Float64Array, row-major) and float32 tensors (internal).
 */
import type { Matrix } from '../core/matrix';
import { tf } from './backend';

/** A float32 tensor holding a copy of X (rows × cols). */
export function matrixToTensor(X: Matrix): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(X.data), [X.rows, X.cols]);
}

/** Rows `idx` of X as a float32 tensor. */
export function rowsToTensor(X: Matrix, idx: ArrayLike<number>): tf.Tensor2D {
  const out = new Float32Array(idx.length * X.cols);
  for (let r = 0; r < idx.length; r++) {
    const o = idx[r] * X.cols;
    for (let j = 0; j < X.cols; j++) out[r * X.cols + j] = X.data[o + j];
  }
  return tf.tensor2d(out, [idx.length, X.cols]);
}

/**
 * Apply `fn` to X in chunks of `chunk` rows (bounded memory) and gather the float32 results into a Float64 matrix.
 * `fn` runs inside tf.tidy, so it may create any intermediate tensors.
 */
export function mapRowsInChunks(X: Matrix, outCols: number, fn: (xb: tf.Tensor2D) => tf.Tensor2D, chunk = 8192): Matrix {
  const data = new Float64Array(X.rows * outCols);
  for (let start = 0; start < X.rows; start += chunk) {
    const end = Math.min(X.rows, start + chunk);
    const sub: Matrix = { data: X.data.subarray(start * X.cols, end * X.cols), rows: end - start, cols: X.cols };
    const values = tf.tidy(() => {
      const xb = matrixToTensor(sub);
      return fn(xb);
    });
    try {
      data.set(values.dataSync(), start * outCols);
    } finally {
      values.dispose();
    }
  }
  return { data, rows: X.rows, cols: outCols };
}

/** Evaluate a scalar-valued tensor function and return its value, disposing everything. */
export function scalarValue(fn: () => tf.Tensor): number {
  const t = tf.tidy(fn);
  try {
    return t.dataSync()[0];
  } finally {
    t.dispose();
  }
}
