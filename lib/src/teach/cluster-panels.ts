/**
 * Side-by-side scatter panels (Plotly subplots through axis domains: panel i draws on xaxis{i}/yaxis{i}), each
 * coloured by its own labels, for comparisons such as bad init vs k-means++, unscaled vs standardized, or K-Means
 * vs DBSCAN. A panel may carry Gaussian ellipses (e.g. a fitted GMM's 1- and 2-sigma contours).
 */
import { ValidationError } from '../core/errors';
import type { Matrix } from '../core/matrix';
import { PALETTE, baseLayout, type Figure } from '../viz/figure';
import { covarianceEllipse } from './ellipse';

/** Gaussian components drawn as ellipses on a panel. */
export interface PanelEllipses {
  /** k×2 means. */
  means: Matrix;
  /** k covariances, each 2×2. */
  covariances: Matrix[];
  /** Mahalanobis radii drawn (default [1, 2]: the 1- and 2-sigma ellipses). */
  sigmas?: number[];
}

/** One panel of {@link clusterPanels}. */
export interface ClusterPanel {
  /** n×2 (or wider: the first two columns are drawn). */
  X: Matrix;
  /** Label of each row (-1 = noise, grey). */
  labels: ArrayLike<number>;
  /** Panel title (drawn above the panel). */
  title: string;
  /** Optional k×2 centres, drawn as black crosses. */
  centers?: Matrix;
  /** Optional ellipses. */
  ellipses?: PanelEllipses;
  /** Axis titles of this panel. */
  xTitle?: string;
  yTitle?: string;
}

/** Options of {@link clusterPanels}. */
export interface ClusterPanelsOptions {
  /** Figure title. */
  title?: string;
  /** Panels per row. Default: all panels in one row. */
  columns?: number;
  /** Height in pixels. Default 420 per row + 40 (+ 80 with a title). */
  height?: number;
  /** Cluster names by label (default `cluster <label>`; -1 is "noise"). */
  names?: string[];
  /** Marker size. Default 6. */
  markerSize?: number;
}

const GAP_X = 0.07;
const GAP_Y = 0.14;

/** Domain [lo, hi] of cell `i` among `m` cells with gaps `gap` between them. */
export function panelDomain(i: number, m: number, gap: number): [number, number] {
  const w = (1 - gap * (m - 1)) / m;
  const lo = i * (w + gap);
  return [Number(lo.toFixed(6)), Number((lo + w).toFixed(6))];
}

/**
 * Build the subplot figure. Pure. O(total rows).
 * Traces: per panel, one trace per label (sorted; the legend shows each label once and toggles it in every panel),
 * then the centres, then the ellipses (one dark-grey trace per component and radius, drawn over the points).
 * @throws ValidationError on no panels, label/row count mismatches, fewer than 2 columns.
 */
