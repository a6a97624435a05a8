/**
 * The spam filters' input and verdicts (quality/spam.ts): the full message a sender would hand over, and —
 * under `npm run test:full`, with Debian's spamassassin and rspamd installed — a real email that both
 * filters pass and a spammy one that both fail, so the check can fail.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkSpam,
  type Message,
  mimeMessage,
  RSPAMD_PATH,
  SPAMASSASSIN_MAX,
  SPAMASSASSIN_PATH,
} from '../../quality/spam';
import { combinations, renderCombination } from '../../quality/states';
import { emailFromHtml } from '../../quality/types';
import { FULL } from '../support/matrix';

async function message(template: string, locale: 'en' | 'ko', state: string): Promise<Message> {
  const combo = combinations([template], undefined, [locale]).find((c) => c.state.name === state);
  if (!combo) throw new Error(`no ${state} state for ${template}`);
  const out = await renderCombination(combo);
  return { email: out.email, from: out.from, to: out.to, subject: out.subject, text: out.text };
}

describe('the full message', () => {
  it('has the headers, List-Unsubscribe included, and a text and an HTML alternative', async () => {
    const m = await message('review-request', 'ko', 'ko-krw');
    const mime = mimeMessage(m, 3, new Date('2026-12-07T09:00:00Z'));
    const [head = '', body = ''] = mime.split('\r\n\r\n');
    expect(head).toMatch(/^From: (=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=|"[ -~]+") <[^>]+>$/m);
    expect(head).toContain(`To: ${m.to}`);
    expect(head).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(head).toContain('Date: Mon, 07 Dec 2026 09:00:00 +0000');
    expect(head).toMatch(/^Message-ID: <check-3\.review-request@[^>\s]+>$/m);
    expect(head).toMatch(/^List-Unsubscribe: <https:\/\//m);
    expect(head).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(head).toContain('Content-Type: multipart/alternative; boundary="pp-alt-3"');
    expect(mime).toContain('Content-Type: text/plain; charset=utf-8');
    expect(mime).toContain('Content-Type: text/html; charset=utf-8');
    const parts = mime.split('--pp-alt-3');
    const decoded = (part: string | undefined) =>
      Buffer.from((part ?? '').split('\r\n\r\n')[1] ?? '', 'base64').toString();
    expect(decoded(parts[1])).toBe(m.text);
    expect(decoded(parts[2])).toBe(m.email.html);
    expect(body.startsWith('--pp-alt-3\r\n')).toBe(true);
  });
});

const tools = existsSync(SPAMASSASSIN_PATH) && existsSync(RSPAMD_PATH);
if (FULL && !tools)
  console.warn('tests/spam.test.ts: spamassassin or rspamd missing: the filter tests are SKIPPED');

describe.runIf(FULL && (tools || process.env.CI === 'true'))('SpamAssassin and rspamd', () => {
  it('pass a real order confirmation and fail an obvious spam, both with local rules only', async () => {
    const good = await message('order-confirmation', 'en', 'en-usd');
    const spammy: Message = {
      email: emailFromHtml(
        '<html><body><p>FREE VIAGRA!!! CASINO WINNER</p><a href="http://192.168.0.1/claim">http://paypal.com/claim</a></body></html>',
        { template: 'spam', state: 'spam' },
      ),
      from: 'WINNER <winner@example.com>',
      to: 'you@example.com',
      subject: 'FREE VIAGRA WINNER $$$ CLAIM NOW!!!',
      text: 'Claim your prize now.',
    };
    const { findings, general } = await checkSpam([good, spammy], { requireTools: true });
    expect(general).toEqual([]);
    expect(findings.get(good.email)).toEqual([]);
    const rules = (findings.get(spammy.email) ?? []).map((f) => f.rule);
    expect(rules).toContain('spamassassin');
    expect(rules).toContain('rspamd');
    const sa = (findings.get(spammy.email) ?? []).find((f) => f.rule === 'spamassassin');
    expect(sa?.message).toMatch(new RegExp(`SpamAssassin scores [\\d.]+ \\(at most ${SPAMASSASSIN_MAX}\\)`));
  }, 240_000);
});
