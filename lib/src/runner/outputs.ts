/**
 * Turns the iopub messages of one execution into nbformat outputs, as nbclient does: consecutive stream text
 * is merged, `update_display_data` rewrites every earlier output with the same display_id (in any cell of the
 * notebook: the collector is shared by the run), `clear_output` (with `wait`) is honoured.
 */
import type { JupyterMessage } from './protocol';
import type { Output } from './notebook';

type Rich = Extract<Output, { output_type: 'display_data' | 'execute_result' }>;

export class OutputCollector {
  /** Outputs of the cell being executed. */
  outputs: Output[] = [];
  private byDisplayId = new Map<string, Rich[]>();
  private clearPending = false;

  /** Start collecting a new cell's outputs (display ids stay known across cells). */
  reset(): Output[] {
    this.outputs = [];
    this.clearPending = false;
    return this.outputs;
  }

  /** Everything written to stdout/stderr by the current cell. */
  streamText(name: 'stdout' | 'stderr'): string {
    return this.outputs
      .filter((o): o is Extract<Output, { output_type: 'stream' }> => o.output_type === 'stream' && o.name === name)
      .map((o) => (Array.isArray(o.text) ? o.text.join('') : o.text))
      .join('');
  }

  private push(o: Output): void {
    if (this.clearPending) {
      this.outputs.length = 0;
      this.clearPending = false;
    }
    this.outputs.push(o);
  }

  /** Apply one iopub message. Returns the stream text it added, if any (for echoing). */
  handle(msg: JupyterMessage): string | null {
    const c = msg.content as Record<string, any>;
    switch (msg.header.msg_type) {
      case 'stream': {
        const name = c.name === 'stderr' ? 'stderr' : 'stdout';
        const textIn = String(c.text ?? '');
        const last = this.outputs[this.outputs.length - 1];
        if (!this.clearPending && last && last.output_type === 'stream' && last.name === name) {
          last.text = (Array.isArray(last.text) ? last.text.join('') : last.text) + textIn;
        } else {
          this.push({ output_type: 'stream', name, text: textIn });
        }
        return textIn;
      }
      case 'display_data':
      case 'execute_result': {
        const o: Rich =
          msg.header.msg_type === 'display_data'
            ? { output_type: 'display_data', data: c.data ?? {}, metadata: c.metadata ?? {} }
            : { output_type: 'execute_result', data: c.data ?? {}, metadata: c.metadata ?? {}, execution_count: c.execution_count ?? null };
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
        else this.outputs.length = 0;
        return null;
      default:
        return null; // execute_input, status, comm messages…
    }
  }
}
