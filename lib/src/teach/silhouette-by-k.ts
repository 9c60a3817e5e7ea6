/** Line chart of the mean silhouette against k, the best k marked (pure builder over {@link kmeansKSweep}'s result). */
import { ValidationError } from '../core/errors';
import { PALETTE, baseLayout, type Figure } from '../viz/figure';

/**
 * Mean silhouette against k (k = 1, where it is undefined, is left out), with a star on the highest. O(m).
 * @param ks increasing k values. @param silhouette mean silhouette for each k (NaN = undefined, skipped).
 */
export function silhouetteByKChart(ks: readonly number[], silhouette: readonly number[], opts: { title?: string } = {}): Figure {
  if (ks.length !== silhouette.length) throw new ValidationError(`ks has ${ks.length} values but silhouette has ${silhouette.length}`);
  const x: number[] = [], y: number[] = [];
  ks.forEach((k, i) => { if (Number.isFinite(silhouette[i])) { x.push(k); y.push(silhouette[i]); } });
  const data: Array<Record<string, unknown>> = [{ type: 'scatter', mode: 'lines+markers', name: 'mean silhouette', x, y, line: { color: PALETTE[2] } }];
  if (y.length) {
    let b = 0;
    for (let j = 1; j < y.length; j++) if (y[j] > y[b]) b = j;
    data.push({ type: 'scatter', mode: 'markers', name: `best: k = ${x[b]}`, x: [x[b]], y: [y[b]], marker: { size: 15, symbol: 'star', color: PALETTE[3] } });
  }
  return {
    data,
    layout: baseLayout(opts.title ?? 'Mean silhouette against k (higher is better)', {
      xaxis: { title: { text: 'k' }, dtick: 1 }, yaxis: { title: { text: 'mean silhouette' } },
    }),
  };
}
