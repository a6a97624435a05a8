import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../components/i18n';
import { unsubscribeToken } from '../../../core/links';
import { renderEmail } from '../../../emails';
import { koreanOrderData } from '../../../emails/_samples';
import { browserAvailable } from '../../../quality/browser';
import {
  confirmPage,
  createUnsubscribeHandler,
  donePage,
  invalidPage,
  localeFromHeader,
  verifyUnsubscribeToken,
} from '../../../sending/http/unsubscribe';
import { SECRET } from '../../support';
import { useA11yChecker } from '../../support/a11y';
import { FULL } from '../../support/matrix';

type Call = { address: string; reason: string; source: string };

function handler(secret: string | undefined) {
  const calls: Call[] = [];
  const handle = createUnsubscribeHandler({
    secret,
    suppress: async (address, info) => void calls.push({ address, ...info }),
    contextFor: async (address) =>
      address === koreanOrderData.customer.email ? { locale: 'ko', shopName: koreanOrderData.shop.name } : {},
  });
  return { handle, calls };
}

/** The https URL of a rendered marketing email's own List-Unsubscribe header. */
async function headerLink(to = koreanOrderData.customer.email): Promise<string> {
  const { headers } = await renderEmail('thank-you', koreanOrderData, {
    unsubscribeSecret: SECRET,
    recipient: to,
  });
  const link = /<(https:[^>]+)>/.exec(headers['List-Unsubscribe'] ?? '')?.[1];
  if (!link) throw new Error('no https List-Unsubscribe');
  return link;
}

const oneClick = (url: string) =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });

