/**
 * The preference centre's handler (sending/http/preferences.ts) over in-memory ports, and the pages a customer
 * opens from an email (preferences and unsubscribe) under axe in Chromium, light and dark, in every locale and
 * in the sample brands (`npm run test:full`).
 */
import { describe, expect, it } from 'vitest';
import { themeFor } from '../../../components/theme';
import { unsubscribeToken } from '../../../core/links';
import { LOCALES } from '../../../core/locales';
import { SAMPLE_BRAND_NAMES, sampleBrands } from '../../../emails/_samples/brands';
import { browserAvailable } from '../../../quality/browser';
import type { PageContext } from '../../../sending/http/page';
import { createPreferencesHandler, parseChoices } from '../../../sending/http/preferences';
import { createUnsubscribeHandler } from '../../../sending/http/unsubscribe';
import { EVERYTHING, type Preferences } from '../../../sending/plan/preferences';
import { useA11yChecker } from '../../support/a11y';
import { FULL } from '../../support/matrix';

const SECRET = 'prefs-test-secret';
const ADDRESS = 'jisoo@example.com';
const TODAY = '2026-12-07';
const url = (token = unsubscribeToken(ADDRESS, SECRET)) =>
  `https://mail.example.com/preferences?e=${encodeURIComponent(ADDRESS)}&t=${encodeURIComponent(token)}`;

function setup(context: PageContext = {}, start: Preferences = EVERYTHING) {
  let current = start;
  const saved: Preferences[] = [];
  const links: string[] = [];
  const handle = createPreferencesHandler({
    secret: SECRET,
    read: async () => current,
    save: async (_address, prefs) => {
      const previous = current;
      current = prefs;
      saved.push(prefs);
      return previous;
    },
    contextFor: async () => context,
    requestLink: async (address) => void links.push(address),
    now: () => new Date(`${TODAY}T12:00:00Z`),
  });
  return { handle, saved, links };
}

