/**
 * Standalone, offline HTML from an executed notebook: Markdown rendered with markdown-it, code highlighted with
 * highlight.js, ANSI colours converted with anser, tables styled, Plotly figures drawn from their
 * `application/vnd.plotly.v1+json` output with plotly.js embedded ONCE per file (no network). A `noCode` mode
 * for business readers hides code and the cells tagged `solution` or `hide-in-report`.
 */
import * as fs from 'node:fs';
import MarkdownIt from 'markdown-it';
import hljs from 'highlight.js/lib/core';
import typescript from 'highlight.js/lib/languages/typescript';
import javascript from 'highlight.js/lib/languages/javascript';
import jsonLang from 'highlight.js/lib/languages/json';
import bash from 'highlight.js/lib/languages/bash';
import Anser from 'anser';
import { escapeHtml } from '../display/format';
import { PLOTLY_MIME, scriptSafeJson } from '../display/plotly';
import { plotlySourceCode } from '../display/assets';
import { tags, text, type Cell, type Notebook, type Output } from '../runner/notebook';
import { REPORT_CSS } from './style';
import { CHECK_PROBE } from './check-probe';

hljs.registerLanguage('typescript', typescript);
hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('json', jsonLang);
hljs.registerLanguage('bash', bash);

/** Options of {@link renderNotebookHtml}. */
export interface ReportOptions {
  /** Page title (default: the notebook's first heading). */
  title?: string;
  /** Hide code and solution cells (business readers). Default false. */
  noCode?: boolean;
  /** Link back to the index page. */
  indexHref?: string;
  /** Lines shown under the title (run date, duration, parameters…). */
  meta?: string[];
}

function highlight(code: string, lang: string): string {
  const l = lang && hljs.getLanguage(lang) ? lang : 'typescript';
  try {
    return hljs.highlight(code, { language: l, ignoreIllegals: true }).value;
  } catch {
    return escapeHtml(code);
  }
}

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false, highlight: (code, lang) => highlight(code, lang) });

/** Render Markdown to HTML (notebook prose and text/markdown outputs). */
export function renderMarkdown(src: string): string {
  return markdown.render(src);
}

/** ANSI-coloured terminal text to HTML. */
export function ansiToHtml(s: string): string {
  return Anser.ansiToHtml(Anser.escapeForHtml(s), { use_classes: false });
}

let figureCounter = 0;

function plotlyHtml(spec: Record<string, unknown>): string {
  const id = `seglab-report-fig-${++figureCounter}`;
  const layout = (spec.layout ?? {}) as { height?: number };
  const height = layout.height ?? 450;
  return (
    `<div id="${id}" class="seglab-figure" style="height:${height}px"></div>` +
    `<script>(function(){var s=${scriptSafeJson(spec)};var el=document.getElementById(${JSON.stringify(id)});` +
    `Plotly.newPlot(el,s.data||[],s.layout||{},Object.assign({responsive:true,displaylogo:false},s.config||{}))` +
    `.then(function(){if(s.frames&&s.frames.length)return Plotly.addFrames(el,s.frames);});})();</script>`
  );
}

/** Render one output; reports whether it used Plotly. */
export function renderOutput(o: Output): { html: string; plotly: boolean } {
  switch (o.output_type) {
    case 'stream': {
      const t = text(o.text);
      return { html: `<div class="output stream ${o.name}"><pre>${ansiToHtml(t)}</pre></div>`, plotly: false };
    }
    case 'error':
      return { html: `<div class="output error"><pre>${ansiToHtml([`${o.ename}: ${o.evalue}`, ...o.traceback].join('\n'))}</pre></div>`, plotly: false };
    default: {
      const d = o.data;
      if (d[PLOTLY_MIME] && typeof d[PLOTLY_MIME] === 'object') return { html: `<div class="output plotly">${plotlyHtml(d[PLOTLY_MIME] as Record<string, unknown>)}</div>`, plotly: true };
      if (typeof d['text/html'] === 'string' || Array.isArray(d['text/html'])) return { html: `<div class="output html">${text(d['text/html'] as string)}</div>`, plotly: false };
      if (d['image/svg+xml']) return { html: `<div class="output svg">${text(d['image/svg+xml'] as string)}</div>`, plotly: false };
      for (const img of ['image/png', 'image/jpeg', 'image/gif']) {
        if (d[img]) return { html: `<div class="output image"><img alt="" src="data:${img};base64,${text(d[img] as string).replace(/\s/g, '')}"></div>`, plotly: false };
      }
      if (d['text/markdown']) return { html: `<div class="output markdown">${renderMarkdown(text(d['text/markdown'] as string))}</div>`, plotly: false };
      if (d['application/json']) return { html: `<div class="output json"><pre>${escapeHtml(JSON.stringify(d['application/json'], null, 2))}</pre></div>`, plotly: false };
      if (d['text/plain'] !== undefined) return { html: `<div class="output text"><pre>${ansiToHtml(text(d['text/plain'] as string))}</pre></div>`, plotly: false };
      return { html: '', plotly: false };
    }
  }
}

