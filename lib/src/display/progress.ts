/**
 * A progress indicator for long loops (epochs, k sweeps, grids). In a notebook it is ONE output updated in place
 * (`display_data` with a `display_id`, then `update_display_data`): live while the cell runs, and a headless run
 * (the runner keeps only the final state of a display) saves one summary line, not a log. Outside a kernel (plain
 * Node, the command line) it prints plain lines. The label names the step that is RUNNING ({@link Progress.step}),
 * not the one that just finished.
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
   * Name the step that starts now ("dbscan on raw"): shown at once (never throttled in a notebook) until the next
   * `step` or `done`. Call it before each step that takes noticeable time; `tick` when it has finished.
   */
  step(name: string): void;
  /**
   * Mark as finished: the bar fills to the total, unless `at` says where the work really stopped (an early stop
   * after 43 of 100 epochs shows 43/100, not 100/100).
   */
  done(note?: string, at?: number): void;
}

/** Options of {@link progress}. */
export interface ProgressOptions {
  /** Minimum milliseconds between two updates. Default 150 in an interactive notebook, 1000 headless or in plain mode. */
  throttleMs?: number;
  /** Force plain lines (true) or display updates (false). Default: display updates in a kernel, plain lines outside one. */
  plain?: boolean;
}

/** Display metadata that marks a progress output (the business report leaves it out; checks recognise it). */
export const PROGRESS_METADATA = Object.freeze({ seglab: Object.freeze({ kind: 'progress' }) });

/**
 * The text of a progress state (pure).
 * @example progressText('epochs', 3, 10) // "epochs  3/10  30%  ██████░░░░░░░░░░░░░░"
 * @example progressText('grid', 3, 10, '', 0, 'dbscan on raw') // "grid  3/10  30%  ██████░░░░░░░░░░░░░░  running dbscan on raw"
 */
export function progressText(label: string, done: number, total: number, note = '', elapsedMs = 0, running = ''): string {
  const frac = total > 0 ? Math.min(1, done / total) : 0;
  const bar = '█'.repeat(Math.round(frac * 20)).padEnd(20, '░');
  const eta = done > 0 && done < total && elapsedMs > 0 ? `  eta ${((elapsedMs / done) * (total - done) / 1000).toFixed(1)}s` : '';
  const secs = elapsedMs > 0 ? `  ${(elapsedMs / 1000).toFixed(1)}s` : '';
  const now = running ? `  running ${running}` : '';
  return `${label}  ${done}/${total}  ${Math.round(frac * 100)}%  ${bar}${secs}${eta}${now}${note ? `  ${note}` : ''}`;
}

/** The HTML of a progress state (pure). */
export function progressHtml(label: string, done: number, total: number, note = '', elapsedMs = 0, running = ''): string {
  const pct = total > 0 ? Math.min(100, (100 * done) / total) : 0;
  const text = escapeHtml(progressText(label, done, total, note, elapsedMs, running).replace(/[█░]+/, ''));
  return `<div class="seglab-progress" style="font-family:monospace;font-size:12px"><progress value="${pct.toFixed(1)}" max="100" style="width:240px;vertical-align:middle"></progress> ${text}</div>`;
}

/**
 * Start a progress indicator.
 * @example const p = progress(ks.length, 'k sweep'); for (const k of ks) { p.step(`k = ${k}`); fit(k); p.tick(); } p.done();
 */
export function progress(total: number, label = 'progress', opts: ProgressOptions = {}): Progress {
  const plain = opts.plain ?? !inKernel();
  const headless = isHeadless();
  const throttle = opts.throttleMs ?? (plain || headless ? 1000 : 150);
  const start = Date.now();
  const id = newDisplayId('seglab-progress');
  let done = 0;
  let last = 0;
  let lastEcho = -Infinity;
  let lastNote = '';
  let running = '';
  let finished = false;
  let shown = false;
  let lastState = '';
  let trailing: NodeJS.Timeout | null = null;
  const render = (force: boolean) => {
    const now = Date.now();
    if (!force && now - last < throttle) {
      // an async loop gets the latest state shown once it yields; a synchronous one at its next update
      if (!plain && !trailing) {
        trailing = setTimeout(() => { trailing = null; if (!finished) render(true); }, throttle - (now - last));
        trailing.unref?.();
      }
      return;
    }
    const state = `${done}|${lastNote}|${running}`;
    if (state === lastState) return;
    lastState = state;
    last = now;
    const elapsed = now - start;
    const text = progressText(label, done, total, lastNote, elapsed, running);
    if (plain) {
      console.log(`▸ ${text}`);
      return;
    }
    // Headless, the runner echoes `seglab_echo` lines to its terminal (at most one a second, and the final one);
    // a transient field is never saved in the notebook.
    const echo = headless && (finished || done >= total || now - lastEcho >= 1000);
    if (echo) lastEcho = now;
    emitDisplay(
      {
        data: { 'text/html': progressHtml(label, done, total, lastNote, elapsed, running), 'text/plain': text },
        metadata: { ...PROGRESS_METADATA },
        transient: { display_id: id, ...(echo ? { seglab_echo: `▸ ${text}` } : {}) },
      },
      shown,
    );
    shown = true;
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
    step(name) {
      if (finished) return;
      running = name;
      render(!plain);
    },
    done(note, at) {
      if (finished) return;
      if (note !== undefined) lastNote = note;
      done = at !== undefined ? Math.max(0, Math.min(total, at)) : Math.max(done, total);
      running = '';
      finished = true;
      if (trailing) { clearTimeout(trailing); trailing = null; }
      render(true);
    },
  };
}
