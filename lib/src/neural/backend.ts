/**
 * The one TensorFlow.js instance of the library and the choice of its backend.
 *
 * Every file in `neural/` imports `tf` from here, so tensors, variables and backends are shared. `initBackend`
 * picks the fastest backend available: the native `tensorflow` backend when a user installed the REAL
 * `@tensorflow/tfjs-node` (this project's npm `overrides` alias that name to plain `@tensorflow/tfjs` for danfojs,
 * so the package is checked, not just resolved), else WebAssembly (XNNPACK, SIMD when the runtime has it), else the
 * pure-JavaScript `cpu` backend.
 */
import * as tf from '@tensorflow/tfjs';
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';

export { tf };

/** Names of the backends `initBackend` can pick. */
export type NeuralBackendName = 'tensorflow' | 'wasm' | 'cpu';

/** What `initBackend` picked, for the notebook to report. */
export interface NeuralBackendInfo {
  /** The active backend. */
  name: NeuralBackendName;
  /** WebAssembly SIMD in use (wasm only; `tensorflow` uses native vector code, reported as true). */
  simd: boolean;
  /** Number of threads the backend computes with (1 for cpu and single-threaded wasm). */
  threads: number;
  /** `@tensorflow/tfjs-core` version. */
  version: string;
  /** Why faster backends were skipped (one line each). */
  notes: string[];
}

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** Try this backend first; falls back down the usual order when it is unavailable. */
  prefer?: NeuralBackendName;
  /** Threads for the wasm backend when multi-threading is supported (it is not in Node.js 20). */
  threads?: number;
}

let current: Promise<NeuralBackendInfo> | null = null;
let currentKey = '';

/** Is the package that resolves as `@tensorflow/tfjs-node` the real native binding (not the tfjs alias)? */
function realTfjsNode(notes: string[]): boolean {
  let pkgName: string | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    pkgName = (require('@tensorflow/tfjs-node/package.json') as { name?: string }).name;
  } catch {
    notes.push('tensorflow: @tensorflow/tfjs-node is not installed');
    return false;
  }
  if (pkgName !== '@tensorflow/tfjs-node') {
    notes.push(`tensorflow: "@tensorflow/tfjs-node" resolves to ${pkgName ?? 'an unnamed package'} (an npm alias), not the native binding`);
    return false;
  }
  try {
    require('@tensorflow/tfjs-node');
  } catch (e) {
    notes.push(`tensorflow: @tensorflow/tfjs-node failed to load (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    return false;
  }
  if (tf.findBackendFactory('tensorflow') == null) {
    notes.push('tensorflow: @tensorflow/tfjs-node loaded but registered no "tensorflow" backend in this tfjs instance (version mismatch?)');
    return false;
  }
  return true;
}

async function tryBackend(name: NeuralBackendName, notes: string[], threads?: number): Promise<NeuralBackendInfo | null> {
  const version = tf.version_core;
  if (name === 'tensorflow') {
    if (!realTfjsNode(notes)) return null;
    if (!(await tf.setBackend('tensorflow'))) {
      notes.push('tensorflow: setBackend failed');
      return null;
    }
    await tf.ready();
    return { name, simd: true, threads: 0, version, notes };
  }
  if (name === 'wasm') {
    try {
      const multi = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
      if (multi && threads) tfWasm.setThreadsCount(threads);
      if (!(await tf.setBackend('wasm'))) {
        notes.push('wasm: setBackend failed');
        return null;
      }
      await tf.ready();
      const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
      const t = multi ? tfWasm.getThreadsCount() : 1;
      if (!multi) notes.push('wasm: multi-threading unavailable in this runtime (single thread)');
      return { name, simd, threads: t, version, notes };
    } catch (e) {
      notes.push(`wasm: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      return null;
    }
  }
  if (!(await tf.setBackend('cpu'))) return null;
  await tf.ready();
  return { name: 'cpu', simd: false, threads: 1, version, notes };
}

/**
 * Select the fastest available backend (idempotent: later calls with the same options return the same answer
 * without re-initialising).
 * @example
 * await initBackend() // → { name: 'wasm', simd: true, threads: 1, version: '4.22.0', notes: [...] }
 * @throws Error when not even the cpu backend initialises.
 */
export function initBackend(opts: InitBackendOptions = {}): Promise<NeuralBackendInfo> {
  const key = `${opts.prefer ?? ''}/${opts.threads ?? ''}`;
  if (current && key === currentKey) return current;
  currentKey = key;
  current = (async () => {
    const order: NeuralBackendName[] = ['tensorflow', 'wasm', 'cpu'];
    if (opts.prefer) order.splice(order.indexOf(opts.prefer), 1), order.unshift(opts.prefer);
    const notes: string[] = [];
    for (const name of order) {
      const info = await tryBackend(name, notes, opts.threads);
      if (info) return info;
    }
    throw new Error(`no TensorFlow.js backend could be initialised: ${notes.join('; ')}`);
  })();
  current.catch(() => { current = null; });
  return current;
}

/** Ensure some backend is ready (the fastest, on first use), for estimators called before `initBackend`. */
export async function ensureBackend(): Promise<NeuralBackendInfo> {
  return current ?? initBackend();
}