/**
 * Outputs a business reader does not see: progress bars and outputs marked for the analyst
 * (`showTable(rows, { audience: 'analyst' })`: diagnostics only a data scientist reads).
 */
export function hiddenOutputInNoCode(o: Output): boolean {
  if (o.output_type !== 'display_data' && o.output_type !== 'execute_result') return false;
  const meta = (o.metadata?.seglab ?? {}) as { audience?: string; kind?: string };
  return meta.audience === 'analyst' || meta.kind === 'progress';
}

/** Cells a business reader does not see. */
function hiddenInNoCode(cell: Cell): boolean {
  const t = tags(cell);
  return t.includes('solution') || t.includes('hide-in-report') || t.includes('parameters') || t.includes('injected-parameters');
}

/** The error-collecting preamble: page errors and console errors are recorded on <html data-errors> for checks. */
const ERROR_PROBE =
  '<script>(function(){var errs=[];function rec(m){errs.push(String(m));document.documentElement.setAttribute("data-errors",JSON.stringify(errs));}' +
  'window.addEventListener("error",function(e){rec(e.message||e);});window.addEventListener("unhandledrejection",function(e){rec(e.reason&&e.reason.message||e.reason);});' +
  'var ce=console.error;console.error=function(){rec(Array.prototype.join.call(arguments," "));return ce.apply(console,arguments);};})();</script>';

/**
 * Sortable tables: click a header to sort (tables with class "sortable"): by a cell's `data-sort` number when it has
 * one, else by its text (numbers numerically); blank and "—" cells last in both directions; a folded table
 * (`data-fold`) folds again after its first rows in the new order.
 */
export const SORT_SCRIPT =
  '<script>document.addEventListener("click",function(e){var th=e.target.closest&&e.target.closest("table.sortable thead th");if(!th)return;' +
  'var table=th.closest("table"),i=Array.prototype.indexOf.call(th.parentNode.children,th),body=table.tBodies[0],asc=th.dataset.asc!=="1";' +
  'var fold=parseInt(table.getAttribute("data-fold")||"0",10);' +
  'function key(r){var c=r.cells[i];if(!c)return null;var s=c.getAttribute("data-sort");if(s!==null&&s!=="")return parseFloat(s);' +
  'var t=c.textContent.trim();if(t===""||t==="\u2014")return null;var n=t.replace(/,/g,"");' +
  'return /^[-\u2212]?\d*\.?\d+(e[-+]?\d+)?%?$/i.test(n)?parseFloat(n.replace("\u2212","-")):t;}' +
  'var rows=Array.prototype.slice.call(body.rows).filter(function(r){return !r.classList.contains("gap");});' +
  'var keyed=rows.map(function(r,k){return {r:r,k:key(r),i:k};});' +
  'keyed.sort(function(a,b){if(a.k===null||b.k===null)return a.k===null&&b.k===null?a.i-b.i:a.k===null?1:-1;' +
  'var c=(typeof a.k==="number"&&typeof b.k==="number")?a.k-b.k:(typeof a.k==="number"?-1:typeof b.k==="number"?1:String(a.k).localeCompare(String(b.k)));' +
  'return (asc?c:-c)||a.i-b.i;});' +
  'keyed.forEach(function(x,k){body.appendChild(x.r);if(fold)x.r.classList.toggle("folded",k>=fold);});' +
  'Array.prototype.forEach.call(th.parentNode.children,function(h){delete h.dataset.asc;});th.dataset.asc=asc?"1":"0";});</script>';

