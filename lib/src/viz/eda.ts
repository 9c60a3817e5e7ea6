/**
 * Pure plot builders for the EDA notebook: each returns a Plotly Figure (plain data) and never shows it.
 * Histograms are binned here and box plots get precomputed quartiles, so a figure stays small whatever the rows.
 * Complexity: O(n) per histogram, O(columns) or O(p²) for the others.
 */
import { ValidationError } from '../core/errors';
import { numericColumn, type Table } from '../data/table';
import type { NumericSummary } from '../eda/summary';
import type { CategoryFrequencies } from '../eda/frequencies';
import { fixed } from '../display/format';
import type { CorrelationMatrix } from '../eda/correlation';
import type { TargetRateByCategory } from '../eda/target-rate';
import type { MissingCount } from '../eda/missing';
import { baseLayout, PALETTE, type Figure } from './figure';

/** Options of `edaHistogram`. */
export interface EdaHistogramOptions {
  /** Number of equal-width bins. */
  bins?: number;
  /** Log-scaled y axis (for heavy tails). */
  logY?: boolean;
  /** Leave out these values (e.g. a sentinel like 999) and say so in the title. */
  exclude?: readonly number[];
  title?: string;
}

/** Defaults of `edaHistogram`. */
export const DEFAULT_EDA_HISTOGRAM_OPTIONS = { bins: 40, logY: false } as const;

/**
 * Histogram of a numeric column as a bar chart of precomputed equal-width bins (missing values left out).
 * @throws ValidationError when the column is absent/not numeric or bins is not a positive integer
 */
export function edaHistogram(table: Table, column: string, opts: EdaHistogramOptions = {}): Figure {
  const bins = opts.bins ?? DEFAULT_EDA_HISTOGRAM_OPTIONS.bins;
  if (!Number.isInteger(bins) || bins < 1) throw new ValidationError(`edaHistogram: bins=${bins} should be a positive integer`);
  const v = numericColumn(table, column);
  const ex = new Set(opts.exclude ?? []);
  let lo = Infinity, hi = -Infinity, kept = 0, dropped = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) continue;
    if (ex.has(x)) { dropped++; continue; }
    kept++;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const counts = new Array<number>(kept ? bins : 0).fill(0);
  const width = kept ? (hi > lo ? (hi - lo) / bins : 1) : 1;
  for (let i = 0; i < v.length && kept; i++) {
    const x = v[i];
    if (x !== x || ex.has(x)) continue;
    counts[Math.min(bins - 1, Math.floor((x - lo) / width))]++;
  }
  const centers = counts.map((_, k) => lo + (k + 0.5) * width);
  const note = dropped ? ` (${dropped.toLocaleString('en-US')} rows = ${[...ex].join(', ')} left out)` : '';
  return {
    data: [{ type: 'bar', x: centers, y: counts, width, marker: { color: PALETTE[0] }, name: column,
      hovertemplate: `${column} %{x}<br>rows %{y}<extra></extra>` }],
    layout: baseLayout(opts.title ?? `Distribution of ${column}${note}`, {
      bargap: 0.02,
      xaxis: { title: { text: column } },
      yaxis: { title: { text: 'rows' }, type: opts.logY ? 'log' : 'linear' },
    }),
  };
}

/**
 * Box plots from precomputed summaries (quartiles; whiskers at the most extreme values within 1.5·IQR are
 * approximated by the fences clipped to min/max). Values are standardized ((x − mean)/std) when `standardize`,
 * so columns on different scales share one axis.
 */
export function edaBoxPlots(summaries: readonly NumericSummary[], opts: { standardize?: boolean; title?: string } = {}): Figure {
  const std = opts.standardize ?? true;
  const data = summaries.map((s, k) => {
    const f = (x: number): number => (std ? (s.std > 0 ? (x - s.mean) / s.std : 0) : x);
    const iqr = s.p75 - s.p25;
    return {
      type: 'box', name: s.name, x: [s.name],
      q1: [f(s.p25)], median: [f(s.median)], q3: [f(s.p75)],
      lowerfence: [f(Math.max(s.min, s.p25 - 1.5 * iqr))], upperfence: [f(Math.min(s.max, s.p75 + 1.5 * iqr))],
      mean: [f(s.mean)], boxmean: true, marker: { color: PALETTE[k % PALETTE.length] }, showlegend: false,
    };
  });
  return {
    data,
    layout: baseLayout(opts.title ?? (std ? 'Numeric columns, standardized (x − mean) / std' : 'Numeric columns'), {
      yaxis: { title: { text: std ? 'standard deviations from the mean' : 'value' }, zeroline: true },
    }),
  };
}

