export { setDisplaySink, inKernel, isHeadless, emitDisplay, type DisplayContent, type MimeBundle, type DisplaySink } from './channel';
export { show, figureBundle, describeFigure, resetPlotlyLoader, PLOTLY_MIME, type ShowOptions } from './plotly';
export { showTable, tableHtml, toSimpleTable, type TableOptions, type SimpleTable } from './table';
export { md, html, htmlToText } from './rich';
export { progress, progressText, type Progress, type ProgressOptions } from './progress';
export { formatNumber, formatPercent, fixed, escapeHtml } from './format';
