/**
 * The on-disk form of an embedding handed from the autoencoder notebook to the clustering notebook: a folder
 * entry `<name>.json` (header: format, rows, cols, column names, dtype, the data file's name, free metadata) next to
 * `<name>.f64` (rows × cols float64, row-major, little-endian). Written to temporary names then renamed.
 * Complexity: O(rows · cols) time and memory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';

/** Format tag of the header. */
export const EMBEDDING_FILE_FORMAT = 'seglab-embedding/1';

/** The JSON header of a saved embedding. */
export interface EmbeddingHeader {
  format: typeof EMBEDDING_FILE_FORMAT;
  rows: number;
  cols: number;
  dtype: 'float64';
  byteOrder: 'little-endian';
  /** Data file name, relative to the header. */
  dataFile: string;
  columnNames: string[];
  /** Free metadata (data set, model folder, seed…). */
  meta: Record<string, unknown>;
}

function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/**
 * Save Z as `<dir>/<name>.json` + `<dir>/<name>.f64`. @returns the header's path.
 * @example saveEmbedding(outputsDir('models', 'cc-general'), Z, { meta: { dataset: 'cc-general' } }) // → …/embedding.json
 */
export function saveEmbedding(dir: string, Z: Matrix, opts: { name?: string; columnNames?: string[]; meta?: Record<string, unknown> } = {}): string {
  if (Z.data.length !== Z.rows * Z.cols) throw new ValidationError(`Z.data has ${Z.data.length} values, expected rows·cols = ${Z.rows * Z.cols}`);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('big-endian platforms are not supported');
  const name = opts.name ?? 'embedding';
  const columnNames = opts.columnNames ?? Array.from({ length: Z.cols }, (_, j) => `z${j + 1}`);
  if (columnNames.length !== Z.cols) throw new ValidationError(`columnNames has ${columnNames.length} names, Z has ${Z.cols} columns`);
  fs.mkdirSync(dir, { recursive: true });
  const data = Float64Array.from(Z.data);
  writeAtomic(path.join(dir, `${name}.f64`), new Uint8Array(data.buffer));
  const header: EmbeddingHeader = {
    format: EMBEDDING_FILE_FORMAT, rows: Z.rows, cols: Z.cols, dtype: 'float64', byteOrder: 'little-endian',
    dataFile: `${name}.f64`, columnNames, meta: opts.meta ?? {},
  };
  const file = path.join(dir, `${name}.json`);
  writeAtomic(file, JSON.stringify(header, null, 2));
  return file;
}

/** Load an embedding saved by {@link saveEmbedding} from its header path. @throws ValidationError on a bad file. */
export function loadEmbedding(headerFile: string): { Z: Matrix; header: EmbeddingHeader } {
  if (!fs.existsSync(headerFile)) throw new ValidationError(`headerFile="${headerFile}" does not exist`);
  const header = JSON.parse(fs.readFileSync(headerFile, 'utf8')) as EmbeddingHeader;
  if (header.format !== EMBEDDING_FILE_FORMAT) throw new ValidationError(`headerFile="${headerFile}" has format ${JSON.stringify(header.format)}, expected ${EMBEDDING_FILE_FORMAT}`);
  const buf = fs.readFileSync(path.join(path.dirname(headerFile), header.dataFile));
  if (buf.byteLength !== header.rows * header.cols * 8) {
    throw new ValidationError(`${header.dataFile} has ${buf.byteLength} bytes, the header describes ${header.rows}×${header.cols} float64 (${header.rows * header.cols * 8})`);
  }
  const data = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  return { Z: { data, rows: header.rows, cols: header.cols }, header };
}
