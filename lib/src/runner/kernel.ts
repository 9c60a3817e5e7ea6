/**
 * A tslab kernel in its own process, driven over ZeroMQ like Jupyter's own clients (nbclient): a connection file
 * with fresh ports and an HMAC key, a DEALER on shell and control, a SUB on iopub. Replies are routed to the request
 * that caused them by `parent_header.msg_id`. The process's exit is watched so a dead kernel is reported, not waited on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeMessage, encodeMessage, makeHeader, type JupyterMessage } from './protocol';

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

/** The command that starts this project's tslab kernel with the running Node. */
export function defaultKernelArgv(): string[] {
  const bin = path.join(path.dirname(require.resolve('tslab/package.json')), 'bin', 'tslab');
  return [process.execPath, bin, 'kernel', '--config-path', '{connection_file}'];
}

export class KernelProcess {
  private zmq!: Zmq;
  private child!: ChildProcess;
  private shell!: InstanceType<Zmq['Dealer']>;
  private control!: InstanceType<Zmq['Dealer']>;
  private iopub!: InstanceType<Zmq['Subscriber']>;
  private key = '';
  private session = randomUUID();
  private dir = '';
  private replyWaiters = new Map<string, (m: JupyterMessage) => void>();
  private iopubHandlers = new Map<string, (m: JupyterMessage) => void>();
  private exitWaiters = new Set<(why: string) => void>();
  /** Set once the process has ended: the reason (exit code or signal). */
  exited: string | null = null;
  /** Everything the kernel process wrote to its own stderr (not the cells' stderr, which comes over iopub). */
  processStderr = '';

  /** Start a kernel and wait until it answers. */
  static async start(opts: KernelOptions): Promise<KernelProcess> {
    const k = new KernelProcess();
    await k.launch(opts);
    return k;
  }

  private async launch(opts: KernelOptions): Promise<void> {
    this.zmq = require('zeromq') as Zmq;
    this.key = randomBytes(32).toString('hex');
    const ports = { shell: await freePort(), iopub: await freePort(), stdin: await freePort(), control: await freePort(), hb: await freePort() };
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-kernel-'));
    const connFile = path.join(this.dir, 'connection.json');
    fs.writeFileSync(
      connFile,
      JSON.stringify({
        transport: 'tcp', ip: '127.0.0.1', signature_scheme: 'hmac-sha256', key: this.key,
        shell_port: ports.shell, iopub_port: ports.iopub, stdin_port: ports.stdin, control_port: ports.control, hb_port: ports.hb,
      }),
    );
    const argv = (opts.argv ?? defaultKernelArgv()).map((a) => a.replace('{connection_file}', connFile));
    this.child = spawn(argv[0], argv.slice(1), { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
    void this.readLoop(this.iopub, (m) => this.iopubHandlers.get(String(m.parent_header.msg_id))?.(m));

    // The kernel binds its sockets a moment after it starts, and a SUB socket joins late: ask kernel_info until
    // it answers AND its status message has reached us on iopub, so no output of the first cell is lost.
    const deadline = Date.now() + (opts.startTimeoutMs ?? 60000);
    for (;;) {
      if (this.exited) throw new KernelDiedError(`the kernel exited while starting (${this.exited}): ${this.processStderr.trim().slice(-2000)}`);
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

  /** Interrupt the running cell (tslab's interrupt_mode is "signal": SIGINT). */
  interrupt(): void {
    if (!this.exited) this.child.kill('SIGINT');
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

  /** Kill the process at once. */
  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** Ask the kernel to shut down, kill it if it does not, close the sockets and remove the connection file. */
  async shutdown(): Promise<void> {
    if (!this.exited) {
      const header = makeHeader('shutdown_request', this.session);
      await this.request(this.control, header, { restart: false }, 2000).catch(() => null);
      if (!(await this.waitExit(2000))) {
        this.child.kill('SIGTERM');
        if (!(await this.waitExit(2000))) this.kill();
        await this.waitExit(2000);
      }
    }
    for (const s of [this.shell, this.control, this.iopub]) {
      try { s?.close(); } catch { /* already closed */ }
    }
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
