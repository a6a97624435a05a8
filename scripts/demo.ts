/**
 * npm run demo [-- <out dir>] — the main job, offline: every template × locale × sample order into
 * outbox/templates/ and the default sequence into outbox/ with its timeline (stories/demo.ts).
 */
import { resolve } from 'node:path';
import { runCommand } from '../core/cli';
import { writeDemo } from '../stories/demo';

await runCommand(async () => {
  await writeDemo(resolve(process.argv[2] ?? 'outbox'), {
    // A fixed, public preview secret unless a real one is set.
    unsubscribeSecret: process.env.UNSUBSCRIBE_SECRET || 'demo-preview-secret',
    log: (line) => process.stdout.write(`${line}\n`),
  });
  return undefined;
});
