/**
 * Save a fitted dataset pipeline to a JSON file and load it back (the scoring path reads it to transform new
 * customers exactly as the training rows were).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataError } from '../core/errors';
import { DatasetPipeline, type DatasetPipelineJSON } from './presets';

/**
 * Write `pipeline.toJSON()` to `file` (folders created). O(size of the fitted state).
 * @returns the absolute path written.
 */
export function saveDatasetPipeline(pipeline: DatasetPipeline, file: string): string {
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, JSON.stringify(pipeline.toJSON(), null, 1) + '\n', 'utf8');
  return abs;
}

/**
 * Read a pipeline saved by {@link saveDatasetPipeline}.
 * @throws DataError naming the file when it is missing or not a saved pipeline.
 */
export function loadDatasetPipeline(file: string): DatasetPipeline {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new DataError(`no saved pipeline at ${abs}: run notebooks/02-features first`, abs);
  let json: DatasetPipelineJSON;
  try {
    json = JSON.parse(fs.readFileSync(abs, 'utf8')) as DatasetPipelineJSON;
  } catch (e) {
    throw new DataError(`${abs} is not valid JSON: ${(e as Error).message}`, abs);
  }
  if (json?.type !== 'DatasetPipeline') throw new DataError(`${abs} is not a saved DatasetPipeline (type ${JSON.stringify(json?.type)})`, abs);
  return DatasetPipeline.fromJSON(json);
}
