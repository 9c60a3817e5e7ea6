/**
 * Executes a notebook headlessly in its own tslab kernel, with the notebook's folder as working directory:
 * per-cell timeout (interrupt, then kill), kernel-death detection (naming an out-of-memory death), `skip-ci` cells
 * skipped, parameters injected, errors raised after a cell returned caught, outputs capped in size, the executed copy
 * written (atomically, also on failure and on interruption) with per-cell timings, the source never modified.
 * A notebook that cannot be read fails alone: its result says why, and nothing is thrown.
 *
 * Cells are named by their position among the code cells (the injected parameters cell aside) and by their id.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { KernelDiedError, KernelProcess } from './kernel';
import { readNotebook, tags, text, writeNotebook, type Cell, type CodeCell, type Notebook, type Output } from './notebook';
import { OutputCollector, formatSize } from './outputs';
import { injectParameters, type ParamValue } from './params';

/** Options of {@link runNotebook}. */
export interface RunOptions {
  /** Where the executed copy goes (a file path). Default: none (not written). */
  outFile?: string;
  /** Parameters to inject. */
  params?: Record<string, ParamValue>;
  /** Per-cell timeout in seconds. Default 600. */
  timeoutSec?: number;
  /** Seconds between the interrupt and the kill of a timed-out cell. Default 5. */
  killGraceSec?: number;
  /** Extra environment for the kernel (SEGLAB_HEADLESS=1 is always set). */
  env?: Record<string, string>;
  /** Command that starts the kernel (see KernelOptions.argv). Default: this project's kernel with the heap limit. */
  kernelArgv?: string[];
  /** Called with one line per finished cell, and with progress lines the cells print. */
  log?: (line: string) => void;
  /** Echo every line the cells print, not only progress lines. Default false. */
  verbose?: boolean;
  /** Stops the run (the runner got SIGINT/SIGTERM): the cell is interrupted, the executed copy records it. */
  signal?: AbortSignal;
  /** Heap limit of the kernel in MB (Node's --max-old-space-size). Default: half of the machine's memory. */
  maxMemoryMb?: number;
  /** Size cap of one cell's outputs in the executed copy, in bytes. Default 20 MB. */
  maxOutputBytes?: number;
  /** Milliseconds to wait after the last cell for errors it raises after returning (timers, promises). Default 500. */
  settleMs?: number;
}

/** Defaults of {@link RunOptions}. */
export const RUN_DEFAULTS = {
  timeoutSec: 600,
  killGraceSec: 5,
  maxOutputBytes: 20 * 1024 * 1024,
  settleMs: 500,
  /** Share of the machine's memory the kernel's heap may use. */
  memoryShare: 0.5,
} as const;

/** The default heap limit of a kernel: half of the machine's memory, in MB. */
export function defaultMaxMemoryMb(): number {
  return Math.max(512, Math.floor((os.totalmem() / (1024 * 1024)) * RUN_DEFAULTS.memoryShare));
}

/** How one cell ended. */
export type CellStatus = 'ok' | 'error' | 'timeout' | 'died' | 'skipped' | 'not-run' | 'interrupted';

/** The result of running a notebook. */
export interface RunResult {
  file: string;
  ok: boolean;
  /** 1-based position of the failing cell among all cells of the source notebook (0: the injected parameters). */
  failedCell?: number;
  /** 1-based position of the failing cell among the code cells of the source notebook (0: the injected parameters). */
  failedCodeCell?: number;
  /** The failing cell's id, where the notebook gives one. */
  failedCellId?: string;
  /** How the run ended: a cell failed, timed out or killed the kernel, the run was interrupted, the file unreadable. */
  status: 'ok' | 'error' | 'timeout' | 'died' | 'interrupted' | 'unreadable';
  /** The failing cell's error text (what it wrote to stderr, or the reason). */
  error?: string;
  /** True when the kernel died of running out of memory. */
  outOfMemory?: boolean;
  durationMs: number;
  notebook: Notebook;
}

/** How a cell is named in messages: "code cell 3 (id 1a2b3c)", or "the injected parameters". */
export function cellName(codeCell: number | undefined, id?: string): string {
  if (codeCell === 0) return 'the injected parameters';
  if (codeCell === undefined) return 'start';
  return `code cell ${codeCell}${id ? ` (id ${id})` : ''}`;
}