const form = (fields: [string, string][]) => ({
  method: 'POST',
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe('parseChoices', () => {
  it('reads the topics kept on, a pause of 30/60/90 days, and no marketing', () => {
    const f = new URLSearchParams([
      ['topic', 'reviews'],
      ['topic', 'thanks'],
      ['pause', '60'],
    ]);
    expect(parseChoices(f, TODAY)).toEqual({
      topicsOff: ['offers', 'referral'],
      pausedUntil: '2027-02-05',
      noMarketing: false,
    });
    expect(parseChoices(new URLSearchParams('none=1'), TODAY).noMarketing).toBe(true);
  });

  it('names the field it cannot read', () => {
    expect(() => parseChoices(new URLSearchParams('pause=7'), TODAY)).toThrow('pause');
    expect(() => parseChoices(new URLSearchParams('topic=news'), TODAY)).toThrow('topic');
    expect(() => parseChoices(new URLSearchParams('none=yes'), TODAY)).toThrow('none');
    // An undo restores a running pause, never one in the past or beyond 90 days.
    expect(parseChoices(new URLSearchParams('pause=2027-01-06'), TODAY).pausedUntil).toBe('2027-01-06');
    expect(() => parseChoices(new URLSearchParams('pause=2026-12-01'), TODAY)).toThrow('pause');
    expect(() => parseChoices(new URLSearchParams('pause=2027-06-01'), TODAY)).toThrow('pause');
  });
});

describe('createPreferencesHandler', () => {
  it('GET and HEAD show the choices and save nothing', async () => {
    const { handle, saved } = setup(
      {},
      { topicsOff: ['offers'], pausedUntil: '2027-01-06', noMarketing: false },
    );
    const res = await handle(new Request(url()));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('name="topic" value="reviews" checked');
    expect(html).toContain('name="topic" value="offers">');
    expect(html).toContain('name="pause" value="2027-01-06" checked');
    expect(html).toContain('name="pause" value="0">');
    expect(html).toContain('Paused until 2027-01-06');
    expect((await handle(new Request(url(), { method: 'HEAD' }))).status).toBe(200);
    expect(saved).toEqual([]);
  });

  it('refuses a forged token with 403, and answers 503 without a secret', async () => {
    const { handle, saved } = setup();
    expect((await handle(new Request(url('forged'), form([['none', '1']])))).status).toBe(403);
    expect(saved).toEqual([]);
    const unset = createPreferencesHandler({
      secret: undefined,
      read: async () => EVERYTHING,
      save: async () => EVERYTHING,
      requestLink: async () => {},
    });
    expect((await unset(new Request(url()))).status).toBe(503);
  });

  it('POST saves and answers with an undo holding the replaced choices', async () => {
    const { handle, saved } = setup();
    const res = await handle(
      new Request(
        url(),
        form([
          ['topic', 'reviews'],
          ['pause', '30'],
        ]),
      ),
    );
    expect(res.status).toBe(200);
    expect(saved).toEqual([
      { topicsOff: ['offers', 'referral', 'thanks'], pausedUntil: '2027-01-06', noMarketing: false },
    ]);
    const html = await res.text();
    expect(html).toContain('Undo: restore my previous choices');
    expect(html).toMatch(
      /<input type="hidden" name="topic" value="reviews"><input type="hidden" name="topic" value="offers">/,
    );
  });

  it('speaks the customer’s language and wears the shop’s logo and colours', async () => {
    const brand = sampleBrands.hanok;
    const { handle } = setup({
      locale: 'ko',
      shopName: '한옥 상점',
      logoUrl: 'https://shop.example.com/logo.png',
      brand,
    });
    const html = await (await handle(new Request(url()))).text();
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('마케팅 이메일 모두 수신거부');
    expect(html).toContain(
      '<img class="logo logo-light" src="https://shop.example.com/logo.png" alt="한옥 상점"',
    );
    expect(html).toContain(`background:${themeFor(brand).light.accent}`);
  });

  it('without a link: the form, then one answer for any address (the engine decides whether to send)', async () => {
    const { handle, links } = setup();
    const page = await (await handle(new Request('https://mail.example.com/preferences'))).text();
    expect(page).toContain('name="email"');
    const res = await handle(new Request('https://mail.example.com/preferences', form([['email', ADDRESS]])));
    expect(res.status).toBe(200);
    expect(links).toEqual([ADDRESS]);
    const bad = await handle(new Request('https://mail.example.com/preferences', form([['email', 'nope']])));
    expect(bad.status).toBe(400);
    expect(links).toEqual([ADDRESS]);
  });

  it('escapes what it echoes', async () => {
    const { handle } = setup({ shopName: '<b>x</b>' });
    const html = await (await handle(new Request(url()))).text();
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});

describe('the unsubscribe undo', () => {
  it('offers to subscribe again after unsubscribing; only that button resubscribes', async () => {
    const calls: string[] = [];
    const handle = createUnsubscribeHandler({
      secret: SECRET,
      suppress: async () => void calls.push('suppress'),
      resubscribe: async () => {
        calls.push('resubscribe');
        return true;
      },
    });
    const link = `https://mail.example.com/unsubscribe?e=${encodeURIComponent(ADDRESS)}&t=${unsubscribeToken(ADDRESS, SECRET)}`;
    const done = await (await handle(new Request(link, form([['List-Unsubscribe', 'One-Click']])))).text();
    expect(calls).toEqual(['suppress']);
    expect(done).toContain('name="resubscribe" value="1"');
    const again = await handle(new Request(link, form([['resubscribe', '1']])));
    expect(await again.text()).toContain('You are subscribed again');
    expect(calls).toEqual(['suppress', 'resubscribe']);
  });
});

// Chromium runs under `npm run test:full`, as the unsubscribe pages' own check does.
describe.runIf(FULL && browserAvailable())(
  'the preference and unsubscribe pages in Chromium (axe, WCAG 2.2 AA, light and dark, every sample brand)',
  () => {
    const a11y = useA11yChecker();

    const brands = [undefined, ...SAMPLE_BRAND_NAMES];
    it.each(LOCALES)(
      'passes in %s',
      async (locale) => {
        for (const name of brands) {
          const context: PageContext = {
            locale,
            shopName: 'Hanok Goods',
            ...(name ? { brand: sampleBrands[name] } : {}),
          };
          const prefs = setup(context, {
            topicsOff: ['offers'],
            pausedUntil: '2027-01-06',
            noMarketing: false,
          });
          const unsubscribe = createUnsubscribeHandler({
            secret: SECRET,
            suppress: async () => {},
            resubscribe: async () => true,
            contextFor: async () => context,
          });
          const unsubscribeLink = `https://mail.example.com/unsubscribe?e=${encodeURIComponent(ADDRESS)}&t=${unsubscribeToken(ADDRESS, SECRET)}`;
          const pages: Record<string, Response> = {
            choices: await prefs.handle(new Request(url())),
            saved: await prefs.handle(
              new Request(
                url(),
                form([
                  ['topic', 'reviews'],
                  ['pause', '90'],
                ]),
              ),
            ),
            ask: await prefs.handle(
              new Request('https://mail.example.com/preferences', { headers: { 'accept-language': locale } }),
            ),
            asked: await prefs.handle(
              new Request('https://mail.example.com/preferences', {
                ...form([['email', ADDRESS]]),
                headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': locale },
              }),
            ),
            invalid: await prefs.handle(new Request(url('forged'))),
            unsubscribe: await unsubscribe(new Request(unsubscribeLink)),
            unsubscribed: await unsubscribe(
              new Request(unsubscribeLink, form([['List-Unsubscribe', 'One-Click']])),
            ),
          };
          for (const [state, res] of Object.entries(pages)) {
            const findings = await a11y.check({
              template: 'preferences',
              locale,
              state: `${state} (${name ?? 'default'})`,
              kind: 'transactional',
              html: await res.text(),
              headers: {},
            });
            expect(
              findings.filter((f) => f.severity === 'error'),
              `${state} ${name ?? 'default'}`,
            ).toEqual([]);
          }
        }
      },
      120_000,
    );
  },
);
