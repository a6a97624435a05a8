/**
 * The package's bin, `post-purchase-emails serve|send|render …` (built into dist/ by `npm run build`): the same
 * commands and flags as `npm run serve`, `npm run send --` and `npm run render --`, on Node alone.
 */
import { render, send, serve } from './commands';

const USAGE = `usage: post-purchase-emails <command> [options]
  serve    the HTTP server with the worker inside (serve --help)
  send     plan, release, inspect and stop emails (send --help)
  render   one email to stdout (render --help)`;

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'serve':
    await serve(rest);
    break;
  case 'send':
    await send(rest);
    break;
  case 'render':
    await render(rest);
    break;
  case undefined:
  case '-h':
  case '--help':
  case 'help':
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = command === undefined ? 2 : 0;
    break;
  default:
    process.stderr.write(`error: unknown command "${command}"\n${USAGE}\n`);
    process.exitCode = 2;
}