/** Render an executed notebook as one standalone HTML page. */
export function renderNotebookHtml(nb: Notebook, opts: ReportOptions = {}): string {
  const body: string[] = [];
  let usesPlotly = false;
  const meta = (nb.metadata.seglab ?? {}) as { status?: string; failed_cell?: number | null; error?: string | null };
  let position = 0;
  for (const cell of nb.cells) {
    const injected = tags(cell).includes('injected-parameters');
    if (!injected) position++;
    if (opts.noCode && hiddenInNoCode(cell)) continue;
    const src = text(cell.source);
    if (cell.cell_type === 'markdown') {
      body.push(`<div class="cell markdown">${renderMarkdown(src)}</div>`);
      continue;
    }
    if (cell.cell_type !== 'code') continue;
    const failed = meta.status && meta.status !== 'ok' && !injected && meta.failed_cell === position;
    const parts: string[] = [];
    if (!opts.noCode && src.trim()) {
      const prompt = cell.execution_count != null ? `[${cell.execution_count}]` : injected ? '[p]' : '[ ]';
      parts.push(`<div class="input"><span class="prompt">${prompt}</span><pre><code class="hljs language-typescript">${highlight(src, 'typescript')}</code></pre></div>`);
    }
    for (const o of cell.outputs ?? []) {
      if (opts.noCode && hiddenOutputInNoCode(o)) continue;
      const r = renderOutput(o);
      usesPlotly ||= r.plotly;
      parts.push(r.html);
    }
    if (failed) parts.push(`<div class="failed-banner">This cell failed: ${escapeHtml(String(meta.error ?? ''))}</div>`);
    if (parts.length === 0) continue;
    const html = `<div class="cell code${failed ? ' failed' : ''}">${parts.join('')}</div>`;
    body.push(tags(cell).includes('solution') ? `<details class="solution"><summary>Show the worked answer</summary>${html}</details>` : html);
  }
  const title = opts.title ?? 'Notebook';
  const banner =
    meta.status && meta.status !== 'ok'
      ? `<div class="failed-banner">This run did not finish: ${escapeHtml(meta.status)} at ${meta.failed_cell ? `cell ${meta.failed_cell}` : 'start'}.\n${escapeHtml(String(meta.error ?? ''))}</div>`
      : '';
  const hljsCss = fs.readFileSync(require.resolve('highlight.js/styles/github.css'), 'utf8');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    ERROR_PROBE,
    CHECK_PROBE,
    `<style>${REPORT_CSS}\n${hljsCss}</style>`,
    usesPlotly ? `<script>${plotlySourceCode().replace(/<\/script/gi, '<\\/script')}</script>` : '',
    '</head><body><main>',
    `<header class="report">${opts.indexHref ? `<nav class="crumbs"><a href="${escapeHtml(opts.indexHref)}">← all notebooks</a></nav>` : ''}` +
      `<div class="meta">${(opts.meta ?? []).map((m) => `<span>${escapeHtml(m)}</span>`).join('')}</div></header>`,
    banner,
    body.join('\n'),
    '</main>',
    SORT_SCRIPT,
    '</body></html>',
  ].join('\n');
}

/** One entry of the index page. */
export interface IndexEntry {
  title: string;
  href: string;
  file: string;
  status: string;
  durationMs?: number;
  started?: string;
  parameters?: Record<string, unknown>;
  businessHref?: string;
}

/** The index page listing the notebooks in order with their titles. */
export function renderIndexHtml(entries: IndexEntry[], opts: { title?: string; subtitle?: string } = {}): string {
  const title = opts.title ?? 'Customer Segmentation Lab: reports';
  const items = entries.map((e) => {
    const ok = e.status === 'ok';
    const params = e.parameters && Object.keys(e.parameters).length ? ` · parameters ${escapeHtml(JSON.stringify(e.parameters))}` : '';
    const when = e.started ? ` · run ${escapeHtml(e.started.replace('T', ' ').slice(0, 16))} UTC` : '';
    const dur = e.durationMs != null ? ` · ${(e.durationMs / 1000).toFixed(1)} s` : '';
    const biz = e.businessHref ? ` · <a href="${escapeHtml(e.businessHref)}">without code</a>` : '';
    return `<li><a href="${escapeHtml(e.href)}"><strong>${escapeHtml(e.title)}</strong></a> <span class="${ok ? 'status-ok' : 'status-bad'}">${ok ? '✓' : `✗ ${escapeHtml(e.status)}`}</span><div class="small">${escapeHtml(e.file)}${when}${dur}${params}${biz}</div></li>`;
  });
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>${ERROR_PROBE}${CHECK_PROBE}<style>${REPORT_CSS}</style></head><body><main>`,
    `<header class="report"><h1>${escapeHtml(title)}</h1>${opts.subtitle ? `<div class="meta">${escapeHtml(opts.subtitle)}</div>` : ''}</header>`,
    `<ul class="index">${items.join('\n')}</ul>`,
    '</main></body></html>',
  ].join('\n');
}
