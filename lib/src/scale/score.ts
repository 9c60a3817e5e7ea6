/**
 * Scoring a large dataset with a model bundle, both ways: in SQL (the exported scoring query run by DuckDB, written
 * to Parquet) and in JS (`scoreTable`, the function behind `npm run score`, applied to streamed blocks of rows), and
 * the row-by-row comparison of the two.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ModelBundle } from '../scoring/bundle';
import { scoreTable } from '../scoring/score';
import { scoringSql } from '../sql/scoring-query';
import { streamMatrix } from './duckdb';
import { sqlString, type LargeDataset } from './open-dataset';

/** Options of the scorers. */
export interface LargeScoreOptions {
  /** Input columns copied to the output. Default none. */
  idColumns: readonly string[];
  /** Rows per block (JS scorer). Default 65,536. */
  chunkRows: number;
}

/** Defaults of {@link LargeScoreOptions}. */
export const DEFAULT_LARGE_SCORE_OPTIONS: LargeScoreOptions = { idColumns: [], chunkRows: 65_536 };

/**
 * Score every row in DuckDB with the bundle's SQL and write `__row`, the id columns, segment, segment_name,
 * persona, confidence and near_tie to a Parquet file.
 * @returns rows written and seconds.
 */
export async function scoreSqlToParquet(ds: LargeDataset, bundle: ModelBundle, out: string, options: Partial<LargeScoreOptions> = {}): Promise<{ rows: number; seconds: number }> {
  const o = { ...DEFAULT_LARGE_SCORE_OPTIONS, ...options };
  const sql = scoringSql(bundle, { dialect: 'duckdb', table: 'src', idColumns: ['__row', ...o.idColumns] });
  const t0 = performance.now();
  await ds.session.conn.run(`COPY (${sql}) TO ${sqlString(out)} (FORMAT parquet)`);
  return { rows: ds.nRows, seconds: (performance.now() - t0) / 1000 };
}

/** The JS scores of every row, in file order. */
export interface JsScores {
  segment: Int32Array;
  /** Persona index in priority order (−1: none), or null without personas. */
  persona: Int32Array | null;
  personaNames: string[];
  /** Unseen categories met (summed over blocks), by column. */
  unseen: Record<string, number>;
  seconds: number;
}

/**
 * Score every row with `scoreTable` (the JS scorer of `npm run score`), block by block: the input columns of the
 * bundle's schema are read from DuckDB, so memory stays at one block plus the result arrays (8 bytes per row).
 */
export async function scoreJsStreamed(ds: LargeDataset, bundle: ModelBundle, options: Partial<LargeScoreOptions> = {}): Promise<JsScores> {
  const o = { ...DEFAULT_LARGE_SCORE_OPTIONS, ...options };
  const t0 = performance.now();
  const names = bundle.schema.columns.map((c) => c.name);
  const segment = new Int32Array(ds.nRows);
  const persona = bundle.personas ? new Int32Array(ds.nRows) : null;
  let personaNames: string[] = [];
  const unseen: Record<string, number> = {};
  for await (const t of ds.tables(o.chunkRows, names)) {
    const r = scoreTable(bundle, t, ds.file);
    segment.set(r.segment, t.offset);
    if (persona && r.persona) persona.set(r.persona, t.offset);
    personaNames = r.personaNames;
    for (const u of r.check.unseen) unseen[u.column] = (unseen[u.column] ?? 0) + u.rows;
  }
  return { segment, persona, personaNames, unseen, seconds: (performance.now() - t0) / 1000 };
}

/** The row-by-row comparison of SQL and JS scores. */
export interface ScoreComparison {
  rows: number;
  segmentMismatches: number;
  personaMismatches: number;
  /** Rows the SQL flagged as near-ties. */
  nearTies: number;
  /** Mismatching rows that were not flagged as near-ties (should be 0). */
  unflaggedMismatches: number;
  /** Up to 10 mismatching row numbers. */
  examples: number[];
}

/**
 * Compare the SQL scores written by {@link scoreSqlToParquet} with JS scores, row by row (joined on `__row`).
 */
export async function compareScores(conn: DuckDBConnection, sqlParquet: string, js: JsScores): Promise<ScoreComparison> {
  const names = js.personaNames;
  const personaCase = names.length ? `CASE persona ${names.map((n, i) => `WHEN ${sqlString(n)} THEN ${i}`).join(' ')} ELSE -1 END` : '-1';
  const sql = `SELECT __row::DOUBLE, segment::DOUBLE, (${personaCase})::DOUBLE, near_tie::DOUBLE FROM read_parquet(${sqlString(sqlParquet)})`;
  const out: ScoreComparison = { rows: 0, segmentMismatches: 0, personaMismatches: 0, nearTies: 0, unflaggedMismatches: 0, examples: [] };
  for await (const { X } of streamMatrix(conn, sql, 65_536)) {
    for (let r = 0; r < X.rows; r++) {
      const row = X.data[r * 4];
      const seg = X.data[r * 4 + 1];
      const per = X.data[r * 4 + 2];
      const tie = X.data[r * 4 + 3] === 1;
      out.rows++;
      if (tie) out.nearTies++;
      const segBad = seg !== js.segment[row];
      const perBad = js.persona !== null && per !== js.persona[row];
      if (segBad) out.segmentMismatches++;
      if (perBad) out.personaMismatches++;
      if ((segBad || perBad) && !tie) out.unflaggedMismatches++;
      if ((segBad || perBad) && out.examples.length < 10) out.examples.push(row);
    }
  }
  return out;
}
