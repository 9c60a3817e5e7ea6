/**
 * Turns the iopub messages of one execution into nbformat outputs, as nbclient does: consecutive stream text
 * is merged, `update_display_data` rewrites every earlier output with the same display_id (in any cell of the
 * notebook: the collector is shared by the run), `clear_output` (with `wait`) is honoured.
 *
 * A cell's outputs are capped in size (characters of stream text and of serialized rich data): past the cap, stream
 * text is cut and later outputs are dropped, and one note says how much was not kept. Error outputs are always kept.
 */
import type { JupyterMessage } from './protocol';
import type { Output } from './notebook';

type Rich = Extract<Output, { output_type: 'display_data' | 'execute_result' }>;

/** Options of {@link OutputCollector}. */
export interface OutputCollectorOptions {
  /** Size cap of one cell's outputs, in characters (≈ bytes of the executed copy). Default 20 MB. */
  maxOutputSize?: number;
}

/** Defaults of {@link OutputCollector}. */
export const DEFAULT_OUTPUT_COLLECTOR_OPTIONS: Required<OutputCollectorOptions> = { maxOutputSize: 20 * 1024 * 1024 };

/** A size in B, KB (under 100 KB) or MB, 1024-based: 20 B, 1.5 KB, 0.1 MB, 20 MB. */
export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 100 * 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${Number((n / (1024 * 1024)).toFixed(2))} MB`;
}

export class OutputCollector {
  /** Outputs of the cell being executed. */
  outputs: Output[] = [];
  private byDisplayId = new Map<string, Rich[]>();
  private clearPending = false;
  private readonly cap: number;
  private size = 0;
  private dropped = 0;
  private note: Extract<Output, { output_type: 'display_data' }> | null = null;

  constructor(opts: OutputCollectorOptions = {}) {
    this.cap = opts.maxOutputSize ?? DEFAULT_OUTPUT_COLLECTOR_OPTIONS.maxOutputSize;
  }

  /** Start collecting a new cell's outputs (display ids stay known across cells). */
  reset(): Output[] {
    this.outputs = [];
    this.clearPending = false;
    this.size = 0;
    this.dropped = 0;
    this.note = null;
    return this.outputs;
  }

  /** True when this cell's outputs passed the cap. */
  get truncated(): boolean {
    return this.note !== null;
  }

  /** Count `n` characters that were not kept, and say so in the (single) note. */
  private drop(n: number): void {
    this.dropped += n;
    const text = `[output truncated: this cell's outputs passed the cap of ${formatSize(this.cap)} (runner option --max-output); ${formatSize(this.dropped)} more were not kept in the executed copy]\n`;
    if (!this.note) {
      this.note = { output_type: 'display_data', data: { 'text/plain': text }, metadata: { seglab: { truncated: true } } };
      this.push(this.note);
    } else {
      this.note.data['text/plain'] = text;
    }
  }

  /** Everything written to stdout/stderr by the current cell. */
  streamText(name: 'stdout' | 'stderr'): string {
    return this.outputs
      .filter((o): o is Extract<Output, { output_type: 'stream' }> => o.output_type === 'stream' && o.name === name)
      .map((o) => (Array.isArray(o.text) ? o.text.join('') : o.text))
      .join('');
  }

  private clearNow(): void {
    this.outputs.length = 0;
    this.size = 0;
    this.dropped = 0;
    this.note = null;
  }

  private push(o: Output): void {
    if (this.clearPending) {
      this.clearPending = false;
      this.clearNow();
    }
    this.outputs.push(o);
  }

  /** Apply one iopub message. Returns the stream text it added, if any (for echoing). */
  handle(msg: JupyterMessage): string | null {
    const c = msg.content as Record<string, any>;
    switch (msg.header.msg_type) {
      case 'stream': {
        const name = c.name === 'stderr' ? 'stderr' : 'stdout';
        const received = String(c.text ?? '');
        if (this.note) {
          this.drop(received.length);
          return received;
        }
        const room = this.cap - this.size;
        const textIn = received.length > room ? received.slice(0, Math.max(0, room)) : received;
        this.size += textIn.length;
        const last = this.outputs[this.outputs.length - 1];
        if (!this.clearPending && last && last.output_type === 'stream' && last.name === name) {
          last.text = (Array.isArray(last.text) ? last.text.join('') : last.text) + textIn;
        } else {
          this.push({ output_type: 'stream', name, text: textIn });
        }
        if (textIn.length < received.length) this.drop(received.length - textIn.length);
        return received;
      }
      case 'display_data':
      case 'execute_result': {
        const o: Rich =
          msg.header.msg_type === 'display_data'
            ? { output_type: 'display_data', data: c.data ?? {}, metadata: c.metadata ?? {} }
            : { output_type: 'execute_result', data: c.data ?? {}, metadata: c.metadata ?? {}, execution_count: c.execution_count ?? null };
        const size = JSON.stringify(o.data).length;
        if (this.note || size > this.cap - this.size) {
          this.drop(size);
          return null;
        }
        this.size += size;
        const id = c.transient?.display_id;
        if (id) {
          const list = this.byDisplayId.get(id) ?? [];
          list.push(o);
          this.byDisplayId.set(id, list);
        }
        this.push(o);
        return null;
      }
      case 'update_display_data': {
        const id = c.transient?.display_id;
        for (const o of (id && this.byDisplayId.get(id)) || []) {
          o.data = c.data ?? {};
          o.metadata = c.metadata ?? {};
        }
        return null;
      }
      case 'error':
        this.push({ output_type: 'error', ename: String(c.ename ?? 'Error'), evalue: String(c.evalue ?? ''), traceback: (c.traceback ?? []).map(String) });
        return null;
      case 'clear_output':
        if (c.wait) this.clearPending = true;
        else this.clearNow();
        return null;
      default:
        return null; // execute_input, status, comm messages…
    }
  }
}
