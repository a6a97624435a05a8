/**
 * npm run serve [-- --port 8787] [--host 127.0.0.1] [--sequence <file.json>] [--release-window <duration>] [--ledger <dir>]
 * One HTTP server with the worker inside (sending/cli/serve-command.ts); SIGTERM drains and exits 0. In production,
 * run the bin instead (`post-purchase-emails serve`): npm does not pass signals on to its child.
 */
import { serve } from './commands';

await serve(process.argv.slice(2));
