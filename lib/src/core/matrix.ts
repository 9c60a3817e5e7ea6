/**
 * The dense matrix every numeric kernel works on: contiguous, row-major, `Float64Array` (or `Float32Array`).
 * Element (i, j) lives at `data[i * cols + j]`.
 */
import { ValidationError } from './errors';

/** A dense row-major matrix. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Allocate a zero-filled `rows × cols` matrix. */
export function zeros(rows: number, cols: number): Matrix {
  return { data: new Float64Array(rows * cols), rows, cols };
}

/**
 * Build a matrix from an array of rows (convenience for tests, notebooks and small data; not for hot paths).
 * @throws ValidationError on ragged rows or empty input.
 */
export function fromRows(rows: ReadonlyArray<ArrayLike<number>>, name = 'X'): Matrix {
  if (rows.length === 0) throw new ValidationError(`${name} has no rows`);
  const cols = rows[0].length;
  const data = new Float64Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.length !== cols) {
      throw new ValidationError(`${name} is ragged: row ${i} has ${r.length} values, row 0 has ${cols}`);
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = r[j];
  }
  return { data, rows: rows.length, cols };
}

/** Copy a matrix out to an array of rows (for display, tests and interop only). */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/** Row i as a view (no copy). */
export function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** Column j as a new array. */
export function column(m: Matrix, j: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j];
  return out;
}

/** Build a matrix from columns of equal length. */
export function fromColumns(columns: ReadonlyArray<ArrayLike<number>>, name = 'X'): Matrix {
  if (columns.length === 0) throw new ValidationError(`${name} has no columns`);
  const rows = columns[0].length;
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const c = columns[j];
    if (c.length !== rows) throw new ValidationError(`${name}: column ${j} has ${c.length} values, column 0 has ${rows}`);
    for (let i = 0; i < rows; i++) data[i * cols + j] = c[i];
  }
  return { data, rows, cols };
}

/** Select rows by index into a new matrix. */
export function takeRows(m: Matrix, idx: ArrayLike<number>): Matrix {
  const out = new Float64Array(idx.length * m.cols);
  for (let r = 0; r < idx.length; r++) out.set(m.data.subarray(idx[r] * m.cols, (idx[r] + 1) * m.cols), r * m.cols);
  return { data: out, rows: idx.length, cols: m.cols };
}

/** Options of {@link checkMatrix}. */
export interface CheckMatrixOptions {
  /** Argument name used in error messages. Default `X`. */
  name?: string;
  /** Minimum number of rows. Default 1. */
  minRows?: number;
  /** Allow NaN values (missing data). Default false. */
  allowNaN?: boolean;
}

/**
 * Validate a matrix at a public boundary: shape consistent with the buffer, enough rows, finite values.
 * Inner kernels trust their input after this.
 * @throws ValidationError naming the argument and the offending value.
 */
export function checkMatrix(m: Matrix, opts: CheckMatrixOptions = {}): Matrix {
  const name = opts.name ?? 'X';
  const minRows = opts.minRows ?? 1;
  if (m == null || !(m.data instanceof Float64Array || (m.data as unknown) instanceof Float32Array)) {
    throw new ValidationError(`${name} should be a Matrix {data: Float64Array, rows, cols}`);
  }
  if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 0 || m.cols < 1) {
    throw new ValidationError(`${name} has an invalid shape ${m.rows}×${m.cols}`);
  }
  if (m.data.length !== m.rows * m.cols) {
    throw new ValidationError(`${name}: data length ${m.data.length} does not match rows×cols = ${m.rows}×${m.cols}`);
  }
  if (m.rows < minRows) throw new ValidationError(`${name} has ${m.rows} rows, expected at least ${minRows}`);
  if (!opts.allowNaN) {
    const d = m.data;
    for (let k = 0; k < d.length; k++) {
      if (!Number.isFinite(d[k])) {
        const i = Math.floor(k / m.cols);
        throw new ValidationError(`${name} has a non-finite value ${d[k]} at row ${i}, column ${k - i * m.cols}: impute or drop missing values first`);
      }
    }
  }
  return m;
}

/** Squared Euclidean distance between row i of A and row j of B. */
export function sqDist(a: Float64Array, ai: number, b: Float64Array, bj: number, d: number): number {
  let s = 0;
  const oa = ai * d;
  const ob = bj * d;
  for (let t = 0; t < d; t++) {
    const x = a[oa + t] - b[ob + t];
    s += x * x;
  }
  return s;
}
