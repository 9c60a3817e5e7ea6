/**
 * Column headers for people: the library's record keys (`anovaP`, `etaSquared`, `kwEtaSquared`…) are code; a table
 * shows `p (ANOVA)`, `η² (ANOVA)`, `η² (Kruskal–Wallis)`. One dictionary, a caller option on top of it
 * (`showTable(rows, { headers: { x: 'my label' } })`), and camelCase split into words for keys in neither.
 */

/** What a column holds, where it changes how cells are written. */
export type ColumnKind = 'p-value';

/** One dictionary entry: the header and, optionally, what the column holds. */
export interface ColumnLabel {
  label: string;
  kind?: ColumnKind;
}

/** Headers of the record keys the library's tables use. */
export const COLUMN_LABELS: Readonly<Record<string, ColumnLabel>> = Object.freeze({
  F: { label: 'F (ANOVA)' },
  anovaF: { label: 'F (ANOVA)' },
  anovaP: { label: 'p (ANOVA)', kind: 'p-value' },
  etaSquared: { label: 'η² (ANOVA)' },
  H: { label: 'H (Kruskal–Wallis)' },
  kruskalH: { label: 'H (Kruskal–Wallis)' },
  kwP: { label: 'p (Kruskal–Wallis)', kind: 'p-value' },
  kruskalP: { label: 'p (Kruskal–Wallis)', kind: 'p-value' },
  kwEtaSquared: { label: 'η² (Kruskal–Wallis)' },
  chi2: { label: 'χ²' },
  chi2P: { label: 'p (χ²)', kind: 'p-value' },
  cramersV: { label: 'Cramér’s V' },
  pValue: { label: 'p', kind: 'p-value' },
  'p-value': { label: 'p', kind: 'p-value' },
  silhouetteRef: { label: 'silhouette (reference space)' },
  daviesBouldin: { label: 'Davies–Bouldin' },
  daviesBouldinRef: { label: 'Davies–Bouldin (reference space)' },
  calinskiHarabasz: { label: 'Calinski–Harabasz' },
  calinskiHarabaszRef: { label: 'Calinski–Harabasz (reference space)' },
  silhouetteRows: { label: 'silhouette rows' },
  ari: { label: 'ARI' },
  nmi: { label: 'NMI' },
  nClusters: { label: 'clusters' },
  dims: { label: 'dimensions' },
  std: { label: 'std. dev.' },
  p25: { label: '25%' },
  p75: { label: '75%' },
  macroF1: { label: 'macro F1' },
  macroRecall: { label: 'balanced accuracy' },
  usesDuration: { label: 'uses call duration' },
});

/**
 * `camelCase` → "camel case"; acronyms and digits stay as they are (`macroF1` → "macro F1", `kwEtaSquared` →
 * "kw eta squared"). Keys that are not identifiers are returned unchanged.
 * @example splitCamel('smallestShare') // "smallest share"
 */
export function splitCamel(key: string): string {
  if (!/^[a-z][A-Za-z0-9]*$/.test(key) || !/[A-Z]/.test(key)) return key;
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((w) => (/^[A-Z][a-z]/.test(w) && !/[A-Z]/.test(w.slice(1)) ? w.toLowerCase() : w))
    .join(' ');
}

/**
 * The header of column `key`: the caller's label, else the dictionary's, else `key` with camelCase split.
 * @example columnLabel('kwEtaSquared') // "η² (Kruskal–Wallis)"
 */
export function columnLabel(key: string, headers?: Readonly<Record<string, string>>): string {
  return headers?.[key] ?? COLUMN_LABELS[key]?.label ?? splitCamel(key);
}

/** True when column `key` holds p-values (dictionary, or listed by the caller). */
export function isPValueColumn(key: string, extra?: readonly string[]): boolean {
  return COLUMN_LABELS[key]?.kind === 'p-value' || (extra?.includes(key) ?? false);
}
