/** Plot builders for clustering results (pure: they return a Plotly Figure, showing it is a separate step). */
import type { Matrix } from '../core/matrix';
import { ValidationError } from '../core/errors';
import { fixed } from '../display/format';
import { PALETTE, baseLayout, type Figure } from './figure';

/** Options of {@link clusterScatter}. */
export interface ClusterScatterOptions {
  /** Figure title. */
  title?: string;
  /** Axis titles, e.g. `PC1 (34.2%)`. */
  xTitle?: string;
  yTitle?: string;
  /** Cluster names by label (default `cluster <label>`; label -1 is "noise"). */
  names?: string[];
  /** Optional k×2 centres drawn as crosses. */
  centers?: Matrix;
  /** Marker size. Default 5. */
  markerSize?: number;
}

/**
 * 2-D scatter of points coloured by cluster (e.g. the first two principal components), one trace per cluster so the
 * legend toggles clusters; label -1 (noise) is drawn in grey. O(n).
 * @param points n×2 (or wider: the first two columns are used).  @param labels n cluster labels.
 */
export function clusterScatter(points: Matrix, labels: ArrayLike<number>, opts: ClusterScatterOptions = {}): Figure {
  if (points.cols < 2) throw new ValidationError(`points has ${points.cols} columns, expected at least 2`);
  if (labels.length !== points.rows) throw new ValidationError(`labels has ${labels.length} values, points has ${points.rows} rows`);
  const groups = new Map<number, { x: number[]; y: number[] }>();
  for (let i = 0; i < points.rows; i++) {
    const l = labels[i];
    let g = groups.get(l);
    if (!g) { g = { x: [], y: [] }; groups.set(l, g); }
    g.x.push(points.data[i * points.cols]);
    g.y.push(points.data[i * points.cols + 1]);
  }
  const data: Array<Record<string, unknown>> = [...groups.keys()].sort((a, b) => a - b).map((l) => {
    const g = groups.get(l) as { x: number[]; y: number[] };
    const name = l < 0 ? 'noise' : opts.names?.[l] ?? `cluster ${l}`;
    return {
      type: 'scattergl', mode: 'markers', name, x: g.x, y: g.y,
      marker: { size: opts.markerSize ?? 5, opacity: 0.7, color: l < 0 ? '#999999' : PALETTE[l % PALETTE.length] },
    };
  });
  if (opts.centers) {
    const c = opts.centers;
    const x: number[] = [];
    const y: number[] = [];
    for (let j = 0; j < c.rows; j++) { x.push(c.data[j * c.cols]); y.push(c.data[j * c.cols + 1]); }
    data.push({ type: 'scatter', mode: 'markers', name: 'centres', x, y, marker: { symbol: 'x', size: 12, color: '#000000', line: { width: 2 } } });
  }
  return {
    data,
    layout: baseLayout(opts.title, {
      xaxis: { title: { text: opts.xTitle ?? 'x' }, zeroline: false },
      yaxis: { title: { text: opts.yTitle ?? 'y' }, zeroline: false },
      legend: { itemsizing: 'constant' },
    }),
  };
}

/**
 * Bar chart of cluster sizes (count and share in the hover), clusters in label order; -1 shown as "noise". O(n).
 */
export function clusterSizesBar(labels: ArrayLike<number>, opts: { title?: string; names?: string[] } = {}): Figure {
  const counts = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  const keys = [...counts.keys()].sort((a, b) => a - b);
  const n = labels.length;
  const y = keys.map((l) => counts.get(l) as number);
  return {
    data: [{
      type: 'bar',
      x: keys.map((l) => (l < 0 ? 'noise' : opts.names?.[l] ?? `cluster ${l}`)),
      y,
      text: y.map((c) => `${((100 * c) / n).toFixed(1)}%`),
      textposition: 'auto',
      marker: { color: keys.map((l) => (l < 0 ? '#999999' : PALETTE[l % PALETTE.length])) },
      hovertemplate: '%{x}: %{y} rows (%{text})<extra></extra>',
    }],
    layout: baseLayout(opts.title ?? 'Cluster sizes', { xaxis: { title: { text: 'cluster' } }, yaxis: { title: { text: 'rows' } } }),
  };
}

// ---- Validity metrics, Ward and DBSCAN builders (metrics/, cluster/ward*, cluster/dbscan*) ----
import { kneedle } from '../metrics/kneedle';
import type { KScores } from '../metrics/recommend-k';
import type { DendrogramData } from '../cluster/ward-dendrogram';

/**
 * Elbow curve: inertia against k with the Kneedle knee marked (computed when `knee` is not given). O(m).
 * @param ks increasing k values; @param inertias same length.
 */
