/**
 * The `send` command's logic (scripts/send.ts only wires it to the process): parse, validate every input, build
 * the whole plan, then act. Offline (no RESEND_API_KEY, or --dry-run) no store is opened and no API client is
 * built: the outbox is written as before. Live, orders are planned into the store and what is already within
 * the release window goes out at once; `work` releases the rest as it comes due.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, EXIT, type ExitCode, readJsonFile } from '../../core/cli';
import { parseOrderDocument } from '../../core/order-document';
import { TEMPLATE_IDS } from '../../emails';
import { emptyReport, type ReleaseReport } from '../engine/release';
import { statusReport } from '../engine/status-report';
import { describeInvalid, type OrderBatch, OrderInputError, parseOrderInput } from '../intake/order-input';
import { defaultSequence, parseSequence, type Sequence } from '../plan/sequence';
import type { SenderOptions } from '../provider/sender';
import type { Sequencer } from '../sequencer';
import { cancelText } from './cancel-output';
import type { Io } from './io';
import { formatTable, releaseLine, summaryTable } from './report';
import { writeOffline } from './send-offline';
import {
  type Args,
  type EventArgs,
  flagsOf,
  parseSendArgs,
  readSendEnv,
  type SendArgs,
  type SendEnv,
  type WorkArgs,
} from './send-options';
import { runReport } from './send-report';
import { runStatus } from './send-status';
import { commandUsage } from './send-usage';
import { context, statusText, stepRows } from './status-output';

export type { Io } from './io';

export const USAGE = `usage: npm run -s send -- --data <orders.json|.ndjson> [--sequence <file.json>] [--only id,id] [--to <email>]
         [--from <"Name <addr>">] [--start <ISO time>] [--compress <30s|2m|1h>] [--release-window <0|1h|30d>]
         [--skip-invalid] [--dry-run] [--out <dir>] [--ledger <dir>] [--wide] [--json]
       npm run -s send -- work [--once] [--release-window <duration>] [--ledger <dir>] [--json]
       npm run -s send -- resume                          (= work --once)
       npm run -s send -- status [--order <id>] [--to <email>] [--wide] [--ledger <dir>] [--json]
       npm run -s send -- event --type order-cancelled|order-refunded --order <id> [--ledger <dir>] [--json]
       npm run -s send -- event --type shipment --data <file.json> [--ledger <dir>] [--json]
       npm run -s send -- cancel --order <id> | --data <file.json> [--to <email>] [--ledger <dir>] [--json]
       npm run -s send -- suppress <email> [--scope marketing|all] [--reason <text>] [--ledger <dir>] [--json]
       npm run -s send -- unsuppress <email> [--reason <text>] [--ledger <dir>] [--json]
       npm run -s send -- suppressions [--ledger <dir>] [--json]
       npm run -s send -- <command> --help   (one command's flags)
       npm run -s send -- report [--since 30d] [--json] [--html <file>]
       npm run -s send -- resume-marketing [--ledger <dir>] [--json]   (lifts the complaint guardrail)
--to: a test send, kept apart from the live order (a run per order and address); cancel --to cancels that run alone
--data: one order document, a JSON array of them, or NDJSON (one per line)
templates: ${TEMPLATE_IDS.join(', ')}
environment: RESEND_API_KEY (unset: offline, the emails go to --out), EMAIL_FROM, UNSUBSCRIBE_SECRET,
  DATABASE_URL (a Postgres server for the store; unset: embedded in --ledger, default .sends/),
  ATTRIBUTION_DAYS (an order counts for a human click this many days before it: 1–30, default 5),
  SEND_RATE_PER_SECOND (default: Resend's advertised limit; 0 = unpaced), SEND_TIMEOUT_MS (15000),
  SEND_MAX_ATTEMPTS (6), SEND_BACKOFF_MS (500), SEND_MAX_BACKOFF_MS (30000), SEND_LEASE_MS (300000)`;

export async function runSendCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  const args = parseSendArgs(argv);
  if (args.command === 'help') {
    io.out(`${args.topic === undefined ? USAGE : commandUsage(args.topic, flagsOf(args.topic))}\n`);
    return EXIT.ok;
  }
  const env = readSendEnv(args, io.env);
  if (args.command === 'send') return runSend(args, env, io);
  // A command that only reads (or removes) does not create a store: a mistyped --ledger says so instead of
  // showing an empty one.
  if (
    !io.sequencer &&
    env.databaseUrl === undefined &&
    READ_ONLY.has(args.command) &&
    'ledger' in args &&
    !(await holdsStore(args.ledger))
  )
    throw new CliError(
      `--ledger ${args.ledger}: no store there yet (nothing has been planned with it); check the path, or set DATABASE_URL`,
    );
  let sequencer: Sequencer | undefined;
  try {
    sequencer = io.sequencer ?? (await sequencerFor(args, env, io));
    switch (args.command) {
      case 'work':
        return await runWork(args, env, sequencer, io);
      case 'status':
        return await runStatus(args, sequencer, io);
      case 'cancel': {
        const order =
          args.order ?? parseOrderDocument(await readJsonFile(args.data ?? '', '--data')).order.id;
        const now = new Date();
        const result = await sequencer.cancel(
          { order, ...(args.to === undefined ? {} : { to: args.to }) },
          { now },
        );
        if (!result.found && args.to !== undefined) {
          const runs = (await sequencer.status({ order })).steps.filter((s) => s.test).map((s) => s.to);
          throw new CliError(
            `no test run of order ${order} to ${args.to}${runs.length ? ` (its test runs go to ${[...new Set(runs)].join(', ')})` : ''}`,
          );
        }
        io.out(
          args.json ? `${JSON.stringify(result, null, 2)}\n` : cancelText(result, context(io, args.wide)),
        );
        return EXIT.ok;
      }
      case 'event':
        return await runEvent(args, sequencer, io);
      case 'suppress':
        await sequencer.suppress(args.email, {
          scope: args.scope,
          source: 'manual',
          actor: 'cli',
          ...(args.reason ? { reason: args.reason } : {}),
        });
        io.out(
          args.json
            ? `${JSON.stringify({ email: args.email, scope: args.scope, suppressed: true })}\n`
            : `${args.email} suppressed (${args.scope === 'all' ? 'every email' : 'marketing'}).\n`,
        );
        return EXIT.ok;
      case 'unsuppress': {
        const removed = await sequencer.unsuppress(args.email, {
          actor: 'cli',
          ...(args.reason ? { reason: args.reason } : {}),
        });
        io.out(
          args.json
            ? `${JSON.stringify({ email: args.email, removed })}\n`
            : removed
              ? `${args.email} is no longer suppressed.\n`
              : `${args.email} was not suppressed.\n`,
        );
        return EXIT.ok;
      }
      case 'report':
        return await runReport(args, sequencer, io);
      case 'resume-marketing': {
        const resumed = await sequencer.resumeMarketing();
        io.out(
          args.json
            ? `${JSON.stringify({ resumed })}\n`
            : resumed
              ? 'Marketing resumed: the complaint guardrail is lifted; the complaint rate counts again from now.\n'
              : 'The complaint guardrail was not holding marketing back; nothing to resume.\n',
        );
        return EXIT.ok;
      }
      case 'suppressions': {
        const list = await sequencer.suppressions();
        if (args.json) io.out(`${JSON.stringify(list, null, 2)}\n`);
        else if (list.length === 0) io.out('No suppressed addresses.\n');
        else
          io.out(
            `${formatTable(
              ['email', 'scope', 'source', 'since', 'reason'],
              list.map((s) => [s.email, s.scope, s.source, s.createdAt, s.reason ?? '']),
            )}\n\n${list.length} suppressed address(es).\n`,
          );
        return EXIT.ok;
      }
    }
    return EXIT.usage;
  } finally {
    if (sequencer !== io.sequencer) await sequencer?.close();
  }
}

const READ_ONLY: ReadonlySet<string> = new Set([
  'status',
  'suppressions',
  'unsuppress',
  'report',
  'resume-marketing',
]);

/** An embedded store, or an old ledger.jsonl that opening one would import. */
async function holdsStore(ledger: string): Promise<boolean> {
  for (const name of ['pgdata', 'ledger.jsonl'])
    if (await stat(join(ledger, name)).catch(() => undefined)) return true;
  return false;
}

