/**
 * The three commands wired to the process — arguments, environment, streams and signals — once, for the bin
 * (`post-purchase-emails serve|send|render`, scripts/post-purchase-emails.ts) and the `npm run` scripts alike.
 * Each command's logic lives in its module, loaded only when that command runs (`render` never loads the store).
 */
import { runCommand } from '../core/cli';

/** How long `serve` may take to drain after SIGTERM / SIGINT before it is forced out (CONTRACT.md: 30 s). */
export const SERVE_STOP_TIMEOUT_MS = 30_000;

/**
 * `serve`: the first SIGTERM or SIGINT stops taking requests, finishes those in flight and the worker's batch,
 * closes the store and exits 0. If that takes longer than 30 s, or a second signal comes, it exits at once
 * (1 after the timeout, 130 on the second signal): a claimed batch is replayed under the same key by the next run.
 */
export async function serve(argv: readonly string[]): Promise<never> {
  const { runServeCommand } = await import('../sending/cli/serve-command');
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      if (stop.signal.aborted) process.exit(130);
      stop.abort();
      setTimeout(() => {
        process.stderr.write(`error: still draining after ${SERVE_STOP_TIMEOUT_MS / 1000} s; exiting\n`);
        process.exit(1);
      }, SERVE_STOP_TIMEOUT_MS).unref();
    });
  return runCommand(() =>
    runServeCommand(argv, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      env: process.env,
      signal: stop.signal,
    }),
  );
}

/**
 * `send …`: the worker (`work`, `resume`) finishes the batch in flight on the first Ctrl-C or SIGTERM, then exits
 * 0. Any other subcommand, or a second signal, stops at once (exit 130): the store is safe under a kill, since a
 * claimed batch is replayed under the same key by the next run.
 */
export async function send(argv: readonly string[]): Promise<never> {
  const { runSendCommand } = await import('../sending/cli/send-command');
  const stop = new AbortController();
  const graceful = ['work', 'resume'].includes(argv[0] ?? '');
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      if (graceful && !stop.signal.aborted) stop.abort();
      else process.exit(130);
    });
  return runCommand(() =>
    runSendCommand(argv, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      env: process.env,
      signal: stop.signal,
    }),
  );
}

/** `render <template-id> --data <file.json> …`: one email to stdout. */
export async function render(argv: readonly string[]): Promise<void> {
  const { renderCommand } = await import('../emails/render-command');
  process.exitCode = await renderCommand([...argv], {
    unsubscribeSecret: process.env.UNSUBSCRIBE_SECRET || undefined,
  });
}
