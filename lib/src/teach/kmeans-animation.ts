/**
 * Animated Plotly figure of a K-Means teaching trace ({@link kmeansSteps}): one frame per recorded step, a play /
 * pause button and a slider. Every frame has the same traces, in this order:
 *   [0]            rows not assigned yet (grey; only the init frame has any),
 *   [1 .. k]       rows of cluster 0 .. k-1 (coloured by assignment),
 *   [k+1 .. 2k]    path of centre 0 .. k-1 so far (dotted line through its past positions),
 *   [2k+1]         the centres now (large crosses).
 */
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import { PALETTE, baseLayout, type Figure } from '../viz/figure';
import type { KMeansTrace } from './kmeans-steps';

/** Options of {@link kmeansAnimationFigure}. */
export interface KMeansAnimationOptions {
  /** Title prefix (each frame appends its step and inertia). Default 'K-Means, step by step'. */
  title?: string;
  /** Axis titles. */
  xTitle?: string;
  yTitle?: string;
  /** Milliseconds per frame when playing. Default 900. */
  frameDuration?: number;
  /** Cluster names by label (default `cluster <label>`). */
  names?: string[];
}

/** Fixed axis range of one column with 6% padding (so the view does not jump between frames). */
function paddedRange(X: Matrix, col: number): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < X.rows; i++) { const v = X.data[i * X.cols + col]; if (v < lo) lo = v; if (v > hi) hi = v; }
  const pad = (hi - lo) * 0.06 || 1;
  return [lo - pad, hi + pad];
}

/** Human label of a step: "start", "1 · assign", "1 · update". */
export function kmeansStepLabel(step: { phase: string; iteration: number }): string {
  return step.phase === 'init' ? 'start' : `${step.iteration} · ${step.phase}`;
}

/**
 * Build the animated figure. Pure. O(steps·(n + k·steps)).
 * @param X the n×d rows the trace was computed on (the first two columns are drawn).
 * @param trace output of kmeansSteps on X.
 * @returns a Figure with `frames.length === trace.steps.length` and 2k+2 traces per frame.
 * @throws ValidationError when X has fewer than 2 columns or does not match the trace.
 */
export function kmeansAnimationFigure(X: Matrix, trace: KMeansTrace, opts: KMeansAnimationOptions = {}): Figure {
  if (X.cols < 2) throw new ValidationError(`X has ${X.cols} columns, expected at least 2`);
  if (!trace.steps.length || trace.steps[0].labels.length !== X.rows) {
    throw new ValidationError(`trace has ${trace.steps[0]?.labels.length ?? 0} labels per step, X has ${X.rows} rows`);
  }
  const k = trace.steps[0].centers.rows;
  const d = X.cols;
  const cc = trace.steps[0].centers.cols;
  const titlePrefix = opts.title ?? 'K-Means, step by step';
  const duration = opts.frameDuration ?? 900;
  const name = (c: number): string => opts.names?.[c] ?? `cluster ${c}`;
  const colour = (c: number): string => PALETTE[c % PALETTE.length];

  const frames: Array<Record<string, unknown>> = trace.steps.map((step, s) => {
    const px: number[][] = Array.from({ length: k + 1 }, () => []);
    const py: number[][] = Array.from({ length: k + 1 }, () => []);
    for (let i = 0; i < X.rows; i++) {
      const g = step.labels[i] + 1; // 0 = unassigned
      px[g].push(X.data[i * d]);
      py[g].push(X.data[i * d + 1]);
    }
    const data: Array<Record<string, unknown>> = [];
    data.push({ type: 'scatter', mode: 'markers', name: 'not assigned yet', x: px[0], y: py[0], marker: { size: 7, color: '#9a9a9a', opacity: 0.8 } });
    for (let c = 0; c < k; c++) {
      data.push({ type: 'scatter', mode: 'markers', name: name(c), x: px[c + 1], y: py[c + 1], marker: { size: 7, color: colour(c), opacity: 0.75 } });
    }
    for (let c = 0; c < k; c++) {
      const x: number[] = [], y: number[] = [];
      for (let t = 0; t <= s; t++) {
        const C = trace.steps[t].centers.data;
        const cx = C[c * cc], cy = C[c * cc + 1];
        if (x.length && x[x.length - 1] === cx && y[y.length - 1] === cy) continue;
        x.push(cx); y.push(cy);
      }
      data.push({
        type: 'scatter', mode: 'lines+markers', name: `path of centre ${c}`, showlegend: false, hoverinfo: 'skip', x, y,
        line: { color: colour(c), width: 2, dash: 'dot' }, marker: { size: 5, color: colour(c) },
      });
    }
    const C = step.centers.data;
    data.push({
      type: 'scatter', mode: 'markers', name: 'centres',
      x: Array.from({ length: k }, (_, c) => C[c * cc]), y: Array.from({ length: k }, (_, c) => C[c * cc + 1]),
      marker: { symbol: 'x', size: 16, color: Array.from({ length: k }, (_, c) => colour(c)), line: { width: 1.5, color: '#000000' } },
    });
    const inertia = Number.isFinite(step.inertia) ? `, inertia ${step.inertia.toFixed(1)}` : '';
    const what = step.phase === 'init' ? 'start: initial centres' : step.phase === 'assign'
      ? `iteration ${step.iteration}: assign rows to the nearest centre` : `iteration ${step.iteration}: move centres to the mean`;
    return { name: `step ${s}`, data, traces: data.map((_, i) => i), layout: { title: { text: `${titlePrefix} — ${what}${inertia}` } } };
  });

  const first = frames[0] as { data: Array<Record<string, unknown>>; layout: Record<string, unknown> };
  const animArgs = (ms: number): Record<string, unknown> => ({ mode: 'immediate', frame: { duration: ms, redraw: true }, transition: { duration: 0 }, fromcurrent: true });
  const layout = baseLayout(undefined, {
    title: (first.layout as { title: unknown }).title,
    xaxis: { title: { text: opts.xTitle ?? 'x' }, range: paddedRange(X, 0), zeroline: false, autorange: false },
    yaxis: { title: { text: opts.yTitle ?? 'y' }, range: paddedRange(X, 1), zeroline: false, autorange: false },
    margin: { l: 60, r: 20, t: 60, b: 110 },
    legend: { itemsizing: 'constant' },
    updatemenus: [{
      type: 'buttons', direction: 'left', showactive: false, x: 0, xanchor: 'left', y: -0.2, yanchor: 'top', pad: { t: 0, r: 10 },
      buttons: [
        { label: '▶ Play', method: 'animate', args: [null, animArgs(duration)] },
        { label: '❚❚ Pause', method: 'animate', args: [[null], animArgs(0)] },
      ],
    }],
    sliders: [{
      active: 0, x: 0.2, len: 0.8, y: -0.2, yanchor: 'top', pad: { t: 0 },
      currentvalue: { prefix: 'step: ', visible: true, xanchor: 'left' },
      steps: trace.steps.map((step, s) => ({ label: kmeansStepLabel(step), method: 'animate', args: [[`step ${s}`], animArgs(0)] })),
    }],
  });
  return { data: first.data, layout, frames };
}
