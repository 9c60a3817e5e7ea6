/**
 * What every data notebook prints about its data: which data set, why, what the reader must know (warnings), the
 * schema (every column's role with its reason) and the glossary (what a column means, from the spec). Pure
 * functions of a loaded data set, so notebook cells stay one line.
 */
import { dateDaysName, type DatasetSpec } from '../data/registry';
import type { LoadedDataset } from '../data/load-dataset';

/**
 * Markdown: the data line every notebook starts with, the reason for this data set, warnings (a data directory that
 * does not exist, duplicated column names…) and what preparation did.
 * @example md(dataSummary(await loadData('auto')))
 */
export function dataSummary(data: LoadedDataset): string {
  const lines = [`**Data:** ${data.source.description}.  \n*Why this one:* ${data.source.reason}.`];
  for (const w of data.source.warnings) lines.push(`> ⚠ **Note:** ${w}.`);
  if (data.inferred) {
    const n = data.schema.filter((d) => !d.declared).length;
    lines.push(`*Schema:* ${n} column role${n === 1 ? '' : 's'} inferred from the data (notebook 01 lists them with their reasons).`);
  }
  for (const n of data.notes) lines.push(`*Preparation:* ${n}.`);
  return lines.join('\n\n');
}

/** The schema as table rows: column, role, what the lab does with it, whether inferred, and why. */
export function schemaRows(data: LoadedDataset): Array<Record<string, string>> {
  return data.schema.map((d) => {
    const col = data.spec.columns.find((c) => c.name === d.column);
    return {
      column: d.column,
      role: d.role,
      use: d.use,
      decided: d.declared ? 'spec' : 'inferred',
      reason: d.reason,
      description: col?.description ?? '',
    };
  });
}

/**
 * Glossary rows (column, meaning) for the named columns that the spec describes, in the given order; a date's
 * day count (`days_since_<column>`) is described by its date column, a derived feature by its expression.
 * @example glossaryRows(spec, ['emp.var.rate', 'euribor3m']) // [{ column: 'emp.var.rate', meaning: 'employment variation rate: …' }, …]
 */
export function glossaryRows(spec: DatasetSpec, names: readonly string[]): Array<{ column: string; meaning: string }> {
  const out: Array<{ column: string; meaning: string }> = [];
  const seen = new Set<string>();
  for (const raw of names) {
    const name = raw.split('=')[0];
    if (seen.has(name)) continue;
    seen.add(name);
    const c = spec.columns.find((x) => x.name === name || (x.role === 'date' && dateDaysName(x.name) === name));
    const d = spec.derived.find((x) => x.name === name);
    const meaning = c?.description
      ? c.role === 'date' && c.name !== name ? `days from ${c.name} to ${spec.asOf ?? 'the reference date'} (${c.description})` : c.description
      : d ? d.description ?? `derived: ${d.expr}` : '';
    if (meaning) out.push({ column: name, meaning });
  }
  return out;
}
