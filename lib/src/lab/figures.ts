/**
 * Plot builders of the clustering comparison (pure: they return a Plotly Figure; showing is a separate step).
 */
import { ValidationError } from '../core/errors';
import { PALETTE, baseLayout, type Figure } from '../viz/figure';
import { CLUSTERING_METHOD_NAMES, type ClusteringComparison, type ClusteringMethod } from './compare';
import type { FeatureTestRow } from './feature-tests';
import type { KSelection } from './k-selection';

const METHOD_ORDER: ClusteringMethod[] = ['kmeans', 'gmm', 'ward', 'dbscan', 'kprototypes'];
const DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash'];
const METRICS = [
  { key: 'silhouette', title: 'silhouette (higher is better)' },
  { key: 'daviesBouldin', title: 'Davies–Bouldin (lower is better)' },
  { key: 'calinskiHarabasz', title: 'Calinski–Harabasz (higher is better)' },
] as const;

/**
 * Silhouette, Davies–Bouldin and Calinski–Harabasz against k in three panels, one line per method × representation
 * (colour = method, dash = representation); DBSCAN, which picks its own number of clusters, is one marker per
 * representation at the number it found. `space` chooses the own-space or the common-space scores. O(cells).
 */
export function comparisonMetricsChart(comparison: ClusteringComparison, opts: { space?: 'own' | 'common'; title?: string } = {}): Figure {
  const space = opts.space ?? 'common';
  if (space !== 'own' && space !== 'common') throw new ValidationError(`space should be 'own' or 'common', got ${JSON.stringify(space)}`);
  const reps = comparison.representations.map((r) => r.name);
  const data: Array<Record<string, unknown>> = [];
  const title = opts.title ?? (space === 'common' ? `Metrics against k in the common space (${comparison.commonSpace})` : 'Metrics against k, each in its own space (not comparable across representations)');
  const layout = baseLayout(title, { annotations: [] as unknown[], legend: { orientation: 'h', y: -0.2 }, height: 460 });
  METRICS.forEach((m, i) => {
    const ax = i === 0 ? '' : String(i + 1);
    for (const method of METHOD_ORDER) {
      reps.forEach((rep, r) => {
        const cells = comparison.cells.filter((c) => c.method === method && c.representation === rep && !c.error && Number.isFinite(c[space][m.key]));
        if (!cells.length) return;
        const color = PALETTE[METHOD_ORDER.indexOf(method)];
        const name = `${CLUSTERING_METHOD_NAMES[method]} · ${rep}`;
        const isDb = method === 'dbscan';
        data.push({
          type: 'scatter', mode: isDb ? 'markers' : 'lines+markers', name, legendgroup: name, showlegend: i === 0,
          x: cells.map((c) => (isDb ? c.nClusters : c.k)), y: cells.map((c) => c[space][m.key]),
          xaxis: `x${ax}`, yaxis: `y${ax}`,
          line: { color, dash: DASHES[r % DASHES.length], width: 1.8 },
          marker: { color, size: isDb ? 11 : 5, symbol: isDb ? 'diamond' : 'circle' },
          hovertemplate: `${name}<br>k=%{x}<br>${m.key}=%{y:.4g}<extra></extra>`,
        });
      });
    }
    const lo = i / 3 + (i ? 0.035 : 0), hi = (i + 1) / 3 - (i < 2 ? 0.035 : 0);
    layout[`xaxis${ax}`] = { domain: [lo, hi], title: { text: 'k (clusters)' }, dtick: 1, anchor: `y${ax}` };
    layout[`yaxis${ax}`] = { anchor: `x${ax}` };
    (layout.annotations as unknown[]).push({ text: m.title, x: (lo + hi) / 2, y: 1.04, xref: 'paper', yref: 'paper', showarrow: false, xanchor: 'center' });
  });
  return { data, layout };
}

/** Bootstrap stability (mean ARI), seed stability (mean and min ARI) and the lowest cluster Jaccard against k. O(k). */
export function stabilityByKChart(selection: KSelection, opts: { title?: string } = {}): Figure {
  const ks = selection.rows.map((r) => r.k);
  const line = (name: string, y: number[], color: string, dash = 'solid') => ({ type: 'scatter', mode: 'lines+markers', name, x: ks, y, line: { color, dash } });
  return {
    data: [
      line('bootstrap: mean ARI', selection.rows.map((r) => r.stability), PALETTE[0]),
      line('bootstrap: lowest cluster Jaccard', selection.rows.map((r) => r.minJaccard), PALETTE[2], 'dot'),
      line('seeds: mean ARI', selection.rows.map((r) => r.seedAri), PALETTE[1]),
      line('seeds: lowest ARI', selection.rows.map((r) => r.seedAriMin), PALETTE[3], 'dash'),
    ],
    layout: baseLayout(opts.title ?? `Stability of K-Means against k (${selection.representation}, ${selection.stabilityRows.toLocaleString('en-US')} rows)`, {
      xaxis: { title: { text: 'k' }, dtick: 1 }, yaxis: { title: { text: 'agreement (1 = identical)' }, range: [0, 1.05] },
      shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 0.75, y1: 0.75, line: { color: '#999', dash: 'dot', width: 1 } }],
      annotations: [{ xref: 'paper', x: 1, y: 0.75, text: 'Hennig: ≥ 0.75 stable', showarrow: false, xanchor: 'right', yanchor: 'bottom', font: { size: 11, color: '#777' } }],
    }),
  };
}

/** Horizontal bars of the effect size (η²) of the top features across clusters, ANOVA and Kruskal–Wallis. O(top). */
export function featureSeparationChart(rows: readonly FeatureTestRow[], opts: { top?: number; title?: string } = {}): Figure {
  const top = [...rows].slice(0, opts.top ?? 15).reverse();
  const y = top.map((r) => r.feature);
  return {
    data: [
      { type: 'bar', orientation: 'h', name: 'ANOVA η²', y, x: top.map((r) => r.etaSquared), marker: { color: PALETTE[0] } },
      { type: 'bar', orientation: 'h', name: 'Kruskal–Wallis η²', y, x: top.map((r) => r.kwEtaSquared), marker: { color: PALETTE[1] } },
    ],
    layout: baseLayout(opts.title ?? 'Which features separate the clusters (effect size η²)', {
      barmode: 'group', height: Math.max(320, 28 * top.length + 120), margin: { l: 220, r: 20, t: 50, b: 50 },
      xaxis: { title: { text: 'η² (share of variance between clusters)' }, range: [0, 1] },
    }),
  };
}
