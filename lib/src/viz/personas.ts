/**
 * Plot builders for personas, profiles and classifier evaluation (pure: they return a Plotly Figure).
 */
import { ValidationError } from '../core/errors';
import type { PersonaCard } from '../personas/cards';
import type { CrossTab } from '../personas/crosstab';
import type { ConfusionMatrix } from '../personas/eval/confusion';
import type { RocOneVsRest } from '../personas/eval/roc';
import type { SegmentProfiles } from '../personas/profile';
import { PALETTE, baseLayout, type Figure } from './figure';

/** A diverging colour scale for z-scores (blue below, red above the average). */
const DIVERGING: Array<[number, string]> = [[0, '#2166AC'], [0.25, '#92C5DE'], [0.5, '#F7F7F7'], [0.75, '#F4A582'], [1, '#B2182B']];
const SEQUENTIAL: Array<[number, string]> = [[0, '#F7FBFF'], [0.5, '#6BAED6'], [1, '#08306B']];

const round = (x: number, d = 2) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

/**
 * Radar chart (scatterpolar) of persona cards' standardized scores, one closed trace per card.
 * Pass one card for a per-persona chart. O(cards · axes).
 */
export function personaRadarChart(cards: ReadonlyArray<Pick<PersonaCard, 'name' | 'color' | 'radar'>>, opts: { title?: string } = {}): Figure {
  if (cards.length === 0) throw new ValidationError('cards is empty');
  const data = cards.map((c, i) => {
    const theta = [...c.radar.features, c.radar.features[0]];
    const r = [...c.radar.values, c.radar.values[0]].map((v) => round(v));
    return {
      type: 'scatterpolar', name: c.name, theta, r, fill: 'toself', opacity: 0.6,
      line: { color: c.color || PALETTE[i % PALETTE.length] },
      hovertemplate: '%{theta}: z = %{r}<extra>' + c.name + '</extra>',
    };
  });
  let lim = 1;
  for (const c of cards) for (const v of c.radar.values) if (Number.isFinite(v)) lim = Math.max(lim, Math.abs(v));
  return {
    data,
    layout: baseLayout(opts.title ?? 'Persona profiles (z-score against all customers)', {
      polar: { radialaxis: { visible: true, range: [-lim, lim], title: { text: 'z' } } },
      showlegend: cards.length > 1,
    }),
  };
}

/**
 * Heatmap of the segment × feature z-scores of a profile (colour centred on 0), with the segment means in original
 * units in the hover text. O(k·p).
 */
export function profileHeatmap(profile: SegmentProfiles, opts: { title?: string; features?: readonly string[]; clip?: number } = {}): Figure {
  const features = opts.features ?? profile.numericFeatures;
  const idx = features.map((f) => {
    const j = profile.numericFeatures.indexOf(f);
    if (j < 0) throw new ValidationError(`feature "${f}" is not a numeric feature of the profile`);
    return j;
  });
  const clip = opts.clip ?? 3;
  const z = profile.segments.map((s) => idx.map((j) => round(Math.max(-clip, Math.min(clip, s.numeric[j].z)))));
  const text = profile.segments.map((s) => idx.map((j) => `mean ${round(s.numeric[j].mean, 3)} (all: ${round(profile.population[j].mean, 3)}), z ${round(s.numeric[j].z)}`));
  return {
    data: [{
      type: 'heatmap', x: [...features], y: profile.segments.map((s) => `${s.name} (${(s.share * 100).toFixed(1)}%)`), z, text,
      hovertemplate: '%{y}<br>%{x}: %{text}<extra></extra>', colorscale: DIVERGING, zmid: 0, zmin: -clip, zmax: clip,
      colorbar: { title: { text: 'z' } },
    }],
    layout: baseLayout(opts.title ?? 'Segment profiles: z-score of the segment mean', {
      xaxis: { tickangle: -45, automargin: true }, yaxis: { automargin: true, autorange: 'reversed' },
    }),
  };
}

/**
 * Confusion-matrix heatmap: rows true class, columns predicted; cells show counts and, with `normalize: 'true'`,
 * colour by the row share (recall per class). O(K²).
 */