export function elbowChart(ks: readonly number[], inertias: readonly number[], opts: { knee?: number | null; title?: string } = {}): Figure {
  if (ks.length !== inertias.length) throw new ValidationError(`ks has ${ks.length} values but inertias has ${inertias.length}`);
  const knee = opts.knee !== undefined ? opts.knee : ks.length >= 3 ? kneedle(ks, inertias, { curve: 'convex', direction: 'decreasing' }).knee : null;
  const data: Array<Record<string, unknown>> = [
    { type: 'scatter', mode: 'lines+markers', name: 'inertia', x: [...ks], y: [...inertias], line: { color: PALETTE[0] } },
  ];
  const shapes: Array<Record<string, unknown>> = [];
  if (knee !== null && knee !== undefined) {
    const y = inertias[ks.indexOf(knee)];
    data.push({ type: 'scatter', mode: 'markers', name: `knee: k = ${knee}`, x: [knee], y: [y], marker: { size: 14, color: PALETTE[3], symbol: 'circle-open', line: { width: 3 } } });
    shapes.push({ type: 'line', x0: knee, x1: knee, yref: 'paper', y0: 0, y1: 1, line: { dash: 'dot', color: PALETTE[3] } });
  }
  return {
    data,
    layout: baseLayout(opts.title ?? 'Elbow: inertia against k', { xaxis: { title: { text: 'k' }, dtick: 1 }, yaxis: { title: { text: 'inertia (within-cluster SS)' } }, shapes }),
  };
}

/**
 * Silhouette, Davies–Bouldin and Calinski–Harabasz against k in three side-by-side panels, the best k of each
 * marked (max, min, max). O(m).
 */
export function metricsByKChart(rows: readonly KScores[], opts: { title?: string } = {}): Figure {
  const sorted = [...rows].sort((a, b) => a.k - b.k);
  const panels: Array<{ key: 'silhouette' | 'daviesBouldin' | 'calinskiHarabasz'; title: string; best: 'max' | 'min' }> = [
    { key: 'silhouette', title: 'silhouette (higher is better)', best: 'max' },
    { key: 'daviesBouldin', title: 'Davies–Bouldin (lower is better)', best: 'min' },
    { key: 'calinskiHarabasz', title: 'Calinski–Harabasz (higher is better)', best: 'max' },
  ];
  const data: Array<Record<string, unknown>> = [];
  const layout = baseLayout(opts.title ?? 'Validity metrics against k', { showlegend: false, annotations: [] as unknown[] });
  panels.forEach((p, i) => {
    const have = sorted.filter((r) => typeof r[p.key] === 'number');
    const x = have.map((r) => r.k), y = have.map((r) => r[p.key] as number);
    const ax = i === 0 ? '' : String(i + 1);
    data.push({ type: 'scatter', mode: 'lines+markers', name: p.key, x, y, xaxis: `x${ax}`, yaxis: `y${ax}`, line: { color: PALETTE[i] } });
    if (y.length) {
      let b = 0;
      for (let j = 1; j < y.length; j++) if (p.best === 'max' ? y[j] > y[b] : y[j] < y[b]) b = j;
      data.push({ type: 'scatter', mode: 'markers', name: `best ${p.key}`, x: [x[b]], y: [y[b]], xaxis: `x${ax}`, yaxis: `y${ax}`, marker: { size: 13, symbol: 'star', color: PALETTE[3] } });
    }
    const lo = i / 3 + (i ? 0.04 : 0), hi = (i + 1) / 3 - (i < 2 ? 0.04 : 0);
    layout[`xaxis${ax}`] = { domain: [lo, hi], title: { text: 'k' }, dtick: 1, anchor: `y${ax}` };
    layout[`yaxis${ax}`] = { anchor: `x${ax}` };
    (layout.annotations as unknown[]).push({ text: p.title, x: (lo + hi) / 2, y: 1.06, xref: 'paper', yref: 'paper', showarrow: false, xanchor: 'center' });
  });
  return { data, layout };
}

/**
 * Silhouette plot: per cluster, the per-row values sorted decreasingly as a filled band (the classic Rousseeuw
 * plot), stacked vertically with gaps, and the mean as a dashed vertical line. Noise rows (NaN) are skipped. Large
 * clusters are drawn from `maxPointsPerCluster` evenly spaced order statistics (the shape is kept). O(n log n).
 */
