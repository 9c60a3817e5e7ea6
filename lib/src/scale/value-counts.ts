/**
 * Value counts of several columns in one scan (internal): `GROUP BY GROUPING SETS ((x0), (x1), …)`, each column's
 * missing values counted under the value null. Columns with more than `cap` distinct values (by DuckDB's
 * approximate count first, then the exact result) get null instead of their counts.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './duckdb';

/**
 * @param relation a query whose columns the expressions read (wrapped as a subquery)
 * @param exprs SQL expressions over those columns
 */
export async function groupedValueCounts(conn: DuckDBConnection, relation: (select: readonly string[]) => string, exprs: readonly string[], cap: number): Promise<Array<Array<[unknown, number]> | null>> {
  const out: Array<Array<[unknown, number]> | null> = exprs.map(() => null);
  if (!exprs.length) return out;
  let use = exprs.map((_, j) => j);
  if (Number.isFinite(cap)) {
    const approx = (await queryRows(conn, relation(exprs.map((e, j) => `approx_count_distinct(${e}) AS a${j}`))))[0];
    use = use.filter((j) => Number(approx[`a${j}`]) <= cap * 1.1);
  }
  if (!use.length) return out;
  const inner = relation(use.map((j) => `${exprs[j]} AS x${j}`));
  const select = [...use.flatMap((j) => [`GROUPING(x${j}) AS g${j}`, `x${j}`]), 'count(*) AS c'];
  const rows = await queryRows(conn, `SELECT ${select.join(', ')} FROM (${inner}) GROUP BY GROUPING SETS (${use.map((j) => `(x${j})`).join(', ')})`);
  for (const j of use) out[j] = [];
  for (const r of rows) {
    for (const j of use) {
      if (Number(r[`g${j}`]) === 0) { out[j]!.push([r[`x${j}`] ?? null, Number(r.c)]); break; }
    }
  }
  for (const j of use) if (out[j]!.length > cap + 1) out[j] = null;
  return out;
}
