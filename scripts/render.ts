/**
 * npm run -s render -- <template-id> --data <file.json> [--locale en|ko|zh-CN] [--format html|text|json] [--to <email>]
 * One email to stdout (emails/render-command.ts).
 */
import { renderCommand } from '../emails/render-command';

process.exitCode = await renderCommand(process.argv.slice(2), {
  unsubscribeSecret: process.env.UNSUBSCRIBE_SECRET || undefined,
});
