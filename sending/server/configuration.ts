/**
 * serve's configuration check, written once: each setting by name (never its value), whether it is set, and what
 * that means. serve logs it at start and adds it to /healthz's details (sending/cli/environment.ts); the
 * console's overview shows every line of it.
 */
import type { ConfigurationCheck } from './health';

/** One setting (or a pair that only works together) as the console shows it. */
export type ConfigLine = Readonly<{ name: string; set: boolean; meaning: string }>;

type Setting = Readonly<{ names: readonly string[]; set: string; unset: string }>;

/** What each setting does for a running serve, and what its absence means. */
const SETTINGS: readonly Setting[] = [
  {
    names: ['RESEND_API_KEY'],
    set: 'emails go to Resend',
    unset: 'nothing is sent: orders are planned and wait in the store (the worker is off)',
  },
  {
    names: ['EMAIL_FROM'],
    set: 'the sender of every email',
    unset: 'no sender address (required as soon as RESEND_API_KEY is set)',
  },
  {
    names: ['UNSUBSCRIBE_SECRET'],
    set: 'signs the unsubscribe links',
    unset:
      'unsubscribe links cannot be signed: orders whose shop.unsubscribeUrl has a {token} are refused (503)',
  },
  {
    names: ['INTAKE_TOKEN'],
    set: 'POST /orders, /events and GET /status are open to its bearer',
    unset: 'POST /orders, POST /events and GET /status answer 401 to everyone; /healthz shows no details',
  },
  {
    names: ['RESEND_WEBHOOK_SECRET'],
    set: 'bounces and complaints are heard',
    unset: '/webhooks/resend answers 503, bounces and complaints are not heard',
  },
  {
    names: ['SHOPIFY_WEBHOOK_SECRET', 'SHOP_CONFIG'],
    set: "Shopify's webhooks are verified and its orders planned for the shop in SHOP_CONFIG",
    unset: '/webhooks/shopify answers 401: Shopify orders and fulfilments are not heard',
  },
  {
    names: ['DATABASE_URL'],
    set: 'the store is a Postgres server',
    unset: 'the store is the embedded database in --ledger (one process at a time)',
  },
  {
    names: ['DATABASE_SCHEMA'],
    set: 'the store uses a schema of its own name',
    unset: 'the store uses the schema post_purchase_emails',
  },
  {
    names: ['ADMIN_PASSWORD'],
    set: 'this console is open to its password',
    unset: 'the console is off: /admin answers 404',
  },
  {
    names: ['METRICS_TOKEN'],
    set: '/metrics answers its bearer only',
    unset: '/metrics answers every caller',
  },
  { names: ['LOG_LEVEL'], set: 'logs at the level it names', unset: 'logs at info' },
];

/** send's tuning, which serve honours too: named when set, nothing to say when not. */
const TUNING = [
  'SEND_RATE_PER_SECOND',
  'SEND_TIMEOUT_MS',
  'SEND_MAX_ATTEMPTS',
  'SEND_BACKOFF_MS',
  'SEND_MAX_BACKOFF_MS',
  'SEND_LEASE_MS',
];

/** Set, and not blank (an empty value counts as unset, as the environment reader has it). */
const isSet = (env: NodeJS.ProcessEnv, name: string) => Boolean(env[name]?.trim());

/** Which settings are set (names only) and what each missing one means: serve's first log lines, /healthz. */
export function configurationCheck(env: NodeJS.ProcessEnv): ConfigurationCheck {
  const set: string[] = [];
  const unset: { name: string; meaning: string }[] = [];
  for (const setting of SETTINGS) {
    const present = setting.names.filter((n) => isSet(env, n));
    set.push(...present);
    if (present.length === 0) unset.push({ name: setting.names.join(' + '), meaning: setting.unset });
  }
  set.push(...TUNING.filter((n) => isSet(env, n)));
  return { set, unset };
}

/** Every setting, one line each, set or not, with what that means: the console's overview. */
export function configurationLines(env: NodeJS.ProcessEnv): ConfigLine[] {
  return SETTINGS.map((setting) => {
    const set = setting.names.some((n) => isSet(env, n));
    return { name: setting.names.join(' + '), set, meaning: set ? setting.set : setting.unset };
  });
}
