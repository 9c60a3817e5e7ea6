/**
 * A tslab kernel in its own process, driven over ZeroMQ like Jupyter's own clients (nbclient): a connection file
 * with fresh ports and an HMAC key, a DEALER on shell and control, a SUB on iopub. Replies are routed to the request
 * that caused them by `parent_header.msg_id`. The process's exit is watched so a dead kernel is reported, not waited on.
 *
 * The runner owns its kernels: each runs in its own process group (so that the whole group, with anything a cell
 * started, is signalled and killed together) with its connection folder `seglab-kernel-<runner pid>-XXXXXX`; when
 * the runner exits or crashes, an exit hook kills every kernel it still has and removes their folders; a kernel
 * started with this project's entry (kernel-main) also exits by itself when its runner is gone, even SIGKILLed; and
 * folders of runs that no longer run are removed when a kernel starts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeMessage, encodeMessage, makeHeader, type JupyterMessage } from './protocol';
import { cleanStaleKernelDirs, makeKernelDir, writeKernelDirOwner, KERNEL_DIR_ENV, OWNER_PID_ENV } from './kernel-dirs';

// zeromq is a native module loaded only when a kernel is started.
type Zmq = typeof import('zeromq');

/** Options of {@link KernelProcess.start}. */
export interface KernelOptions {
  /** Working directory of the kernel (the notebook's folder). */
  cwd: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** The command that starts the kernel; `{connection_file}` is replaced. Default: this project's tslab. */
  argv?: string[];
  /** Milliseconds to wait for the kernel to answer kernel_info. Default 60000. */
  startTimeoutMs?: number;
  /** Heap limit of the kernel's Node in MB (`--max-old-space-size`), used with the default argv. Default: Node's own. */
  maxMemoryMb?: number;
  /** Abort the start (the kernel is killed and its folder removed). */
  signal?: AbortSignal;
}

/** What a kernel sends on iopub for one request, and the shell reply. */
export interface ExecutionEvents {
  onIopub(msg: JupyterMessage): void;
}

/** Raised when the kernel process ends while a request is pending. */
export class KernelDiedError extends Error {
  override name = 'KernelDiedError';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The script that starts this project's kernel (tslab with the changes described in kernel-main). */
export function kernelMainPath(): string {
  return path.join(__dirname, 'kernel-main.js');
}

/** The command that starts this project's kernel with the running Node (and a heap limit when given). */
export function defaultKernelArgv(opts: { maxMemoryMb?: number } = {}): string[] {
  const flags = opts.maxMemoryMb ? [`--max-old-space-size=${Math.round(opts.maxMemoryMb)}`] : [];
  return [process.execPath, ...flags, kernelMainPath(), '--config-path', '{connection_file}'];
}

/** Kernels of this process that have not been shut down: killed, and their folders removed, when the process exits. */
const live = new Set<KernelProcess>();
let exitHookInstalled = false;
let staleCleaned = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const k of live) k.killNow();
  });
}

/** Kill every kernel this process started and remove their folders, synchronously (signal handlers, crashes). */
export function killAllKernels(): void {
  for (const k of live) k.killNow();
}

export class KernelProcess {
  private zmq!: Zmq;
  private child!: ChildProcess;
  private shell!: InstanceType<Zmq['Dealer']>;
  private control!: InstanceType<Zmq['Dealer']>;
  private iopub!: InstanceType<Zmq['Subscriber']>;
  private key = '';
  private session = randomUUID();
  /** The kernel's connection folder (removed at shutdown). */
  dir = '';
  private replyWaiters = new Map<string, (m: JupyterMessage) => void>();
  private iopubHandlers = new Map<string, (m: JupyterMessage) => void>();
  private exitWaiters = new Set<(why: string) => void>();
  /** Set once the process has ended: the reason (exit code or signal). */
  exited: string | null = null;
  /** Everything the kernel process wrote to its own stderr (not the cells' stderr, which comes over iopub). */
  processStderr = '';
  /** Listeners of every iopub message, whatever request it answers. */
  private iopubTaps = new Set<(m: JupyterMessage) => void>();

  /** The kernel's process id (null before it started). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** True when the kernel's Node reported running out of heap memory on its stderr. */
  get outOfMemory(): boolean {
    return /JavaScript heap out of memory|Reached heap limit|Allocation failed - process out of memory/.test(this.processStderr);
  }

  /** Listen to every iopub message (status included); returns the function that stops listening. */
  tapIopub(fn: (m: JupyterMessage) => void): () => void {
    this.iopubTaps.add(fn);
    return () => this.iopubTaps.delete(fn);
  }

