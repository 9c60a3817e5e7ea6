/**
 * Notebook parameters, papermill's idea for TypeScript: the cell tagged `parameters` declares defaults
 * (`const DATASET = 'auto';`); the runner inserts a cell tagged `injected-parameters` right after it that
 * re-declares the overridden names. Unknown names are an error, so a typo does not pass silently.
 */
import * as fs from 'node:fs';
import { lines, tags, text, type Cell, type Notebook } from './notebook';

export type ParamValue = string | number | boolean | null | ParamValue[] | { [k: string]: ParamValue };

/** Parse `key=value` (value as JSON when it parses, else a string). @throws Error on a malformed pair. */
export function parseParam(pair: string): [string, ParamValue] {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new Error(`--param expects key=value, got "${pair}"`);
  const key = pair.slice(0, eq).trim();
  const raw = pair.slice(eq + 1);
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) throw new Error(`parameter name "${key}" is not a valid identifier`);
  try {
    return [key, JSON.parse(raw) as ParamValue];
  } catch {
    return [key, raw];
  }
}

/** Read a JSON object of parameters from a file. */
export function readParamsFile(file: string): Record<string, ParamValue> {
  const v = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${file} should hold a JSON object of parameters`);
  return v;
}

/** Names declared at top level of a parameters cell. */
export function declaredNames(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm)) out.push(m[1]);
  return out;
}

/**
 * A copy of the notebook with the parameters injected after the `parameters` cell (or at the top when there is
 * none). Returns the notebook unchanged when `params` is empty.
 * @throws Error when a parameter is not declared by the parameters cell.
 */
export function injectParameters(nb: Notebook, params: Record<string, ParamValue>, file = 'notebook'): Notebook {
  const keys = Object.keys(params);
  if (keys.length === 0) return nb;
  const at = nb.cells.findIndex((c) => c.cell_type === 'code' && tags(c).includes('parameters'));
  if (at >= 0) {
    const declared = declaredNames(text(nb.cells[at].source));
    const unknown = keys.filter((k) => !declared.includes(k));
    if (unknown.length) {
      throw new Error(`${file} has no parameter ${unknown.map((u) => `"${u}"`).join(', ')}; its parameters cell declares: ${declared.join(', ') || '(nothing)'}`);
    }
  } else {
    throw new Error(`${file} has no cell tagged "parameters", so it takes no parameters (given: ${keys.join(', ')})`);
  }
  const src = ['// Parameters injected by the runner', ...keys.map((k) => `const ${k} = ${JSON.stringify(params[k])};`)].join('\n');
  const cell: Cell = { cell_type: 'code', metadata: { tags: ['injected-parameters'] }, source: lines(src), outputs: [], execution_count: null };
  const cells = [...nb.cells];
  cells.splice(at + 1, 0, cell);
  return { ...nb, cells };
}
