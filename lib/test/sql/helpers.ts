/** Run the SQL translation of fitted steps in DuckDB over a JS table and read the result back (test helper). */
import type { Table } from '../../src/data/table';
import { isNumeric } from '../../src/data/table';
import type { StepJSON } from '../../src/features/types';
import { sqlDialect, type SqlDialectName } from '../../src/sql/dialect';
import { CteChain } from '../../src/sql/relation';
import { translateSteps } from '../../src/sql/step-registry';
import '../../src/sql/steps';
import { appendTable, openDuckDB, readTable, type DuckSession } from '../../src/scale/duckdb';

let session: DuckSession | null = null;

/** One shared in-memory engine for a test file. */
export async function engine(): Promise<DuckSession> {
  if (!session) session = await openDuckDB({ threads: 2, memoryLimit: '1GB' });
  return session;
}

export function closeEngine(): void {
  session?.close();
  session = null;
}

/** The table after the steps, computed by DuckDB from their SQL. Rows keep their order. */
export async function runSteps(table: Table, steps: readonly StepJSON[], dialect: SqlDialectName = 'duckdb'): Promise<Table> {
  const s = await engine();
  await appendTable(s.conn, 'input_rows', { ...table, columns: [{ kind: 'numeric', name: 'row_no', values: Float64Array.from({ length: table.nRows }, (_, i) => i) }, ...table.columns] });
  const d = sqlDialect(dialect);
  const chain = new CteChain(d);
  chain.start('input_rows', [{ name: '__row', expr: d.ident('row_no') }], table.columns.map((c) => ({ name: c.name, kind: c.kind === 'id' ? 'id' : isNumeric(c) ? 'numeric' : 'categorical', expr: d.ident(c.name) })));
  const { stages, columns } = translateSteps(steps, chain.columns, d);
  for (const st of stages) chain.add(st);
  const sql = chain.sql(columns.map((c) => d.ident(c.name))) + '\nORDER BY "__row"';
  return readTable(s.conn, sql, columns.map((c) => ({ name: c.name, kind: c.kind })));
}

/** Category values of a column as strings (null when missing). */
export function categories(t: Table, name: string): Array<string | null> {
  const c = t.columns.find((x) => x.name === name);
  if (!c || isNumeric(c)) throw new Error(`no categorical column ${name}`);
  return Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]));
}
