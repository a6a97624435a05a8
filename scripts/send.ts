/**
 * npm run -s send -- --data <orders> [...] | work [--once] | resume | status | event | cancel | suppress | …
 * (`--help` for the whole usage). The command's logic lives in sending/send-command.ts; this only wires it to
 * the process: arguments, environment, output, and SIGINT/SIGTERM (a worker finishes its batch, then exits 0).
 */
import { runCommand } from '../core/cli';
import { runSendCommand } from '../sending/send-command';

const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());

await runCommand(() =>
  runSendCommand(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    signal: stop.signal,
  }),
);