describe('handleUnsubscribe', () => {
  it('shows a page in the customer’s language on GET, with the address and one button, and records nothing', async () => {
    const { handle, calls } = handler(SECRET);
    const link = await headerLink();
    const res = await handle(new Request(link));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain(koreanOrderData.customer.email);
    expect(html).toContain('수신거부');
    const url = new URL(link);
    expect(html).toContain(
      `<form method="post" action="${`${url.pathname}${url.search}`.replace(/&/g, '&amp;')}">`,
    );
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(calls).toEqual([]);
  });

  it('suppresses for marketing on the RFC 8058 one-click POST, answering 200 with no redirect', async () => {
    const { handle, calls } = handler(SECRET);
    const res = await handle(oneClick(await headerLink()));
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('수신거부되었습니다');
    expect(calls).toEqual([
      {
        address: koreanOrderData.customer.email,
        reason: 'unsubscribed (one-click link)',
        source: 'unsubscribe',
      },
    ]);
  });

  it('verifies the address the link was made for (a --to test send), not the customer', async () => {
    const { handle, calls } = handler(SECRET);
    const res = await handle(oneClick(await headerLink('qa+seed@example.com')));
    expect(res.status).toBe(200);
    expect(calls.map((c) => c.address)).toEqual(['qa+seed@example.com']);
  });

  it('reads the longer parameter names a shop may have written in its own unsubscribeUrl (email, token)', async () => {
    const { handle, calls } = handler(SECRET);
    const short = new URL(await headerLink('long+names@example.com'));
    const long = new URL(short.pathname, short.origin);
    long.searchParams.set('email', short.searchParams.get('e') ?? '');
    long.searchParams.set('token', short.searchParams.get('t') ?? '');
    expect((await handle(oneClick(long.toString()))).status).toBe(200);
    long.searchParams.set('email', 'someone-else@example.com');
    expect((await handle(oneClick(long.toString()))).status).toBe(403);
    expect(calls.map((c) => c.address)).toEqual(['long+names@example.com']);
  });

  it('refuses another address’s token, a forged or missing one with 403, recording nothing', async () => {
    const { handle, calls } = handler(SECRET);
    const mine = unsubscribeToken('mallory@example.com', SECRET);
    const base = 'https://shop.example.com/unsubscribe';
    const victim = encodeURIComponent(koreanOrderData.customer.email);
    for (const url of [
      `${base}?e=${victim}&t=${mine}`,
      `${base}?e=${victim}&t=${unsubscribeToken(koreanOrderData.customer.email, 'another-secret')}`,
      `${base}?e=${victim}&t=`,
      `${base}?e=${victim}`,
      `${base}?t=${mine}`,
      `${base}?e=${victim}&t=${mine.slice(0, -1)}`,
    ]) {
      const post = await handle(oneClick(url));
      expect(post.status, url).toBe(403);
      const get = await handle(new Request(url));
      expect(get.status, url).toBe(403);
      expect(await get.text()).not.toContain('<form');
    }
    expect(calls).toEqual([]);
  });

  it('answers 405 to other methods and 503 when no secret is configured, recording nothing', async () => {
    const { handle, calls } = handler(SECRET);
    const link = await headerLink();
    const put = await handle(new Request(link, { method: 'PUT', body: 'x' }));
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    const unconfigured = handler(undefined);
    expect((await unconfigured.handle(oneClick(link))).status).toBe(503);
    expect([...calls, ...unconfigured.calls]).toEqual([]);
  });

  it('speaks the browser’s language for an address the store does not know', async () => {
    const { handle } = handler(SECRET);
    const url = `https://shop.example.com/unsubscribe?e=x%40example.com&t=${unsubscribeToken('x@example.com', SECRET)}`;
    const res = await handle(
      new Request(url, { headers: { 'accept-language': 'fr;q=1, zh-CN;q=0.8, en;q=0.5' } }),
    );
    expect(await res.text()).toContain('<html lang="zh-CN">');
    expect(localeFromHeader('ko-KR,ko;q=0.9,en-US;q=0.8')).toBe('ko');
    expect(localeFromHeader('zh-Hant-TW')).toBeUndefined();
    expect(localeFromHeader(null)).toBeUndefined();
  });

  it('compares tokens exactly: equal only for the same address and secret', () => {
    const token = unsubscribeToken('a@example.com', SECRET);
    expect(verifyUnsubscribeToken('a@example.com', token, SECRET)).toBe(true);
    expect(verifyUnsubscribeToken('A@example.com', token, SECRET)).toBe(false);
    expect(verifyUnsubscribeToken('a@example.com', '', SECRET)).toBe(false);
  });

  it('escapes the address it shows', () => {
    const html = confirmPage('en', '"><script>alert(1)</script>@example.com', '/unsubscribe?e=x&t=y');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });
});

// Chromium runs under `npm run test:full` (like the email gate's own browser checks), wherever it is installed.
describe.runIf(FULL && browserAvailable())(
  'the unsubscribe pages in Chromium (axe, WCAG 2.2 AA, light and dark)',
  () => {
    const a11y = useA11yChecker();

    it.each(LOCALES)(
      'passes in %s',
      async (locale) => {
        const pages = {
          confirm: confirmPage(
            locale,
            'jisoo@example.com',
            '/unsubscribe?e=jisoo%40example.com&t=x',
            'Hanok Goods',
          ),
          done: donePage(locale, 'jisoo@example.com', 'Hanok Goods'),
          invalid: invalidPage(locale),
        };
        for (const [state, html] of Object.entries(pages)) {
          const findings = await a11y.check({
            template: 'unsubscribe',
            locale,
            state,
            kind: 'transactional',
            html,
            headers: {},
          });
          expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
        }
      },
      60_000,
    );

    it('would catch a page without a language or with faint text', async () => {
      const broken = invalidPage('en')
        .replace(' lang="en"', '')
        .replace('<h1>', '<h1 style="color:#eeeeee">');
      const findings = await a11y.check({
        template: 'unsubscribe',
        locale: 'en',
        state: 'broken',
        kind: 'transactional',
        html: broken,
        headers: {},
      });
      const rules = findings.map((f) => f.rule);
      expect(rules).toContain('html-has-lang');
      expect(rules).toContain('color-contrast');
    }, 60_000);
  },
);
