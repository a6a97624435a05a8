/**
 * The bulk run, in a process of its own so its peak memory is its own: N orders × every template,
 * split across worker threads, with a progress bar. Started by scripts/bench.ts (`fork`); sends
 * its result back over IPC, or prints it as JSON when run by hand:
 *   tsx bench/bulk.ts --library bench-results/build/library/index.js \
 *     --worker bench-results/build/bulk-worker.js --orders 1000 --workers 2
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { BulkWorkerData, BulkWorkerMessage } from './bulk-worker';
import { SAMPLES_DIR } from './orders';
import { ProgressBar } from './progress';

export type BulkResult = {
  orders: number;
  templates: number;
  emails: number;
  workers: number;
  /** Wall time from starting the workers to the last email, worker start-up (importing the library) included. */
  wallMs: number;
  emailsPerSecond: number;
  /** CPU time of the whole process (all threads), from getrusage. */
  cpuMs: number;
  /** Peak resident memory of the whole process (main thread + workers), from getrusage. */
  peakRssBytes: number;
  heapPeakBytes: number;
  htmlBytes: number;
  textBytes: number;
};

export type BulkOptions = {
  library: string;
  worker: string;
  samplesDir: string;
  orders: number;
  workers: number;
  templates: number;
};

export async function runBulk(options: BulkOptions): Promise<BulkResult> {
  const { library, worker: workerFile, samplesDir, orders, workers: requested, templates } = options;
  const workers = Math.max(1, Math.min(requested, orders));
  const total = orders * templates;
  const progress = new ProgressBar(`bulk ×${workers}`, total);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let done = 0;
  let lastDraw = 0;
  const results = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const start = Math.floor((orders * w) / workers);
      const end = Math.floor((orders * (w + 1)) / workers);
      const worker = new Worker(workerFile, {
        workerData: { library, samplesDir, start, end, secret: 'bench-secret' } satisfies BulkWorkerData,
      });
      return new Promise<Extract<BulkWorkerMessage, { type: 'done' }>>((resolve, reject) => {
        worker.on('message', (message: BulkWorkerMessage) => {
          if (message.type === 'progress') {
            done += message.emails;
            const now = performance.now();
            if (now - lastDraw > 100) {
              lastDraw = now;
              progress.update(done, `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
            }
          } else if (message.type === 'done') {
            resolve(message);
            void worker.terminate();
          } else {
            reject(new Error(`bulk worker ${w}: ${message.message}`));
          }
        });
        worker.on('error', reject);
      });
    }),
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  progress.finish(`${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  const emails = results.reduce((sum, r) => sum + r.emails, 0);
  return {
    orders,
    templates,
    emails,
    workers,
    wallMs,
    emailsPerSecond: emails / (wallMs / 1000),
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    heapPeakBytes: results.reduce((sum, r) => sum + r.heapPeak, 0),
    htmlBytes: results.reduce((sum, r) => sum + r.htmlBytes, 0),
    textBytes: results.reduce((sum, r) => sum + r.textBytes, 0),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      library: { type: 'string' },
      worker: { type: 'string' },
      samples: { type: 'string', default: SAMPLES_DIR },
      orders: { type: 'string', default: '1000' },
      workers: { type: 'string', default: String(availableParallelism()) },
      templates: { type: 'string', default: '7' },
    },
  });
  if (!values.library || !values.worker)
    throw new Error('--library <built index.js> and --worker <bundled bulk-worker.js> are required');
  const result = await runBulk({
    library: resolve(values.library),
    worker: resolve(values.worker),
    samplesDir: values.samples,
    orders: Number(values.orders),
    workers: Number(values.workers),
    templates: Number(values.templates),
  });
  if (process.send) process.send(result);
  else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
