/**
 * The transformed feature matrix of a large dataset, computed by DuckDB from the fitted pipeline's SQL translation:
 * streamed to JS in blocks of rows (bounded memory), sampled with a seed, or exported to Parquet with the id
 * columns.
 */
import type { DatasetPipeline } from '../features/presets';
import type { StepJSON } from '../features/types';
import type { Matrix } from '../core/matrix';
import { sqlDialect } from '../sql/dialect';
import { CteChain } from '../sql/relation';
import { translateSteps } from '../sql/step-registry';
import '../sql/steps';
import { readMatrix, streamMatrix, type MatrixChunk } from './duckdb';
import { sqlIdent, sqlString, type LargeDataset } from './open-dataset';

const D = sqlDialect('duckdb');

/** Options of {@link featureSql}. */
export interface FeatureSqlOptions {
  /** Input columns copied before the features (ids). Default none. */
  idColumns: readonly string[];
  /** Also return the row number `__row` first. Default false. */
  rowNumber: boolean;
  /** Appended after the query (ORDER BY, LIMIT…), over the last CTE's columns (`__row` is there). Default ''. */
  tail: string;
  /** The rows to transform: a relation with the columns of `src` (default `src`, all rows). */
  from: string;
}

/** The DuckDB query of a dataset's transformed features (one DOUBLE column per pipeline feature, in order). */
export function featureSql(ds: LargeDataset, pipeline: DatasetPipeline, options: Partial<FeatureSqlOptions> = {}): string {
  const ids = options.idColumns ?? [];
  const chain = new CteChain(D);
  const carried = [{ name: '__row', expr: '__row' }, ...ids.map((n, i) => ({ name: `__id${i}`, expr: sqlIdent(n) }))];
  chain.start(options.from ?? 'src', carried, ds.columns.map((c) => ({ name: c.name, kind: c.kind, expr: sqlIdent(c.name) })));
  const steps = pipeline.toJSON().pipeline.steps as StepJSON[];
  for (const s of translateSteps(steps, chain.columns, D).stages) chain.add(s);
  const select = [
    ...(options.rowNumber ? ['__row'] : []),
    ...ids.map((n, i) => `${sqlIdent(`__id${i}`)} AS ${sqlIdent(n)}`),
    ...pipeline.featureNames.map((n) => sqlIdent(n)),
  ];
  return chain.sql(select) + (options.tail ? `\n${options.tail}` : '');
}

/** The features of every row in file order, in blocks of `chunkRows` rows. */
export function streamFeatures(ds: LargeDataset, pipeline: DatasetPipeline, chunkRows: number): AsyncGenerator<MatrixChunk> {
  return streamMatrix(ds.session.conn, featureSql(ds, pipeline), chunkRows);
}

/**
 * The features of the seeded sample of `n` rows (`ds.sampleRelation`), in a random order (by a second hash), so that
 * consecutive parts of the result are themselves random samples.
 */
export async function sampleFeatures(ds: LargeDataset, pipeline: DatasetPipeline, n: number, seed: number): Promise<Matrix> {
  const from = await ds.sampleRelation(n, seed);
  return readMatrix(ds.session.conn, featureSql(ds, pipeline, { from, tail: `ORDER BY hash(__row * 7 + ${Math.trunc(seed) * 1000003 + 1}), __row` }));
}

/**
 * Write the engineered features (the pipeline's output, one column per feature, after the id columns) to Parquet.
 * @returns rows written.
 */
export async function exportFeaturesParquet(ds: LargeDataset, pipeline: DatasetPipeline, out: string, idColumns: readonly string[] = []): Promise<number> {
  await ds.session.conn.run(`COPY (${featureSql(ds, pipeline, { idColumns })}) TO ${sqlString(out)} (FORMAT parquet)`);
  return ds.nRows;
}
