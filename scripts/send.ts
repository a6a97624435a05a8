/**
 * npm run -s send -- --data <file.json> [--sequence <file.json>] [--only id,id] [--to <email>] [--from <"Name <addr>">]
 *                    [--start <ISO time>] [--compress <30s|2m|1h>] [--dry-run] [--out <dir>] [--ledger <dir>] [--json]
 * npm run -s send -- cancel --data <file.json> [--to <email>] [--ledger <dir>] [--dry-run] [--json]
 * npm run -s send -- resume [--ledger <dir>] [--dry-run] [--json]
 *
 * Like resend-cli: parse, validate every input (flags, document, sequence, a full render of every step), build
 * the whole plan, then act. Offline (no RESEND_API_KEY, or --dry-run) no API client is constructed.
 */

import { CliError, EXIT, type ExitCode, readJsonFile, runCommand } from '../core/cli';
import { parseOrderDocument } from '../core/order-document';
import { TEMPLATE_IDS } from '../emails';
import { type ComposedSequence, composeSequence } from '../sending/compose';
import { cancel, type DeliveryRow, deliver, resume } from '../sending/delivery';
import { FileLedger, LedgerBusyError } from '../sending/ledger';
import { writeOutbox } from '../sending/outbox';
import { formatTable, shortLocal } from '../sending/report';
import { resendApi, Sender, type SenderOptions } from '../sending/resend-sender';
import {
  type CancelArgs,
  parseSendArgs,
  type ResumeArgs,
  readSendEnv,
  type SendArgs,
  type SendEnv,
} from '../sending/send-options';
import { defaultSequence, parseSequence, type Sequence } from '../sending/sequence';

const USAGE = `usage: npm run -s send -- --data <file.json> [--sequence <file.json>] [--only id,id] [--to <email>]
         [--from <"Name <addr>">] [--start <ISO time>] [--compress <30s|2m|1h>] [--dry-run] [--out <dir>] [--ledger <dir>] [--json]
       npm run -s send -- cancel --data <file.json> [--to <email>] [--ledger <dir>] [--dry-run] [--json]
       npm run -s send -- resume [--ledger <dir>] [--dry-run] [--json]
templates: ${TEMPLATE_IDS.join(', ')}
environment: RESEND_API_KEY (unset: offline, the emails go to --out), EMAIL_FROM, UNSUBSCRIBE_SECRET,
  SEND_RATE_PER_SECOND (default 2; 0 = unpaced), SEND_TIMEOUT_MS (15000), SEND_MAX_ATTEMPTS (6),
  SEND_BACKOFF_MS (500), SEND_MAX_BACKOFF_MS (30000)`;

async function main(): Promise<ExitCode> {
  const args = parseSendArgs(process.argv.slice(2));
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const env = readSendEnv(args, process.env);
  if (args.command === 'resume') return runResume(args, env);
  if (args.command === 'cancel') return runCancel(args, env);
  return runSend(args, env);
}

function sender(env: SendEnv, apiKey: string): Sender {
  const options: SenderOptions = { ...env.sender, onRetry: retryNote };
  return new Sender(resendApi(apiKey), options);
}

async function runSend(args: SendArgs, env: SendEnv): Promise<ExitCode> {
  // The document and the sequence.
  const document = parseOrderDocument(await readJsonFile(args.data, '--data'));
  let sequence: Sequence;
  if (args.sequence === undefined) sequence = defaultSequence();
  else
    sequence = parseSequence(
      await readJsonFile(args.sequence, '--sequence'),
      `sequence file ${args.sequence}`,
    );
  const missing = args.only?.find((id) => !sequence.steps.some((s) => s.template === id));
  if (missing !== undefined)
    throw new CliError(`--only: "${missing}" is not a step of the ${sequence.name} sequence`);

  // The whole plan, every step rendered: a step that cannot render stops the run here, before anything is sent.
  const composed = await composeSequence(document, {
    sequence,
    ...(args.to === undefined ? {} : { to: args.to }),
    ...(env.from === undefined ? {} : { from: env.from }),
    ...(args.start === undefined ? {} : { start: args.start }),
    ...(args.compressMs === undefined ? {} : { compressMs: args.compressMs }),
    ...(args.only === undefined ? {} : { only: args.only }),
    ...(env.unsubscribeSecret === undefined ? {} : { unsubscribeSecret: env.unsubscribeSecret }),
  });
  for (const warning of composed.warnings) process.stderr.write(`warning: ${warning}\n`);

  // Act.
  if (env.apiKey === undefined) return writeOffline(composed, args);
  const ledger = await openLedger(args.ledger);
  let rows: DeliveryRow[];
  try {
    rows = await deliver(composed, { ledger, sender: sender(env, env.apiKey), onProgress: progress });
  } finally {
    await ledger.close();
  }
  const json = {
    mode: 'live',
    order: composed.order.id,
    to: composed.to,
    sequence: composed.plan.sequence,
    warnings: composed.warnings,
    steps: rows,
    skipped: composed.skipped.map(skippedJson),
  };
  report(args.json, json, rows);
  if (!args.json && composed.skipped.length) process.stdout.write(`\n${skippedTable(composed)}\n`);
  return failures(rows, 'sending');
}

async function writeOffline(composed: ComposedSequence, args: SendArgs): Promise<ExitCode> {
  const result = await writeOutbox(composed, args.out);
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          mode: 'offline',
          order: composed.order.id,
          to: composed.to,
          from: composed.from,
          sequence: composed.plan.sequence,
          outbox: result.index,
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
          skipped: composed.skipped.map(skippedJson),
        },
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  const dispatch = { now: 'at once', scheduled: 'scheduled', pending: 'pending (resume)' } as const;
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
  process.stdout.write(`${table}\n`);
  if (composed.skipped.length) process.stdout.write(`\n${skippedTable(composed)}\n`);
  process.stdout.write(
    `\nNothing was sent (${offlineReason()}). Open ${result.index} to review ${composed.steps.length === 1 ? 'the email' : `the ${composed.steps.length} emails`}.\n`,
  );
  return EXIT.ok;
}

