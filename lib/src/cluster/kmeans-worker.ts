/**
 * Worker-thread entry of the K-Means pool (kmeans-pool.ts): each message is a StartsJob whose arrays live in
 * SharedArrayBuffers; the worker claims and runs starts until none is left. Never imported by the library itself.
 */
import { parentPort } from 'node:worker_threads';
import { StartsJob, workOnStarts } from './kmeans-starts';

if (parentPort) parentPort.on('message', (job: StartsJob) => { workOnStarts(job); });
