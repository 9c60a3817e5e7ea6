export { setDisplaySink, inKernel, isHeadless, emitDisplay, type DisplayContent, type MimeBundle, type DisplaySink } from './channel';
export { show, figureBundle, describeFigure, resetPlotlyLoader, PLOTLY_MIME, type ShowOptions } from './plotly';
export { showTable, tableHtml, toSimpleTable, audienceMetadata, DEFAULT_TABLE_OPTIONS, type TableOptions, type SimpleTable, type Audience } from './table';
export { COLUMN_LABELS, columnLabel, splitCamel, isPValueColumn, type ColumnLabel, type ColumnKind } from './labels';
export { displayPath, type DisplayPathOptions } from './path';
export { md, html, htmlToText, type RichOptions } from './rich';
export { progress, progressText, PROGRESS_METADATA, type Progress, type ProgressOptions } from './progress';
export { formatNumber, formatPercent, formatPValue, fixed, escapeHtml } from './format';
