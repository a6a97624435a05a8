/**
 * The send command's flags and environment, parsed and validated before anything is read or sent.
 * Kept apart from the entry script so every rule is tested in-process; the script only wires it up.
 */

import { parseArgs } from 'node:util';
import { CliError } from '../../core/cli';
import { isEmailAddress, isoTime } from '../../core/order-document';
import { isTemplateId, TEMPLATE_IDS } from '../../emails';
import { readStoreEnv, readTuningEnv, refuse } from '../cli/environment';
import { parseSince } from '../plan/duration';
import { isFromAddress } from '../plan/payload';
import { parseDuration } from '../plan/schedule';
import type { SenderOptions } from '../provider/sender';

/** Usage errors stay one line; the full usage is one flag away. */
export const HINT = ' (see npm run -s send -- --help)';

const OPTIONS = {
  data: { type: 'string' },
  sequence: { type: 'string' },
  only: { type: 'string' },
  to: { type: 'string' },
  from: { type: 'string' },
  start: { type: 'string' },
  compress: { type: 'string' },
  'dry-run': { type: 'boolean' },
  out: { type: 'string' },
  ledger: { type: 'string' },
  json: { type: 'boolean' },
  'skip-invalid': { type: 'boolean' },
  'release-window': { type: 'string' },
  once: { type: 'boolean' },
  order: { type: 'string' },
  scope: { type: 'string' },
  reason: { type: 'string' },
  type: { type: 'string' },
  since: { type: 'string' },
  html: { type: 'string' },
  wide: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flag = keyof typeof OPTIONS;

export const COMMANDS = [
  'send',
  'work',
  'resume',
  'status',
  'cancel',
  'event',
  'suppress',
  'unsuppress',
  'suppressions',
  'report',
  'resume-marketing',
] as const;
export type Command = (typeof COMMANDS)[number];

/** Which flags each command takes; anything else is a usage error rather than silently ignored. */
const ALLOWED: Record<Command, readonly Flag[]> = {
  send: [
    'data',
    'sequence',
    'only',
    'to',
    'from',
    'start',
    'compress',
    'dry-run',
    'out',
    'ledger',
    'json',
    'skip-invalid',
    'release-window',
    'wide',
    'help',
  ],
  work: ['once', 'ledger', 'dry-run', 'json', 'release-window', 'help'],
  resume: ['ledger', 'dry-run', 'json', 'release-window', 'help'],
  status: ['order', 'to', 'ledger', 'json', 'wide', 'help'],
  cancel: ['data', 'order', 'to', 'ledger', 'dry-run', 'json', 'help'],
  event: ['type', 'order', 'data', 'ledger', 'dry-run', 'json', 'help'],
  suppress: ['scope', 'reason', 'ledger', 'json', 'help'],
  unsuppress: ['reason', 'ledger', 'json', 'help'],
  suppressions: ['ledger', 'json', 'help'],
  report: ['since', 'html', 'ledger', 'json', 'help'],
  'resume-marketing': ['ledger', 'json', 'help'],
};

type Common = Readonly<{ ledger: string; json: boolean; dryRun: boolean; wide: boolean }>;

/** Which flags a command takes (its `--help` lists them). */
export function flagsOf(command: Command): readonly string[] {
  return ALLOWED[command];
}

export type SendArgs = Common &
  Readonly<{
    command: 'send';
    data: string;
    sequence?: string;
    only?: readonly string[];
    to?: string;
    from?: string;
    start?: string;
    compressMs?: number;
    out: string;
    skipInvalid: boolean;
    releaseWindowMs: number;
  }>;
/** `resume` is `work --once`. */
export type WorkArgs = Common & Readonly<{ command: 'work'; once: boolean; releaseWindowMs: number }>;
export type StatusArgs = Common & Readonly<{ command: 'status'; order?: string; to?: string }>;
/** `cancel --data <file>` (or `--order <id>`) is `event --type order-cancelled`. */
export type EventArgs = Common &
  Readonly<
    | { command: 'event'; type: 'order-cancelled' | 'order-refunded'; order: string }
    | { command: 'event'; type: 'shipment'; data: string }
  >;
export type SuppressArgs = Common &
  Readonly<{ command: 'suppress'; email: string; scope: 'marketing' | 'all'; reason?: string }>;
export type UnsuppressArgs = Common & Readonly<{ command: 'unsuppress'; email: string; reason?: string }>;
export type SuppressionsArgs = Common & Readonly<{ command: 'suppressions' }>;
/** `report [--since 30d] [--html <file>]`: what each email achieved. */
export type ReportArgs = Common &
  Readonly<{ command: 'report'; sinceMs: number; since: string; html?: string }>;
/** With `to`: one test run of the order; without: the live order alone. */
export type CancelArgs = Common & Readonly<{ command: 'cancel'; data?: string; order?: string; to?: string }>;
/** Lifts the complaint guardrail. */
export type ResumeMarketingArgs = Common & Readonly<{ command: 'resume-marketing' }>;
export type Args =
  | SendArgs
  | WorkArgs
  | StatusArgs
  | EventArgs
  | CancelArgs
  | SuppressArgs
  | UnsuppressArgs
  | SuppressionsArgs
  | ReportArgs
  | ResumeMarketingArgs
  | Readonly<{ command: 'help'; topic?: Command }>;

function checkTo(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const to = value.trim();
  if (!isEmailAddress(to))
    throw new CliError(`--to ${value}: expected an email address, e.g. delivered@resend.dev`);
  return to;
}

const WINDOW = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/;
const WINDOW_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `--release-window`: `0`, `90s`, `30m`, `1h`, `30d` → milliseconds (a unit is required unless it is 0). */
/** Resend schedules at most 30 days ahead. */
export const MAX_RELEASE_WINDOW_MS = 30 * 86_400_000;

export function parseReleaseWindow(value: string): number | undefined {
  const m = WINDOW.exec(value.trim());
  if (!m) return undefined;
  const amount = Number(m[1]);
  if (m[2] === undefined) return amount === 0 ? 0 : undefined;
  const ms = amount * WINDOW_MS[m[2] as keyof typeof WINDOW_MS];
  return ms <= MAX_RELEASE_WINDOW_MS ? ms : undefined;
}

export { parseSince };

function releaseWindow(value: string | undefined): number {
  if (value === undefined) return 3_600_000;
  const ms = parseReleaseWindow(value);
  if (ms === undefined)
    throw new CliError(
      `--release-window ${value}: expected a duration up to 30d such as 0, 15m, 1h or 30d (Resend schedules at most 30 days ahead)`,
    );
  return ms;
}

/** argv (after the script name) → a validated command; throws a one-line CliError (exit 2) otherwise. */
export function parseSendArgs(argv: readonly string[]): Args {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: typeof OPTIONS }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new CliError(`${(error as Error).message}${HINT}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    const topic = positionals[0] as Command | undefined;
    return topic !== undefined && COMMANDS.includes(topic) ? { command: 'help', topic } : { command: 'help' };
  }
  const command = (positionals[0] ?? 'send') as Command;
  if (!COMMANDS.includes(command))
    throw new CliError(
      `unknown command "${positionals[0]}": expected one of ${COMMANDS.filter((c) => c !== 'send').join(', ')} (or none, to send)${HINT}`,
    );
  const takesEmail = command === 'suppress' || command === 'unsuppress';
  if (positionals.length > (takesEmail ? 2 : 1))
    throw new CliError(`unexpected argument "${positionals[takesEmail ? 2 : 1]}"${HINT}`);
  const stray = (Object.keys(values) as Flag[]).find(
    (flag) => values[flag] !== undefined && !ALLOWED[command].includes(flag),
  );
  if (stray) throw new CliError(`${command} does not take --${stray}${HINT}`);

  const common: Common = {
    ledger: values.ledger ?? '.sends',
    json: values.json ?? false,
    dryRun: values['dry-run'] ?? false,
    wide: values.wide ?? false,
  };
  switch (command) {
    case 'work':
    case 'resume':
      return {
        command: 'work',
        ...common,
        once: command === 'resume' || (values.once ?? false),
        releaseWindowMs: releaseWindow(values['release-window']),
      };
    case 'status': {
      const to = checkTo(values.to);
      return {
        command,
        ...common,
        ...(values.order === undefined ? {} : { order: values.order }),
        ...(to === undefined ? {} : { to }),
      };
    }
    case 'suppressions':
    case 'resume-marketing':
      return { command, ...common };
    case 'report': {
      const since = values.since ?? '30d';
      const sinceMs = parseSince(since);
      if (sinceMs === undefined)
        throw new CliError(
          `--since ${since}: expected a duration such as 7d, 30d or 12h (at most 3650d)${HINT}`,
        );
      if (values.html !== undefined && values.html.trim() === '')
        throw new CliError(`--html: expected a file path${HINT}`);
      return { command, ...common, since, sinceMs, ...(values.html ? { html: values.html } : {}) };
    }
    case 'suppress':
    case 'unsuppress': {
      const email = positionals[1]?.trim();
      if (!email || !isEmailAddress(email))
        throw new CliError(`${command} needs an email address, e.g. ${command} jisoo@example.com${HINT}`);
      if (command === 'unsuppress')
        return { command, ...common, email, ...(values.reason ? { reason: values.reason } : {}) };
      const scope = values.scope ?? 'all';
      if (scope !== 'all' && scope !== 'marketing')
        throw new CliError(`--scope ${scope}: expected marketing or all`);
      return { command, ...common, email, scope, ...(values.reason ? { reason: values.reason } : {}) };
    }
    case 'cancel': {
      if (!values.data && !values.order)
        throw new CliError(`cancel needs --order <id> or --data <file.json> (the order to cancel)${HINT}`);
      const to = checkTo(values.to);
      return {
        command,
        ...common,
        ...(values.data ? { data: values.data } : {}),
        ...(values.order ? { order: values.order } : {}),
        ...(to === undefined ? {} : { to }),
      };
    }
    case 'event': {
      const type = values.type;
      if (type === 'order-cancelled' || type === 'order-refunded') {
        if (!values.order) throw new CliError(`event --type ${type} needs --order <id>${HINT}`);
        return { command, ...common, type, order: values.order };
      }
      if (type === 'shipment') {
        if (!values.data)
          throw new CliError(
            `event --type shipment needs --data <file.json> (the order with its shipment)${HINT}`,
          );
        return { command, ...common, type, data: values.data };
      }
      throw new CliError(
        `event needs --type order-cancelled, order-refunded or shipment${type ? ` (not "${type}")` : ''}${HINT}`,
      );
    }
    case 'send':
      break;
  }
  if (!values.data) throw new CliError(`--data <file.json> is required${HINT}`);
  const to = checkTo(values.to);

  if (values.from !== undefined && !isFromAddress(values.from))
    throw new CliError(`--from ${values.from}: expected "Name <address@domain>" or an address`);
  if (values.start !== undefined && !isoTime.safeParse(values.start).success)
    throw new CliError(
      `--start ${values.start}: expected an ISO 8601 time with an offset, e.g. 2026-11-20T09:30:00+09:00`,
    );
  const compressMs = values.compress === undefined ? undefined : parseDuration(values.compress);
  if (values.compress !== undefined && compressMs === undefined)
    throw new CliError(`--compress ${values.compress}: expected a duration per day such as 30s, 2m or 1h`);
  let only: string[] | undefined;
  if (values.only !== undefined) {
    only = values.only.split(',').map((id) => id.trim());
    const unknown = only.find((id) => !isTemplateId(id));
    if (unknown !== undefined)
      throw new CliError(`--only: unknown template "${unknown}": expected one of ${TEMPLATE_IDS.join(', ')}`);
  }
  return {
    command: 'send',
    ...common,
    data: values.data,
    out: values.out ?? 'outbox',
    skipInvalid: values['skip-invalid'] ?? false,
    // A compressed test send is handed to Resend whole (each step with its compressed scheduledAt), so a
    // marketer's test needs no worker; --release-window still says otherwise when given.
    releaseWindowMs:
      compressMs !== undefined && values['release-window'] === undefined
        ? MAX_RELEASE_WINDOW_MS
        : releaseWindow(values['release-window']),
    ...(values.sequence === undefined ? {} : { sequence: values.sequence }),
    ...(only === undefined ? {} : { only }),
    ...(to === undefined ? {} : { to }),
    ...(values.from === undefined ? {} : { from: values.from.trim() }),
    ...(values.start === undefined ? {} : { start: values.start }),
    ...(compressMs === undefined ? {} : { compressMs }),
  };
}

export type SendEnv = Readonly<{
  /** Set only when the run is live (a key, and no --dry-run). */
  apiKey?: string;
  /** DATABASE_URL: a Postgres server for the store; unset, the embedded store in --ledger. */
  databaseUrl?: string;
  /** DATABASE_SCHEMA: the store's schema (default post_purchase_emails). */
  databaseSchema?: string;
  /** SEND_LEASE_MS: how long a worker holds a claimed step before another may replay it. */
  leaseMs?: number;
  /** The sender: --from, else EMAIL_FROM; required live. */
  from?: string;
  unsubscribeSecret?: string;
  /** ATTRIBUTION_DAYS (1–30, default 5). */
  attributionDays: number;
  sender: SenderOptions;
}>;

/** The environment, validated for the command: a live send needs a sender address. */
export function readSendEnv(args: Exclude<Args, { command: 'help' }>, env: NodeJS.ProcessEnv): SendEnv {
  const apiKey = args.dryRun ? undefined : env.RESEND_API_KEY?.trim() || undefined;
  // Only the commands that compose emails read the sender: a bad EMAIL_FROM does not stop `status`.
  const composes = args.command === 'send' || args.command === 'work' || args.command === 'event';
  const envFrom = composes ? env.EMAIL_FROM?.trim() || undefined : undefined;
  const argFrom = args.command === 'send' ? args.from : undefined;
  // The same reader as serve's (sending/cli/environment.ts): the store's settings and the SEND_* tuning.
  const problems: string[] = [];
  const { databaseUrl, databaseSchema } = readStoreEnv(env, problems);
  const { sender, leaseMs, attributionDays } = readTuningEnv(env, problems);
  refuse(problems);
  if (argFrom === undefined && envFrom !== undefined && !isFromAddress(envFrom))
    throw new CliError('EMAIL_FROM: expected "Name <address@domain>" or an address');
  const from = argFrom ?? envFrom;
  if (args.command === 'send' && apiKey !== undefined && from === undefined)
    throw new CliError(
      'a live send needs a sender: pass --from "Shop <orders@your-domain.com>" or set EMAIL_FROM (or use --dry-run)',
    );
  return {
    attributionDays,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(databaseSchema === undefined ? {} : { databaseSchema }),
    ...(leaseMs === undefined ? {} : { leaseMs }),
    ...(from === undefined ? {} : { from }),
    ...(env.UNSUBSCRIBE_SECRET ? { unsubscribeSecret: env.UNSUBSCRIBE_SECRET } : {}),
    sender,
  };
}