async function runCancel(args: CancelArgs, env: SendEnv): Promise<ExitCode> {
  const document = parseOrderDocument(await readJsonFile(args.data, '--data'));
  const ledger = await openLedger(args.ledger);
  let rows: DeliveryRow[];
  try {
    rows = await cancel({
      ledger,
      orderId: document.order.id,
      ...(args.to ? { to: args.to } : {}),
      ...(env.apiKey ? { sender: sender(env, env.apiKey) } : {}),
      onProgress: progress,
    });
  } finally {
    await ledger.close();
  }
  report(
    args.json,
    { mode: env.apiKey ? 'live' : 'dry-run', order: document.order.id, steps: rows },
    rows,
    true,
  );
  if (!args.json) {
    if (rows.length === 0)
      process.stdout.write(`No sends recorded for order ${document.order.id} in ${args.ledger}.\n`);
    else if (!env.apiKey) process.stdout.write(`\nNothing was cancelled (${offlineReason()}).\n`);
  }
  return failures(rows, 'cancelling');
}

async function runResume(args: ResumeArgs, env: SendEnv): Promise<ExitCode> {
  const ledger = await openLedger(args.ledger);
  let rows: DeliveryRow[];
  try {
    rows = await resume({
      ledger,
      ...(env.apiKey ? { sender: sender(env, env.apiKey) } : {}),
      onProgress: progress,
    });
  } finally {
    await ledger.close();
  }
  report(args.json, { mode: env.apiKey ? 'live' : 'dry-run', steps: rows }, rows, true);
  if (!args.json) {
    if (rows.length === 0) process.stdout.write(`No pending steps in ${args.ledger}.\n`);
    else if (!env.apiKey) process.stdout.write(`\nNothing was submitted (${offlineReason()}).\n`);
  }
  return failures(rows, 'submitting');
}

function offlineReason(): string {
  return process.env.RESEND_API_KEY ? '--dry-run' : 'no RESEND_API_KEY';
}

async function openLedger(path: string): Promise<FileLedger> {
  try {
    const ledger = await FileLedger.open(path);
    if (ledger.unreadableLines > 0)
      process.stderr.write(`warning: ${ledger.path}: ${ledger.unreadableLines} unreadable line(s) ignored\n`);
    return ledger;
  } catch (error) {
    if (error instanceof LedgerBusyError) throw new CliError(error.message, EXIT.failed);
    throw new CliError(`--ledger ${path}: ${(error as Error).message}`, EXIT.failed);
  }
}

function skippedJson(s: ComposedSequence['skipped'][number]) {
  return {
    step: s.number,
    template: s.template,
    day: s.day,
    sendAt: s.sendAt,
    local: s.local,
    reason: s.reason,
  };
}

function skippedTable(composed: ComposedSequence): string {
  return formatTable(
    ['step', 'day', 'template', 'skipped because'],
    composed.skipped.map((s) => [String(s.number), String(s.day), s.template, s.reason]),
  );
}

const ACTION_LABEL: Record<DeliveryRow['action'], string> = {
  sent: 'sent',
  scheduled: 'scheduled',
  pending: 'pending',
  failed: 'FAILED',
  cancelled: 'cancelled',
  'already-sent': 'sent earlier',
  'already-scheduled': 'scheduled earlier',
  'already-cancelled': 'cancelled earlier',
  'would-submit': 'would submit',
  'would-cancel': 'would cancel',
};

function report(
  asJson: boolean,
  json: Record<string, unknown>,
  rows: readonly DeliveryRow[],
  wide = false,
): void {
  if (asJson) {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) return;
  const headers = [
    ...(wide ? ['order', 'to'] : []),
    'step',
    'template',
    'send time',
    'status',
    'Resend id / error',
  ];
  const table = formatTable(
    headers,
    rows.map((r) => [
      ...(wide ? [r.orderId, r.to] : []),
      String(r.step),
      r.template,
      shortLocal(r.local),
      ACTION_LABEL[r.action],
      [r.error ?? r.resendId ?? '', r.note ? `(${r.note})` : ''].filter(Boolean).join(' '),
    ]),
  );
  process.stdout.write(`${table}\n`);
}

function failures(rows: readonly DeliveryRow[], doing: string): ExitCode {
  const failed = rows.filter((r) => r.action === 'failed');
  if (failed.length === 0) return EXIT.ok;
  const orders = new Set(rows.map((r) => r.orderId)).size > 1;
  const names = failed.map(
    (r) => `step ${r.step} (${r.template}${orders ? `, order ${r.orderId}` : ''}): ${r.error ?? 'failed'}`,
  );
  throw new CliError(
    `${failed.length} step(s) failed ${doing}; run the same command again to retry them:\n  ${names.join('\n  ')}`,
    EXIT.failed,
  );
}

function progress(row: DeliveryRow, done: number, total: number): void {
  const detail = row.error ?? row.resendId ?? '';
  process.stderr.write(
    `[${done}/${total}] ${row.template} (step ${row.step}): ${ACTION_LABEL[row.action]}${detail ? ` ${detail}` : ''}\n`,
  );
}

function retryNote(info: { attempt: number; delayMs: number; reason: string }): void {
  process.stderr.write(
    `  retrying in ${(info.delayMs / 1000).toFixed(1)} s (attempt ${info.attempt} failed: ${info.reason})\n`,
  );
}

// Last, so every constant above is initialised before the command runs.
await runCommand(main);