export function confusionMatrixHeatmap(cm: ConfusionMatrix, opts: { classNames?: readonly string[]; normalize?: 'true' | 'none'; title?: string } = {}): Figure {
  const k = cm.k;
  const names = Array.from({ length: k }, (_, c) => opts.classNames?.[c] ?? `class ${c}`);
  const counts: number[][] = [], shares: number[][] = [];
  for (let t = 0; t < k; t++) {
    const row = Array.from(cm.counts.subarray(t * k, (t + 1) * k));
    const tot = row.reduce((s, v) => s + v, 0);
    counts.push(row);
    shares.push(row.map((v) => (tot > 0 ? v / tot : 0)));
  }
  const norm = (opts.normalize ?? 'true') === 'true';
  const text = counts.map((row, t) => row.map((v, p) => (norm ? `${v}<br>${(shares[t][p] * 100).toFixed(1)}%` : String(v))));
  return {
    data: [{
      type: 'heatmap', x: names, y: names, z: norm ? shares.map((r) => r.map((v) => round(v, 4))) : counts, text,
      texttemplate: '%{text}', hovertemplate: 'true %{y}<br>predicted %{x}<br>%{text}<extra></extra>',
      colorscale: SEQUENTIAL, zmin: 0, zmax: norm ? 1 : undefined, colorbar: { title: { text: norm ? 'row share' : 'rows' } },
    }],
    layout: baseLayout(opts.title ?? 'Confusion matrix', {
      xaxis: { title: { text: 'predicted' }, type: 'category' }, yaxis: { title: { text: 'true' }, type: 'category', autorange: 'reversed' },
    }),
  };
}

/** One-vs-rest ROC curves with their AUC in the legend, and the chance diagonal. O(Σ curve points). */
export function rocCurvesChart(roc: RocOneVsRest, opts: { classNames?: readonly string[]; title?: string } = {}): Figure {
  const data: Array<Record<string, unknown>> = roc.curves.map((c, k) => ({
    type: 'scatter', mode: 'lines', name: `${opts.classNames?.[k] ?? `class ${k}`} (AUC ${Number.isFinite(c.auc) ? c.auc.toFixed(3) : 'n/a'})`,
    x: c.fpr.map((v) => round(v, 5)), y: c.tpr.map((v) => round(v, 5)), line: { color: PALETTE[k % PALETTE.length], width: 2 },
  }));
  data.push({ type: 'scatter', mode: 'lines', name: 'chance', x: [0, 1], y: [0, 1], line: { dash: 'dash', color: '#999999', width: 1 }, hoverinfo: 'skip' });
  return {
    data,
    layout: baseLayout(opts.title ?? `ROC curves, one vs rest (macro AUC ${Number.isFinite(roc.macroAuc) ? roc.macroAuc.toFixed(3) : 'n/a'})`, {
      xaxis: { title: { text: 'false positive rate' }, range: [0, 1] },
      yaxis: { title: { text: 'true positive rate' }, range: [0, 1.02] },
    }),
  };
}

/** Heatmap of a cross-tabulation coloured by row share (default) or count, counts in the cells. O(R·C). */
export function crossTabHeatmap(ct: CrossTab, opts: { color?: 'rowShare' | 'count'; title?: string; rowTitle?: string; colTitle?: string } = {}): Figure {
  const byShare = (opts.color ?? 'rowShare') === 'rowShare';
  const text = ct.counts.map((row, r) => row.map((v, c) => `${v}<br>${(ct.rowShares[r][c] * 100).toFixed(1)}%`));
  return {
    data: [{
      type: 'heatmap', x: [...ct.colNames], y: [...ct.rowNames], z: byShare ? ct.rowShares.map((r) => r.map((v) => round(v, 4))) : ct.counts.map((r) => [...r]),
      text, texttemplate: '%{text}', hovertemplate: '%{y} × %{x}<br>%{text}<extra></extra>',
      colorscale: SEQUENTIAL, zmin: 0, zmax: byShare ? 1 : undefined, colorbar: { title: { text: byShare ? 'row share' : 'rows' } },
    }],
    layout: baseLayout(opts.title ?? 'Cross-tabulation', {
      xaxis: { title: { text: opts.colTitle ?? '' }, type: 'category', automargin: true },
      yaxis: { title: { text: opts.rowTitle ?? '' }, type: 'category', autorange: 'reversed', automargin: true },
    }),
  };
}
