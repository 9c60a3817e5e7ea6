/**
 * Pure plot builders for the features notebook: skewness before/after, a column's histogram before/after, correlation
 * heatmaps before/after selection, and the selection report. Each returns a Plotly `Figure`; showing is separate.
 */
import type { Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { baseLayout, PALETTE, type Figure } from './figure';

/** One column's skewness before and after the skew step (as `DatasetPipeline.skewChanges`). */
export interface SkewBar { readonly column: string; readonly before: number; readonly after: number }

/**
 * Grouped horizontal bars of skewness before and after transformation, one pair per column, sorted by |before|.
 * Complexity: O(c log c).
 * @example skewBeforeAfterChart([{column: 'campaign', before: 4.8, after: 0.3}]).data.length // 2
 */
export function skewBeforeAfterChart(rows: readonly SkewBar[], title = 'Skewness before and after transformation'): Figure {
  const s = [...rows].filter((r) => Number.isFinite(r.before)).sort((a, b) => Math.abs(a.before) - Math.abs(b.before));
  const y = s.map((r) => r.column);
  return {
    data: [
      { type: 'bar', orientation: 'h', name: 'before', y, x: s.map((r) => r.before), marker: { color: PALETTE[1] } },
      { type: 'bar', orientation: 'h', name: 'after', y, x: s.map((r) => r.after), marker: { color: PALETTE[0] } },
    ],
    layout: baseLayout(title, {
      barmode: 'group', height: Math.max(300, 40 + 28 * s.length), xaxis: { title: { text: 'skewness (g1)' }, zeroline: true },
      margin: { l: 180, r: 20, t: 50, b: 50 },
    }),
  };
}

/**
 * Two histograms side by side: a column before and after a transformation (NaN dropped).
 * Complexity: O(n) (Plotly bins the values).
 */
export function histogramBeforeAfterChart(column: string, before: ArrayLike<number>, after: ArrayLike<number>, nbins = 40): Figure {
  const clean = (v: ArrayLike<number>) => Array.from(v).filter((x) => Number.isFinite(x));
  return {
    data: [
      { type: 'histogram', name: 'before', x: clean(before), nbinsx: nbins, marker: { color: PALETTE[1] }, xaxis: 'x', yaxis: 'y' },
      { type: 'histogram', name: 'after', x: clean(after), nbinsx: nbins, marker: { color: PALETTE[0] }, xaxis: 'x2', yaxis: 'y2' },
    ],
    layout: baseLayout(`${column}: before and after`, {
      grid: { rows: 1, columns: 2, pattern: 'independent' },
      xaxis: { title: { text: 'before' } }, xaxis2: { title: { text: 'after' } },
      yaxis: { title: { text: 'rows' } }, showlegend: false, height: 320,
    }),
  };
}

/**
 * A correlation heatmap (diverging scale fixed to [−1, 1]).
 * Complexity: O(d²).
 * @throws ValidationError when `names` does not match the matrix size.
 */
export function correlationHeatmapChart(R: Matrix, names: readonly string[], title = 'Correlation'): Figure {
  if (R.rows !== R.cols || names.length !== R.rows) throw new ValidationError(`correlationHeatmapChart: R is ${R.rows}×${R.cols}, ${names.length} names`);
  return {
    data: [heatTrace(R, names, 'x', 'y', true)],
    layout: baseLayout(title, { height: Math.max(400, 16 * names.length + 150), yaxis: { autorange: 'reversed' }, margin: { l: 160, r: 20, t: 50, b: 160 } }),
  };
}

function heatTrace(R: Matrix, names: readonly string[], xaxis: string, yaxis: string, showscale: boolean): Record<string, unknown> {
  const z: number[][] = [];
  for (let i = 0; i < R.rows; i++) z.push(Array.from(R.data.subarray(i * R.cols, (i + 1) * R.cols), (v) => Math.round(v * 1000) / 1000));
  return { type: 'heatmap', z, x: [...names], y: [...names], zmin: -1, zmax: 1, colorscale: 'RdBu', reversescale: true, showscale, xaxis, yaxis };
}

/**
 * Correlation heatmaps before and after selection, side by side.
 * Complexity: O(d²).
 */
export function correlationBeforeAfterChart(before: { R: Matrix; names: readonly string[] }, after: { R: Matrix; names: readonly string[] }): Figure {
  for (const [k, v] of [['before', before], ['after', after]] as const) {
    if (v.R.rows !== v.names.length) throw new ValidationError(`correlationBeforeAfterChart: ${k} R is ${v.R.rows}×${v.R.cols}, ${v.names.length} names`);
  }
  const d = Math.max(before.names.length, after.names.length);
  return {
    data: [heatTrace(before.R, before.names, 'x', 'y', false), heatTrace(after.R, after.names, 'x2', 'y2', true)],
    layout: baseLayout('Correlation before and after selection', {
      grid: { rows: 1, columns: 2, pattern: 'independent' },
      yaxis: { autorange: 'reversed', showticklabels: d <= 60 }, yaxis2: { autorange: 'reversed', showticklabels: false },
      xaxis: { showticklabels: false, title: { text: `before (${before.names.length} features)` } },
      xaxis2: { showticklabels: false, title: { text: `after (${after.names.length} features)` } },
      height: 520, margin: { l: 160, r: 20, t: 50, b: 50 },
    }),
  };
}

/** A row of a selection report (as `FeatureSelectionResult.report`). */
export interface SelectionBar { readonly feature: string; readonly stage: string; readonly reason: string; readonly value: number | null }

/**
 * Counts of kept and dropped features per stage (bars), with every dropped feature and its reason on hover.
 * Complexity: O(r).
 * @example selectionReportChart(3, [{feature: 'x', stage: 'vif', reason: '…', value: 12}]).data[0].y // [3, 0, 0, 1]
 */
export function selectionReportChart(keptCount: number, report: readonly SelectionBar[], title = 'Feature selection'): Figure {
  const stages = ['variance', 'correlation', 'vif'];
  const labels = ['kept', ...stages.map((s) => `dropped: ${s}`)];
  const counts = [keptCount, ...stages.map((s) => report.filter((r) => r.stage === s).length)];
  const hover = ['', ...stages.map((s) => report.filter((r) => r.stage === s).map((r) => `${r.feature}: ${r.reason}`).join('<br>'))];
  return {
    data: [{ type: 'bar', x: labels, y: counts, text: counts.map(String), textposition: 'auto', hovertext: hover, hoverinfo: 'text',
      marker: { color: [PALETTE[2], PALETTE[1], PALETTE[3], PALETTE[4]] } }],
    layout: baseLayout(title, { yaxis: { title: { text: 'features' } }, height: 360 }),
  };
}
