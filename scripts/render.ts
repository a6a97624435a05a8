/**
 * npm run -s render -- <template-id> --data <file.json> [--locale en|ko|zh-CN] [--format html|text|json] [--to <email>]
 * One email to stdout (emails/render-command.ts).
 */
import { render } from './commands';

await render(process.argv.slice(2));
