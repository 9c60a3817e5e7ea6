/**
 * A teaching trace of Lloyd's K-Means: every assignment step and every update step is recorded (centres, labels,
 * inertia), from given initial centres until the assignment stops changing. This is for pictures and lessons; the
 * production estimator is `KMeans` in `cluster/`.
 *
 * Reference: S. P. Lloyd (1982), "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2):129–137.
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';

/** One recorded state of the trace. */
export interface KMeansStep {
  /** 'init' (initial centres, nothing assigned), 'assign' (rows move to their nearest centre) or 'update'
   *  (centres move to the mean of their rows). */
  phase: 'init' | 'assign' | 'update';
  /** Lloyd iteration this step belongs to (0 for init, then 1, 2, …). */
  iteration: number;
  /** k×d centres after this step. */
  centers: Matrix;
  /** Cluster of each row after this step (-1 everywhere at init). */
  labels: Int32Array;
  /** Sum of squared distances of each row to the centre of its label (NaN at init). */
  inertia: number;
  /** Rows whose label changed in this step (assign steps; 0 otherwise). */
  changed: number;
}

/** Result of {@link kmeansSteps}. */
export interface KMeansTrace {
  /** init, then alternating assign and update steps. */
  steps: KMeansStep[];
  /** The last recorded step (the converged state when `converged`). */
  final: KMeansStep;
  /** True when an assignment pass changed no label (that final no-op pass is not recorded). */
  converged: boolean;
  /** Number of Lloyd iterations recorded (assign + update pairs). */
  iterations: number;
}

/** Options of {@link kmeansSteps}. */
export interface KMeansStepsOptions {
  /** Most assign/update steps recorded after init (each counts one). Default 100. */
  maxSteps?: number;
}

/** Defaults of {@link KMeansStepsOptions}. */
export const DEFAULT_KMEANS_STEPS_OPTIONS: Required<KMeansStepsOptions> = { maxSteps: 100 };

/** Sum over rows of the squared distance to the centre of their label. O(n·d). */
function labelInertia(X: Float64Array, n: number, d: number, C: Float64Array, labels: Int32Array): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    for (let t = 0; t < d; t++) { const v = X[i * d + t] - C[c * d + t]; s += v * v; }
  }
  return s;
}

/**
 * Record Lloyd's algorithm step by step: assign every row to its nearest centre (ties → lower index), move every
 * centre to the mean of its rows (an empty cluster keeps its centre), repeat until an assignment changes nothing.
 * The inertia never increases from one recorded assign/update step to the next (each step minimizes it over labels,
 * then over centres).
 *
 * Complexity: O(n·k·d) per iteration, O(steps·(n + k·d)) memory for the record.
 * @param X n×d rows (finite). @param initialCenters k×d starting centres (1 ≤ k ≤ n).
 * @returns the trace; `steps.length` = 1 + 2·iterations (or fewer when cut by maxSteps).
 * @throws ValidationError on NaN, shapes that do not match, or maxSteps < 1.
 * @example kmeansSteps(fromRows([[0],[1],[10],[11]]), fromRows([[0],[1]])).steps.map((s) => s.inertia)
 *   // → [NaN, 181, 60.667, 21.556, 1]
 */
export function kmeansSteps(X: Matrix, initialCenters: Matrix, opts: KMeansStepsOptions = {}): KMeansTrace {
  checkMatrix(X, { name: 'X', minRows: 1 });
  checkMatrix(initialCenters, { name: 'initialCenters', minRows: 1 });
  const maxSteps = opts.maxSteps ?? DEFAULT_KMEANS_STEPS_OPTIONS.maxSteps;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new ValidationError(`maxSteps=${maxSteps} should be an integer >= 1`);
  const { rows: n, cols: d, data } = X;
  const k = initialCenters.rows;
  if (initialCenters.cols !== d) throw new ValidationError(`initialCenters has ${initialCenters.cols} columns, X has ${d}`);
  if (k > n) throw new ValidationError(`initialCenters has k=${k} rows, more than the n=${n} rows of X`);

  let C = Float64Array.from(initialCenters.data);
  let labels = new Int32Array(n).fill(-1);
  const steps: KMeansStep[] = [{ phase: 'init', iteration: 0, centers: { data: C, rows: k, cols: d }, labels, inertia: NaN, changed: 0 }];
  let iteration = 0;
  let converged = false;
  while (steps.length - 1 < maxSteps) {
    // Assignment.
    const next = new Int32Array(n);
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0, bestD = Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let t = 0; t < d; t++) { const v = data[i * d + t] - C[c * d + t]; s += v * v; }
        if (s < bestD) { bestD = s; best = c; }
      }
      next[i] = best;
      if (best !== labels[i]) changed++;
    }
    if (changed === 0) { converged = true; break; }
    iteration++;
    labels = next;
    steps.push({ phase: 'assign', iteration, centers: { data: C, rows: k, cols: d }, labels, inertia: labelInertia(data, n, d, C, labels), changed });
    if (steps.length - 1 >= maxSteps) break;
    // Update.
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      for (let t = 0; t < d; t++) sums[c * d + t] += data[i * d + t];
    }
    const moved = Float64Array.from(C);
    for (let c = 0; c < k; c++) if (counts[c] > 0) for (let t = 0; t < d; t++) moved[c * d + t] = sums[c * d + t] / counts[c];
    C = moved;
    steps.push({ phase: 'update', iteration, centers: { data: C, rows: k, cols: d }, labels, inertia: labelInertia(data, n, d, C, labels), changed: 0 });
  }
  return { steps, final: steps[steps.length - 1], converged, iterations: iteration };
}
