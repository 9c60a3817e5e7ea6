/**
 * Executes a notebook headlessly in its own tslab kernel, with the notebook's folder as working directory:
 * per-cell timeout (interrupt, then kill), kernel-death detection, `skip-ci` cells skipped, parameters injected,
 * the executed copy written (atomically, also on failure) with per-cell timings, the source never modified.
 */
import * as path from 'node:path';
import { KernelDiedError, KernelProcess } from './kernel';
import { readNotebook, tags, text, writeNotebook, type CodeCell, type Notebook } from './notebook';
import { OutputCollector } from './outputs';
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
  /** Command that starts the kernel (see KernelOptions.argv). */
  kernelArgv?: string[];
  /** Called with one line per finished cell, and with progress lines the cells print. */
  log?: (line: string) => void;
  /** Echo every line the cells print, not only progress lines. Default false. */
  verbose?: boolean;
}

/** How one cell ended. */
export type CellStatus = 'ok' | 'error' | 'timeout' | 'died' | 'skipped' | 'not-run';

/** The result of running a notebook. */
export interface RunResult {
  file: string;
  ok: boolean;
  /** 1-based position of the failing cell among all cells of the source notebook (0: the injected parameters). */
  failedCell?: number;
  status: 'ok' | 'error' | 'timeout' | 'died';
  /** The failing cell's error text (what it wrote to stderr, or the reason). */
  error?: string;
  durationMs: number;
  notebook: Notebook;
}

/** The one-line summary of a failure, naming notebook, cell and error. */
export function failureLine(r: RunResult): string {
  const name = path.basename(r.file);
  const what = r.status === 'timeout' ? 'timed out' : r.status === 'died' ? 'kernel died' : 'failed';
  const err = (r.error ?? '').trim().split('\n').slice(0, 12).join('\n    ');
  const where = r.failedCell ? `cell ${r.failedCell}` : r.failedCell === 0 ? 'the injected parameters' : 'start';
  return `${name}: ${where} ${what}${err ? `:\n    ${err}` : ''}`;
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}

/** Run one notebook file. Never throws for cell failures: they are in the result. */
export async function runNotebook(file: string, opts: RunOptions = {}): Promise<RunResult> {
  const log = opts.log ?? (() => {});
  const name = path.basename(file, '.ipynb');
  const started = Date.now();
  const source = readNotebook(file);
  const nb: Notebook = injectParameters(JSON.parse(JSON.stringify(source)), opts.params ?? {}, path.basename(file));
  const timeoutMs = (opts.timeoutSec ?? 600) * 1000;
  const graceMs = (opts.killGraceSec ?? 5) * 1000;
  const result: RunResult = { file, ok: true, status: 'ok', durationMs: 0, notebook: nb };
  const codeCells = nb.cells.filter((c) => c.cell_type === 'code').length;
  // Cells are named by their position in the SOURCE notebook (the injected parameters cell has none).
  const injected = (c: (typeof nb.cells)[number]) => tags(c).includes('injected-parameters');
  let position = 0;

  let kernel: KernelProcess | null = null;
  try {
    kernel = await KernelProcess.start({ cwd: path.dirname(path.resolve(file)), env: { SEGLAB_HEADLESS: '1', ...opts.env }, argv: opts.kernelArgv });
  } catch (e) {
    return finish({ ...result, ok: false, status: 'died', failedCell: undefined, error: `could not start the kernel: ${(e as Error).message}` });
  }

  const collector = new OutputCollector();
  let codeIndex = 0;
  try {
    for (let i = 0; i < nb.cells.length; i++) {
      const cell = nb.cells[i];
      const label = injected(cell) ? 'parameters' : `cell ${++position}`;
      if (cell.cell_type !== 'code') continue;
      codeIndex++;
      const tag = `${name}  ${label} (${codeIndex}/${codeCells})`;
      cell.outputs = [];
      cell.execution_count = null;
      if (tags(cell).includes('skip-ci')) {
        cell.metadata.seglab = { status: 'skipped' };
        log(`  ${tag}  – skipped (skip-ci)`);
        continue;
      }
      const code = text(cell.source);
      if (!code.trim()) continue;
      const status = await runCell(kernel, cell, code, collector, { timeoutMs, graceMs, log, verbose: opts.verbose ?? false });
      const secs = ((cell.metadata.seglab as { duration_ms: number }).duration_ms / 1000).toFixed(2);
      if (status === 'ok') {
        log(`  ${tag}  ✓ ${secs}s`);
        continue;
      }
      const stderr = collector.streamText('stderr');
      const errOut = cell.outputs.find((o) => o.output_type === 'error') as { ename: string; evalue: string; traceback: string[] } | undefined;
      let error = stderr.trim() || (errOut ? `${errOut.ename}: ${errOut.evalue}` : '');
      if (status === 'timeout') error = `timed out after ${timeoutMs / 1000}s${error ? `; ${firstLine(error)}` : ''}`;
      if (status === 'died') error = `kernel died (${kernel.exited ?? 'unknown'})${error ? `; ${firstLine(error)}` : ''}`;
      if (!error) error = 'the cell failed without an error message';
      log(`  ${tag}  ✗ ${secs}s  ${status === 'timeout' ? 'timed out' : status === 'died' ? 'kernel died' : 'error'}`);
      Object.assign(result, { ok: false, status, failedCell: injected(cell) ? 0 : position, error });
      // Later cells are kept as they are in the source, marked not run.
      for (const c of nb.cells.slice(i + 1)) if (c.cell_type === 'code') c.metadata.seglab = { status: 'not-run' };
      break;
    }
  } finally {
    await kernel.shutdown();
  }
  return finish(result);

  function finish(r: RunResult): RunResult {
    r.durationMs = Date.now() - started;
    r.notebook.metadata = {
      ...r.notebook.metadata,
      seglab: {
        status: r.status,
        failed_cell: r.failedCell ?? null,
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

async function runCell(
  kernel: KernelProcess,
  cell: CodeCell,
  code: string,
  collector: OutputCollector,
  o: { timeoutMs: number; graceMs: number; log: (s: string) => void; verbose: boolean },
): Promise<CellStatus> {
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
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), o.timeoutMs); });
  let status: CellStatus;
  try {
    const first = await Promise.race([done, timeout]);
    if (first === 'timeout') {
      status = 'timeout';
      kernel.interrupt();
      const after = await Promise.race([done.then(() => 'replied' as const, () => 'died' as const), sleep(o.graceMs).then(() => 'silent' as const)]);
      if (after !== 'replied') kernel.kill();
    } else {
      const content = first.content as { status?: string; execution_count?: number };
      cell.execution_count = content.execution_count ?? null;
      status = content.status === 'ok' ? 'ok' : 'error';
    }
  } catch (e) {
    if (!(e instanceof KernelDiedError)) throw e;
    status = 'died';
  } finally {
    clearTimeout(timer);
  }
  const end = new Date();
  cell.metadata.execution = { 'iopub.execute_input': start.toISOString(), 'shell.execute_reply': end.toISOString() };
  cell.metadata.seglab = { status, duration_ms: end.getTime() - start.getTime() };
  return status;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
