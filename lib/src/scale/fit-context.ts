/**
 * What a SQL fitter sees (internal): the relation produced by the already-fitted steps (as a CTE chain over the
 * dataset's `src`), and helpers that compute statistics over it in DuckDB — aggregates, exact type-7 quantiles
 * from order statistics, the non-missing values of a column, a seeded sample as a JS Table.
 */
import { ValidationError } from '../core/errors';
import type { Table } from '../data/table';
import { sqlDialect } from '../sql/dialect';
import { CteChain, type SqlColumn, type SqlStage } from '../sql/relation';
import type { ColumnSelector } from '../features/types';
import { queryRows, readTable, streamMatrix } from './duckdb';
import { groupedValueCounts } from './value-counts';
import { sqlIdent, type LargeDataset } from './open-dataset';

const D = sqlDialect('duckdb');

/** Columns with at most this many distinct values get their quantiles from value counts. */
const VALUE_COUNTS_MAX = 50_000;

/** Type-7 quantile q from (value, count) pairs sorted by value: the order statistics ⌊h⌋ and ⌊h⌋+1, h = (n − 1)q. */
export function quantileFromCounts(pairs: ReadonlyArray<readonly [number, number]>, q: number): number {
  let n = 0;
  for (const p of pairs) n += p[1];
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const at = (k: number): number => {
    let seen = 0;
    for (const [v, c] of pairs) { seen += c; if (k < seen) return v; }
    return pairs[pairs.length - 1][0];
  };
  const a = at(lo);
  return a + (h - lo) * (at(hi) - a);
}

/** The relation after the fitted steps, and statistics over it. */
export class FitContext {
  private stages: SqlStage[] = [];
  private cols: readonly SqlColumn[];
  /** Queries run so far (for the report). */
  queries = 0;

  constructor(readonly ds: LargeDataset, readonly seed: number) {
    this.cols = ds.columns.map((c) => ({ name: c.name, kind: c.kind }));
  }

  /** The feature columns of the current relation. */
  get columns(): readonly SqlColumn[] { return this.cols; }

  /** Append the SQL of a newly fitted step. */
  push(stages: readonly SqlStage[]): void {
    for (const s of stages) {
      this.stages.push(s);
      this.cols = s.map((o) => ({ name: o.name, kind: o.kind }));
    }
  }

  /** The query `SELECT <select> FROM <current relation> [tail]` (over `from`, default all rows of `src`). */
  sql(select: readonly string[], tail = '', from = 'src'): string {
    const chain = new CteChain(D);
    chain.start(from, [{ name: '__row', expr: '__row' }], this.ds.columns.map((c) => ({ name: c.name, kind: c.kind, expr: sqlIdent(c.name) })));
    for (const s of this.stages) chain.add(s);
    return `${chain.sql(select)}${tail ? `\n${tail}` : ''}`;
  }

  /** Run a query over the current relation. */
  async rows(select: readonly string[], tail = ''): Promise<Array<Record<string, unknown>>> {
    this.queries++;
    return queryRows(this.ds.session.conn, this.sql(select, tail));
  }

  /** One row of aggregates over the current relation. */
  async agg(select: readonly string[]): Promise<Record<string, unknown>> {
    return (await this.rows(select))[0];
  }

  /** The column `name` (must exist). */
  column(name: string, step: string): SqlColumn {
    const c = this.cols.find((x) => x.name === name);
    if (!c) throw new ValidationError(`${step}: column "${name}" not in the table (it has: ${this.cols.map((x) => x.name).join(', ')})`);
    return c;
  }

  /** The names a column selector picks, as `resolveSelector` does for an in-memory table. */
  resolve(selector: ColumnSelector, step: string): string[] {
    if (selector === 'all') return this.cols.map((c) => c.name);
    if (selector === 'numeric') return this.cols.filter((c) => c.kind === 'numeric').map((c) => c.name);
    if (selector === 'categorical') return this.cols.filter((c) => c.kind === 'categorical').map((c) => c.name);
    if (!Array.isArray(selector)) throw new ValidationError(`${step}: columns should be an array of names or 'numeric' | 'categorical' | 'all', got ${JSON.stringify(selector)}`);
    const missing = selector.filter((n) => !this.cols.some((c) => c.name === n));
    if (missing.length) throw new ValidationError(`${step}: column(s) ${missing.map((m) => `"${m}"`).join(', ')} not in the table (it has: ${this.cols.map((c) => c.name).join(', ')})`);
    return [...selector];
  }

