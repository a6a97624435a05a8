/**
 * npm run -s send -- --data <orders> [...] | work [--once] | resume | status | event | cancel | suppress | …
 * (`--help` for the whole usage). The command's logic lives in sending/cli/send-command.ts; this only wires it to
 * the process: arguments, environment, output, and SIGINT/SIGTERM (a worker finishes its batch, then exits 0;
 * anything else stops at once).
 */
import { runCommand } from '../core/cli';
import { runSendCommand } from '../sending/cli/send-command';

const stop = new AbortController();
// The worker (`work`, `resume`) finishes the batch in flight on the first Ctrl-C or SIGTERM, then exits 0. Any
// other command, or a second signal, stops at once (exit 130): the store is safe under a kill, since a claimed
// batch is replayed under the same key by the next run.
const graceful = ['work', 'resume'].includes(process.argv[2] ?? '');
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (graceful && !stop.signal.aborted) stop.abort();
    else process.exit(130);
  });

await runCommand(() =>
  runSendCommand(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    signal: stop.signal,
  }),
);
