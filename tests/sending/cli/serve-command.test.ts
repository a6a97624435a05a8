/** `npm run serve`'s settings, checked before it opens a store or a port: bad ones exit 2 with one clear line. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../../core/cli';
import { runServeCommand } from '../../../sending/cli/serve-command';
import { captured } from '../../support';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serve-command-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function serve(args: string[], env: Record<string, string>) {
  const { chunks, output } = captured();
  const code = await execute(
    () =>
      runServeCommand([...args, '--ledger', join(dir, 'ledger')], {
        out: output.stdout,
        err: output.stderr,
        env,
        signal: AbortSignal.abort(),
      }),
    output,
  );
  return { code, ...chunks };
}

describe('serve refuses bad settings at start', () => {
  it('needs SHOP_CONFIG when it takes Shopify webhooks, and a valid one whenever it is set', async () => {
    const missing = await serve(['--port', '0'], { SHOPIFY_WEBHOOK_SECRET: 'shpss_x', INTAKE_TOKEN: 't' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: SHOPIFY_WEBHOOK_SECRET is set but SHOP_CONFIG is not/m);

    const bad = join(dir, 'shop.json');
    await writeFile(bad, JSON.stringify({ name: 'Shop' }));
    const invalid = await serve(['--port', '0'], {
      SHOP_CONFIG: bad,
      SHOPIFY_WEBHOOK_SECRET: 'shpss_x',
      INTAKE_TOKEN: 't',
    });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(`error: invalid SHOP_CONFIG (${bad})`);
    expect(invalid.stderr).toContain('shop.timeZone: required');
    expect(invalid.stdout).toBe('');

    const unreadable = await serve(['--port', '0'], {
      SHOP_CONFIG: join(dir, 'none.json'),
      SHOPIFY_WEBHOOK_SECRET: 'shpss_x',
      INTAKE_TOKEN: 't',
    });
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('cannot read');
    // Nothing was opened: no store in the ledger directory.
    await expect(readdir(join(dir, 'ledger'))).rejects.toThrow();
  });

  it('refuses a bad port and says which, from --port or PORT', async () => {
    const flag = await serve(['--port', 'abc'], {});
    expect(flag).toMatchObject({ code: 2, stderr: 'error: --port abc: expected a port number (0–65535)\n' });
    const env = await serve([], { PORT: '70000' });
    expect(env).toMatchObject({ code: 2, stderr: 'error: PORT 70000: expected a port number (0–65535)\n' });
    expect((await serve(['--port', '80x'], {})).code).toBe(2);
  });

  it('refuses an unknown LOG_LEVEL, a bad SEND_* number or DATABASE_SCHEMA, naming each, before opening anything', async () => {
    const bad = await serve(['--port', '0'], {
      LOG_LEVEL: 'loud',
      SEND_MAX_ATTEMPTS: 'many',
      DATABASE_SCHEMA: 'Emails!',
      INTAKE_TOKEN: 't',
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: 3 settings cannot be used:\n/);
    expect(bad.stderr).toContain('LOG_LEVEL=loud: expected one of debug, info, warn, error');
    expect(bad.stderr).toContain('SEND_MAX_ATTEMPTS=many: expected a non-negative number');
    expect(bad.stderr).toContain('DATABASE_SCHEMA=Emails!: expected a lower-case identifier');
    expect(bad.stdout).toBe('');
    await expect(readdir(join(dir, 'ledger'))).rejects.toThrow();
  });

  it('prints its usage with --help, and with an unknown flag (exit 2)', async () => {
    const help = await serve(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: post-purchase-emails serve \[--port <n>\]/);
    expect(help.stdout).toContain('SHOP_CONFIG');
    const unknown = await serve(['--bogus'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: Unknown option '--bogus'.*\nusage: post-purchase-emails serve/s);
  });
});
