import { describe, expect, it } from 'vitest';
import { parseSendArgs, readSendEnv } from '../../../sending/cli/send-options';
import { runServeCommand } from '../../../sending/cli/serve-command';
import { parseAttributionDays } from '../../../sending/plan/attribution';
import { createSequencer } from '../../../sending/sequencer';

describe('report and attribution settings', () => {
  it('send report takes --since, --html and --json, and refuses a bad duration or a stray flag (exit 2)', () => {
    expect(parseSendArgs(['report'])).toMatchObject({
      command: 'report',
      since: '30d',
      sinceMs: 30 * 86_400_000,
      json: false,
    });
    expect(parseSendArgs(['report', '--since', '12h', '--json', '--html', 'r.html'])).toMatchObject({
      sinceMs: 12 * 3_600_000,
      json: true,
      html: 'r.html',
    });
    expect(() => parseSendArgs(['report', '--since', '30'])).toThrow(/^--since 30: expected a duration/);
    expect(() => parseSendArgs(['report', '--since', '0d'])).toThrow(/^--since 0d/);
    expect(() => parseSendArgs(['report', '--to', 'a@b.co'])).toThrow(/^report does not take --to/);
  });

  it('ATTRIBUTION_DAYS: 1 to 30 whole days, default 5, anything else named', () => {
    expect(parseAttributionDays(undefined)).toBe(5);
    expect(parseAttributionDays(' ')).toBe(5);
    expect(parseAttributionDays('1')).toBe(1);
    expect(parseAttributionDays('30')).toBe(30);
    for (const bad of ['0', '31', '2.5', '-1', 'five'])
      expect(() => parseAttributionDays(bad)).toThrow(
        `ATTRIBUTION_DAYS ${bad}: expected a whole number of days from 1 to 30`,
      );
    const args = parseSendArgs(['status']);
    if (args.command === 'help') throw new Error('help');
    expect(readSendEnv(args, { ATTRIBUTION_DAYS: '7' }).attributionDays).toBe(7);
    expect(() => readSendEnv(args, { ATTRIBUTION_DAYS: '45' })).toThrow(/^ATTRIBUTION_DAYS 45/);
    expect(() => createSequencer({ from: 'a@b.co', attributionDays: 0 })).toThrow(
      /attributionDays: expected at least 1/,
    );
  });

  it('serve refuses a bad ATTRIBUTION_DAYS before opening anything', async () => {
    const io = {
      out: () => {},
      err: () => {},
      env: { ATTRIBUTION_DAYS: '90' },
      signal: new AbortController().signal,
    };
    await expect(runServeCommand([], io)).rejects.toThrow(
      /^ATTRIBUTION_DAYS 90: expected a whole number of days from 1 to 30$/,
    );
  });
});