export function clusterPanels(panels: readonly ClusterPanel[], opts: ClusterPanelsOptions = {}): Figure {
  if (!panels.length) throw new ValidationError('panels is empty: give at least one panel');
  const m = panels.length;
  const cols = opts.columns ?? m;
  if (!Number.isInteger(cols) || cols < 1) throw new ValidationError(`columns=${cols} should be a positive integer`);
  const rows = Math.ceil(m / cols);
  const data: Array<Record<string, unknown>> = [];
  const layoutExtra: Record<string, unknown> = {};
  const annotations: Array<Record<string, unknown>> = [];
  const seen = new Set<number>();
  const name = (l: number): string => (l < 0 ? 'noise' : opts.names?.[l] ?? `cluster ${l}`);
  const colour = (l: number): string => (l < 0 ? '#999999' : PALETTE[l % PALETTE.length]);
  panels.forEach((p, i) => {
    const { X, labels } = p;
    if (X.cols < 2) throw new ValidationError(`panel ${i} ("${p.title}"): X has ${X.cols} columns, expected at least 2`);
    if (labels.length !== X.rows) throw new ValidationError(`panel ${i} ("${p.title}"): labels has ${labels.length} values, X has ${X.rows} rows`);
    const suffix = i === 0 ? '' : String(i + 1);
    const xa = `x${suffix}`, ya = `y${suffix}`;
    const r = Math.floor(i / cols), c = i % cols;
    const xd = panelDomain(c, cols, GAP_X);
    const yCell = panelDomain(rows - 1 - r, rows, GAP_Y);
    layoutExtra[`xaxis${suffix}`] = { domain: xd, anchor: ya, title: { text: p.xTitle ?? '' }, zeroline: false };
    layoutExtra[`yaxis${suffix}`] = { domain: yCell, anchor: xa, title: { text: p.yTitle ?? '' }, zeroline: false };
    annotations.push({
      text: `<b>${p.title}</b>`, xref: 'paper', yref: 'paper', x: (xd[0] + xd[1]) / 2, y: yCell[1], xanchor: 'center', yanchor: 'bottom',
      yshift: 6, showarrow: false, font: { size: 14 },
    });
    const groups = new Map<number, { x: number[]; y: number[] }>();
    for (let q = 0; q < X.rows; q++) {
      const l = labels[q];
      let g = groups.get(l);
      if (!g) { g = { x: [], y: [] }; groups.set(l, g); }
      g.x.push(X.data[q * X.cols]);
      g.y.push(X.data[q * X.cols + 1]);
    }
    for (const l of [...groups.keys()].sort((a, b) => a - b)) {
      const g = groups.get(l) as { x: number[]; y: number[] };
      data.push({
        type: 'scatter', mode: 'markers', name: name(l), legendgroup: name(l), showlegend: !seen.has(l), xaxis: xa, yaxis: ya,
        x: g.x, y: g.y, marker: { size: opts.markerSize ?? 6, opacity: 0.75, color: colour(l) },
      });
      seen.add(l);
    }
    if (p.centers) {
      const C = p.centers;
      data.push({
        type: 'scatter', mode: 'markers', name: 'centres', legendgroup: 'centres', showlegend: !seen.has(-1000), xaxis: xa, yaxis: ya,
        x: Array.from({ length: C.rows }, (_, j) => C.data[j * C.cols]), y: Array.from({ length: C.rows }, (_, j) => C.data[j * C.cols + 1]),
        marker: { symbol: 'x', size: 14, color: '#000000', line: { width: 2 } },
      });
      seen.add(-1000);
    }
    if (p.ellipses) {
      const e = p.ellipses;
      if (e.covariances.length !== e.means.rows) throw new ValidationError(`panel ${i}: ${e.means.rows} means but ${e.covariances.length} covariances`);
      for (let j = 0; j < e.means.rows; j++) {
        const S = e.covariances[j];
        if (S.rows < 2 || S.cols < 2) throw new ValidationError(`panel ${i}: covariance ${j} is ${S.rows}×${S.cols}, expected 2×2`);
        const mean = [e.means.data[j * e.means.cols], e.means.data[j * e.means.cols + 1]];
        const cov = [[S.data[0], S.data[1]], [S.data[S.cols], S.data[S.cols + 1]]];
        for (const s of e.sigmas ?? [1, 2]) {
          const pts = covarianceEllipse(mean, cov, s);
          data.push({
            type: 'scatter', mode: 'lines', name: `${s}σ ellipse`, legendgroup: `${s}σ`, showlegend: !seen.has(-2000 - s), hoverinfo: 'skip',
            xaxis: xa, yaxis: ya, x: pts.x, y: pts.y, line: { color: '#333333', width: s === 1 ? 2 : 1.5, dash: s === 1 ? 'solid' : 'dash' },
          });
          seen.add(-2000 - s);
        }
      }
    }
  });
  const height = opts.height ?? 420 * rows + (opts.title ? 80 : 40);
  return {
    data,
    layout: baseLayout(opts.title, {
      ...layoutExtra, annotations, height, legend: { itemsizing: 'constant' },
      margin: { l: 60, r: 20, t: opts.title ? 100 : 64, b: 50 },
    }),
  };
}
