/**
 * Layout in three engines (quality/layout.ts). The long-names order confirmation — a 60-letter product name —
 * overflowed a 375px phone before document text wrapped; with the wrapping styles stripped it must fail the
 * overflow check in every engine, and as rendered it must pass. Every finding names engine, width, theme and
 * email, in the gate's JSON too. Needs the engines: under `npm run test:full` only; an engine that is not
 * installed is skipped loudly, and under CI=true it is a failure.
 */

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../emails';
import { CHROMIUM_PATH } from '../../quality/chromium';
import { ENGINES, type EngineName } from '../../quality/engines';
import { FIREFOX_PATH } from '../../quality/engines/firefox';
import { WEBKIT_DRIVER_PATH, XVFB_RUN_PATH } from '../../quality/engines/webkit';
import { runLayout, variantHtml } from '../../quality/layout';
import { formatJson } from '../../quality/report';
import { type EmailUnderCheck, emailFromHtml, type Finding } from '../../quality/types';
import { longNamesOrderData } from '../../stories/fixtures';
import { FULL } from '../support/matrix';

const BINARIES: Record<EngineName, string[]> = {
  chromium: [CHROMIUM_PATH],
  firefox: [FIREFOX_PATH],
  webkit: [WEBKIT_DRIVER_PATH, XVFB_RUN_PATH],
};
const installed = ENGINES.filter((e) => BINARIES[e].every((path) => existsSync(path)));
const missing = ENGINES.filter((e) => !installed.includes(e));
if (FULL && missing.length)
  console.warn(`tests/layout.test.ts: no ${missing.join(', ')} on this machine: those engines are SKIPPED`);

/** The confirmation as it was before the fix: the same HTML without the wrapping styles. */
function withoutWrapping(html: string): string {
  return html.replace(/;?word-break:break-word/g, '').replace('.pp-container{overflow-wrap:anywhere}', '');
}

describe('variants', () => {
  it('dark applies the dark rules unconditionally; no <style> drops every style block; images stay local', () => {
    const html =
      '<html><head><style>@media (prefers-color-scheme: dark){.a{color:#fff}}</style></head><body><img src="https://shop.example.com/i/a.jpg?x=1&amp;y=2"></body></html>';
    expect(variantHtml(html, { theme: 'dark', style: true })).toContain('@media all{.a{color:#fff}}');
    expect(variantHtml(html, { theme: 'light', style: true })).toContain('prefers-color-scheme: dark');
    expect(variantHtml(html, { theme: 'light', style: false })).not.toContain('<style');
    expect(variantHtml(html, { theme: 'light', style: true })).toMatch(/src="data:image\/svg\+xml;base64,/);
  });

  it('the stripped fixture really lacks the wrapping styles the rendered email has', async () => {
    const { html } = await renderEmail('order-confirmation', longNamesOrderData, { locale: 'en' });
    expect(html).toContain('word-break:break-word');
    expect(html).toContain('.pp-container{overflow-wrap:anywhere}');
    expect(withoutWrapping(html)).not.toMatch(/word-break|overflow-wrap/);
  });
});

describe.runIf(FULL)('in the engines', () => {
  it('CI has every engine', () => {
    if (process.env.CI === 'true') expect(missing).toEqual([]);
  });

  it.runIf(installed.length > 0)(
    'the long-names confirmation overflows 375px without the wrapping styles, in every engine, and fits with them',
    async () => {
      const { html } = await renderEmail('order-confirmation', longNamesOrderData, { locale: 'en' });
      const fixed = emailFromHtml(html, { template: 'order-confirmation', state: 'long-names' });
      const before = emailFromHtml(withoutWrapping(html), {
        template: 'order-confirmation',
        state: 'pre-fix',
      });
      const layout = await runLayout(
        [
          { email: before, shoot: false },
          { email: fixed, shoot: false },
        ],
        { engines: installed, requireEngines: true },
      );
      expect(layout.general).toEqual([]);
      const overflow = (email: EmailUnderCheck) =>
        (layout.findings.get(email) ?? []).filter((f) => f.rule === 'horizontal-overflow');

      const failed = overflow(before);
      for (const engine of installed)
        for (const theme of ['light', 'dark'] as const)
          expect(failed).toContainEqual(
            expect.objectContaining({
              engine,
              width: 375,
              theme,
              style: true,
              template: 'order-confirmation',
            }),
          );
      for (const f of failed) {
        expect(f.message).toMatch(new RegExp(`: the email is \\d+px wide in a ${f.width}px viewport`));
        expect(f.where).toMatch(/Onggiclay|table|td|p/);
      }
      expect(layout.findings.get(fixed)).toEqual([]);

      // The gate's JSON carries engine, width, theme and the email on every layout finding.
      const json = JSON.parse(
        formatJson({
          emails: [
            {
              template: 'order-confirmation',
              locale: 'en',
              state: 'pre-fix',
              kind: 'transactional',
              bytes: 0,
              findings: failed,
            },
          ],
          general: [],
          skipped: [],
        }),
      ) as { ok: boolean; emails: { findings: Finding[] }[] };
      expect(json.ok).toBe(false);
      for (const f of json.emails[0]?.findings ?? []) {
        expect(ENGINES).toContain(f.engine);
        expect([375, 600]).toContain(f.width);
        expect(['light', 'dark']).toContain(f.theme);
        expect(f).toMatchObject({
          template: 'order-confirmation',
          locale: 'en',
          state: 'pre-fix',
          check: 'layout',
        });
      }
    },
    180_000,
  );

  it.runIf(installed.length > 0)(
    'fails a short button, a button wider than the phone and 10px text, naming each',
    async () => {
      const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body style="margin:0">
<p style="font-size:10px">Prices include VAT.</p>
<a class="pp-button" href="https://shop.example.com/o" style="display:inline-block;padding:4px 8px;background-color:#1d4ed8;color:#fff">Track</a>
<div><a class="pp-button" href="https://shop.example.com/wide" style="display:inline-block;width:700px;padding:13px 0;background-color:#1d4ed8;color:#fff">Wide</a></div>
</body></html>`;
      const email = emailFromHtml(html);
      const engine = installed[0] as EngineName;
      const layout = await runLayout([{ email, shoot: false }], { engines: [engine] });
      const rules = new Set(
        (layout.findings.get(email) ?? []).filter((f) => f.width === 375).map((f) => f.rule),
      );
      expect(rules).toEqual(
        new Set(['min-font-size', 'min-button-height', 'button-outside-viewport', 'horizontal-overflow']),
      );
    },
    120_000,
  );
});