  /**
   * Exact type-7 quantiles (numpy's linear interpolation, the in-memory `quantileSorted`) of the non-missing values
   * of SQL expressions: h = (n − 1)q, s[⌊h⌋] + (h − ⌊h⌋)(s[⌊h⌋+1] − s[⌊h⌋]), the order statistics taken with
   * DuckDB's quantile_disc (nearest rank: index ⌈qn⌉ − 1, asked at q = (k + ½)/n for index k). NaN when no value.
   * Complexity: two scans, O(n) selection per quantile.
   */
  async quantiles(items: ReadonlyArray<{ expr: string; qs: readonly number[] }>): Promise<number[][]> {
    if (!items.length) return [];
    // few distinct values (counts, codes, flags): order statistics from the sorted value counts (one scan for all)
    const vcs = await this.valueCounts(items.map((it) => it.expr));
    const out: Array<number[] | null> = items.map((it, j) => {
      const vc = vcs[j];
      if (!vc) return null;
      const pairs = vc.filter((p) => p[0] !== null).map((p) => [Number(p[0]), p[1]] as const).sort((a, b) => a[0] - b[0]);
      return it.qs.map((q) => quantileFromCounts(pairs, q));
    });
    const rest = items.map((it, j) => ({ it, j })).filter((x) => out[x.j] === null);
    if (rest.length) {
      const exact = await this.orderStatQuantiles(rest.map((x) => x.it));
      rest.forEach((x, r) => { out[x.j] = exact[r]; });
    }
    return out as number[][];
  }

  /**
   * Value counts of several expressions in one scan (GROUP BY GROUPING SETS), missing values counted under the value
   * null; null for an expression with more than `cap` distinct values.
   */
  async valueCounts(exprs: readonly string[], cap = VALUE_COUNTS_MAX): Promise<Array<Array<[unknown, number]> | null>> {
    if (!exprs.length) return [];
    this.queries += 2;
    return groupedValueCounts(this.ds.session.conn, (select) => this.sql(select), exprs, cap);
  }

  /** Type-7 quantiles from DuckDB order statistics (for columns with many distinct values). */
  private async orderStatQuantiles(items: ReadonlyArray<{ expr: string; qs: readonly number[] }>): Promise<number[][]> {
    const counts = await this.agg(items.map((it, j) => `count(${it.expr}) AS n${j}`));
    const plans = items.map((it, j) => {
      const n = Number(counts[`n${j}`]);
      return it.qs.map((q) => {
        const h = (n - 1) * q;
        const lo = Math.floor(h);
        return { n, h, lo, hi: Math.min(lo + 1, n - 1) };
      });
    });
    const select: string[] = [];
    items.forEach((it, j) => {
      const n = plans[j][0]?.n ?? 0;
      if (n === 0) return;
      const ks = [...new Set(plans[j].flatMap((p) => [p.lo, p.hi]))].sort((a, b) => a - b);
      select.push(`quantile_disc(${it.expr}, [${ks.map((k) => (k + 0.5) / n).join(', ')}]) AS k${j}`);
      select.push(`[${ks.join(', ')}] AS i${j}`);
    });
    const r = select.length ? await this.agg(select) : {};
    return items.map((it, j) => {
      const vals = r[`k${j}`] as number[] | undefined;
      const idx = r[`i${j}`] as number[] | undefined;
      return plans[j].map((p) => {
        if (p.n === 0 || !vals || !idx) return NaN;
        const at = (k: number) => Number(vals[idx.indexOf(k)]);
        const a = at(p.lo);
        return a + (p.h - p.lo) * (at(p.hi) - a);
      });
    });
  }

  /** The non-missing values of each expression (in no particular order), expanded from value counts when possible. */
  async values(exprs: readonly string[]): Promise<Float64Array[]> {
    const vcs = await this.valueCounts(exprs);
    const out: Float64Array[] = [];
    for (let j = 0; j < exprs.length; j++) {
      const vc = vcs[j];
      if (vc) {
        const pairs = vc.filter((p) => p[0] !== null);
        let n = 0;
        for (const p of pairs) n += p[1];
        const v = new Float64Array(n);
        let o = 0;
        for (const [x, c] of pairs) { v.fill(Number(x), o, o + c); o += c; }
        out.push(v);
        continue;
      }
      this.queries++;
      const parts: Float64Array[] = [];
      let n = 0;
      for await (const m of streamMatrix(this.ds.session.conn, this.sql([exprs[j]], `WHERE ${exprs[j]} IS NOT NULL`), 1 << 20)) { parts.push(m.X.data); n += m.X.rows; }
      const v = new Float64Array(n);
      let o = 0;
      for (const p of parts) { v.set(p, o); o += p.length; }
      out.push(v);
    }
    return out;
  }

  /** A seeded sample of `n` rows of the current relation (all rows when n ≥ rows), as a JS Table (in no fixed order). */
  async sample(n: number): Promise<Table> {
    const cols = this.cols;
    const from = await this.ds.sampleRelation(n, this.seed);
    this.queries++;
    return readTable(this.ds.session.conn, this.sql(cols.map((c) => sqlIdent(c.name)), '', from), cols.map((c) => ({ name: c.name, kind: c.kind })));
  }
}
