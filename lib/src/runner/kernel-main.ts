/**
 * This project's kernel: tslab 1.0.22's TypeScript kernel (its converter, executor and Jupyter handler, unchanged)
 * started by this entry instead of `tslab kernel`, with four changes:
 *
 * 1. **Busy until the work ends.** tslab handles every shell request as it arrives: with several cells queued (Run
 *    All) each publishes "busy" at once and "idle" when it ends, so the idle of the cell before a long one is the last
 *    status a front end sees while the long cell still runs (Jupyter showed the kernel idle through a 72-second cell).
 *    Here shell requests are handled one at a time, as ipykernel does: a request's "busy" is published when its turn
 *    comes and its "idle" when it has ended, so busy/idle pairs never overlap. Control requests (shutdown) are
 *    answered at once and publish no status while a shell request runs. tslab's abort of queued cells after an error
 *    (stop_on_error) still applies.
 * 2. **Late errors fail a cell.** An uncaught exception or unhandled rejection while a cell runs (also one raised by
 *    its callbacks or its last unawaited promise) becomes an error output of that cell, which fails. One raised when
 *    no cell runs (a timer after the cell returned) is kept and reported by the next execute request, which fails
 *    with it without running its code (its reply carries `seglab_late: true`, so the runner can put the error on the
 *    cell that ran before). tslab only printed these to the stderr of whatever cell ran last.
 * 3. **The kernel ends with its runner.** Started by the runner (SEGLAB_KERNEL_OWNER_PID set), the kernel exits when
 *    that process is gone (even SIGKILLed), removing its connection folder (SEGLAB_KERNEL_DIR).
 * 4. **SIGTERM removes the temporary files** of atomic writes in progress before the kernel exits.
 *
 * Usage (what the kernelspec and the runner run): `node kernel-main.js [kernel] --config-path CONNECTION_FILE`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { removeTrackedTemps } from '../core/temp-files';
import { KERNEL_DIR_ENV, KERNEL_DIR_PREFIX, OWNER_PID_ENV } from './kernel-dirs';

type Kind = 'uncaughtException' | 'unhandledRejection';
interface Raised { err: unknown; kind: Kind }
type When = 'running' | 'late';

/** Write to the kernel process's own stderr (tslab redirects process.stderr to the running cell). */
function log(line: string): void {
  try { fs.writeSync(2, `seglab kernel: ${line}\n`); } catch { /* stderr closed */ }
}

/** The content of an `error` message (and of an execute_reply with status "error") for an error raised outside a cell's code. */
export function lateErrorContent(r: Raised, when: When): { ename: string; evalue: string; traceback: string[] } {
  const e = r.err;
  const isError = e instanceof Error || (typeof e === 'object' && e !== null && typeof (e as Error).message === 'string' && typeof (e as Error).name === 'string');
  const ename = isError ? (e as Error).name : r.kind === 'unhandledRejection' ? 'UnhandledPromiseRejection' : 'UncaughtException';
  const evalue = isError ? (e as Error).message : util.inspect(e);
  const what = r.kind === 'unhandledRejection' ? 'An unhandled promise rejection' : 'An uncaught exception';
  const where = when === 'running'
    ? 'was raised while this cell ran, outside its awaited code (in a callback, a timer or an unawaited promise):'
    : 'was raised after a cell had returned (in a timer, a callback or an unawaited promise), so the cell requested after it was not run:';
  const stack = isError && typeof (e as Error).stack === 'string' ? (e as Error).stack!.split('\n') : [`${ename}: ${evalue}`];
  return { ename, evalue, traceback: [`${what} ${where}`, ...stack] };
}

function parseConfigPath(argv: string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--config-path') return argv[i + 1] ?? null;
    if (argv[i].startsWith('--config-path=')) return argv[i].slice('--config-path='.length);
  }
  return null;
}