/** The one-line summary of a failure, naming notebook, cell and error. */
export function failureLine(r: RunResult): string {
  const name = path.basename(r.file);
  const what = r.status === 'timeout' ? 'timed out'
    : r.status === 'died' ? (r.outOfMemory ? 'kernel ran out of memory' : 'kernel died')
    : r.status === 'interrupted' ? 'interrupted'
    : r.status === 'unreadable' ? 'cannot be run' : 'failed';
  const err = (r.error ?? '').trim().split('\n').slice(0, 12).join('\n    ');
  if (r.status === 'unreadable') return `${name}: ${what}${err ? `:\n    ${err}` : ''}`;
  return `${name}: ${cellName(r.failedCodeCell, r.failedCellId)} ${what}${err ? `:\n    ${err}` : ''}`;
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}

/** Where a cell sits: its index in the executed notebook, its position among all/code cells of the source, its id. */
interface CellPlace { index: number; position: number; codeCell: number; id?: string }

/** Run one notebook file. Never throws for cell failures or unreadable notebooks: they are in the result. */
export async function runNotebook(file: string, opts: RunOptions = {}): Promise<RunResult> {
  const log = opts.log ?? (() => {});
  const name = path.basename(file, '.ipynb');
  const started = Date.now();
  let nb: Notebook;
  try {
    nb = injectParameters(readNotebook(file), opts.params ?? {}, path.basename(file));
  } catch (e) {
    const empty: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] };
    return finish({ file, ok: false, status: 'unreadable', error: (e as Error).message, durationMs: 0, notebook: empty });
  }
  const timeoutMs = (opts.timeoutSec ?? RUN_DEFAULTS.timeoutSec) * 1000;
  const graceMs = (opts.killGraceSec ?? RUN_DEFAULTS.killGraceSec) * 1000;
  const maxMemoryMb = opts.maxMemoryMb ?? defaultMaxMemoryMb();
  const result: RunResult = { file, ok: true, status: 'ok', durationMs: 0, notebook: nb };
  const injected = (c: Cell) => tags(c).includes('injected-parameters');
  const codeCells = nb.cells.filter((c) => c.cell_type === 'code' && !injected(c)).length;

  let kernel: KernelProcess;
  try {
    kernel = await KernelProcess.start({
      cwd: path.dirname(path.resolve(file)),
      env: { SEGLAB_HEADLESS: '1', ...opts.env },
      argv: opts.kernelArgv,
      maxMemoryMb,
      signal: opts.signal,
    });
  } catch (e) {
    const interrupted = opts.signal?.aborted;
    return finish({
      ...result, ok: false, status: interrupted ? 'interrupted' : 'died',
      error: interrupted ? `interrupted (${String(opts.signal!.reason ?? 'aborted')}) while the kernel started` : `could not start the kernel: ${(e as Error).message}`,
    });
  }

  const collector = new OutputCollector({ maxOutputSize: opts.maxOutputBytes ?? RUN_DEFAULTS.maxOutputBytes });
  const fail = (place: CellPlace, status: RunResult['status'], error: string) => {
    const cell = nb.cells[place.index];
    const isParams = injected(cell);
    Object.assign(result, {
      ok: false, status, error,
      failedCell: isParams ? 0 : place.position, failedCodeCell: isParams ? 0 : place.codeCell, failedCellId: place.id,
    });
    // later cells are kept as they are in the source, marked not run
    for (const c of nb.cells.slice(place.index + 1)) {
      if (c.cell_type === 'code' && (c.metadata.seglab as { status?: string } | undefined)?.status !== 'skipped') c.metadata.seglab = { status: 'not-run' };
    }
  };
  let lastRan: CellPlace | null = null;
  let position = 0;
  let codeCell = 0;
  const cellOpts = { timeoutMs, graceMs, log, verbose: opts.verbose ?? false, signal: opts.signal };
  try {
    for (let i = 0; i < nb.cells.length; i++) {
      const cell = nb.cells[i];
      if (!injected(cell)) position++;
      if (cell.cell_type !== 'code') continue;
      if (!injected(cell)) codeCell++;
      const place: CellPlace = { index: i, position, codeCell, id: typeof cell.id === 'string' ? cell.id : undefined };
      const tag = `${name}  ${injected(cell) ? 'parameters' : `code cell ${codeCell}/${codeCells}`}`;
      cell.outputs = [];
      cell.execution_count = null;
      if (tags(cell).includes('skip-ci')) {
        cell.metadata.seglab = { status: 'skipped' };
        log(`  ${tag}  – skipped (skip-ci)`);
        continue;
      }
      const code = text(cell.source);
      if (!code.trim()) continue;
      if (opts.signal?.aborted) {
        fail(place, 'interrupted', `interrupted (${String(opts.signal.reason ?? 'aborted')}) before this cell`);
        cell.metadata.seglab = { status: 'not-run' };
        break;
      }
      const { status, late } = await runCell(kernel, cell, code, collector, cellOpts);
      const secs = ((cell.metadata.seglab as { duration_ms: number }).duration_ms / 1000).toFixed(2);
      if (status === 'ok') {
        log(`  ${tag}  ✓ ${secs}s${collector.truncated ? `  (outputs truncated at ${formatSize(opts.maxOutputBytes ?? RUN_DEFAULTS.maxOutputBytes)})` : ''}`);
        lastRan = place;
        continue;
      }
      if (late && lastRan) {
        // raised after the previous cell returned: it belongs to that cell, and this one did not run
        const error = errorText(cell.outputs, '', true);
        moveLateError(cell, nb.cells[lastRan.index] as CodeCell);
        log(`  ${tag}  ✗ not run: ${firstLine(error)} (raised after ${cellName(lastRan.codeCell)} returned)`);
        fail(lastRan, 'error', error);
        break;
      }
      let error = errorText(cell.outputs, collector.streamText('stderr'));
      if (status === 'timeout') error = `timed out after ${timeoutMs / 1000}s${error ? `; ${firstLine(error)}` : ''}`;
      if (status === 'interrupted') error = `interrupted (${String(opts.signal?.reason ?? 'aborted')})${error ? `; ${firstLine(error)}` : ''}`;
      if (status === 'died') {
        result.outOfMemory = kernel.outOfMemory;
        error = kernel.outOfMemory
          ? `the kernel ran out of memory (heap limit ${maxMemoryMb} MB): reduce the data this cell holds, or raise the limit with --max-memory MB`
          : `kernel died (${kernel.exited ?? 'unknown'})${error ? `; ${firstLine(error)}` : ''}`;
      }
      if (!error) error = 'the cell failed without an error message';
      const word = { timeout: 'timed out', died: kernel.outOfMemory ? 'kernel ran out of memory' : 'kernel died', interrupted: 'interrupted' }[status as string] ?? 'error';
      log(`  ${tag}  ✗ ${secs}s  ${word}`);
      fail(place, status === 'error' ? 'error' : (status as RunResult['status']), error);
      break;
    }
    // errors raised after the last cell returned (a timer, an unawaited promise) fail the notebook on that cell
    if (result.ok && lastRan && !opts.signal?.aborted) {
      const late = await checkLateErrors(kernel, collector, opts.settleMs ?? RUN_DEFAULTS.settleMs, opts.signal);
      if (late) {
        const last = nb.cells[lastRan.index] as CodeCell;
        last.outputs.push(...late);
        last.metadata.seglab = { ...(last.metadata.seglab as object), status: 'error', late_error: true };
        const error = errorText(late, '', true);
        log(`  ${name}  ✗ ${cellName(lastRan.codeCell)}: ${firstLine(error)} (raised after it returned)`);
        fail(lastRan, 'error', error);
      }
    }
  } finally {
    await kernel.shutdown({ fast: opts.signal?.aborted ?? false });
  }
  return finish(result);

  function finish(r: RunResult): RunResult {
    r.durationMs = Date.now() - started;
    r.notebook.metadata = {
      ...r.notebook.metadata,
      seglab: {
        status: r.status,
        failed_cell: r.failedCell ?? null,
        failed_code_cell: r.failedCodeCell ?? null,
        failed_cell_id: r.failedCellId ?? null,
        error: r.error ?? null,
        parameters: opts.params ?? {},
        started: new Date(started).toISOString(),
        duration_ms: r.durationMs,
        source: path.relative(process.cwd(), path.resolve(file)),
      },
    };
    if (opts.outFile) writeNotebook(opts.outFile, r.notebook);
    return r;
  }
}

