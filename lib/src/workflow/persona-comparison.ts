/**
 * Predicting personas from the segmentation features (notebook 06): the MLP and logistic regression trained on a
 * stratified sample of persona labels, against the floor any model must beat, always answering the largest persona
 * of the training part. The same split and models as {@link evaluateOnSplit}.
 */
import { takeRows, type Matrix } from '../core/matrix';
import type { MlpClassifierOptions } from '../neural/mlp-classifier';
import { classificationReport, confusionMatrix, type ClassificationReport } from '../personas/eval/confusion';
import type { PersonaAssignment } from '../personas/rules';
import { evaluateOnSplit, stratifiedSample } from './classifier-eval';

/** Options of {@link comparePersonaPrediction}. */
export interface PersonaPredictionOptions {
  /** Train on a stratified sample of at most this many rows (0 = all rows). */
  rows: number;
  seed: number;
  mlp?: Partial<MlpClassifierOptions>;
}

/** What {@link comparePersonaPrediction} returns. */
export interface PersonaPrediction {
  /** MLP, logistic regression and the majority baseline, in that order. */
  models: Array<{ model: string; report: ClassificationReport }>;
  mlp: ClassificationReport;
  logistic: ClassificationReport;
  baseline: ClassificationReport;
  /** The persona the baseline always answers. */
  majority: string;
}

/** Train and score the persona classifiers (see the module comment). */
export async function comparePersonaPrediction(X: Matrix, personas: PersonaAssignment, opts: PersonaPredictionOptions): Promise<PersonaPrediction> {
  const rows = stratifiedSample(personas.labels, opts.rows, opts.seed);
  const k = personas.names.length;
  const y = Int32Array.from(rows, (i) => personas.labels[i]);
  const ev = await evaluateOnSplit(takeRows(X, rows), y, k, { seed: opts.seed, mlp: opts.mlp });
  ev.mlp.dispose();
  // the floor any model must beat: always answer the largest persona of the training part
  const trainCounts = new Array(k).fill(0);
  for (const i of ev.split.train) trainCounts[y[i]]++;
  const majority = trainCounts.indexOf(Math.max(...trainCounts));
  const yTest = Int32Array.from(ev.split.test, (i) => y[i]);
  const baseline = classificationReport(confusionMatrix(yTest, new Int32Array(yTest.length).fill(majority), k));
  const models = [...ev.results.map((r) => ({ model: r.model, report: r.report })), { model: `always "${personas.names[majority]}" (baseline)`, report: baseline }];
  return { models, mlp: ev.results[0].report, logistic: ev.results[1].report, baseline, majority: personas.names[majority] };
}
