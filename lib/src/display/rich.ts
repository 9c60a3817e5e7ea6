/** `md` and `html`: rich text computed in code (findings with computed numbers, summaries). */
import { emitDisplay } from './channel';

/** Display Markdown (rendered by Jupyter and by the HTML report). */
export function md(markdown: string): void {
  emitDisplay({ data: { 'text/markdown': markdown, 'text/plain': markdown }, metadata: {} });
}

/** Display raw HTML; `text` is the plain-text fallback (defaults to the HTML with tags removed). */
export function html(markup: string, text?: string): void {
  const plain = text ?? markup.replace(/<[^>]*>/g, '').replace(/\s+\n/g, '\n').trim();
  emitDisplay({ data: { 'text/html': markup, 'text/plain': plain }, metadata: {} });
}