/** The live engine (Kysely, pg, pg-boss, PGlite) is imported only here: offline runs never load it. */
async function sequencerFor(
  args: Exclude<Args, { command: 'help' }>,
  env: SendEnv,
  io: Io,
  sequence?: Sequence,
): Promise<Sequencer> {
  const { createSequencer } = await import('../sequencer');
  const sender: SenderOptions = {
    ...env.sender,
    onRetry: (info) =>
      io.err(
        `  retrying in ${(info.delayMs / 1000).toFixed(1)} s (attempt ${info.attempt} failed: ${info.reason})\n`,
      ),
  };
  return createSequencer({
    ledgerDir: 'ledger' in args ? args.ledger : '.sends',
    from: env.from ?? 'onboarding@resend.dev',
    // Without a key (or with --dry-run) the command plans and shows; it never constructs an API client.
    dryRun: env.apiKey === undefined,
    sender,
    ...(env.databaseUrl === undefined ? {} : { databaseUrl: env.databaseUrl }),
    ...(env.databaseSchema === undefined ? {} : { databaseSchema: env.databaseSchema }),
    ...(env.apiKey === undefined ? {} : { apiKey: env.apiKey }),
    ...(env.unsubscribeSecret === undefined ? {} : { unsubscribeSecret: env.unsubscribeSecret }),
    ...(env.leaseMs === undefined ? {} : { leaseMs: env.leaseMs }),
    attributionDays: env.attributionDays,
    ...('releaseWindowMs' in args ? { releaseWindowMs: args.releaseWindowMs } : {}),
    ...(sequence === undefined ? {} : { sequence }),
  });
}

