/**
 * A progress indicator for long loops (epochs, k sweeps). In an interactive notebook it is one output updated
 * in place (`display_id` + update_display_data); when the notebook runs headlessly (SEGLAB_HEADLESS=1, set by the
 * runner) or outside a kernel it prints plain lines, which the runner echoes to the terminal.
 */
import { emitDisplay, inKernel, isHeadless, newDisplayId } from './channel';
import { escapeHtml } from './format';

/** A running progress indicator. */
export interface Progress {
  /** Advance by `n` steps (default 1), with an optional note (e.g. "loss 0.084"). */
  tick(n?: number, note?: string): void;
  /** Set the absolute position. */
  update(done: number, note?: string): void;
  /**
   * Mark as finished: the bar fills to the total, unless `at` says where the work really stopped (an early stop
   * after 43 of 100 epochs shows 43/100, not 100/100).
   */
  done(note?: string, at?: number): void;
}

/** Options of {@link progress}. */
export interface ProgressOptions {
  /** Minimum milliseconds between two in-place updates (default 150) or two printed lines (default 1000). */
  throttleMs?: number;
  /** Force plain-line mode (true) or in-place mode (false). Default: plain when headless or outside a kernel. */
  plain?: boolean;
}

/** The text of a progress state (pure). @example progressText('epochs', 3, 10) // "epochs  3/10  30%  ███░░░░░░░" */
export function progressText(label: string, done: number, total: number, note = '', elapsedMs = 0): string {
  const frac = total > 0 ? Math.min(1, done / total) : 0;
  const bar = '█'.repeat(Math.round(frac * 20)).padEnd(20, '░');
  const eta = done > 0 && done < total && elapsedMs > 0 ? `  eta ${((elapsedMs / done) * (total - done) / 1000).toFixed(1)}s` : '';
  const secs = elapsedMs > 0 ? `  ${(elapsedMs / 1000).toFixed(1)}s` : '';
  return `${label}  ${done}/${total}  ${Math.round(frac * 100)}%  ${bar}${secs}${eta}${note ? `  ${note}` : ''}`;
}

/** The HTML of a progress state (pure). */
export function progressHtml(label: string, done: number, total: number, note = '', elapsedMs = 0): string {
  const pct = total > 0 ? Math.min(100, (100 * done) / total) : 0;
  const text = escapeHtml(progressText(label, done, total, note, elapsedMs).replace(/[█░]+/, ''));
  return `<div class="seglab-progress" style="font-family:monospace;font-size:12px"><progress value="${pct.toFixed(1)}" max="100" style="width:240px;vertical-align:middle"></progress> ${text}</div>`;
}

/**
 * Start a progress indicator.
 * @example const p = progress(10, 'k sweep'); for (const k of ks) { fit(k); p.tick(1, `k=${k}`); } p.done();
 */
export function progress(total: number, label = 'progress', opts: ProgressOptions = {}): Progress {
  const plain = opts.plain ?? (isHeadless() || !inKernel());
  const throttle = opts.throttleMs ?? (plain ? 1000 : 150);
  const start = Date.now();
  const id = newDisplayId('seglab-progress');
  let done = 0;
  let last = 0;
  let lastNote = '';
  let finished = false;
  let shown = false;
  let lastState = '';
  const render = (force: boolean) => {
    const now = Date.now();
    if (!force && now - last < throttle) return;
    const state = `${done}|${lastNote}`;
    if (state === lastState) return;
    lastState = state;
    last = now;
    const elapsed = now - start;
    if (plain) {
      console.log(`▸ ${progressText(label, done, total, lastNote, elapsed)}`);
    } else {
      emitDisplay(
        { data: { 'text/html': progressHtml(label, done, total, lastNote, elapsed), 'text/plain': progressText(label, done, total, lastNote, elapsed) }, metadata: {}, transient: { display_id: id } },
        shown,
      );
      shown = true;
    }
  };
  render(true);
  return {
    tick(n = 1, note) {
      this.update(done + n, note);
    },
    update(value, note) {
      if (finished) return;
      done = Math.min(total, value);
      if (note !== undefined) lastNote = note;
      render(done >= total);
    },
    done(note, at) {
      if (finished) return;
      if (note !== undefined) lastNote = note;
      done = at !== undefined ? Math.max(0, Math.min(total, at)) : Math.max(done, total);
      render(true);
      finished = true;
    },
  };
}
