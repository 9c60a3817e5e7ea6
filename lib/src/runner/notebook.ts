/** nbformat 4 notebooks: the types the runner and the report read and write, and small helpers. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../core/temp-files';

export type MultilineString = string | string[];

/** An output of a code cell (nbformat 4). */
export type Output =
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: MultilineString }
  | { output_type: 'display_data'; data: Record<string, unknown>; metadata: Record<string, unknown> }
  | { output_type: 'execute_result'; data: Record<string, unknown>; metadata: Record<string, unknown>; execution_count: number | null }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

export interface CellMetadata {
  tags?: string[];
  [key: string]: unknown;
}

export interface CodeCell {
  cell_type: 'code';
  id?: string;
  source: MultilineString;
  metadata: CellMetadata;
  outputs: Output[];
  execution_count: number | null;
}

export interface TextCell {
  cell_type: 'markdown' | 'raw';
  id?: string;
  source: MultilineString;
  metadata: CellMetadata;
  attachments?: Record<string, unknown>;
}

export type Cell = CodeCell | TextCell;

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** Join a multiline string. */
export function text(s: MultilineString | undefined): string {
  return Array.isArray(s) ? s.join('') : s ?? '';
}

/** Split text into nbformat's list of lines (each keeps its newline). */
export function lines(s: string): string[] {
  const out = s.split(/(?<=\n)/);
  return out.length === 1 && out[0] === '' ? [] : out;
}

/** The tags of a cell. */
export function tags(cell: Cell): string[] {
  return Array.isArray(cell.metadata?.tags) ? (cell.metadata.tags as string[]) : [];
}

/**
 * Read and check a notebook file. Optional parts nbformat allows a tool to omit (a cell's `metadata`, a code cell's
 * `outputs` and `execution_count`, the notebook's `metadata`) are filled in.
 * @throws Error naming the file (and the cell) when it is not an nbformat 4 notebook.
 */
export function readNotebook(file: string): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not a readable notebook: ${(e as Error).message}`);
  }
  if (!nb || typeof nb !== 'object' || nb.nbformat !== 4 || !Array.isArray(nb.cells)) throw new Error(`${file} is not an nbformat 4 notebook`);
  if (!nb.metadata || typeof nb.metadata !== 'object') nb.metadata = {};
  nb.cells.forEach((c, i) => {
    if (!c || typeof c !== 'object' || !['code', 'markdown', 'raw'].includes(c.cell_type)) {
      throw new Error(`${file}: cell ${i + 1} is not a code, markdown or raw cell (cell_type ${JSON.stringify((c as { cell_type?: unknown })?.cell_type)})`);
    }
    if (!c.metadata || typeof c.metadata !== 'object' || Array.isArray(c.metadata)) c.metadata = {};
    if (c.source === undefined || c.source === null) c.source = '';
    if (typeof c.source !== 'string' && !(Array.isArray(c.source) && c.source.every((l) => typeof l === 'string'))) {
      throw new Error(`${file}: cell ${i + 1}${c.id ? ` (id ${c.id})` : ''} has a source that is neither text nor a list of lines`);
    }
    if (c.cell_type === 'code') {
      if (!Array.isArray(c.outputs)) c.outputs = [];
      if (c.execution_count === undefined) c.execution_count = null;
    }
  });
  return nb;
}

/** Write a notebook atomically (temp file + rename), with a trailing newline and 1-space indent as Jupyter does. */
export function writeNotebook(file: string, nb: Notebook): void {
  writeFileAtomic(file, JSON.stringify(nb, null, 1) + '\n');
}

/** The notebook's title: the first Markdown heading, else the file name. */
export function notebookTitle(nb: Notebook, file: string): string {
  for (const c of nb.cells) {
    if (c.cell_type !== 'markdown') continue;
    const m = text(c.source).match(/^\s*#{1,2}\s+(.+)$/m);
    if (m) return m[1].trim();
  }
  return path.basename(file, '.ipynb');
}

/** Code cells that carry outputs or an execution count (a notebook must be committed without them). */
export function dirtyCells(nb: Notebook): number[] {
  const out: number[] = [];
  nb.cells.forEach((c, i) => {
    if (c.cell_type === 'code' && ((c.outputs ?? []).length > 0 || c.execution_count != null)) out.push(i + 1);
  });
  return out;
}

/** A copy of the notebook with every output and execution count removed. */
export function clearOutputs(nb: Notebook): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((c) => (c.cell_type === 'code' ? { ...c, outputs: [], execution_count: null, metadata: stripRunMetadata(c.metadata) } : c)),
  };
}

function stripRunMetadata(m: CellMetadata): CellMetadata {
  const { execution: _e, seglab: _s, ...rest } = m as CellMetadata & { execution?: unknown; seglab?: unknown };
  return rest;
}
