/** Export every executed notebook of a folder to HTML, plus an index page listing them in order. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { displayPath } from '../display/path';
import { notebookTitle, readNotebook } from '../runner/notebook';
import { renderIndexHtml, renderNotebookHtml, type IndexEntry } from './html';

/** Options of {@link exportReports}. */
export interface ExportOptions {
  /** Folder of executed notebooks (default outputs/notebooks). */
  inDir: string;
  /** Folder the HTML goes to (default outputs/). */
  outDir: string;
  /** Business mode: no code. */
  noCode?: boolean;
}

function writeAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** Write one HTML page per executed notebook and the index; returns the written files (index last). */
export function exportReports(opts: ExportOptions): string[] {
  if (!fs.existsSync(opts.inDir)) throw new Error(`no executed notebooks in ${opts.inDir}: run \`npm run notebooks\` first`);
  const files = fs.readdirSync(opts.inDir).filter((f) => f.endsWith('.ipynb')).sort();
  if (files.length === 0) throw new Error(`no executed notebooks in ${opts.inDir}: run \`npm run notebooks\` first`);
  const entries: IndexEntry[] = [];
  const written: string[] = [];
  for (const f of files) {
    const nb = readNotebook(path.join(opts.inDir, f));
    const base = f.replace(/\.ipynb$/, '');
    const meta = (nb.metadata.seglab ?? {}) as { status?: string; duration_ms?: number; started?: string; parameters?: Record<string, unknown>; source?: string };
    const title = notebookTitle(nb, f);
    // a path given as a parameter (--param DATA_DIR=/home/ana/data) is shown without the machine's folders
    const parameters = meta.parameters && Object.fromEntries(Object.entries(meta.parameters).map(([k, v]) => [k, typeof v === 'string' && path.isAbsolute(v) ? displayPath(v) : v]));
    const metaLines = [
      meta.source ?? f,
      meta.started ? `run ${meta.started.replace('T', ' ').slice(0, 19)} UTC` : '',
      meta.duration_ms != null ? `${(meta.duration_ms / 1000).toFixed(1)} s` : '',
      parameters && Object.keys(parameters).length ? `parameters ${JSON.stringify(parameters)}` : '',
      opts.noCode ? 'code hidden' : '',
    ].filter(Boolean);
    const out = path.join(opts.outDir, `${base}.html`);
    writeAtomic(out, renderNotebookHtml(nb, { title, noCode: opts.noCode, indexHref: 'index.html', meta: metaLines }));
    written.push(out);
    const business = path.join(opts.outDir, 'business', `${base}.html`);
    entries.push({
      title, href: `${base}.html`, file: f, status: meta.status ?? 'unknown', durationMs: meta.duration_ms, started: meta.started, parameters,
      businessHref: !opts.noCode && fs.existsSync(business) ? `business/${base}.html` : undefined,
    });
  }
  const index = path.join(opts.outDir, 'index.html');
  writeAtomic(index, renderIndexHtml(entries, { title: opts.noCode ? 'Customer Segmentation Lab: reports (without code)' : undefined, subtitle: `${entries.length} notebooks, in reading order` }));
  written.push(index);
  return written;
}
