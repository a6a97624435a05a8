/**
 * npm run -s send -- --data <orders> [...] | work [--once] | resume | status | event | cancel | suppress | …
 * (`--help` for the whole usage). The command's logic lives in sending/cli/send-command.ts; scripts/commands.ts wires
 * it to the process (arguments, environment, output, SIGINT/SIGTERM).
 */
import { send } from './commands';

await send(process.argv.slice(2));
