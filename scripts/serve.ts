/**
 * npm run serve [-- --port 8787] [--sequence <file.json>] [--release-window <duration>] [--ledger <dir>]
 * One HTTP server with the worker inside (sending/cli/serve-command.ts); SIGTERM drains and exits 0.
 */
import { runCommand } from '../core/cli';
import { runServeCommand } from '../sending/cli/serve-command';

const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());

await runCommand(() =>
  runServeCommand(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    signal: stop.signal,
  }),
);
