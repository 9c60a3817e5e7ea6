/**
 * A small pool of worker threads that run "units" of a job SYNCHRONOUSLY with the calling thread (internal): the
 * caller and the workers claim unit indices from a shared counter until none is left, each keeping its own
 * thread-local state (its `slot`), and the caller waits (Atomics.wait) for the workers that started. Job kinds are
 * looked up by name in parallel-handlers.ts on both sides, so the payload is data only (numbers, SharedArrayBuffers,
 * a shared WebAssembly.Memory and its Module). Workers are created on first use, kept for later jobs and unref'd
 * (they never keep the process alive). A worker that has not started its share when the caller runs out of units is
 * cancelled, so a slow or failed worker never hangs a call; the results never depend on which thread ran a unit
 * (handlers reduce thread-local partial results in slot order).
 * Known limit: a worker killed in the middle of a unit (e.g. out of memory) would leave the caller waiting.
 */
import * as path from 'node:path';
import { WorkerPool } from './worker-pool';
import { HANDLERS } from './parallel-handlers';

/** A job as posted to a worker. `ctrl`: [next unit, error flag, status of slot 1, slot 2, …]. */
export interface UnitsMessage {
  kind: string;
  payload: unknown;
  nUnits: number;
  ctrl: Int32Array;
  slot: number;
}

const workers = new WorkerPool(path.join(__dirname, 'parallel-worker.js'));

/** Terminate the pooled workers (only to free their memory early: they are unref'd). */
export async function terminateParallelWorkers(): Promise<void> {
  await workers.terminate();
}

/**
 * Claim and run units of a job until none is left (called on every thread). Status of a worker slot:
 * 0 posted, 1 running, 2 done, 3 cancelled by the caller before it started.
 */
export function workOnUnits(msg: UnitsMessage): void {
  const { ctrl, slot, nUnits } = msg;
  if (slot > 0 && Atomics.compareExchange(ctrl, 1 + slot, 0, 1) !== 0) return;
  try {
    const h = HANDLERS[msg.kind];
    if (!h) throw new Error(`unknown parallel job kind "${msg.kind}"`);
    const state = h.init(msg.payload, slot);
    for (;;) {
      const u = Atomics.add(ctrl, 0, 1);
      if (u >= nUnits) break;
      h.unit(state, u);
    }
    h.finish?.(state);
  } catch (e) {
    Atomics.store(ctrl, 1, 1);
    if (slot === 0) throw e;
  } finally {
    if (slot > 0) {
      Atomics.store(ctrl, 1 + slot, 2);
      Atomics.notify(ctrl, 1 + slot);
    }
  }
}

/**
 * Run `nUnits` units of job `kind` on up to `threads` threads (the caller is slot 0, workers slots 1..). Returns the
 * slots that took part (slot 0 always; a cancelled worker's slot is absent), so the caller reduces only those.
 * @throws the caller's own error, or Error when a worker's unit failed.
 */
export function runUnits(kind: string, payload: unknown, nUnits: number, threads: number): number[] {
  const nWorkers = Math.max(0, Math.min(threads, nUnits) - 1);
  const ctrl = new Int32Array(new SharedArrayBuffer(4 * (2 + nWorkers + 1)));
  const posted = nWorkers > 0 ? workers.get(nWorkers) : [];
  posted.forEach((w, i) => w.postMessage({ kind, payload, nUnits, ctrl, slot: i + 1 } satisfies UnitsMessage));
  workOnUnits({ kind, payload, nUnits, ctrl, slot: 0 });
  const slots = [0];
  for (let s = 1; s <= posted.length; s++) {
    if (Atomics.compareExchange(ctrl, 1 + s, 0, 3) === 0) continue; // never started: cancelled
    while (Atomics.load(ctrl, 1 + s) === 1) Atomics.wait(ctrl, 1 + s, 1, 1000);
    slots.push(s);
  }
  if (Atomics.load(ctrl, 1) !== 0) throw new Error(`parallel job "${kind}": a worker thread failed`);
  return slots;
}
