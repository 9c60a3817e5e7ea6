/**
 * The peer's preprocessing (`../shared/peer/peer.py` `prep_frame`, README "Preprocessing") re-done in TypeScript so
 * that both sides of `npm run bench -- --peer` work on the same matrix: separator `;` when the header has more `;`
 * than `,`; drop `CUST_ID`, `y`, `deposit`; a column is numeric when every non-empty value parses as a number
 * (empty = NaN, replaced by the column mean); every other column is one-hot encoded with all its levels sorted by
 * code point, named `<column>_<value>`, after all numeric columns in file order; then every column is standardized
 * as scikit-learn's StandardScaler does (mean, population std with its correction term, scale 1 for a constant
 * column). The fingerprint (sum, sum of squares, absolute sum, first and last rows) is what the peer's JSON holds.
 * Self-contained (no project loader), so it is also a second implementation to compare those with.
 * Complexity: O(n·d) time and memory.
 */
import * as fs from 'node:fs';
import type { Matrix } from '../core/matrix';

const ID_COLS = ['CUST_ID'];
const TARGET_COLS = ['y', 'deposit'];

/** The peer-style prepped matrix and what the peer's JSON reports about it. */
export interface PeerPrep {
  X: Matrix;
  columns: string[];
  numericColumns: string[];
  scalerMean: Float64Array;
  scalerScale: Float64Array;
}

/** Fingerprint of a matrix, as the peer's `prep.fingerprint`. */
export interface MatrixFingerprint {
  sum: number;
  sum_sq: number;
  abs_sum: number;
  row0: number[];
  row_last: number[];
}

/** Split a line on `sep`, dropping one pair of surrounding double quotes per field (no embedded separators). */
function splitLine(line: string, sep: string): string[] {
  return line.split(sep).map((f) => (f.length >= 2 && f[0] === '"' && f[f.length - 1] === '"' ? f.slice(1, -1) : f));
}

/** Code-point order (Python's string sort), not locale order. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Read and prep a CSV file the peer's way.
 * @throws Error naming the file when it has no data rows or a row has the wrong number of fields.
 */
export function peerPrep(file: string): PeerPrep {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length < 2) throw new Error(`${file} has no data rows`);
  const sep = (lines[0].match(/;/g)?.length ?? 0) > (lines[0].match(/,/g)?.length ?? 0) ? ';' : ',';
  const header = splitLine(lines[0], sep);
  const h = header.length;
  const n = lines.length - 1;
  // One pass, no field kept as text: each column's numbers (NaN for empty) and its level codes (order of appearance).
  const nums = header.map(() => new Float64Array(n));
  const isNum = header.map(() => true);
  const codes = header.map(() => new Int32Array(n));
  const levels = header.map(() => new Map<string, number>());
  for (let i = 0; i < n; i++) {
    const f = splitLine(lines[i + 1], sep);
    if (f.length !== h) throw new Error(`${file} row ${i + 2} has ${f.length} fields, the header has ${h}`);
    for (let j = 0; j < h; j++) {
      const c = f[j];
      if (isNum[j]) {
        if (c === '') nums[j][i] = NaN;
        else {
          const x = Number(c);
          if (Number.isFinite(x)) nums[j][i] = x; else isNum[j] = false;
        }
      }
      const m = levels[j];
      let q = m.get(c);
      if (q === undefined) { q = m.size; m.set(c, q); }
      codes[j][i] = q;
    }
  }
  const keep = header.map((_, j) => j).filter((j) => !ID_COLS.includes(header[j]) && !TARGET_COLS.includes(header[j]));
  const numeric = keep.filter((j) => isNum[j]);
  const categorical = keep.filter((j) => !isNum[j]);
  const columns: string[] = numeric.map((j) => header[j]);
  const sortedLevels = categorical.map((j) => Array.from(levels[j].keys()).sort(byCodePoint));
  categorical.forEach((j, c) => { for (const lv of sortedLevels[c]) columns.push(`${header[j]}_${lv}`); });
  const d = columns.length;
  const data = new Float64Array(n * d);
  numeric.forEach((j, col) => {
    const v = nums[j];
    let s = 0, m = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(v[i])) { s += v[i]; m++; }
    const mean = s / m;
    for (let i = 0; i < n; i++) data[i * d + col] = Number.isNaN(v[i]) ? mean : v[i];
  });
  let base = numeric.length;
  categorical.forEach((j, c) => {
    const at = new Int32Array(levels[j].size);
    for (const [lv, q] of levels[j]) at[q] = sortedLevels[c].indexOf(lv);
    const cj = codes[j];
    for (let i = 0; i < n; i++) data[i * d + base + at[cj[i]]] = 1;
    base += sortedLevels[c].length;
  });
  const scalerMean = new Float64Array(d);
  const scalerScale = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    // scikit-learn's _incremental_mean_and_var: mean = Σx/n; var = (Σ(x−m)² − (Σ(x−m))²/n)/n.
    let s = 0;
    for (let i = 0; i < n; i++) s += data[i * d + c];
    const mean = s / n;
    let corr = 0, sq = 0;
    for (let i = 0; i < n; i++) { const t = data[i * d + c] - mean; corr += t; sq += t * t; }
    const v = (sq - (corr * corr) / n) / n;
    const sd = Math.sqrt(v);
    // constant column (scikit-learn 1.2 _is_constant_feature): scale 1
    const eps = Number.EPSILON;
    const scale = v <= n * eps * v + (n * mean * eps) ** 2 ? 1 : sd;
    scalerMean[c] = mean;
    scalerScale[c] = scale;
    for (let i = 0; i < n; i++) data[i * d + c] = (data[i * d + c] - mean) / scale;
  }
  return { X: { data, rows: n, cols: d }, columns, numericColumns: numeric.map((j) => header[j]), scalerMean, scalerScale };
}

/** The peer's fingerprint of X (rows rounded to 10 decimals as the peer writes them). O(n·d). */
export function fingerprint(X: Matrix): MatrixFingerprint {
  let sum = 0, sumSq = 0, abs = 0;
  for (let i = 0; i < X.data.length; i++) { const v = X.data[i]; sum += v; sumSq += v * v; abs += Math.abs(v); }
  const round10 = (v: number): number => Math.round(v * 1e10) / 1e10;
  const row = (i: number): number[] => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols), round10);
  return { sum, sum_sq: sumSq, abs_sum: abs, row0: row(0), row_last: row(X.rows - 1) };
}

/**
 * Largest disagreement between two fingerprints: the sums relative to the absolute sum (the sum of a standardized
 * matrix is ≈ 0, so a relative difference of the sum itself would mean nothing), the rows absolutely.
 */
export function fingerprintDiff(a: MatrixFingerprint, b: MatrixFingerprint): { sums: number; rows: number } {
  const scale = Math.max(Math.abs(a.abs_sum), 1);
  const sums = Math.max(Math.abs(a.sum - b.sum), Math.abs(a.sum_sq - b.sum_sq), Math.abs(a.abs_sum - b.abs_sum)) / scale;
  let rows = a.row0.length === b.row0.length && a.row_last.length === b.row_last.length ? 0 : Infinity;
  for (let j = 0; j < Math.min(a.row0.length, b.row0.length); j++) rows = Math.max(rows, Math.abs(a.row0[j] - b.row0[j]));
  for (let j = 0; j < Math.min(a.row_last.length, b.row_last.length); j++) rows = Math.max(rows, Math.abs(a.row_last[j] - b.row_last[j]));
  return { sums, rows };
}
