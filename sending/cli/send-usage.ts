/** `send <command> --help`: each subcommand's own usage, every flag it takes described (built from one table). */
import { TEMPLATE_IDS } from '../../emails';

export const FLAG_HELP: Readonly<Record<string, string>> = {
  data: '--data <file>            one order document, a JSON array of them, or NDJSON (one per line)',
  sequence: '--sequence <file.json>   the sequence file (default: the post-purchase sequence)',
  only: '--only <id,id>           only these templates',
  to: '--to <email>             a test send: every step to this address, as a run of its own',
  from: '--from <"Name <addr>">   the sender (default EMAIL_FROM)',
  start: '--start <ISO time>       day 0 is this time instead of order.placedAt',
  compress: '--compress <30s|2m|1h>   one sequence day lasts this long (a test send)',
  'dry-run': '--dry-run                nothing leaves the machine (no API client is built)',
  out: '--out <dir>              where an offline run writes the emails (default outbox/)',
  ledger: '--ledger <dir>           the embedded store (default .sends/; ignored with DATABASE_URL)',
  json: '--json                   JSON instead of tables',
  'skip-invalid': '--skip-invalid           plan the valid documents when some are invalid (exit 1)',
  'release-window': '--release-window <0|1h|30d>  hand steps to Resend this long before their time',
  once: '--once                   release what is due, then exit (for cron)',
  order: '--order <id>             the order',
  scope: '--scope marketing|all    what the suppression stops (default all)',
  reason: '--reason <text>          why, kept with it',
  type: '--type <type>            order-cancelled, order-refunded or shipment',
  wide: '--wide                   every column, unwrapped (wider than 100 columns)',
  help: '--help                   this text',
};

/** Where a flag means something else for one command. */
const FOR_COMMAND: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  status: {
    to: '--to <email>             only the steps to this address (a customer, or a test run)',
  },
  cancel: {
    to: '--to <email>             the test run to this address only (without it: the live order only)',
    'dry-run':
      '--dry-run                no request to Resend: what it already holds stays there (said per step)',
    data: '--data <file>            the order document whose order to cancel',
  },
  event: { 'dry-run': '--dry-run                no request to Resend (nothing cancelled or sent there)' },
  work: { 'dry-run': '--dry-run                say what is due; send nothing' },
  resume: { 'dry-run': '--dry-run                say what is due; send nothing' },
};

const SYNOPSIS: Readonly<Record<string, string>> = {
  send: 'npm run -s send -- --data <orders.json|.ndjson> [flags]   plan the sequence and send what is due',
  work: 'npm run -s send -- work [flags]                        the worker: release steps as they come due',
  resume: 'npm run -s send -- resume [flags]                      work --once',
  status: 'npm run -s send -- status [--order <id>] [--to <email>] [flags]   live steps and test runs apart',
  cancel:
    'npm run -s send -- cancel --order <id> | --data <file> [--to <email>]   cancel the live order, or with --to one test run',
  event: 'npm run -s send -- event --type <type> (--order <id> | --data <file>)   an order or shipment event',
  suppress: 'npm run -s send -- suppress <email> [flags]            stop sending to an address',
  unsuppress: 'npm run -s send -- unsuppress <email> [flags]          send to it again',
  suppressions: 'npm run -s send -- suppressions [flags]                the suppressed addresses',
};

/** One subcommand's usage: its synopsis and each flag it takes. */
export function commandUsage(command: string, flags: readonly string[]): string {
  const lines = flags.map((f) => `  ${FOR_COMMAND[command]?.[f] ?? FLAG_HELP[f] ?? `--${f}`}`);
  const extra =
    command === 'send'
      ? `\ntemplates: ${TEMPLATE_IDS.join(', ')}`
      : command === 'cancel'
        ? '\nwithout --to: the live order only (never its test runs); with --to: that test run only.'
        : '';
  return `usage: ${SYNOPSIS[command] ?? command}\n${lines.join('\n')}${extra}`;
}
