/** `md` and `html`: rich text computed in code (findings with computed numbers, summaries). */
import { emitDisplay } from './channel';
import { audienceMetadata, type Audience } from './table';

/** Options of {@link md} and {@link html}. */
export interface RichOptions {
  /** 'analyst' leaves the output out of the business report. Default 'all'. */
  audience?: Audience;
}

/** Display Markdown (rendered by Jupyter and by the HTML report). */
export function md(markdown: string, opts: RichOptions = {}): void {
  emitDisplay({ data: { 'text/markdown': markdown, 'text/plain': markdown }, metadata: audienceMetadata(opts.audience) });
}

/**
 * A readable plain-text rendering of simple HTML: block ends become line breaks, table cells are separated by
 * " | ", tags are removed and the common entities decoded.
 * @example htmlToText('<p>a &amp; b</p><p>c</p>') // "a & b\nc"
 */
export function htmlToText(markup: string): string {
  return markup
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(td|th)>\s*(?=<(td|th)[\s>])/gi, ' | ')
    .replace(/<\/(p|div|tr|li|h[1-6]|table|caption|section|ul|ol)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '- ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Display raw HTML; `text` is the plain-text fallback (defaults to {@link htmlToText} of the markup). */
export function html(markup: string, text?: string, opts: RichOptions = {}): void {
  const plain = text ?? htmlToText(markup);
  emitDisplay({ data: { 'text/html': markup, 'text/plain': plain }, metadata: audienceMetadata(opts.audience) });
}