/** Horizontal bars of a categorical column's level counts (most frequent on top), at most `top` levels. */
export function edaCategoryBars(freq: CategoryFrequencies, opts: { top?: number; title?: string } = {}): Figure {
  const levels = freq.levels.slice(0, opts.top ?? 30).reverse();
  return {
    data: [{
      type: 'bar', orientation: 'h', y: levels.map((l) => l.level), x: levels.map((l) => l.count),
      text: levels.map((l) => `${(100 * l.share).toFixed(1)} %`), textposition: 'auto', marker: { color: PALETTE[0] },
      hovertemplate: '%{y}: %{x} rows<extra></extra>',
    }],
    layout: baseLayout(opts.title ?? `${freq.column}: rows per level${freq.missing ? ` (${freq.missing} missing)` : ''}`, {
      xaxis: { title: { text: 'rows' } }, height: Math.max(260, 40 + 22 * levels.length), margin: { l: 140, r: 20, t: 50, b: 50 },
    }),
  };
}

/** Heatmap of a correlation matrix on a fixed −1..1 diverging scale, with the r values printed. */
export function edaCorrelationHeatmap(m: CorrelationMatrix, opts: { title?: string } = {}): Figure {
  const p = m.columns.length;
  const z: Array<Array<number | null>> = [];
  const text: string[][] = [];
  for (let i = 0; i < p; i++) {
    const row: Array<number | null> = [];
    const t: string[] = [];
    for (let j = 0; j < p; j++) {
      const r = m.values[i * p + j];
      row.push(r === r ? r : null);
      t.push(r === r ? fixed(r, 2) : '');
    }
    z.push(row);
    text.push(t);
  }
  return {
    data: [{
      type: 'heatmap', x: m.columns, y: m.columns, z, text, texttemplate: '%{text}', zmin: -1, zmax: 1, zmid: 0,
      colorscale: 'RdBu', reversescale: true, colorbar: { title: { text: 'r' } },
      hovertemplate: '%{y} × %{x}: r = %{z:.3f}<extra></extra>',
    }],
    layout: baseLayout(opts.title ?? 'Pearson correlation (pairwise complete)', {
      yaxis: { autorange: 'reversed' }, height: Math.max(400, 120 + 30 * p), margin: { l: 160, r: 20, t: 50, b: 140 },
    }),
  };
}

/** Bars of the target rate per level, with a dashed line at the overall rate (descriptive). */
export function edaTargetRateBars(t: TargetRateByCategory, opts: { title?: string } = {}): Figure {
  const levels = t.levels.filter((l) => l.count > 0);
  return {
    data: [{
      type: 'bar', x: levels.map((l) => l.level), y: levels.map((l) => l.rate), marker: { color: PALETTE[2] },
      customdata: levels.map((l) => l.count), hovertemplate: '%{x}: %{y:.1%} of %{customdata} rows<extra></extra>',
    }],
    layout: baseLayout(opts.title ?? `${t.target} = ${t.positive} rate by ${t.column}`, {
      yaxis: { title: { text: `${t.target} = ${t.positive} rate` }, tickformat: '.0%' },
      shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: t.overall, y1: t.overall, line: { dash: 'dash', color: PALETTE[7] } }],
      annotations: [{ xref: 'paper', x: 1, y: t.overall, text: `overall ${(100 * t.overall).toFixed(1)} %`, showarrow: false, yanchor: 'bottom', xanchor: 'right' }],
    }),
  };
}

/** Bars of the missing share per column (only columns with missing values unless `all`). */
export function edaMissingBars(missing: readonly MissingCount[], opts: { all?: boolean; title?: string } = {}): Figure {
  const rows = missing.filter((m) => opts.all || m.missing > 0);
  return {
    data: [{
      type: 'bar', x: rows.map((m) => m.column), y: rows.map((m) => m.share), marker: { color: PALETTE[3] },
      customdata: rows.map((m) => m.missing), hovertemplate: '%{x}: %{customdata} missing (%{y:.2%})<extra></extra>',
    }],
    layout: baseLayout(opts.title ?? (rows.length ? 'Missing values per column' : 'No missing values'), {
      yaxis: { title: { text: 'share missing' }, tickformat: '.1%' },
    }),
  };
}
