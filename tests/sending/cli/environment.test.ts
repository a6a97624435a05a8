/** The one environment reader of `send` and `serve`: every unusable setting named at once, exit 2; names, never values. */
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../core/cli';
import { readServeEnv } from '../../../sending/cli/environment';
import { parseSendArgs, readSendEnv } from '../../../sending/cli/send-options';
import { configurationCheck } from '../../../sending/server/configuration';

function refused(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe(2);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('readServeEnv()', () => {
  it('reads the SEND_* tuning like send does', () => {
    const env = readServeEnv({
      SEND_RATE_PER_SECOND: '5',
      SEND_TIMEOUT_MS: '2000',
      SEND_MAX_ATTEMPTS: '3',
      SEND_BACKOFF_MS: '100',
      SEND_MAX_BACKOFF_MS: '900',
      SEND_LEASE_MS: '60000',
    });
    expect(env.sender).toEqual({
      ratePerSecond: 5,
      timeoutMs: 2000,
      maxAttempts: 3,
      baseDelayMs: 100,
      maxDelayMs: 900,
    });
    expect(env.leaseMs).toBe(60_000);
    const send = parseSendArgs(['--data', 'x.json']);
    if (send.command === 'help') throw new Error('parsed as help');
    const sendEnv = readSendEnv(send, { SEND_TIMEOUT_MS: '2000', SEND_LEASE_MS: '60000' });
    expect(sendEnv).toMatchObject({ sender: { timeoutMs: 2000 }, leaseMs: 60_000 });
  });

  it('refuses a contradiction or an unusable setting, naming every one at once', () => {
    const message = refused(() =>
      readServeEnv({
        SHOPIFY_WEBHOOK_SECRET: 'shpss_secret_value',
        EMAIL_FROM: 'not an address',
        LOG_LEVEL: 'verbose',
        SEND_TIMEOUT_MS: 'soon',
        SEND_LEASE_MS: '-1',
        DATABASE_SCHEMA: 'Shop Emails',
      }),
    );
    expect(message).toMatch(/^6 settings cannot be used:\n/);
    expect(message).toContain('SHOPIFY_WEBHOOK_SECRET is set but SHOP_CONFIG is not');
    expect(message).toContain('EMAIL_FROM: expected "Name <address@domain>" or an address');
    expect(message).toContain('LOG_LEVEL=verbose: expected one of debug, info, warn, error');
    expect(message).toContain('SEND_TIMEOUT_MS=soon: expected a non-negative number');
    expect(message).toContain('SEND_LEASE_MS=-1: expected a positive number of milliseconds');
    expect(message).toContain('DATABASE_SCHEMA=Shop Emails: expected a lower-case identifier');
    expect(message).not.toContain('shpss_secret_value');

    expect(refused(() => readServeEnv({ SHOP_CONFIG: 'shop.json' }))).toBe(
      'SHOP_CONFIG is set but SHOPIFY_WEBHOOK_SECRET is not: Shopify webhooks could never be verified (set both, or neither)',
    );
    expect(refused(() => readServeEnv({ RESEND_API_KEY: 're_live_key' }))).toMatch(
      /^RESEND_API_KEY is set but EMAIL_FROM is not/,
    );
    for (const schema of ['pg_store', 'public', 'pgboss', '1st', `s${'x'.repeat(57)}`])
      expect(refused(() => readServeEnv({ DATABASE_SCHEMA: schema }))).toMatch(/^DATABASE_SCHEMA=/);
    expect(readServeEnv({ DATABASE_SCHEMA: 'shop_emails', LOG_LEVEL: 'WARN' })).toMatchObject({
      databaseSchema: 'shop_emails',
      logLevel: 'warn',
    });
  });

  it('gives serve the configuration check of its environment (sending/server/configuration.ts)', () => {
    const env = { RESEND_API_KEY: 're_value_never_shown', EMAIL_FROM: 'Shop <orders@shop.example>' };
    expect(readServeEnv(env).configuration).toEqual(configurationCheck(env));
  });
});
