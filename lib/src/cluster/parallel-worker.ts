/**
 * Worker-thread entry of the parallel pool (parallel-pool.ts): each message is a job whose arrays live in shared
 * memory; the worker claims and runs units until none is left. Never imported by the library itself.
 */
import { parentPort } from 'node:worker_threads';
import { workOnUnits, type UnitsMessage } from './parallel-pool';

if (parentPort) parentPort.on('message', (msg: UnitsMessage) => { workOnUnits(msg); });
