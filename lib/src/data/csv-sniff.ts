/**
 * Delimiter sniffing: which of the candidate delimiters splits the first lines of a file into the same number of
 * fields, line after line (quotes respected). Python's csv.Sniffer uses the same consistency idea.
 *
 * Complexity: O(sample length · candidates).
 */

/** The delimiters the loader tries, in order of preference on ties. */
export const CSV_DELIMITER_CANDIDATES: readonly string[] = [',', ';', '\t'];

/** What sniffing found. */
export interface DelimiterSniff {
  /** The chosen delimiter (`,` when no candidate occurs in the header line). */
  delimiter: string;
  /** Occurrences of each candidate in the header line, outside quotes. */
  headerCounts: Record<string, number>;
  /** Share of the sampled lines in which each candidate occurs as often as in the header (0..1). */
  consistency: Record<string, number>;
  /** Number of sampled lines (header included). */
  lines: number;
}

/** Count each candidate outside quotes, per line, in the first `maxLines` complete lines of `sample`. */
function countPerLine(sample: string, candidates: readonly string[], maxLines: number): number[][] {
  const codes = candidates.map((c) => c.charCodeAt(0));
  const rows: number[][] = [];
  let counts = new Array(candidates.length).fill(0);
  let inQuotes = false;
  let nonEmpty = false;
  for (let i = 0; i < sample.length && rows.length < maxLines; i++) {
    const c = sample.charCodeAt(i);
    if (c === 34) {
      inQuotes = !inQuotes;
      nonEmpty = true;
    } else if (!inQuotes && (c === 10 || c === 13)) {
      if (nonEmpty) rows.push(counts);
      counts = new Array(candidates.length).fill(0);
      nonEmpty = false;
    } else {
      nonEmpty = true;
      if (!inQuotes) for (let k = 0; k < codes.length; k++) if (c === codes[k]) counts[k]++;
    }
  }
  if (nonEmpty && rows.length < maxLines && !inQuotes) rows.push(counts); // a last line without newline
  return rows;
}

/**
 * Pick the delimiter of a CSV sample.
 * @param sample the first few kilobytes of the file (BOM already removed)
 * @returns the delimiter and the evidence (header counts, per-candidate consistency)
 * @example sniffDelimiter('a;b\n1;2\n').delimiter // ';'
 */
export function sniffDelimiter(
  sample: string,
  candidates: readonly string[] = CSV_DELIMITER_CANDIDATES,
  maxLines = 50,
): DelimiterSniff {
  const rows = countPerLine(sample, candidates, maxLines);
  const headerCounts: Record<string, number> = {};
  const consistency: Record<string, number> = {};
  let best = -1;
  let bestScore = -1;
  let bestCount = -1;
  candidates.forEach((cand, k) => {
    const h = rows.length ? rows[0][k] : 0;
    headerCounts[cand] = h;
    let same = 0;
    for (const r of rows) if (r[k] === h) same++;
    const share = rows.length ? same / rows.length : 0;
    consistency[cand] = h > 0 ? share : 0;
    if (h > 0 && (share > bestScore || (share === bestScore && h > bestCount))) {
      best = k;
      bestScore = share;
      bestCount = h;
    }
  });
  return { delimiter: best >= 0 ? candidates[best] : candidates[0], headerCounts, consistency, lines: rows.length };
}
