/** serve's configuration check: in its log and /healthz (names set, what each missing one means), and on the console. */
import { describe, expect, it } from 'vitest';
import { configurationCheck, configurationLines } from '../../../sending/server/configuration';

const ENV = {
  RESEND_API_KEY: 're_value_never_shown',
  EMAIL_FROM: 'Shop <orders@shop.example>',
  SEND_TIMEOUT_MS: '1000',
  INTAKE_TOKEN: '',
};

describe('the configuration check', () => {
  it('says which settings are set by name only, and what each missing one means', () => {
    const check = configurationCheck(ENV);
    expect(check.set).toEqual(['RESEND_API_KEY', 'EMAIL_FROM', 'SEND_TIMEOUT_MS']);
    expect(JSON.stringify(check)).not.toContain('re_value_never_shown');
    expect(check.unset.map((u) => u.name)).toEqual([
      'UNSUBSCRIBE_SECRET',
      'INTAKE_TOKEN',
      'RESEND_WEBHOOK_SECRET',
      'SHOPIFY_WEBHOOK_SECRET + SHOP_CONFIG',
      'DATABASE_URL',
      'DATABASE_SCHEMA',
      'ADMIN_PASSWORD',
      'METRICS_TOKEN',
      'LOG_LEVEL',
    ]);
    expect(check.unset.find((u) => u.name === 'RESEND_WEBHOOK_SECRET')?.meaning).toBe(
      '/webhooks/resend answers 503, bounces and complaints are not heard',
    );
  });

  it('gives the console one line per setting, set or not, the missing ones saying what the log says', () => {
    const lines = configurationLines({ ...ENV, SHOP_CONFIG: 'shop.json' });
    expect(JSON.stringify(lines)).not.toContain('re_value_never_shown');
    expect(lines.filter((l) => l.set).map((l) => l.name)).toEqual([
      'RESEND_API_KEY',
      'EMAIL_FROM',
      'SHOPIFY_WEBHOOK_SECRET + SHOP_CONFIG',
    ]);
    expect(lines.find((l) => l.name === 'RESEND_API_KEY')?.meaning).toBe('emails go to Resend');
    const unset = lines.filter((l) => !l.set).map(({ name, meaning }) => ({ name, meaning }));
    expect(unset).toEqual(configurationCheck(ENV).unset.filter((u) => !u.name.startsWith('SHOPIFY')));
  });
});
