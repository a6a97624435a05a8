/**
 * npm run bench [-- --quick] [--orders N] [--workers N] [--iterations N] [--cold-runs N] [--no-bulk] [--json <file>]
 * Every performance figure, each target marked PASS/FAIL (bench/run.ts); tables to stdout, JSON and
 * Markdown to bench-results/.
 */
import { runBench } from '../bench/run';

process.exitCode = await runBench(process.argv.slice(2));
