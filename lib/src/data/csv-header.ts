/**
 * Header normalization: trim, collapse inner whitespace, name empty headers `column_<k>`, and make duplicate names
 * unique with a `_2`, `_3`… suffix. Case is kept. Reports every name it changed.
 *
 * Complexity: O(columns).
 */

/** One header the loader changed. */
export interface HeaderRename {
  /** 0-based column position. */
  index: number;
  /** The name as written in the file. */
  from: string;
  /** The name the table uses. */
  to: string;
  /** Why: whitespace, empty, duplicate. */
  reason: 'whitespace' | 'empty' | 'duplicate';
}

/**
 * Normalize header names.
 * @example normalizeHeader([' a  b', 'x', 'x', '']).names // ['a b', 'x', 'x_2', 'column_4']
 */
export function normalizeHeader(raw: readonly string[]): { names: string[]; renamed: HeaderRename[] } {
  const names: string[] = [];
  const renamed: HeaderRename[] = [];
  const taken = new Set<string>();
  const cleaned = raw.map((r) => r.trim().replace(/\s+/g, ' '));
  const all = new Set(cleaned);
  cleaned.forEach((c, index) => {
    let name = c;
    let reason: HeaderRename['reason'] | null = c !== raw[index] ? 'whitespace' : null;
    if (name === '') {
      name = `column_${index + 1}`;
      reason = 'empty';
    }
    if (taken.has(name)) {
      let k = 2;
      while (taken.has(`${name}_${k}`) || all.has(`${name}_${k}`)) k++;
      name = `${name}_${k}`;
      reason = 'duplicate';
    }
    taken.add(name);
    names.push(name);
    if (reason) renamed.push({ index, from: raw[index], to: name, reason });
  });
  return { names, renamed };
}
