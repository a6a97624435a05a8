/**
 * `npm run bench [-- --quick] [--orders N] [--workers N] [--iterations N] [--cold-runs N] [--no-bulk] [--json <file>]`
 *
 * One run, every figure, each target marked PASS/FAIL:
 * - per template, 8-line orders: `renderEmail()` (HTML + text + subject) against react-email's
 *   `render()` of the same component (HTML alone, and HTML + plain text) and React's
 *   `renderToStaticMarkup` (the floor); the fast path's HTML step on its own; HTML bytes;
 * - the alternative, side by side: the same templates on Preact (preact-render-to-string through
 *   `preact/compat`) with html-to-text's compiled converter, held to DOM equivalence with `render()`;
 * - cold start: fresh processes importing the built library (`dist/`, rebuilt first: `npm run build`)
 *   vs `react-email`, rendering once;
 * - bulk: N orders × every template (the default sequence) across worker threads.
 * Prints tables, writes `bench-results/latest.json` and `bench-results/latest.md` (gitignored).
 * Performance is never asserted in `npm test`; this is where it is measured. This file runs the parts in
 * order; the per-template timings are in render-timing.ts, the cold start in cold-start.ts, the goals in
 * targets.ts and the tables in report.ts.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { buildLibrary } from '../build/library';
import { CliError, type ExitCode, execute } from '../core/cli';
import { TEMPLATE_IDS } from '../emails';
import { primitiveCacheStats } from '../render/primitive-cache';
import type { BulkResult } from './bulk';
import { measureColdStart } from './cold-start';
import { orderFactory, SAMPLES_DIR } from './orders';
import {
  buildPreactRenderer,
  checkPreactEquivalence,
  loadPreactRenderer,
  ownLines,
  PREACT_RENDERER_FILES,
  STATIC_RENDERER_FILES,
} from './preact';
import { measureTemplates, SECRET } from './render-timing';
import { renderReport } from './report';
import { type Alternative, evaluate } from './targets';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench-results');

/** Runs the benchmark on `argv` (the arguments after the script); returns its exit code. */
export function runBench(argv: readonly string[]): Promise<ExitCode> {
  return execute(() => bench(argv));
}

async function bench(argv: readonly string[]): Promise<undefined> {
  const options = parseOptions(argv);
  const environment = {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    nodeEnv: process.env.NODE_ENV ?? '(unset)',
    loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))),
  };
  if (process.env.NODE_ENV !== 'production')
    process.stderr.write('warning: NODE_ENV is not "production": React runs its slower development build\n');
  process.stderr.write(
    `bench: node ${environment.node}, ${environment.cores} cores, NODE_ENV=${environment.nodeEnv}, load ${environment.loadAverageAtStart.join(' ')}\n`,
  );

  const libraryDir = join(ROOT, 'dist');
  const referenceDir = join(OUT, 'build/react-email');
  mkdirSync(OUT, { recursive: true });
  await buildBundles(libraryDir, referenceDir);

  process.stderr.write('bench: bundling the templates on Preact and checking it against render()…\n');
  const preact = await loadPreactRenderer(await buildPreactRenderer(ROOT, join(OUT, 'build/preact')));
  const orders = orderFactory();
  const alternative: Alternative = {
    equivalence: await checkPreactEquivalence(preact, [orders(0, 8), orders(1, 3), orders(2, 1)], SECRET),
    ownLines: {
      static: ownLines(ROOT, STATIC_RENDERER_FILES),
      preact: ownLines(ROOT, PREACT_RENDERER_FILES),
    },
  };
  const perTemplate = await measureTemplates(options.iterations, preact);
  const cold = measureColdStart(
    options.coldRuns,
    join(libraryDir, 'index.js'),
    join(referenceDir, 'index.js'),
  );
  const bulk = options.bulk
    ? await measureBulk(join(libraryDir, 'index.js'), options.orders, options.workers)
    : null;

  const targets = evaluate(perTemplate, cold, bulk, alternative);
  const report = renderReport(perTemplate, cold, bulk, targets, options, alternative);
  process.stdout.write(`\n${report.text}\n`);

  const result = {
    date: new Date().toISOString(),
    environment: { ...environment, loadAverageAtEnd: loadavg().map((x) => Number(x.toFixed(2))) },
    options,
    document: 'en-usd sample with 8 order lines (bench/orders.ts orderFactory()(0, 8)), locale en',
    templates: perTemplate,
    /** How react-email's primitives fared in the cache over the per-template runs (render/primitive-cache.ts). */
    primitiveCache: primitiveCacheStats(),
    alternative,
    coldStart: cold,
    bulk,
    targets,
  };
  writeFileSync(options.json, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(OUT, 'latest.md'), `${report.markdown}\n`);
  process.stdout.write(`\nwrote ${options.json} and ${join(OUT, 'latest.md')}\n`);
  return undefined;
}

function parseOptions(argv: readonly string[]) {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const { values } = parsed;
  const quick = values.quick ?? false;
  const int = (name: string, value: string | undefined, fallback: number, min = 1) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new CliError(`--${name} ${value}: expected an integer ≥ ${min}`);
    return n;
  };
  return {
    quick,
    iterations: int('iterations', values.iterations, quick ? 20 : 150),
    orders: int('orders', values.orders, quick ? 200 : 10_000),
    workers: int('workers', values.workers, availableParallelism()),
    coldRuns: int('cold-runs', values['cold-runs'], quick ? 2 : 5),
    bulk: !values['no-bulk'],
    json: resolve(values.json ?? join(OUT, 'latest.json')),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      iterations: { type: 'string' },
      orders: { type: 'string' },
      workers: { type: 'string' },
      'cold-runs': { type: 'string' },
      'no-bulk': { type: 'boolean' },
      json: { type: 'string' },
    },
    strict: true,
  });
}

/** The library as users get it (`npm run build`'s bundle), and the same templates on react-email's own barrel. */
async function buildBundles(libraryDir: string, referenceDir: string): Promise<void> {
  process.stderr.write('bench: building dist/ (npm run build) and the react-email comparison…\n');
  // `npm run build` itself: the cold start and the bulk run import dist/, as users do.
  try {
    await buildLibrary({ outdir: libraryDir, quiet: true });
  } catch (error) {
    // The bundle is written before the declarations; a type error elsewhere must not stop the benchmark.
    process.stderr.write(
      `bench: declarations not emitted (${(error as Error).message}); the bundle is measured anyway\n`,
    );
  }
  await build({
    absWorkingDir: ROOT,
    entryPoints: { 'bulk-worker': 'bench/bulk-worker.ts' },
    outdir: join(OUT, 'build'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { index: 'bench/reference-entry.ts' },
    outdir: referenceDir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    packages: 'external',
    logLevel: 'warning',
  });
}

function measureBulk(library: string, orders: number, workers: number): Promise<BulkResult> {
  return new Promise((resolveBulk, reject) => {
    const child = fork(
      join(ROOT, 'bench/bulk.ts'),
      [
        ...['--library', library, '--worker', join(OUT, 'build/bulk-worker.js'), '--samples', SAMPLES_DIR],
        ...[
          '--orders',
          String(orders),
          '--workers',
          String(workers),
          '--templates',
          String(TEMPLATE_IDS.length),
        ],
      ],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    let result: BulkResult | undefined;
    child.on('message', (message) => {
      result = message as BulkResult;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      result && code === 0 ? resolveBulk(result) : reject(new Error(`bulk run exited with ${code}`)),
    );
  });
}
