/**
 * Reading a Parquet file into a Table with DuckDB (`@duckdb/node-api`, asynchronous): numbers (integers, decimals,
 * floats) become numeric columns, DATE and TIMESTAMP columns dates (epoch milliseconds), booleans and text
 * categorical columns. The same schema inference then applies as for a CSV file.
 *
 * Complexity: O(rows · columns); the whole file is materialized (the out-of-core path for very large files is a
 * separate concern).
 */
import { DataError } from '../core/errors';
import type { CsvLoadReport } from './csv';
import { normalizeHeader } from './csv-header';
import { headerWarnings } from './csv';
import type { Column, Table } from './table';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/;
const TEMPORAL = /^(DATE|TIMESTAMP.*)$/;

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const sqlIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * Read a Parquet file. @param shown the file name for messages and the table's source
 * @throws DataError when DuckDB cannot read it (not Parquet, truncated) or it has no rows
 */
export async function readParquet(file: string, shown = file): Promise<{ table: Table; report: CsvLoadReport }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    let described: Array<Record<string, unknown>>;
    try {
      described = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`)).getRowObjectsJS() as Array<Record<string, unknown>>;
    } catch (e) {
      throw new DataError(`${shown} cannot be read as Parquet (${(e as Error).message.split('\n')[0]}): is it a Parquet file?`, shown);
    }
    const names = described.map((d) => String(d.column_name));
    const types = described.map((d) => String(d.column_type));
    const select = names.map((n, j) => {
      const id = sqlIdent(n);
      if (NUMERIC.test(types[j])) return `CAST(${id} AS DOUBLE)`;
      if (TEMPORAL.test(types[j])) return `CAST(epoch_ms(CAST(${id} AS TIMESTAMP)) AS DOUBLE)`;
      return `CAST(${id} AS VARCHAR)`;
    });
    const res = await con.runAndReadAll(`SELECT ${select.join(', ')} FROM read_parquet(${sqlString(file)})`);
    const cols = res.getColumnsJS() as unknown[][];
    const n = cols.length ? cols[0].length : 0;
    if (n === 0) throw new DataError(`${shown} has no rows`, shown);
    const header = normalizeHeader(names);
    const columns: Column[] = header.names.map((name, j) => {
      const v = cols[j];
      if (NUMERIC.test(types[j]) || TEMPORAL.test(types[j])) {
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) values[i] = v[i] == null ? NaN : Number(v[i]);
        return { kind: TEMPORAL.test(types[j]) ? 'date' : 'numeric', name, values };
      }
      const dict = new Map<string, number>();
      const levels: string[] = [];
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const s = v[i] == null ? '' : String(v[i]).trim();
        if (s === '') { codes[i] = -1; continue; }
        let k = dict.get(s);
        if (k === undefined) { k = levels.length; dict.set(s, k); levels.push(s); }
        codes[i] = k;
      }
      const order = levels.map((_, k) => k).sort((a, b) => (levels[a] < levels[b] ? -1 : levels[a] > levels[b] ? 1 : 0));
      const remap = new Int32Array(levels.length);
      order.forEach((old, k) => (remap[old] = k));
      for (let i = 0; i < n; i++) if (codes[i] >= 0) codes[i] = remap[codes[i]];
      return { kind: 'categorical', name, codes, levels: order.map((k) => levels[k]) };
    });
    const table: Table = { nRows: n, columns, source: shown };
    const report: CsvLoadReport = {
      file: shown, delimiter: '', delimiterSniffed: false, bom: false, lineEnding: 'none', rows: n, renamed: header.renamed,
      columns: columns.map((c) => ({ name: c.name, type: c.kind === 'date' ? 'date' : c.kind === 'numeric' ? 'numeric' : 'categorical', missing: 'values' in c ? c.values.filter((x) => x !== x).length : c.codes.filter((k) => k < 0).length, overridden: false })),
      reread: false, encoding: 'utf-8', compression: null, warnings: headerWarnings(header.renamed, names),
    };
    return { table, report };
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}

/** Whether a file starts with Parquet's magic bytes `PAR1`. */
export function looksLikeParquet(head: Buffer): boolean {
  return head.length >= 4 && head.toString('latin1', 0, 4) === 'PAR1';
}