export function silhouettePlot(values: ArrayLike<number>, labels: ArrayLike<number>, opts: { title?: string; maxPointsPerCluster?: number } = {}): Figure {
  if (values.length !== labels.length) throw new ValidationError(`values has ${values.length} entries, labels has ${labels.length}`);
  const maxPts = opts.maxPointsPerCluster ?? 2000;
  const groups = new Map<number, number[]>();
  let sum = 0, cnt = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (labels[i] < 0 || Number.isNaN(v)) continue;
    let g = groups.get(labels[i]);
    if (!g) { g = []; groups.set(labels[i], g); }
    g.push(v); sum += v; cnt++;
  }
  const mean = cnt ? sum / cnt : NaN;
  const data: Array<Record<string, unknown>> = [];
  let offset = 0;
  const tickvals: number[] = [], ticktext: string[] = [];
  for (const l of [...groups.keys()].sort((a, b) => a - b)) {
    const g = (groups.get(l) as number[]).sort((a, b) => b - a);
    const m = Math.min(g.length, maxPts);
    const x: number[] = [], y: number[] = [];
    for (let j = 0; j < m; j++) {
      const idx = m === g.length ? j : Math.round((j * (g.length - 1)) / (m - 1 || 1));
      x.push(g[idx]); y.push(offset + (idx + 0.5));
    }
    const gm = g.reduce((a, b) => a + b, 0) / g.length;
    data.push({ type: 'scatter', mode: 'lines', fill: 'tozerox', name: `cluster ${l} (n=${g.length}, mean ${gm.toFixed(3)})`, x, y, line: { width: 0.5, color: PALETTE[l % PALETTE.length] } });
    tickvals.push(offset + g.length / 2); ticktext.push(String(l));
    offset += g.length + Math.max(1, Math.round(cnt * 0.02));
  }
  return {
    data,
    layout: baseLayout(opts.title ?? `Silhouette per cluster (mean ${Number.isNaN(mean) ? '–' : mean.toFixed(3)})`, {
      xaxis: { title: { text: 'silhouette value' }, range: [-1, 1] },
      yaxis: { title: { text: 'cluster' }, tickvals, ticktext, autorange: 'reversed' },
      shapes: Number.isNaN(mean) ? [] : [{ type: 'line', x0: mean, x1: mean, yref: 'paper', y0: 0, y1: 1, line: { dash: 'dash', color: '#D55E00' } }],
    }),
  };
}

/** Dendrogram from {@link DendrogramData} with an optional horizontal cut line (e.g. the height giving k clusters). O(merges). */
export function dendrogramChart(dd: DendrogramData, opts: { cutHeight?: number; title?: string } = {}): Figure {
  const x: Array<number | null> = [], y: Array<number | null> = [];
  dd.icoord.forEach((xs, i) => { x.push(...xs, null); y.push(...dd.dcoord[i], null); });
  const data: Array<Record<string, unknown>> = [{ type: 'scatter', mode: 'lines', name: 'merges', x, y, line: { color: PALETTE[0], width: 1.5 }, hoverinfo: 'y' }];
  const shapes: Array<Record<string, unknown>> = [];
  if (opts.cutHeight !== undefined) {
    shapes.push({ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: opts.cutHeight, y1: opts.cutHeight, line: { dash: 'dash', color: PALETTE[3] } });
  }
  return {
    data,
    layout: baseLayout(opts.title ?? 'Ward dendrogram', {
      showlegend: false,
      xaxis: { tickvals: dd.leafX, ticktext: dd.leafLabels, title: { text: 'rows (or cluster sizes)' } },
      yaxis: { title: { text: 'Ward height √(2Δ)' } },
      shapes,
    }),
  };
}

/** Sorted k-distance curve with the chosen eps marked (a horizontal line and the knee point). O(n). */
export function kDistanceChart(kDistances: ArrayLike<number>, eps: number, opts: { k?: number; kneeIndex?: number; title?: string; maxPoints?: number } = {}): Figure {
  const n = kDistances.length;
  const maxPts = opts.maxPoints ?? 5000;
  const step = Math.max(1, Math.ceil(n / maxPts));
  const x: number[] = [], y: number[] = [];
  for (let i = 0; i < n; i += step) { x.push(i); y.push(kDistances[i]); }
  if (n && x[x.length - 1] !== n - 1) { x.push(n - 1); y.push(kDistances[n - 1]); }
  const data: Array<Record<string, unknown>> = [{ type: 'scatter', mode: 'lines', name: `${opts.k ?? 'k'}-distance`, x, y, line: { color: PALETTE[0] } }];
  if (opts.kneeIndex !== undefined && opts.kneeIndex >= 0) {
    data.push({ type: 'scatter', mode: 'markers', name: 'knee', x: [opts.kneeIndex], y: [kDistances[opts.kneeIndex]], marker: { size: 12, color: PALETTE[3] } });
  }
  return {
    data,
    layout: baseLayout(opts.title ?? `k-distance curve (eps = ${eps.toPrecision(3)})`, {
      xaxis: { title: { text: 'rows sorted by k-distance' } },
      yaxis: { title: { text: `distance to the ${opts.k ?? 'k'}-th nearest row` } },
      shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: eps, y1: eps, line: { dash: 'dash', color: PALETTE[3] } }],
    }),
  };
}

/** Heatmap of a square stability matrix (e.g. pairwise ARI across seeds), values printed in the cells. O(s²). */
export function stabilityHeatmap(ari: ArrayLike<number>, names: readonly string[], opts: { title?: string } = {}): Figure {
  const s = names.length;
  if (ari.length !== s * s) throw new ValidationError(`ari has ${ari.length} values, expected ${s}×${s} for ${s} names`);
  const z: number[][] = [];
  for (let i = 0; i < s; i++) z.push(Array.from({ length: s }, (_, j) => ari[i * s + j]));
  return {
    data: [{ type: 'heatmap', z, x: [...names], y: [...names], zmin: 0, zmax: 1, colorscale: 'Viridis', text: z.map((r) => r.map((v) => v.toFixed(2))), texttemplate: '%{text}', colorbar: { title: { text: 'ARI' } } }],
    layout: baseLayout(opts.title ?? 'Stability: adjusted Rand index between runs', { yaxis: { autorange: 'reversed' } }),
  };
}
