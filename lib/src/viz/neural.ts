/**
 * Pure plot builders for the neural models: training curves, reconstruction error per feature, and a diagram of
 * a dense network's layer widths. Each returns a Plotly spec (Figure); showing it is a separate step.
 */
import { baseLayout, PALETTE, type Figure } from './figure';

/** Loss history as the neural estimators record it (`TrainingHistory` is compatible). */
export interface LossHistoryLike {
  loss: ArrayLike<number>;
  valLoss?: ArrayLike<number>;
  /** Epoch whose weights were kept (marked on the chart when ≥ 0). */
  bestEpoch?: number;
}

/** Options of {@link lossCurveChart}. */
export interface LossCurveChartOptions {
  title?: string;
  /** Y-axis label. Default "loss". */
  yLabel?: string;
  /** Log-scaled y axis. Default false. */
  logY?: boolean;
}

/**
 * Training and validation loss per epoch (epochs numbered from 1), with the kept epoch marked.
 * @example
 * lossCurveChart({ loss: [1, 0.5], valLoss: [1.1, 0.6] }).data.length // → 2
 */
export function lossCurveChart(history: LossHistoryLike, opts: LossCurveChartOptions = {}): Figure {
  const epochs = Array.from({ length: history.loss.length }, (_, i) => i + 1);
  const data: Array<Record<string, unknown>> = [
    { type: 'scatter', mode: 'lines+markers', name: 'training', x: epochs, y: Array.from(history.loss), line: { color: PALETTE[0] } },
  ];
  const val = history.valLoss ? Array.from(history.valLoss) : [];
  if (val.some((v) => Number.isFinite(v))) {
    data.push({ type: 'scatter', mode: 'lines+markers', name: 'validation', x: epochs, y: val.map((v) => (Number.isFinite(v) ? v : null)), line: { color: PALETTE[1] } });
  }
  const shapes: Array<Record<string, unknown>> = [];
  if (history.bestEpoch !== undefined && history.bestEpoch >= 0 && history.bestEpoch < epochs.length) {
    shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: history.bestEpoch + 1, x1: history.bestEpoch + 1, y0: 0, y1: 1, line: { dash: 'dot', color: '#888' } });
  }
  return {
    data,
    layout: baseLayout(opts.title ?? 'Training curves', {
      xaxis: { title: { text: 'epoch' } },
      yaxis: { title: { text: opts.yLabel ?? 'loss' }, type: opts.logY ? 'log' : 'linear' },
      shapes,
    }),
  };
}

/** Options of {@link reconstructionErrorChart}. */
export interface ReconstructionErrorChartOptions {
  title?: string;
  /** Sort features by error, largest first. Default true. */
  sort?: boolean;
}

/**
 * Horizontal bars of the mean squared reconstruction error per feature.
 * @param perFeature error per feature (length d).
 * @param names feature names (length d).
 * @throws Error when the lengths differ.
 */
export function reconstructionErrorChart(perFeature: ArrayLike<number>, names: readonly string[], opts: ReconstructionErrorChartOptions = {}): Figure {
  if (perFeature.length !== names.length) {
    throw new Error(`perFeature has ${perFeature.length} values but names has ${names.length}`);
  }
  const order = Array.from({ length: names.length }, (_, i) => i);
  if (opts.sort ?? true) order.sort((a, b) => perFeature[b] - perFeature[a]);
  // Plotly draws the first category at the bottom of a horizontal bar chart: reverse so the largest is on top.
  const shown = [...order].reverse();
  return {
    data: [{
      type: 'bar',
      orientation: 'h',
      x: shown.map((i) => perFeature[i]),
      y: shown.map((i) => names[i]),
      marker: { color: PALETTE[0] },
      hovertemplate: '%{y}: %{x:.4f}<extra></extra>',
    }],
    layout: baseLayout(opts.title ?? 'Reconstruction error per feature', {
      xaxis: { title: { text: 'mean squared error' } },
      yaxis: { automargin: true },
      height: Math.max(300, 22 * names.length + 100),
    }),
  };
}

/**
 * A dense network drawn as one bar per layer whose height is the layer's width (e.g. 30-64-32-8-32-64-30),
 * labelled with the widths; the narrowest layer (the bottleneck) is highlighted.
 * @param widths layer widths from input to output.
 * @param labels optional name per layer (default "input", "hidden", …, "output").
 */
export function networkArchitectureChart(widths: readonly number[], labels?: readonly string[], title = 'Network architecture'): Figure {
  if (widths.length < 2) throw new Error(`widths should list at least 2 layers, got ${widths.length}`);
  if (labels && labels.length !== widths.length) throw new Error(`labels has ${labels.length} names for ${widths.length} layers`);
  const min = Math.min(...widths.slice(1, -1));
  const names = labels ?? widths.map((_, i) => (i === 0 ? 'input' : i === widths.length - 1 ? 'output' : `layer ${i}`));
  const x = widths.map((_, i) => `${i}: ${names[i]}`);
  const colors = widths.map((w, i) => (i > 0 && i < widths.length - 1 && w === min ? PALETTE[3] : PALETTE[0]));
  return {
    data: [{
      type: 'bar',
      x,
      y: widths,
      base: widths.map((w) => -w / 2),
      text: widths.map(String),
      textposition: 'outside',
      marker: { color: colors },
      hovertemplate: '%{x}: %{text} units<extra></extra>',
    }],
    layout: baseLayout(title, {
      yaxis: { visible: false, zeroline: false },
      xaxis: { title: { text: 'layer' } },
      bargap: 0.35,
      showlegend: false,
    }),
  };
}

/** A row of a clustering comparison as `compareEmbeddingClusterings` returns it (structurally). */
export interface SpaceScoreRow {
  space: string;
  k: number;
}

/**
 * One line per feature space: a metric (default `silhouetteRef`, the silhouette in the common reference space) against
 * the number of clusters k. O(rows).
 * @example embeddingComparisonChart([{ space: 'raw', k: 2, silhouetteRef: 0.2 }]).data.length // → 1
 */
export function embeddingComparisonChart(rows: readonly SpaceScoreRow[], metric = 'silhouetteRef', opts: { title?: string; yLabel?: string } = {}): Figure {
  const spaces = [...new Set(rows.map((r) => r.space))];
  const data = spaces.map((s, i) => {
    const rs = rows.filter((r) => r.space === s).sort((a, b) => a.k - b.k);
    return {
      type: 'scatter', mode: 'lines+markers', name: s, x: rs.map((r) => r.k),
      y: rs.map((r) => {
        const v = (r as unknown as Record<string, unknown>)[metric];
        return typeof v === 'number' && Number.isFinite(v) ? v : null;
      }),
      line: { color: PALETTE[i % PALETTE.length] },
    };
  });
  return {
    data,
    layout: baseLayout(opts.title ?? `${metric} by number of clusters`, {
      xaxis: { title: { text: 'k (K-Means clusters)' }, dtick: 1 },
      yaxis: { title: { text: opts.yLabel ?? metric } },
    }),
  };
}
