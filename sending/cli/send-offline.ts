import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { CliError, type ExitCode } from '../../core/cli';
import type { OrderBatch } from '../intake/order-input';
import { type ComposedSequence, composeSequence } from '../offline/compose';
import { makeDirectory, OutboxDirError, writeOutbox } from '../offline/outbox';
import { insideDirectory, safeFileName } from '../offline/safe-name';
import type { Sequence } from '../plan/sequence';
import type { Io } from './io';
import { formatTable, shortLocal } from './report';
import type { SendArgs, SendEnv } from './send-options';

export async function writeOffline(
  batch: OrderBatch,
  sequence: Sequence,
  args: SendArgs,
  env: SendEnv,
  io: Io,
  partial: ExitCode,
): Promise<ExitCode> {
  const composed: ComposedSequence[] = [];
  if (batch.valid.length > 1) io.err(`composing the emails of ${batch.valid.length} orders…\n`);
  for (const [i, { document }] of batch.valid.entries()) {
    // Rendering never waits on I/O: let the event loop in now and then, so Ctrl-C is heard mid-run.
    if (i > 0 && i % 10 === 0) await yieldToEventLoop();
    composed.push(
      await composeSequence(document, {
        sequence,
        ...(args.to === undefined ? {} : { to: args.to }),
        ...(env.from === undefined ? {} : { from: env.from }),
        ...(args.start === undefined ? {} : { start: args.start }),
        ...(args.compressMs === undefined ? {} : { compressMs: args.compressMs }),
        ...(args.only === undefined ? {} : { only: args.only }),
        ...(env.unsubscribeSecret === undefined ? {} : { unsubscribeSecret: env.unsubscribeSecret }),
      }),
    );
  }
  // Every email composed (a document that cannot be is refused before any file is written); then an --out that
  // cannot be a folder is bad usage, with nothing written.
  try {
    await makeDirectory(args.out);
  } catch (error) {
    if (error instanceof OutboxDirError) throw new CliError(`--out ${args.out}: ${error.message}`);
    throw error;
  }
  const reason = io.env.RESEND_API_KEY ? '--dry-run' : 'no RESEND_API_KEY';
  const [only] = composed;
  if (composed.length === 1 && only) {
    for (const warning of only.warnings) io.err(`warning: ${warning}\n`);
    const result = await writeOutbox(only, args.out);
    io.out(
      args.json
        ? `${JSON.stringify(offlineJson(only, result.index), null, 2)}\n`
        : offlineTable(only, result.index, reason),
    );
    return partial;
  }
  const written: { composed: ComposedSequence; index: string }[] = [];
  for (const c of composed) {
    const result = await writeOutbox(c, insideDirectory(args.out, safeFileName(c.order.id)));
    written.push({ composed: c, index: result.index });
  }
  if (args.json)
    io.out(
      `${JSON.stringify(
        {
          mode: 'offline',
          invalid: batch.invalid,
          orders: written.map((w) => offlineJson(w.composed, w.index)),
        },
        null,
        2,
      )}\n`,
    );
  else
    io.out(
      `${formatTable(
        ['order', 'to', 'emails', 'skipped', 'outbox'],
        written.map((w) => [
          w.composed.order.id,
          w.composed.to,
          String(w.composed.steps.length),
          String(w.composed.skipped.length),
          w.index,
        ]),
      )}\n\nNothing was sent (${reason}). ${written.length} orders written to ${args.out}/.\n`,
    );
  return partial;
}

function offlineJson(composed: ComposedSequence, index: string) {
  return {
    mode: 'offline',
    order: composed.order.id,
    to: composed.to,
    from: composed.from,
    sequence: composed.plan.sequence,
    outbox: index,
    warnings: composed.warnings,
    steps: composed.steps.map((s) => ({
      step: s.number,
      template: s.template,
      kind: s.kind,
      day: s.day,
      sendAt: s.sendAt,
      local: s.local,
      dispatch: s.dispatch,
      subject: s.payload.subject,
      idempotencyKey: s.idempotencyKey,
    })),
    skipped: composed.skipped.map((s) => ({
      step: s.number,
      template: s.template,
      day: s.day,
      sendAt: s.sendAt,
      local: s.local,
      reason: s.reason,
    })),
  };
}

function offlineTable(composed: ComposedSequence, index: string, reason: string): string {
  const dispatch = { now: 'at once', scheduled: 'scheduled', pending: 'later (work)' } as const;
  const table = formatTable(
    ['step', 'day', "customer's time", 'template', 'kind', 'sending', 'subject'],
    composed.steps.map((s) => [
      String(s.number),
      String(s.day),
      shortLocal(s.local),
      s.template,
      s.kind,
      dispatch[s.dispatch],
      s.payload.subject,
    ]),
  );
  const skipped = composed.skipped.length
    ? `\n\n${formatTable(
        ['step', 'day', 'template', 'skipped because'],
        composed.skipped.map((s) => [String(s.number), String(s.day), s.template, s.reason]),
      )}`
    : '';
  const count = composed.steps.length === 1 ? 'the email' : `the ${composed.steps.length} emails`;
  return `${table}${skipped}\n\nNothing was sent (${reason}). Open ${index} to review ${count}.\n`;
}
