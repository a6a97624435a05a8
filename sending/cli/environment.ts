/**
 * The one reader of the environment for `send` and `serve`: the store (DATABASE_URL, DATABASE_SCHEMA), Resend
 * (RESEND_API_KEY, EMAIL_FROM and the SEND_* tuning), and for `serve` the tokens and secrets of its routes, the
 * log level, and the configuration check it prints at start and shows in `/healthz` (names only, never values;
 * sending/server/configuration.ts, which the console's overview shows too).
 * Every problem is found before anything is opened, and all of them are named at once (exit 2).
 */

import { CliError } from '../../core/cli';
import { isLogLevel, LOG_LEVELS, type Logger, type LogLevel } from '../engine/telemetry';
import { DEFAULT_ATTRIBUTION_DAYS, parseAttributionDays } from '../plan/attribution';
import { isFromAddress } from '../plan/payload';
import { type SenderOptions, senderOptionsFromEnv } from '../provider/sender';
import { configurationCheck } from '../server/configuration';
import type { ConfigurationCheck } from '../server/health';
import { schemaNameProblem } from '../store/schema-name';

type Env = NodeJS.ProcessEnv;

/** A variable's value, trimmed; empty counts as unset. */
export const setting = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

export type StoreEnv = Readonly<{ databaseUrl?: string; databaseSchema?: string }>;

export type TuningEnv = Readonly<{
  /** SEND_RATE_PER_SECOND, SEND_TIMEOUT_MS, SEND_MAX_ATTEMPTS, SEND_BACKOFF_MS, SEND_MAX_BACKOFF_MS. */
  sender: SenderOptions;
  /** SEND_LEASE_MS. */
  leaseMs?: number;
  /** ATTRIBUTION_DAYS (1–30, default 5): how far back a human click credits an order. */
  attributionDays: number;
}>;

/** DATABASE_URL and DATABASE_SCHEMA; problems are pushed, not thrown. */
export function readStoreEnv(env: Env, problems: string[]): StoreEnv {
  const databaseUrl = setting(env, 'DATABASE_URL');
  const databaseSchema = setting(env, 'DATABASE_SCHEMA');
  const bad = databaseSchema === undefined ? undefined : schemaNameProblem(databaseSchema);
  if (bad) problems.push(`DATABASE_SCHEMA=${databaseSchema}: ${bad}`);
  return {
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(databaseSchema === undefined || bad ? {} : { databaseSchema }),
  };
}

/** The SEND_* tuning, the same for `send`, `work` and `serve`. */
export function readTuningEnv(env: Env, problems: string[]): TuningEnv {
  const lease = setting(env, 'SEND_LEASE_MS');
  const leaseMs = lease === undefined ? undefined : Number(lease);
  if (leaseMs !== undefined && !(Number.isFinite(leaseMs) && leaseMs > 0))
    problems.push(`SEND_LEASE_MS=${lease}: expected a positive number of milliseconds`);
  let sender: SenderOptions = {};
  try {
    sender = senderOptionsFromEnv(env);
  } catch (error) {
    problems.push((error as Error).message);
  }
  let attributionDays = DEFAULT_ATTRIBUTION_DAYS;
  try {
    attributionDays = parseAttributionDays(env.ATTRIBUTION_DAYS);
  } catch (error) {
    problems.push((error as Error).message);
  }
  return { sender, attributionDays, ...(leaseMs !== undefined && leaseMs > 0 ? { leaseMs } : {}) };
}

/** EMAIL_FROM when set: `Name <address@domain>` or an address. */
export function readFromEnv(env: Env, problems: string[]): string | undefined {
  const from = setting(env, 'EMAIL_FROM');
  if (from !== undefined && !isFromAddress(from)) {
    problems.push('EMAIL_FROM: expected "Name <address@domain>" or an address');
    return undefined;
  }
  return from;
}

/** Throws every problem at once (exit 2). */
export function refuse(problems: readonly string[]): void {
  if (problems.length === 1) throw new CliError(problems[0] ?? '');
  if (problems.length > 1)
    throw new CliError(
      `${problems.length} settings cannot be used:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
}

export type ServeEnv = StoreEnv &
  TuningEnv &
  Readonly<{
    apiKey?: string;
    from?: string;
    unsubscribeSecret?: string;
    intakeToken?: string;
    webhookSecret?: string;
    shopifyWebhookSecret?: string;
    shopConfigPath?: string;
    metricsToken?: string;
    logLevel: LogLevel;
    configuration: ConfigurationCheck;
  }>;

/** `serve`'s whole environment, checked: a contradiction or an unusable setting is refused with its name. */
export function readServeEnv(env: Env): ServeEnv {
  const problems: string[] = [];
  const store = readStoreEnv(env, problems);
  const tuning = readTuningEnv(env, problems);
  const from = readFromEnv(env, problems);
  const apiKey = setting(env, 'RESEND_API_KEY');
  if (apiKey && !setting(env, 'EMAIL_FROM'))
    problems.push(
      'RESEND_API_KEY is set but EMAIL_FROM is not: the sender is required to send (e.g. "Shop <orders@your-domain>")',
    );
  const shopifySecret = setting(env, 'SHOPIFY_WEBHOOK_SECRET');
  const shopConfigPath = setting(env, 'SHOP_CONFIG');
  if (shopifySecret && !shopConfigPath)
    problems.push(
      'SHOPIFY_WEBHOOK_SECRET is set but SHOP_CONFIG is not: Shopify webhooks need the path of a JSON file with the shop object',
    );
  if (shopConfigPath && !shopifySecret)
    problems.push(
      'SHOP_CONFIG is set but SHOPIFY_WEBHOOK_SECRET is not: Shopify webhooks could never be verified (set both, or neither)',
    );
  const level = setting(env, 'LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!isLogLevel(level))
    problems.push(`LOG_LEVEL=${setting(env, 'LOG_LEVEL')}: expected one of ${LOG_LEVELS.join(', ')}`);
  refuse(problems);
  const unsubscribeSecret = setting(env, 'UNSUBSCRIBE_SECRET');
  const intakeToken = setting(env, 'INTAKE_TOKEN');
  const webhookSecret = setting(env, 'RESEND_WEBHOOK_SECRET');
  const metricsToken = setting(env, 'METRICS_TOKEN');
  return {
    ...store,
    ...tuning,
    ...(apiKey ? { apiKey } : {}),
    ...(from ? { from } : {}),
    ...(unsubscribeSecret ? { unsubscribeSecret } : {}),
    ...(intakeToken ? { intakeToken } : {}),
    ...(webhookSecret ? { webhookSecret } : {}),
    ...(shopifySecret ? { shopifyWebhookSecret: shopifySecret } : {}),
    ...(shopConfigPath ? { shopConfigPath } : {}),
    ...(metricsToken ? { metricsToken } : {}),
    logLevel: isLogLevel(level) ? level : 'info',
    configuration: configurationCheck(env),
  };
}

/** serve's first lines: which settings are set (names only), then one line for each missing one and its meaning. */
export function logConfiguration(log: Logger, check: ConfigurationCheck): void {
  log.info(
    { event: 'config', set: check.set, unset: check.unset.map((u) => u.name) },
    `settings set: ${check.set.join(', ') || '(none)'}`,
  );
  for (const u of check.unset)
    log.info({ event: 'config.unset', setting: u.name, meaning: u.meaning }, `${u.name} unset: ${u.meaning}`);
}
