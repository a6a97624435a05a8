/**
 * The send command's honest output over a live store, in-process: `status` shows the live order and each test run
 * apart within 100 columns and ends with one summary line; `cancel --to` names what it could not stop, on the
 * operator's clock with the customer's beside; every subcommand's `--help` lists its flags.
 */
import { describe, expect, it } from 'vitest';
import type { OrderDocument } from '../../../core/order-document';
import { runSendCommand } from '../../../sending/cli/send-command';
import { fitTable } from '../../../sending/cli/status-output';
import { clockTime, customerClock, relative } from '../../../sending/plan/operator-clock';
import type { Sequencer } from '../../../sending/sequencer';
import { useLiveEngine } from '../../support/databases';
import { dayOffsetSequence, seoul } from '../../support/send-fixtures';

let sequencer: Sequencer;

const live: OrderDocument = {
  ...seoul,
  order: { ...seoul.order, id: 'ord_cli', placedAt: new Date(Date.now() - 60_000).toISOString() },
} as OrderDocument;

useLiveEngine(
  'test_sends_cli',
  {
    apiKey: 're_cli_key',
    sequence: dayOffsetSequence,
    releaseWindowMs: 30 * 86_400_000,
  },
  async (engine) => {
    ({ sequencer } = engine);
    await sequencer.enqueue(live);
    await sequencer.enqueue(live, { to: 'me@hanok.example', compressMs: 120_000 });
  },
);

async function run(argv: string[], env: NodeJS.ProcessEnv = { TZ: 'Europe/Paris' }) {
  let out = '';
  let err = '';
  const code = await runSendCommand(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env,
    sequencer,
  });
  return { code, out, err };
}

describe('send status and cancel, as a person reads them', () => {
  it('status: the live order, then the test run apart; 100 columns; one summary line that counts the table', async () => {
    const { code, out } = await run(['status', '--order', 'ord_cli']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Order ord_cli to .+ \(live\)\n/);
    expect(out).toContain('\nTest run: order ord_cli to me@hanok.example\n');
    expect(out).toContain('due (Europe/Paris)');
    const lines = out.trimEnd().split('\n');
    // The tables fit 100 columns (the summary line is a sentence; a terminal wraps it).
    for (const line of lines.slice(0, -1)) expect(line.length, line).toBeLessThanOrEqual(100);
    const summary = lines.at(-1) ?? '';
    const { steps } = await sequencer.status({ order: 'ord_cli' });
    const liveCount = steps.filter((s) => !s.test).length;
    expect(summary).toMatch(
      new RegExp(`^Live: ${liveCount} step\\(s\\), .*\\. Test runs: 1, \\d+ step\\(s\\), `),
    );
    expect(lines.filter((l) => /^(Live|Released|Stopped)/.test(l))).toHaveLength(1);

    const json = JSON.parse((await run(['status', '--order', 'ord_cli', '--json'])).out) as {
      steps: { test: boolean }[];
    };
    expect(json.steps.every((s) => typeof s.test === 'boolean')).toBe(true);
    expect(json.steps.some((s) => s.test) && json.steps.some((s) => !s.test)).toBe(true);

    const wide = (await run(['status', '--order', 'ord_cli', '--wide'])).out;
    expect(wide).toMatch(/Resend id/);
    expect(Math.max(...wide.split('\n').map((l) => l.length))).toBeGreaterThan(100);
  });

  it('cancel --to: that run only, what it stopped and what it could not and why, then one summary line', async () => {
    const liveBefore = (await sequencer.status({ order: 'ord_cli' })).steps.filter((s) => !s.test);
    const { code, out } = await run(['cancel', '--order', 'ord_cli', '--to', 'me@hanok.example']);
    expect(code).toBe(0);
    expect(out).toContain('Cancelled the test run of order ord_cli to me@hanok.example');
    expect(out).toMatch(
      /shipping-update, due \d{2}:\d{2} \(in \d min; customer's .*\+09:00\): too close to its send time to stop/,
    );
    expect(out.trimEnd().split('\n').at(-1)).toMatch(
      /^Stopped \d+ step\(s\); \d+ could not be stopped(; \d+ had stopped before)?\.$/,
    );
    expect((await sequencer.status({ order: 'ord_cli' })).steps.filter((s) => !s.test)).toEqual(liveBefore);

    const missing = await run(['cancel', '--order', 'ord_cli', '--to', 'other@hanok.example']).catch(
      (e: Error) => e,
    );
    expect(missing).toBeInstanceOf(Error);
    expect((missing as Error).message).toContain('no test run of order ord_cli to other@hanok.example');
  });

  it('every subcommand has its own --help; status and cancel list --ledger', async () => {
    for (const command of ['status', 'cancel']) {
      const { out } = await run([command, '--help']);
      expect(out).toContain('--ledger <dir>');
      expect(out).toContain('--to <email>');
    }
    expect((await run(['status', '--help'])).out).toContain('--wide');
    expect((await run(['work', '--help'])).out).toContain('--once');
    expect((await run(['--help'])).out).toContain('cancel --order <id> | --data <file.json> [--to <email>]');
  });
});

describe('the operator clock and the 100-column table', () => {
  const now = new Date('2026-12-07T09:38:00Z');
  it('shows today as HH:MM on the operator clock, how far, and the customer clock beside', () => {
    expect(clockTime('2026-12-07T09:39:00Z', 'Europe/Paris', now)).toBe('10:39');
    expect(clockTime('2026-12-09T09:39:00Z', 'UTC', now)).toBe('12-09 09:39');
    expect(relative('2026-12-07T09:39:00Z', now)).toBe('in 1 min');
    expect(relative('2026-12-07T06:38:00Z', now)).toBe('3 h ago');
    expect(customerClock('2026-12-07T18:39:00+09:00', '2026-12-07T09:39:00Z', 'UTC', now)).toBe(
      '18:39 +09:00',
    );
    expect(customerClock('2026-12-08T02:39:00+09:00', '2026-12-07T17:39:00Z', 'UTC', now)).toBe(
      '12-08 02:39 +09:00',
    );
  });
  it('fits the widest row the status table can have (a long template with its variant, a time within a day)', () => {
    const text = fitTable(
      ['step', 'template', 'due (Europe/Paris)', "customer's", 'state', 'reason'],
      [
        [
          '12',
          'product-instructions (b)',
          '12-08 10:39 (in 23 h)',
          '12-08 18:39 +09:00',
          'scheduled',
          'x '.repeat(80),
        ],
      ],
      100,
    );
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  });
  it('wraps the last column to fit', () => {
    const text = fitTable(['a', 'reason'], [['x'.repeat(60), 'word '.repeat(30).trim()]], 100);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(text.split('\n').length).toBeGreaterThan(3);
  });
});