/** The message id in the header frame of raw ZeroMQ frames (to know which requests came on control). */
function headerMsgId(frames: Buffer[]): string | null {
  const d = frames.findIndex((f) => f.toString() === '<IDS|MSG>');
  try {
    return d >= 0 ? String(JSON.parse(frames[d + 2].toString()).msg_id) : null;
  } catch {
    return null;
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any -- tslab's kernel classes ship without usable types */
export function main(argv: string[]): void {
  const configPath = parseConfigPath(argv);
  if (!configPath) {
    log('usage: node kernel-main.js [kernel] --config-path CONNECTION_FILE');
    process.exit(2);
  }
  const tslabDist = path.join(path.dirname(require.resolve('tslab/package.json')), 'dist');
  const { createConverter } = require(path.join(tslabDist, 'converter')) as any;
  const { createExecutor } = require(path.join(tslabDist, 'executor')) as any;
  const jupyter = require(path.join(tslabDist, 'jupyter')) as any;

  // as tslab's startKernel: converters made on first use, the Node one warmed now
  let nodeConv: any = null;
  let browserConv: any = null;
  const convs = {
    get node() { return (nodeConv ??= createConverter({ isJS: false, isBrowser: false })); },
    get browser() { return (browserConv ??= createConverter({ isJS: false, isBrowser: true })); },
    close() { nodeConv?.close(); browserConv?.close(); },
  };
  void convs.node;
  const executor = createExecutor(process.cwd(), convs, { log: console.log, error: console.error });

  let running: { fail(r: Raised): void } | null = null;
  const late: Raised[] = [];
  const handler = new jupyter.JupyterHandlerImpl(executor, false);

  const Base = jupyter.ZmqServer as new (...args: any[]) => any;
  class SeglabServer extends Base {
    private chain: Promise<void> = Promise.resolve();
    private shellPending = 0;
    private controlIds = new Set<string>();
    currentExecute: any = null;

    handleShellMessage(sock: any, ...frames: Buffer[]): Promise<void> {
      if (sock === this.control) {
        const id = headerMsgId(frames);
        if (id) this.controlIds.add(id);
        return (super.handleShellMessage(sock, ...frames) as Promise<void>)
          .catch((e: unknown) => log(`control request failed: ${util.inspect(e)}`))
          .finally(() => { if (id) this.controlIds.delete(id); });
      }
      this.shellPending++;
      const turn = () => (super.handleShellMessage(sock, ...frames) as Promise<void>)
        .catch((e: unknown) => log(`shell request failed: ${util.inspect(e)}`))
        .finally(() => { this.shellPending--; });
      this.chain = this.chain.then(turn);
      return this.chain;
    }

    publishStatus(status: string, parent: any): void {
      // a control request answered while a cell runs must not report the kernel idle
      if (this.shellPending > 0 && this.controlIds.has(String(parent?.header?.msg_id))) return;
      super.publishStatus(status, parent);
    }

    publishError(parent: any, r: Raised, when: When): void {
      const m = parent.createReply();
      m.header.msg_type = 'error';
      m.content = lateErrorContent(r, when);
      m.signAndSend(this.connInfo.key, this.iopub);
    }

    async handleExecute(sock: any, msg: any): Promise<void> {
      if (late.length) {
        const raised = late.splice(0);
        for (const r of raised) this.publishError(msg, r, 'late');
        const reply = msg.createReply();
        reply.header.msg_type = 'execute_reply';
        reply.content = { status: 'error', ...lateErrorContent(raised[0], 'late'), seglab_late: true };
        reply.signAndSend(this.connInfo.key, sock);
        // as after any failed cell: cells queued behind this one are aborted (tslab's stop_on_error)
        const rejected = Promise.reject(new Error('aborted after an error raised outside a cell'));
        rejected.catch(() => {});
        handler.execQueue.prev = rejected;
        handler.execQueue.reset(200);
        return;
      }
      this.currentExecute = msg;
      try {
        await super.handleExecute(sock, msg);
      } finally {
        this.currentExecute = null;
      }
    }

    close(): void {
      super.close();
      // user timers or intervals must not keep a kernel alive after shutdown_request
      setTimeout(() => process.exit(0), 500).unref();
    }
  }
  const server = new SeglabServer(handler, configPath);

  const execute0 = executor.execute as (src: string) => Promise<boolean>;
  executor.execute = async (src: string): Promise<boolean> => {
    let failed = false;
    let resolveFailed!: (v: false) => void;
    const failure = new Promise<false>((r) => { resolveFailed = r; });
    running = {
      fail(r: Raised) {
        failed = true;
        if (server.currentExecute) server.publishError(server.currentExecute, r, 'running');
        resolveFailed(false);
      },
    };
    try {
      const ok = await Promise.race([execute0(src), failure]);
      if (!ok) return false;
      // let the cell's last unawaited rejections and immediate callbacks surface while the cell still counts as running
      await Promise.race([new Promise((r) => setImmediate(r)).then(() => new Promise((r) => setImmediate(r))), failure]);
      return !failed;
    } finally {
      running = null;
    }
  };

  const raised = (kind: Kind) => (err: unknown) => {
    const r = { err, kind };
    if (running) {
      running.fail(r);
    } else {
      late.push(r);
      log(`${kind} after a cell had returned (reported by the next execute request): ${err instanceof Error ? err.stack ?? err.message : util.inspect(err)}`);
    }
  };
  process.on('uncaughtException', raised('uncaughtException'));
  process.on('unhandledRejection', raised('unhandledRejection'));
  process.on('SIGINT', () => executor.interrupt());
  process.on('SIGTERM', () => {
    removeTrackedTemps();
    process.exit(143);
  });

  const owner = Number(process.env[OWNER_PID_ENV]);
  if (Number.isInteger(owner) && owner > 0) {
    const watch = setInterval(() => {
      if (process.ppid === owner) return;
      // the runner is gone (killed, crashed): nobody will shut this kernel down
      removeTrackedTemps();
      const dir = process.env[KERNEL_DIR_ENV];
      if (dir && path.basename(dir).startsWith(KERNEL_DIR_PREFIX)) {
        try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
      }
      log(`the process that started this kernel (pid ${owner}) is gone: exiting`);
      process.exit(0);
    }, 500);
    watch.unref();
  }

  server.init().catch((e: unknown) => {
    log(`cannot start: ${util.inspect(e)}`);
    process.exit(1);
  });
}

if (require.main === module) main(process.argv.slice(2));
