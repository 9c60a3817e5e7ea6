/**
 * The comparison grid as table rows (one record per cell) and as a sortable HTML table: the report's script sorts a
 * `table.sortable` by the clicked column (numbers numerically, blanks last), so every column of the grid can be ranked.
 */
import { emitDisplay } from '../display/channel';
import { audienceMetadata, tableHtml, type TableOptions } from '../display/table';
import { CLUSTERING_METHOD_NAMES, type ClusteringComparison } from './compare';

/** One row of the comparison table. */
export interface ComparisonRow {
  representation: string;
  method: string;
  k: number | string;
  clusters: number;
  'noise %': number;
  'smallest %': number;
  seconds: number;
  'silhouette (own)': number;
  'DB (own)': number;
  'CH (own)': number;
  'silhouette (common)': number;
  'DB (common)': number;
  'CH (common)': number;
  inertia: number | null;
  BIC: number | null;
  /** How the cell was computed (only with `{ notes: true }`: notes are long, see {@link comparisonNotes}). */
  note?: string;
}

/** One record per cell (NaN scores become null so they show blank); the long notes only with `notes: true`. O(cells). */
export function comparisonRows(comparison: ClusteringComparison, opts: { notes?: boolean } = {}): ComparisonRow[] {
  const num = (v: number) => (Number.isFinite(v) ? v : (null as unknown as number));
  return comparison.cells.map((c) => ({
    representation: c.representation,
    method: CLUSTERING_METHOD_NAMES[c.method],
    k: c.k ?? 'auto',
    clusters: c.nClusters,
    'noise %': 100 * c.noiseShare,
    'smallest %': 100 * c.smallestShare,
    seconds: c.seconds,
    'silhouette (own)': num(c.own.silhouette),
    'DB (own)': num(c.own.daviesBouldin),
    'CH (own)': num(c.own.calinskiHarabasz),
    'silhouette (common)': num(c.common.silhouette),
    'DB (common)': num(c.common.daviesBouldin),
    'CH (common)': num(c.common.calinskiHarabasz),
    inertia: c.inertia,
    BIC: c.bic,
    ...(opts.notes ? { note: c.note } : {}),
  }));
}

/** How each method ran on each representation: the note of its first cell (k-specific parts such as gamma vary). O(cells). */
export function comparisonNotes(comparison: ClusteringComparison): Array<{ representation: string; method: string; note: string }> {
  const seen = new Set<string>();
  const out: Array<{ representation: string; method: string; note: string }> = [];
  for (const c of comparison.cells) {
    const key = `${c.representation}\u0000${c.method}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ representation: c.representation, method: CLUSTERING_METHOD_NAMES[c.method], note: c.note });
  }
  return out;
}

/** Decimals per column of the comparison table: enough to rank, few enough that 15 columns fit a page. */
export const COMPARISON_COLUMN_DIGITS: Readonly<Record<string, number>> = Object.freeze({
  'noise %': 1, 'smallest %': 1, seconds: 2,
  'silhouette (own)': 3, 'DB (own)': 2, 'CH (own)': 0,
  'silhouette (common)': 3, 'DB (common)': 2, 'CH (common)': 0,
  inertia: 0, BIC: 0,
});

/**
 * An HTML table with class `sortable` (click a header to sort, blanks last) of any records: every row is carried,
 * those past `maxRows` (default 20) folded behind "show all".
 * @example sortableTableHtml([{a: 1}, {a: 2}]).html // '<div class="seglab-table" …><table class="dataframe sortable">…'
 */
export function sortableTableHtml(records: readonly object[], opts: TableOptions = {}): { html: string; text: string } {
  return tableHtml(records, { index: false, ...opts, sortable: true, foldLimit: Math.max(opts.foldLimit ?? 0, records.length) });
}

/**
 * Show the comparison grid as one sortable table (first 20 rows, "show all"), with the decimals of
 * {@link COMPARISON_COLUMN_DIGITS}; a diagnostic table, so the business report leaves it out.
 */
export function showComparisonTable(comparison: ClusteringComparison, opts: TableOptions = {}): void {
  const { html, text } = sortableTableHtml(comparisonRows(comparison), { columnDigits: { ...COMPARISON_COLUMN_DIGITS }, ...opts });
  emitDisplay({ data: { 'text/html': html, 'text/plain': text }, metadata: audienceMetadata(opts.audience ?? 'analyst') });
}