  /** Start a kernel and wait until it answers. */
  static async start(opts: KernelOptions): Promise<KernelProcess> {
    const k = new KernelProcess();
    await k.launch(opts);
    return k;
  }

  private async launch(opts: KernelOptions): Promise<void> {
    this.zmq = require('zeromq') as Zmq;
    this.key = randomBytes(32).toString('hex');
    if (!staleCleaned) {
      staleCleaned = true;
      cleanStaleKernelDirs();
    }
    const ports = { shell: await freePort(), iopub: await freePort(), stdin: await freePort(), control: await freePort(), hb: await freePort() };
    installExitHook();
    this.dir = makeKernelDir(os.tmpdir());
    live.add(this);
    const connFile = path.join(this.dir, 'connection.json');
    fs.writeFileSync(
      connFile,
      JSON.stringify({
        transport: 'tcp', ip: '127.0.0.1', signature_scheme: 'hmac-sha256', key: this.key,
        shell_port: ports.shell, iopub_port: ports.iopub, stdin_port: ports.stdin, control_port: ports.control, hb_port: ports.hb,
      }),
    );
    const argv = (opts.argv ?? defaultKernelArgv({ maxMemoryMb: opts.maxMemoryMb })).map((a) => a.replace('{connection_file}', connFile));
    // detached: the kernel leads its own process group, which the runner signals as a whole
    this.child = spawn(argv[0], argv.slice(1), {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env, [OWNER_PID_ENV]: String(process.pid), [KERNEL_DIR_ENV]: this.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    writeKernelDirOwner(this.dir, this.child.pid ?? null);
    this.child.stdout?.on('data', () => { /* the kernel's own stdout is not cell output */ });
    this.child.stderr?.on('data', (b: Buffer) => { this.processStderr = (this.processStderr + b.toString()).slice(-20000); });
    this.child.on('exit', (code, signal) => {
      this.exited = signal ? `signal ${signal}` : `exit code ${code}`;
      for (const w of this.exitWaiters) w(this.exited);
      this.exitWaiters.clear();
    });
    this.child.on('error', (e) => {
      this.exited = `failed to start: ${e.message}`;
      for (const w of this.exitWaiters) w(this.exited);
    });

    const url = (p: number) => `tcp://127.0.0.1:${p}`;
    this.shell = new this.zmq.Dealer({ routingId: `seglab-shell-${this.session}` });
    this.control = new this.zmq.Dealer({ routingId: `seglab-control-${this.session}` });
    this.iopub = new this.zmq.Subscriber();
    this.shell.connect(url(ports.shell));
    this.control.connect(url(ports.control));
    this.iopub.connect(url(ports.iopub));
    this.iopub.subscribe();
    void this.readLoop(this.shell, (m) => this.replyWaiters.get(String(m.parent_header.msg_id))?.(m));
    void this.readLoop(this.control, (m) => this.replyWaiters.get(String(m.parent_header.msg_id))?.(m));
    void this.readLoop(this.iopub, (m) => {
      for (const t of this.iopubTaps) t(m);
      this.iopubHandlers.get(String(m.parent_header.msg_id))?.(m);
    });

    // The kernel binds its sockets a moment after it starts, and a SUB socket joins late: ask kernel_info until
    // it answers AND its status message has reached us on iopub, so no output of the first cell is lost.
    const deadline = Date.now() + (opts.startTimeoutMs ?? 60000);
    for (;;) {
      if (this.exited) {
        await this.shutdown();
        throw new KernelDiedError(`the kernel exited while starting (${this.exited}): ${this.processStderr.trim().slice(-2000)}`);
      }
      if (opts.signal?.aborted) {
        await this.shutdown({ fast: true });
        throw new KernelDiedError(`the kernel start was interrupted (${String(opts.signal.reason ?? 'aborted')})`);
      }
      if (Date.now() > deadline) {
        await this.shutdown();
        throw new KernelDiedError(`the kernel did not answer within ${(opts.startTimeoutMs ?? 60000) / 1000}s`);
      }
      let sawIopub = false;
      const header = makeHeader('kernel_info_request', this.session);
      this.iopubHandlers.set(header.msg_id, () => { sawIopub = true; });
      const reply = await this.request(this.shell, header, {}, 1000).catch(() => null);
      if (reply) {
        const until = Date.now() + 500;
        while (!sawIopub && Date.now() < until) await sleep(20);
      }
      this.iopubHandlers.delete(header.msg_id);
      if (reply && sawIopub) return;
    }
  }

  private async readLoop(sock: AsyncIterable<Buffer[]>, route: (m: JupyterMessage) => void): Promise<void> {
    try {
      for await (const frames of sock) {
        let msg: JupyterMessage;
        try {
          msg = decodeMessage(this.key, frames);
        } catch {
          continue; // unsigned or malformed: ignore, as Jupyter clients do
        }
        route(msg);
      }
    } catch {
      /* socket closed */
    }
  }

  private async request(
    sock: InstanceType<Zmq['Dealer']>,
    header: ReturnType<typeof makeHeader>,
    content: unknown,
    timeoutMs: number,
  ): Promise<JupyterMessage> {
    return new Promise<JupyterMessage>((resolve, reject) => {
      const timer = setTimeout(() => { this.replyWaiters.delete(header.msg_id); reject(new Error('timeout')); }, timeoutMs);
      this.replyWaiters.set(header.msg_id, (m) => { clearTimeout(timer); this.replyWaiters.delete(header.msg_id); resolve(m); });
      sock.send(encodeMessage(this.key, { header, content })).catch((e) => { clearTimeout(timer); reject(e); });
    });
  }

  /**
   * Send an execute_request and resolve with its execute_reply once the kernel has also gone idle on iopub
   * (so every output has arrived). Rejects with KernelDiedError if the process ends first.
   */
  execute(code: string, events: ExecutionEvents): { msgId: string; done: Promise<JupyterMessage> } {
    const header = makeHeader('execute_request', this.session);
    const done = new Promise<JupyterMessage>((resolve, reject) => {
      let reply: JupyterMessage | null = null;
      let idle = false;
      const finish = () => {
        if (reply && idle) {
          cleanup();
          resolve(reply);
        }
      };
      const onExit = (why: string) => { cleanup(); reject(new KernelDiedError(`the kernel died (${why})`)); };
      const cleanup = () => {
        this.replyWaiters.delete(header.msg_id);
        this.iopubHandlers.delete(header.msg_id);
        this.exitWaiters.delete(onExit);
      };
      if (this.exited) return reject(new KernelDiedError(`the kernel is not running (${this.exited})`));
      this.exitWaiters.add(onExit);
      this.iopubHandlers.set(header.msg_id, (m) => {
        if (m.header.msg_type === 'status' && (m.content as { execution_state?: string }).execution_state === 'idle') {
          idle = true;
          finish();
        } else {
          events.onIopub(m);
        }
      });
      this.replyWaiters.set(header.msg_id, (m) => { reply = m; finish(); });
      const content = { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true };
      this.shell.send(encodeMessage(this.key, { header, content })).catch((e) => { cleanup(); reject(e); });
    });
    return { msgId: header.msg_id, done };
  }

  /** Send a signal to the kernel's process group (falling back to the kernel alone). */
  private signalGroup(sig: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, sig);
    } catch {
      try { if (!this.exited) this.child.kill(sig); } catch { /* gone */ }
    }
  }

