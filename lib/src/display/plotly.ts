/**
 * `show(figure)`: one display_data output carrying `application/vnd.plotly.v1+json` (the figure as a JSON object,
 * rendered natively by JupyterLab's plotly extension and by this project's HTML report), `text/html` (a div and a
 * script that draws with `window.Plotly`, loading the bundled plotly.js once per kernel session with AMD `define`
 * hidden while it loads, so it also works beside require.js in classic Notebook) and `text/plain`.
 */
import type { Figure } from '../viz/figure';
import { emitDisplay, newDisplayId, type DisplayContent } from './channel';
import { plotlySourceCode, plotlyVersion } from './assets';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** Options of {@link show}. */
export interface ShowOptions {
  /** Height of the figure in pixels, when the layout does not set one. Default 450. */
  height?: number;
  /** Embed the plotly.js loader in this output even if it was sent before (e.g. after the page was reloaded). */
  includePlotlyJs?: boolean;
}

/** Escape a JSON text for safe inclusion inside a <script> element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A one-line text description of a figure (its text/plain fallback). */
export function describeFigure(fig: Figure): string {
  const layout = (fig.layout ?? {}) as { title?: string | { text?: string } };
  const title = typeof layout.title === 'string' ? layout.title : layout.title?.text;
  const kinds = Array.from(new Set(fig.data.map((t) => String(t.type ?? 'scatter'))));
  const frames = fig.frames?.length ? `, ${fig.frames.length} frames` : '';
  return `<Figure${title ? ` "${title}"` : ''}: ${fig.data.length} trace(s) (${kinds.join(', ')})${frames}>`;
}

/** The plotly.js loader script: defines window.Plotly from the bundled source with `define` hidden. */
export function plotlyLoaderHtml(): string {
  return (
    `<script type="text/javascript">/* seglab: plotly.js v${plotlyVersion()} loader */\n` +
    'if (!window.Plotly) {(function(){var __define = window.define; window.define = undefined;\n' +
    plotlySourceCode().replace(/<\/script/gi, '<\\/script') +
    '\nwindow.define = __define;})();}\n' +
    '(function(){var w = window.__seglabPlotlyWaiters || []; window.__seglabPlotlyWaiters = []; w.forEach(function(f){f();});})();\n' +
    '</script>'
  );
}

/**
 * The text/html part: a div and a script that draws the figure with window.Plotly, or queues itself until the
 * loader has run. A figure whose loader never arrives says so instead of staying blank.
 */
export function figureHtml(fig: Figure, divId: string, height: number): string {
  const spec = scriptSafeJson({ data: fig.data, layout: fig.layout ?? {}, config: fig.config ?? {}, frames: fig.frames ?? [] });
  return (
    `<div id="${divId}" class="seglab-plotly" style="width:100%;height:${height}px;"></div>\n` +
    '<script type="text/javascript">(function(){\n' +
    `var spec = ${spec};\n` +
    `var id = ${JSON.stringify(divId)};\n` +
    'function draw(){ var el = document.getElementById(id); if (!el) return;\n' +
    '  window.Plotly.newPlot(el, spec.data, spec.layout, Object.assign({responsive: true}, spec.config))\n' +
    '  .then(function(){ if (spec.frames && spec.frames.length) window.Plotly.addFrames(el, spec.frames); }); }\n' +
    'if (window.Plotly) { draw(); return; }\n' +
    '(window.__seglabPlotlyWaiters = window.__seglabPlotlyWaiters || []).push(draw);\n' +
    'setTimeout(function(){ var el = document.getElementById(id); if (!window.Plotly && el) el.textContent =\n' +
    '  "This figure needs plotly.js: re-run the first cell that shows a figure, or install the jupyterlab-plotly extension."; }, 15000);\n' +
    '})();</script>'
  );
}

let loaderSent = false;

/** Build the MIME bundle of a figure (pure apart from the once-per-process loader flag it is given). */
export function figureBundle(fig: Figure, opts: { divId: string; height: number; withLoader: boolean }): DisplayContent {
  const layout = (fig.layout ?? {}) as { height?: number };
  const height = layout.height ?? opts.height;
  const json = { data: fig.data, layout: fig.layout ?? {}, config: fig.config ?? {}, ...(fig.frames?.length ? { frames: fig.frames } : {}) };
  const html = (opts.withLoader ? plotlyLoaderHtml() + '\n' : '') + figureHtml(fig, opts.divId, height);
  return {
    data: { [PLOTLY_MIME]: json, 'text/html': html, 'text/plain': describeFigure(fig) },
    metadata: {},
  };
}

/**
 * Display a Plotly figure in the notebook (or print its description outside one).
 * @example show(elbowChart(sweep))
 */
export function show(fig: Figure, opts: ShowOptions = {}): void {
  if (!fig || !Array.isArray(fig.data)) throw new TypeError('show(figure) expects a Figure {data: [...], layout?}');
  const withLoader = opts.includePlotlyJs === true || !loaderSent;
  emitDisplay(figureBundle(fig, { divId: newDisplayId('seglab-fig'), height: opts.height ?? 450, withLoader }));
  loaderSent = true;
}

/** Forget that the loader was sent (the next `show` embeds plotly.js again). */
export function resetPlotlyLoader(): void {
  loaderSent = false;
}