async function readOrders(path: string): Promise<OrderBatch> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`--data ${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code})`}`);
  }
  try {
    return parseOrderInput(text);
  } catch (error) {
    if (error instanceof OrderInputError) throw new CliError(`--data ${path}: ${error.message}`);
    throw error;
  }
}

async function runSend(args: SendArgs, env: SendEnv, io: Io): Promise<ExitCode> {
  const batch = await readOrders(args.data);
  const sequence =
    args.sequence === undefined
      ? defaultSequence()
      : parseSequence(await readJsonFile(args.sequence, '--sequence'), `sequence file ${args.sequence}`);
  const missing = args.only?.find((id) => !sequence.steps.some((s) => s.template === id));
  if (missing !== undefined)
    throw new CliError(`--only: "${missing}" is not a step of the ${sequence.name} sequence`);
  const problems = describeInvalid(batch.invalid);
  if (batch.invalid.length > 0 && !args.skipInvalid) {
    const what =
      batch.format === 'document'
        ? 'invalid order document'
        : `${batch.invalid.length} of ${batch.valid.length + batch.invalid.length} order documents are invalid; nothing was planned (--skip-invalid sends the others)`;
    throw new CliError(`${what}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  if (batch.invalid.length > 0)
    io.err(
      `skipping ${batch.invalid.length} invalid order document(s):\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
    );
  // Nothing to plan is invalid input (2): an empty list, or --skip-invalid with every document invalid.
  if (batch.valid.length === 0)
    throw new CliError(
      batch.invalid.length === 0
        ? `--data ${args.data}: no order document (an empty list)`
        : `--data ${args.data}: no valid order document`,
    );
  const partial: ExitCode = batch.invalid.length > 0 ? EXIT.failed : EXIT.ok;

  if (env.apiKey === undefined) return writeOffline(batch, sequence, args, env, io, partial);

  const sequencer = await sequencerFor(args, env, io, sequence);
  const documents = batch.valid.map((v) => v.document);
  try {
    if (documents.length > 1) io.err(`planning ${documents.length} orders…\n`);
    const progress = documents.length > 1 ? throttled(io, documents.length) : undefined;
    const result = await sequencer.enqueue(documents, {
      skipInvalid: true,
      ...(progress ? { onProgress: progress } : {}),
      ...(args.to === undefined ? {} : { to: args.to }),
      ...(args.start === undefined ? {} : { start: args.start }),
      ...(args.compressMs === undefined ? {} : { compressMs: args.compressMs }),
      ...(args.only === undefined ? {} : { only: args.only }),
    });
    for (const w of new Set(result.orders.flatMap((o) => o.plan.warnings)))
      if (documents.length === 1) io.err(`warning: ${w}\n`);
    // This run's steps only: a live send's own, or the test run's (never the other runs of the same order).
    const keys = new Set(result.orders.map((o) => o.key));
    const steps = (
      await (documents.length === 1
        ? sequencer.status({ order: documents[0]?.order.id ?? '' })
        : sequencer.status())
    ).steps.filter((s) => keys.has(s.run ?? s.order));
    const released = result.released ?? emptyReport();
    if (args.json)
      io.out(
        `${JSON.stringify(
          {
            mode: 'live',
            orders: result.orders.length,
            invalid: batch.invalid,
            released,
            ...statusReport(steps),
          },
          null,
          2,
        )}\n`,
      );
    else {
      const ctx = context(io, args.wide);
      io.out(
        `${documents.length <= 3 ? statusText(steps, ctx).replace(/\n\n[^\n]*\n$/, '') : summaryTable(steps)}\n`,
      );
      io.out(`\n${releaseLine(released, steps, ctx, args.to !== undefined)}\n`);
    }
    return outcome(released, partial);
  } finally {
    await sequencer.close();
  }
}

async function runWork(args: WorkArgs, env: SendEnv, sequencer: Sequencer, io: Io): Promise<ExitCode> {
  if (env.apiKey === undefined) {
    // Offline: say what is due, send nothing.
    const due = (await sequencer.status()).steps.filter(
      (s) => s.state === 'planned' && Date.parse(s.sendAt) - args.releaseWindowMs <= Date.now(),
    );
    if (args.json) io.out(`${JSON.stringify({ mode: 'dry-run', due }, null, 2)}\n`);
    else {
      if (due.length) io.out(`${stepRows(due, context(io, args.wide))}\n\n`);
      io.out(
        `${due.length} step(s) due; nothing was sent (${io.env.RESEND_API_KEY ? '--dry-run' : 'no RESEND_API_KEY'}).\n`,
      );
    }
    return EXIT.ok;
  }
  if (!args.once)
    io.err('working: releasing steps as they come due (Ctrl-C stops after the batch in flight)\n');
  const report = await sequencer.work({
    once: args.once,
    onProgress: throttled(io, 0),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  if (args.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else io.out(`${releaseLine(report, (await sequencer.status()).steps, context(io, args.wide))}\n`);
  return outcome(report, EXIT.ok);
}

async function runEvent(args: EventArgs, sequencer: Sequencer, io: Io): Promise<ExitCode> {
  const result =
    args.type === 'shipment'
      ? await sequencer.event({ type: 'shipment', document: await readJsonFile(args.data, '--data') })
      : await sequencer.event({ type: args.type, orderId: args.order });
  if (args.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
  else io.out(`${args.type}: ${result.outcome}.\n`);
  return EXIT.ok;
}

function outcome(report: ReleaseReport, partial: ExitCode): ExitCode {
  if (report.stopped) throw new CliError(report.stopped, EXIT.failed);
  if (report.failed.length > 0) {
    const names = report.failed.slice(0, 20).map((f) => `${f.template} (order ${f.order}): ${f.reason}`);
    const more = report.failed.length > 20 ? `\n  … and ${report.failed.length - 20} more (see status)` : '';
    throw new CliError(
      `${report.failed.length} step(s) failed; run the same command (or work --once) again to retry what can be:\n  ${names.join('\n  ')}${more}`,
      EXIT.failed,
    );
  }
  return partial;
}

/** Progress on stderr at most once a second: steps released so far. */
function throttled(io: Io, orders: number): (report: Readonly<ReleaseReport>) => void {
  let last = 0;
  return (report) => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    io.err(
      `${orders > 1 ? `${orders} orders planned; ` : ''}released ${report.sent + report.scheduled} step(s) (${report.sent} sent, ${report.scheduled} scheduled, ${report.failed.length} failed)\n`,
    );
  };
}
