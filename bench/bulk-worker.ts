/**
 * One worker thread of the bulk run: imports the built library, renders every template of the
 * registry (the default sequence, in order) for its range of orders, and reports progress.
 * The benchmark bundles this file (worker threads do not inherit tsx's loader).
 */
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { orderFactory } from './orders';

export type BulkWorkerData = {
  library: string;
  samplesDir: string;
  start: number;
  end: number;
  secret: string;
};
export type BulkWorkerMessage =
  | { type: 'progress'; emails: number }
  | { type: 'done'; emails: number; htmlBytes: number; textBytes: number; renderMs: number; heapPeak: number }
  | { type: 'error'; message: string };

type Library = typeof import('../emails');

const { library, samplesDir, start, end, secret } = workerData as BulkWorkerData;
const port = parentPort;
if (!port) throw new Error('bulk-worker.ts runs as a worker thread');

try {
  const { renderEmail, TEMPLATE_IDS } = (await import(pathToFileURL(library).href)) as Library;
  let emails = 0;
  let htmlBytes = 0;
  let textBytes = 0;
  let heapPeak = 0;
  let reported = 0;
  const benchOrder = orderFactory(samplesDir);
  const t0 = performance.now();
  for (let index = start; index < end; index++) {
    const doc = benchOrder(index);
    for (const id of TEMPLATE_IDS) {
      const email = await renderEmail(id, doc, { unsubscribeSecret: secret });
      // What sending does with it: the bytes (this also flattens the string, as a socket write would).
      htmlBytes += Buffer.byteLength(email.html);
      textBytes += Buffer.byteLength(email.text);
      emails++;
    }
    if (emails - reported >= 50) {
      port.postMessage({ type: 'progress', emails: emails - reported } satisfies BulkWorkerMessage);
      reported = emails;
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
  }
  port.postMessage({ type: 'progress', emails: emails - reported } satisfies BulkWorkerMessage);
  port.postMessage({
    type: 'done',
    emails,
    htmlBytes,
    textBytes,
    renderMs: performance.now() - t0,
    heapPeak: Math.max(heapPeak, process.memoryUsage().heapUsed),
  } satisfies BulkWorkerMessage);
} catch (error) {
  port.postMessage({
    type: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  } satisfies BulkWorkerMessage);
}
