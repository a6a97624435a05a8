/**
 * npm run bench [-- --quick] [--orders N] [--workers N] [--iterations N] [--cold-runs N] [--no-bulk] [--json <file>]
 *                 [--no-store] [--store-only] [--store-orders N]
 * Every performance figure, each target marked PASS/FAIL (bench/run.ts); tables to stdout, JSON and
 * Markdown to bench-results/. Then the live engine's: planning into the store, releasing (bench/store.ts).
 */
import { runBench } from '../bench/run';
import { runStoreBench, splitStoreArgs } from '../bench/store';

const [benchArgs, storeArgs] = splitStoreArgs(process.argv.slice(2));
const rendering = storeArgs.includes('--store-only') ? 0 : await runBench(benchArgs);
process.exitCode = Math.max(rendering, await runStoreBench(storeArgs));