  /** Interrupt the running cell (tslab's interrupt_mode is "signal": SIGINT). */
  interrupt(): void {
    if (!this.exited) this.signalGroup('SIGINT');
  }

  /** Resolve when the process has exited, or after `ms`. */
  async waitExit(ms: number): Promise<boolean> {
    if (this.exited) return true;
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.exitWaiters.delete(w); resolve(false); }, ms);
      const w = () => { clearTimeout(t); resolve(true); };
      this.exitWaiters.add(w);
    });
  }

  /** Kill the kernel's process group at once. */
  kill(): void {
    if (!this.exited) this.signalGroup('SIGKILL');
  }

  /** Kill the process group and remove the folder, synchronously (for exit and signal handlers). */
  killNow(): void {
    this.signalGroup('SIGKILL');
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    live.delete(this);
  }

  /**
   * Ask the kernel to shut down, end its process group if it does not (SIGTERM, then SIGKILL), close the sockets and
   * remove the connection folder. `fast` (an interrupted run) skips the polite request and waits less.
   */
  async shutdown(opts: { fast?: boolean } = {}): Promise<void> {
    const wait = opts.fast ? 1500 : 2000;
    if (this.child && !this.exited) {
      if (!opts.fast) {
        const header = makeHeader('shutdown_request', this.session);
        await this.request(this.control, header, { restart: false }, 2000).catch(() => null);
      }
      if (opts.fast || !(await this.waitExit(wait))) {
        this.signalGroup('SIGTERM');
        if (!(await this.waitExit(wait))) this.kill();
        await this.waitExit(2000);
      }
    }
    // anything a cell started in the kernel's group goes with it
    if (this.child?.pid) try { process.kill(-this.child.pid, 'SIGKILL'); } catch { /* nothing left */ }
    for (const s of [this.shell, this.control, this.iopub]) {
      try { s?.close(); } catch { /* already closed */ }
    }
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    live.delete(this);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
