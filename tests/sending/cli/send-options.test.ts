import { describe, expect, it } from 'vitest';
import { CliError } from '../../../core/cli';
import { parseSendArgs, readSendEnv } from '../../../sending/cli/send-options';

const SAMPLE = 'emails/_samples/ko-krw.json';

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe(2);
    expect((error as CliError).message.split('\n')).toHaveLength(1);
    return (error as CliError).message;
  }
  throw new Error('expected a usage error');
}

describe('parseSendArgs()', () => {
  it('reads a full send command, with the defaults filled in', () => {
    expect(
      parseSendArgs([
        '--data',
        SAMPLE,
        '--only',
        'order-confirmation, shipping-update',
        '--to',
        'delivered@resend.dev',
        '--from',
        'Hanok Goods <orders@hanok.example>',
        '--start',
        '2026-11-20T09:30:00+09:00',
        '--compress',
        '2m',
      ]),
    ).toEqual({
      command: 'send',
      data: SAMPLE,
      only: ['order-confirmation', 'shipping-update'],
      to: 'delivered@resend.dev',
      from: 'Hanok Goods <orders@hanok.example>',
      start: '2026-11-20T09:30:00+09:00',
      compressMs: 120_000,
      out: 'outbox',
      ledger: '.sends',
      json: false,
      dryRun: false,
      skipInvalid: false,
      // A compressed test send goes to Resend whole: the longest window Resend allows.
      releaseWindowMs: 30 * 86_400_000,
    });
    expect(parseSendArgs(['--data', SAMPLE])).toMatchObject({ releaseWindowMs: 3_600_000 });
    expect(parseSendArgs(['--data', SAMPLE, '--compress', '2m', '--release-window', '0'])).toMatchObject({
      releaseWindowMs: 0,
    });
    expect(parseSendArgs(['cancel', '--data', SAMPLE, '--ledger', '/tmp/l', '--json'])).toEqual({
      command: 'cancel',
      data: SAMPLE,
      ledger: '/tmp/l',
      json: true,
      dryRun: false,
    });
    expect(parseSendArgs(['work', '--once', '--release-window', '30d'])).toMatchObject({
      command: 'work',
      once: true,
      releaseWindowMs: 30 * 86_400_000,
    });
    expect(parseSendArgs(['work', '--release-window', '0'])).toMatchObject({
      once: false,
      releaseWindowMs: 0,
    });
    expect(parseSendArgs(['status', '--order', 'ord_1', '--to', 'a@b.example', '--json'])).toEqual({
      command: 'status',
      order: 'ord_1',
      to: 'a@b.example',
      ledger: '.sends',
      json: true,
      dryRun: false,
    });
    expect(
      parseSendArgs(['suppress', 'a@b.example', '--scope', 'marketing', '--reason', 'asked']),
    ).toMatchObject({
      command: 'suppress',
      email: 'a@b.example',
      scope: 'marketing',
      reason: 'asked',
    });
    // resume is work --once.
    expect(parseSendArgs(['resume', '--dry-run'])).toEqual({
      command: 'work',
      once: true,
      releaseWindowMs: 3_600_000,
      ledger: '.sends',
      json: false,
      dryRun: true,
    });
    expect(parseSendArgs(['--help'])).toEqual({ command: 'help' });
  });

  it.each([
    [[], /^--data <file\.json> is required/],
    [['--data', SAMPLE, '--frobnicate'], /^Unknown option '--frobnicate'/],
    [
      ['--data', SAMPLE, '--only', 'order-confirmation,welcome'],
      /^--only: unknown template "welcome": expected one of order-confirmation, /,
    ],
    [
      ['--data', SAMPLE, '--compress', '2 minutes'],
      /^--compress 2 minutes: expected a duration per day such as 30s, 2m or 1h/,
    ],
    [['--data', SAMPLE, '--compress', '0s'], /^--compress 0s: /],
    [['--data', SAMPLE, '--to', 'jisoo'], /^--to jisoo: expected an email address/],
    [['--data', SAMPLE, '--from', 'Shop <nope>'], /^--from Shop <nope>: expected "Name <address@domain>"/],
    [
      ['--data', SAMPLE, '--start', '2026-11-20T09:30:00'],
      /^--start 2026-11-20T09:30:00: expected an ISO 8601 time with an offset/,
    ],
    [['--data', SAMPLE, '--start', 'tomorrow'], /^--start tomorrow: /],
    [['resume', '--data', SAMPLE], /^resume does not take --data/],
    [['cancel', '--data', SAMPLE, '--only', 'referral'], /^cancel does not take --only/],
    [['cancel'], /^cancel needs --order <id> or --data <file\.json>/],
    [['launch'], /^unknown command "launch": expected one of work, resume, status, /],
    [['--data', SAMPLE, '--release-window', '2 hours'], /^--release-window 2 hours: expected a duration/],
    [['--data', SAMPLE, '--release-window', '31d'], /^--release-window 31d: /],
    [['work', '--data', SAMPLE], /^work does not take --data/],
    [['status', '--to', 'nobody'], /^--to nobody: expected an email address/],
    [['suppress'], /^suppress needs an email address/],
    [['suppress', 'a@b.example', '--scope', 'some'], /^--scope some: expected marketing or all/],
    [['event', '--type', 'order-cancelled'], /^event --type order-cancelled needs --order <id>/],
    [
      ['event', '--type', 'party'],
      /^event needs --type order-cancelled, order-refunded or shipment \(not "party"\)/,
    ],
    [['resume', 'now'], /^unexpected argument "now"/],
  ])('rejects %j in one line', (argv, pattern) => {
    expect(usageError(() => parseSendArgs(argv))).toMatch(pattern);
  });
});

