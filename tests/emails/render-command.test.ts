import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { koreanOrderData } from '../../emails/_samples';
import { renderCommand } from '../../emails/render-command';
import { captured, variant } from '../support';

const dir = mkdtempSync(join(tmpdir(), 'render-cli-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** The command in-process: the same function the script calls, with its output captured. */
async function cli(...args: string[]) {
  return run(args, {});
}

async function run(args: readonly string[], options: { unsubscribeSecret?: string }) {
  const { chunks, output } = captured();
  const code = await renderCommand(args, { ...options, output });
  return { code, ...chunks };
}

/** The script itself, as `npm run render` starts it. */
function spawned(args: readonly string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/render.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, UNSUBSCRIBE_SECRET: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const good = file('good.json', koreanOrderData);

describe('npm run render', () => {
  it('prints the contract’s JSON for a valid document (exit 0)', async () => {
    const { code, stdout } = await cli(
      'order-confirmation',
      '--data',
      good,
      '--locale',
      'ko',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const email = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(email).sort()).toEqual(['headers', 'html', 'kind', 'preview', 'subject', 'text']);
    expect(email.subject).toBe('주문(#1001)이 완료되었습니다');
    expect(email.kind).toBe('transactional');
  });

  it('prints HTML by default and plain text on request', async () => {
    expect((await cli('shipping-update', '--data', good)).stdout).toMatch(/^<!DOCTYPE html/);
    const text = (await cli('shipping-update', '--data', good, '--format', 'text', '--locale', 'en')).stdout;
    expect(text).toContain('Your order has shipped');
  });

  it('exits 2 naming every bad field of an invalid document', async () => {
    const bad = file(
      'bad.json',
      variant(koreanOrderData, (d) => {
        (d.order.items[0] as { unitPrice: unknown }).unitPrice = '39000';
        d.customer.email = 'not-an-email';
      }),
    );
    const { code, stdout, stderr } = await cli('order-confirmation', '--data', bad);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('order.items[0].unitPrice: expected an integer');
    expect(stderr).toContain('customer.email: expected an email address');
  });

  it('exits 2 when a marketing email needs an unsubscribe token and no secret is set, and signs it when one is', async () => {
    const refused = await cli('thank-you', '--data', good);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('UNSUBSCRIBE_SECRET');
    const args = ['thank-you', '--data', good, '--format', 'json', '--to', 'me+test@example.com'];
    const signed = await run(args, { unsubscribeSecret: 'k' });
    expect(signed.code).toBe(0);
    const { headers } = JSON.parse(signed.stdout) as { headers: Record<string, string> };
    expect(headers['List-Unsubscribe']).toContain('e=me%2Btest%40example.com&t=');
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('runs as a real process: the JSON on stdout, exit 0, the secret read from UNSUBSCRIBE_SECRET', () => {
    const args = ['thank-you', '--data', good, '--format', 'json', '--to', 'me@example.com'];
    const signed = spawned(args, { UNSUBSCRIBE_SECRET: 'k' });
    expect(signed.code).toBe(0);
    const email = JSON.parse(signed.stdout) as { kind: string; headers: Record<string, string> };
    expect(email.kind).toBe('marketing');
    expect(email.headers['List-Unsubscribe']).toContain('e=me%40example.com&t=');
  });

  it.each([
    [['nope', '--data', good], 'unknown template "nope"'],
    [['order-confirmation'], '--data <file.json> is required'],
    [['order-confirmation', '--data', join(dir, 'missing.json')], 'no such file'],
    [['order-confirmation', '--data', file('broken.json', '{ nope')], 'not valid JSON'],
    [['order-confirmation', '--data', good, '--locale', 'fr'], '--locale fr: expected one of en, ko, zh-CN'],
    [['order-confirmation', '--data', good, '--format', 'pdf'], '--format pdf'],
    [['order-confirmation', '--data', good, '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