/** The error text of a cell: its stderr, else its error outputs ("name: value", and the kernel's first line of explanation unless `late`). */
function errorText(outputs: Output[], stderr: string, late = false): string {
  if (stderr.trim()) return stderr.trim();
  const errs = outputs.filter((o): o is Extract<Output, { output_type: 'error' }> => o.output_type === 'error');
  const text = errs.map((e) => [`${e.ename}: ${e.evalue}`, ...(late ? [] : e.traceback.slice(0, 1))].join('\n')).join('\n');
  return late && text ? `${text}\nraised after this cell had returned (in a timer, a callback or an unawaited promise)` : text;
}

/** Move the error outputs of a cell that did not run (a late error) to the cell that ran before it. */
function moveLateError(from: CodeCell, to: CodeCell): void {
  to.outputs.push(...from.outputs);
  to.metadata.seglab = { ...(to.metadata.seglab as object), status: 'error', late_error: true };
  from.outputs = [];
  from.execution_count = null;
  from.metadata.seglab = { status: 'not-run' };
}

/**
 * Race `p` against a timer (`ms`, null for none) and the abort signal; the timer and the abort listener are removed
 * when the race settles (a run has many cells: no listener may pile up on the signal).
 */
async function race<T>(p: Promise<T>, ms: number | null, signal?: AbortSignal): Promise<T | 'timeout' | 'aborted'> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<T | 'timeout' | 'aborted'>((resolve, reject) => {
      p.then(resolve, reject);
      if (ms !== null) timer = setTimeout(() => resolve('timeout'), ms);
      if (signal) {
        if (signal.aborted) resolve('aborted');
        onAbort = () => resolve('aborted');
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  } finally {
    clearTimeout(timer);
    if (onAbort) signal!.removeEventListener('abort', onAbort);
  }
}

/**
 * After the last cell: wait `settleMs`, then send an empty request; this project's kernel answers it with the
 * errors raised since the last cell returned. Returns their outputs, or null when there were none.
 */
async function checkLateErrors(kernel: KernelProcess, collector: OutputCollector, settleMs: number, signal?: AbortSignal): Promise<Output[] | null> {
  if ((await race(new Promise<never>(() => {}), settleMs, signal)) === 'aborted') return null;
  const outputs = collector.reset();
  const { done } = kernel.execute('', { onIopub: (m) => { collector.handle(m); } });
  const reply = await race(done.catch(() => null), 10000, signal);
  if (reply === 'timeout' || reply === 'aborted' || !reply) return null;
  const content = reply.content as { status?: string; seglab_late?: boolean };
  return content.status === 'error' && content.seglab_late ? outputs : null;
}

async function runCell(
  kernel: KernelProcess,
  cell: CodeCell,
  code: string,
  collector: OutputCollector,
  o: { timeoutMs: number; graceMs: number; log: (s: string) => void; verbose: boolean; signal?: AbortSignal },
): Promise<{ status: CellStatus; late: boolean }> {
  cell.outputs = collector.reset();
  const start = new Date();
  let pendingLine = '';
  const echo = (chunk: string) => {
    pendingLine += chunk;
    const parts = pendingLine.split('\n');
    pendingLine = parts.pop() ?? '';
    for (const line of parts) if (o.verbose || line.startsWith('▸ ')) o.log(`      ${line}`);
  };
  const { done } = kernel.execute(code, {
    onIopub: (m) => {
      const t = collector.handle(m);
      if (t !== null) echo(t);
      // progress bars are display updates (only their final state is saved); they mark lines for the terminal
      const line = (m.content as { transient?: { seglab_echo?: unknown } }).transient?.seglab_echo;
      if (typeof line === 'string') o.log(`      ${line}`);
    },
  });
  let status: CellStatus;
  let late = false;
  try {
    const first = await race(done, o.timeoutMs, o.signal);
    if (first === 'timeout' || first === 'aborted') {
      status = first === 'timeout' ? 'timeout' : 'interrupted';
      kernel.interrupt();
      const grace = first === 'timeout' ? o.graceMs : Math.min(o.graceMs, 1500);
      const after = await race(done.then(() => 'replied' as const, () => 'died' as const), grace);
      if (after !== 'replied' && first === 'timeout') kernel.kill();
    } else {
      const content = first.content as { status?: string; execution_count?: number; seglab_late?: boolean };
      cell.execution_count = content.execution_count ?? null;
      status = content.status === 'ok' ? 'ok' : 'error';
      late = content.seglab_late === true;
    }
  } catch (e) {
    if (!(e instanceof KernelDiedError)) throw e;
    status = 'died';
  }
  const end = new Date();
  cell.metadata.execution = { 'iopub.execute_input': start.toISOString(), 'shell.execute_reply': end.toISOString() };
  cell.metadata.seglab = { status, duration_ms: end.getTime() - start.getTime(), ...(collector.truncated ? { truncated: true } : {}) };
  return { status, late };
}
