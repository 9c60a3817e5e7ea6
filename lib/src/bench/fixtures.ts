/**
 * Small, self-contained readers of the real data sets for benchmarks and reference tests, independent of the
 * project's loader and feature pipeline (so they also serve as a second implementation to check those against).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataDir } from '../data/datadir';
import type { Matrix } from '../core/matrix';

/** Split a simple CSV line (fields may be wrapped in double quotes; no embedded delimiters). */
function splitLine(line: string, delim: string): string[] {
  return line.split(delim).map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
}

function readLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.length > 0);
}

/** Standardize columns in place with the population standard deviation (scikit-learn's StandardScaler). */
function standardizeInPlace(m: Matrix): void {
  const { data, rows, cols } = m;
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += data[i * cols + j];
    const mean = s / rows;
    let v = 0;
    for (let i = 0; i < rows; i++) { const d = data[i * cols + j] - mean; v += d * d; }
    const sd = Math.sqrt(v / rows) || 1;
    for (let i = 0; i < rows; i++) data[i * cols + j] = (data[i * cols + j] - mean) / sd;
  }
}

/**
 * CC GENERAL as in seed 001 and SOURCES.md: CUST_ID dropped, the 17 numeric columns mean-imputed and standardized.
 * Returns null when the file is not in the data directory.
 */
export function ccGeneralStandardized(dir = dataDir()): { X: Matrix; columns: string[] } | null {
  const file = path.join(dir, 'cc-general.csv');
  if (!fs.existsSync(file)) return null;
  const lines = readLines(file);
  const header = splitLine(lines[0], ',').slice(1);
  const rows = lines.length - 1;
  const cols = header.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const f = splitLine(lines[i + 1], ',');
    for (let j = 0; j < cols; j++) data[i * cols + j] = f[j + 1] === '' ? NaN : Number(f[j + 1]);
  }
  for (let j = 0; j < cols; j++) {
    let s = 0, n = 0;
    for (let i = 0; i < rows; i++) { const v = data[i * cols + j]; if (!Number.isNaN(v)) { s += v; n++; } }
    const mean = s / n;
    for (let i = 0; i < rows; i++) if (Number.isNaN(data[i * cols + j])) data[i * cols + j] = mean;
  }
  const X = { data, rows, cols };
  standardizeInPlace(X);
  return { X, columns: header };
}

/**
 * bank-additional-full with every categorical one-hot encoded (all levels, `unknown` kept as a level), the target `y`
 * dropped, and every column standardized: the ~60-column matrix the clustering benchmarks use.
 * Returns null when the file is not in the data directory.
 */
export function bankAdditionalOneHot(dir = dataDir()): { X: Matrix; columns: string[] } | null {
  const file = path.join(dir, 'bank-additional-full.csv');
  if (!fs.existsSync(file)) return null;
  const lines = readLines(file);
  const header = splitLine(lines[0], ';');
  const body = lines.slice(1).map((l) => splitLine(l, ';'));
  const keep = header.map((h, j) => j).filter((j) => header[j] !== 'y');
  const numeric = keep.map((j) => body.every((r) => r[j] !== '' && !Number.isNaN(Number(r[j]))));
  const columns: string[] = [];
  const makers: Array<(r: string[]) => number> = [];
  keep.forEach((j, t) => {
    if (numeric[t]) {
      columns.push(header[j]);
      makers.push((r) => Number(r[j]));
    } else {
      const levels = Array.from(new Set(body.map((r) => r[j]))).sort();
      for (const lv of levels) {
        columns.push(`${header[j]}=${lv}`);
        makers.push((r) => (r[j] === lv ? 1 : 0));
      }
    }
  });
  const rows = body.length;
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let c = 0; c < cols; c++) data[i * cols + c] = makers[c](body[i]);
  const X = { data, rows, cols };
  standardizeInPlace(X);
  return { X, columns };
}
