/**
 * Add the scores a persona preset reads to a table, computed with the engineered-feature definitions of
 * lib/src/features (so bank.csv, whose own feature set has other names, gets the same engagement, persistence and
 * exposure scores as bank-additional-full). Columns already present are kept as they are.
 */
import { ValidationError } from '../core/errors';
import { hasColumn, type Column, type Table } from '../data/table';
import { FEATURE_SETS } from '../features/engineered/feature-sets';
import type { EngineeredFeature } from '../features/engineered/types';
import type { PersonaPreset } from './presets';
import { addDerivedFeatures } from '../features/derived-features';

function findEngineered(name: string): EngineeredFeature | null {
  for (const set of Object.values(FEATURE_SETS)) {
    const f = set.find((x) => x.name === name);
    if (f) return f;
  }
  return null;
}

/**
 * A new table with every score of `preset` that is missing computed from raw columns (stateless features only).
 * Complexity: O(n) per added score.
 * @throws ValidationError naming a score that is missing and cannot be computed, and the columns it needs.
 */
export function withPersonaScores(table: Table, preset: PersonaPreset): Table {
  const want = (preset.derived ?? []).filter((d) => !hasColumn(table, d.name));
  if (want.length) table = addDerivedFeatures(table, want);
  const cols: Column[] = [...table.columns];
  for (const s of preset.scores) {
    if (hasColumn(table, s.name)) continue;
    const f = findEngineered(s.name);
    const missing = s.requires.filter((r) => !hasColumn(table, r));
    if (!f || f.kind !== 'numeric' || f.fit || missing.length) {
      const why = missing.length ? `it needs column(s) ${missing.join(', ')}` : 'no stateless engineered feature of that name exists';
      throw new ValidationError(`persona score "${s.name}" is missing from the table and cannot be computed: ${why}`);
    }
    cols.push({ kind: 'numeric', name: s.name, values: f.compute(table, undefined) as Float64Array });
  }
  return { nRows: table.nRows, columns: cols, source: table.source };
}