describe('readSendEnv()', () => {
  const send = parseSendArgs(['--data', SAMPLE]);
  if (send.command !== 'send') throw new Error('unreachable');

  it('is offline without a key or with --dry-run, and needs no sender then', () => {
    expect(readSendEnv(send, {})).toEqual({ sender: {}, attributionDays: 5 });
    const dry = parseSendArgs(['--data', SAMPLE, '--dry-run']);
    if (dry.command === 'help') throw new Error('unreachable');
    expect(readSendEnv(dry, { RESEND_API_KEY: 're_x' }).apiKey).toBeUndefined();
  });

  it('needs --from or EMAIL_FROM to send live, and checks both', () => {
    expect(usageError(() => readSendEnv(send, { RESEND_API_KEY: 're_x' }))).toMatch(
      /^a live send needs a sender/,
    );
    expect(readSendEnv(send, { RESEND_API_KEY: 're_x', EMAIL_FROM: 'Shop <a@shop.example>' })).toMatchObject({
      apiKey: 're_x',
      from: 'Shop <a@shop.example>',
    });
    expect(usageError(() => readSendEnv(send, { EMAIL_FROM: 'not an address' }))).toMatch(/^EMAIL_FROM: /);
    const resume = parseSendArgs(['resume']);
    if (resume.command === 'help') throw new Error('unreachable');
    expect(readSendEnv(resume, { RESEND_API_KEY: 're_x' }).apiKey).toBe('re_x');
    expect(usageError(() => readSendEnv(resume, { EMAIL_FROM: 'not an address' }))).toMatch(/^EMAIL_FROM: /);
    // A command that composes no email does not read the sender at all.
    const status = parseSendArgs(['status']);
    if (status.command === 'help') throw new Error('unreachable');
    expect(readSendEnv(status, { EMAIL_FROM: 'not an address' })).not.toHaveProperty('from');
  });

  it('reads the sender tuning knobs, rejecting nonsense', () => {
    expect(readSendEnv(send, { SEND_TIMEOUT_MS: '200', SEND_RATE_PER_SECOND: '0' }).sender).toEqual({
      timeoutMs: 200,
      ratePerSecond: 0,
    });
    expect(usageError(() => readSendEnv(send, { SEND_TIMEOUT_MS: 'soon' }))).toMatch(
      /^SEND_TIMEOUT_MS=soon: /,
    );
  });
});
