/**
 * One run of the live-engine bench in a process of its own: plans and releases (`planAndRelease`, bench/store.ts)
 * as its parent asked in argv (JSON), sends back the figures and exits. Started by `measureStore()`, so each run's
 * peak memory is its own, as in a shop's engine that runs one store.
 */
import type { StoreRun } from './children';
import { planAndRelease } from './store';

const run = JSON.parse(process.argv[2] ?? '{}') as StoreRun;
const figures = await planAndRelease(run.backend, run.target, run.count, run.prefix, run.fakeOptions);
process.send?.(figures, () => process.exit(0));
