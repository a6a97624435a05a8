/**
 * The send command's flags and environment, parsed and validated before anything is read or sent.
 * Kept apart from the entry script so every rule is tested in-process; the script only wires it up.
 */
import { parseArgs } from 'node:util';
import { CliError } from '../core/cli';
import { isoTime } from '../core/order-document';
import { isTemplateId, TEMPLATE_IDS } from '../emails';
import { isEmailAddress, isFromAddress } from './payload';
import { type SenderOptions, senderOptionsFromEnv } from './resend-sender';
import { parseDuration } from './schedule';

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
  help: { type: 'boolean', short: 'h' },
} as const;

type Flag = keyof typeof OPTIONS;

/** Which flags each command takes; anything else is a usage error rather than silently ignored. */
const ALLOWED: Record<'send' | 'cancel' | 'resume', readonly Flag[]> = {
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
    'help',
  ],
  cancel: ['data', 'to', 'ledger', 'dry-run', 'json', 'help'],
  resume: ['ledger', 'dry-run', 'json', 'help'],
};

type Common = Readonly<{ ledger: string; json: boolean; dryRun: boolean }>;

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
  }>;
export type CancelArgs = Common & Readonly<{ command: 'cancel'; data: string; to?: string }>;
export type ResumeArgs = Common & Readonly<{ command: 'resume' }>;
export type Args = SendArgs | CancelArgs | ResumeArgs | Readonly<{ command: 'help' }>;

function checkTo(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const to = value.trim();
  if (!isEmailAddress(to))
    throw new CliError(`--to ${value}: expected an email address, e.g. delivered@resend.dev`);
  return to;
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
  if (values.help) return { command: 'help' };
  if (positionals.length > 1) throw new CliError(`unexpected argument "${positionals[1]}"${HINT}`);
  const command = positionals[0] ?? 'send';
  if (command !== 'send' && command !== 'cancel' && command !== 'resume')
    throw new CliError(`unknown command "${command}": expected cancel or resume (or none, to send)${HINT}`);
  const stray = (Object.keys(values) as Flag[]).find(
    (flag) => values[flag] !== undefined && !ALLOWED[command].includes(flag),
  );
  if (stray) throw new CliError(`${command} does not take --${stray}${HINT}`);

  const common: Common = {
    ledger: values.ledger ?? '.sends',
    json: values.json ?? false,
    dryRun: values['dry-run'] ?? false,
  };
  if (command === 'resume') return { command, ...common };
  if (!values.data)
    throw new CliError(
      command === 'cancel'
        ? `cancel needs --data <file.json> (the order to cancel)${HINT}`
        : `--data <file.json> is required${HINT}`,
    );
  const to = checkTo(values.to);
  if (command === 'cancel') return { command, ...common, data: values.data, ...(to ? { to } : {}) };

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
    command,
    ...common,
    data: values.data,
    out: values.out ?? 'outbox',
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
  /** The sender: --from, else EMAIL_FROM; required live. */
  from?: string;
  unsubscribeSecret?: string;
  sender: SenderOptions;
}>;

/** The environment, validated for the command: a live send needs a sender address. */
export function readSendEnv(args: Exclude<Args, { command: 'help' }>, env: NodeJS.ProcessEnv): SendEnv {
  const apiKey = args.dryRun ? undefined : env.RESEND_API_KEY?.trim() || undefined;
  const envFrom = env.EMAIL_FROM?.trim() || undefined;
  const argFrom = args.command === 'send' ? args.from : undefined;
  if (argFrom === undefined && envFrom !== undefined && !isFromAddress(envFrom))
    throw new CliError('EMAIL_FROM: expected "Name <address@domain>" or an address');
  const from = argFrom ?? envFrom;
  if (args.command === 'send' && apiKey !== undefined && from === undefined)
    throw new CliError(
      'a live send needs a sender: pass --from "Shop <orders@your-domain.com>" or set EMAIL_FROM (or use --dry-run)',
    );
  let sender: SenderOptions;
  try {
    sender = senderOptionsFromEnv(env);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return {
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(from === undefined ? {} : { from }),
    ...(env.UNSUBSCRIBE_SECRET ? { unsubscribeSecret: env.UNSUBSCRIBE_SECRET } : {}),
    sender,
  };
}
