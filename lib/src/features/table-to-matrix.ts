/**
 * The last step of a feature pipeline: an all-numeric table becomes a row-major `Matrix` plus its feature names.
 */
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import { isNumeric, type Table } from '../data/table';

/** A feature matrix and the name of each of its columns. */
export interface FeatureMatrix {
  readonly X: Matrix;
  readonly featureNames: readonly string[];
}

/** Options of {@link tableToMatrix}. */
export interface TableToMatrixOptions {
  /** Allow NaN in the output. Default false: a NaN throws naming its column and row. */
  allowNaN: boolean;
}

/** Defaults of {@link TableToMatrixOptions}. */
export const DEFAULT_TABLE_TO_MATRIX_OPTIONS: TableToMatrixOptions = { allowNaN: false };

/**
 * Copy the numeric columns of `table` into a row-major matrix (column order kept).
 * Complexity: O(n·d) time and memory.
 * @throws ValidationError naming categorical columns that remain (encode them first) or the first NaN.
 * @example tableToMatrix(t) // {X: 2×2, featureNames: ['a', 'b']}
 */
export function tableToMatrix(table: Table, options: Partial<TableToMatrixOptions> = {}): FeatureMatrix {
  const { allowNaN } = { ...DEFAULT_TABLE_TO_MATRIX_OPTIONS, ...options };
  const bad = table.columns.filter((c) => !isNumeric(c)).map((c) => `"${c.name}" (${c.kind})`);
  if (bad.length) throw new ValidationError(`tableToMatrix: column(s) ${bad.join(', ')} are not numeric: encode or drop them first`);
  if (table.columns.length === 0) throw new ValidationError('tableToMatrix: the table has no columns');
  const n = table.nRows;
  const d = table.columns.length;
  const data = new Float64Array(n * d);
  const cols = table.columns.map((c) => (c as { values: Float64Array }).values);
  // rows outer, columns inner: sequential writes (a strided write per column thrashes the cache)
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) data[o + j] = cols[j][i];
  }
  if (!allowNaN) {
    for (let k = 0; k < data.length; k++) {
      if (!Number.isFinite(data[k])) {
        const i = Math.floor(k / d);
        const name = table.columns[k - i * d].name;
        throw new ValidationError(`tableToMatrix: column "${name}" row ${i} is ${data[k]}: impute missing values first (or pass allowNaN)`);
      }
    }
  }
  return { X: { data, rows: n, cols: d }, featureNames: table.columns.map((c) => c.name) };
}
