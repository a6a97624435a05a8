/**
 * Outlook (Word engine) rules, checked in the HTML: every template's buttons are drawn twice — VML for Word
 * with the same address, label and colours as the HTML link everyone else gets — and a hand-written email
 * that breaks each rule fails it, where it breaks it.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { renderEmail, TEMPLATE_IDS } from '../../emails';
import { elements, inlineStyle, parseHtml } from '../../quality/dom';
import { checkOutlook, OUTLOOK_CHECK_NAME } from '../../quality/outlook';
import { combinations, renderCombination } from '../../quality/states';
import { emailFromHtml } from '../../quality/types';
import { longNamesOrderData } from '../../stories/fixtures';

async function sample(template: string) {
  const combo = combinations([template], undefined, ['en']).find((c) => c.state.name === 'en-usd');
  if (!combo) throw new Error(`no en-usd sample for ${template}`);
  return (await renderCombination(combo)).email;
}

/** The VML shapes in Word-only comments, as the attributes and label Word reads. */
function vmlButtons(html: string) {
  return [...html.matchAll(/<!--\[if mso\]>([\s\S]*?)<!\[endif\]-->/g)]
    .map((m) => parseDocument(m[1] ?? '', { lowerCaseAttributeNames: true }))
    .map((doc) => DomUtils.findOne((el) => el.name === 'v:roundrect', doc.children))
    .filter((shape) => shape !== null)
    .map((shape) => {
      const center = DomUtils.findOne((el) => el.name === 'center', shape.children);
      return {
        href: DomUtils.textContent(parseDocument(`<p>${shape.attribs.href}</p>`)),
        text: center ? DomUtils.textContent(center).trim() : '',
        fill: shape.attribs.fillcolor,
        color: center ? inlineStyle(center).get('color') : undefined,
      };
    });
}

function htmlButtons(html: string) {
  return elements(parseHtml(html))
    .filter((el) => el.name === 'a' && /\bpp-button(-quiet)?\b/.test(el.attribs.class ?? ''))
    .map((el) => ({
      href: el.attribs.href,
      text: DomUtils.textContent(el).trim(),
      fill: inlineStyle(el).get('background-color'),
      color: inlineStyle(el).get('color'),
    }));
}

describe('the VML button', () => {
  it.each(TEMPLATE_IDS)('%s: carries the same href, text and colours as the HTML one', async (template) => {
    const { html } = await sample(template);
    const links = htmlButtons(html);
    expect(vmlButtons(html)).toEqual(links);
    // Each HTML link sits where Word does not look, right after its VML twin.
    for (const match of html.matchAll(/<a [^>]*class="pp-button(?:-quiet)?"/g)) {
      const before = html.slice(0, match.index);
      expect(before.lastIndexOf('<!--[if !mso]><!-->')).toBeGreaterThan(
        before.lastIndexOf('<!--<![endif]-->'),
      );
      expect(before.lastIndexOf('v:roundrect')).toBeGreaterThan(before.lastIndexOf('</a>'));
    }
  });

  it('has buttons to compare in the templates that show one', async () => {
    expect(htmlButtons((await sample('order-confirmation')).html)).toHaveLength(1);
    expect(htmlButtons((await sample('shipping-update')).html).length).toBeGreaterThan(0);
  });
});

describe(OUTLOOK_CHECK_NAME, () => {
  it.each(TEMPLATE_IDS)('%s passes', async (template) => {
    expect(checkOutlook(await sample(template))).toEqual([]);
  });

  it('passes the long-names confirmation too', async () => {
    const { html } = await renderEmail('order-confirmation', longNamesOrderData, { locale: 'en' });
    expect(checkOutlook(emailFromHtml(html))).toEqual([]);
  });

  it('fails a VML button whose colour, address or label differs from the HTML link', async () => {
    const { html } = await sample('order-confirmation');
    const [link] = htmlButtons(html);
    const recoloured = html.replace(/fillcolor="[^"]+"/, 'fillcolor="#ff0000"');
    const [fill] = checkOutlook(emailFromHtml(recoloured));
    expect(fill?.rule).toBe('vml-button');
    expect(fill?.message).toContain(`fill (#ff0000) differs from the HTML link's (${link?.fill})`);
    expect(fill?.where).toContain('a.pp-button');
    const relabelled = html.replace(/(<center[^>]*>)[^<]+/, '$1Buy now');
    expect(checkOutlook(emailFromHtml(relabelled)).map((f) => f.message)).toEqual([
      expect.stringContaining(`label (Buy now) differs from the HTML link's (${link?.text})`),
    ]);
    const readdressed = html.replace(/(<v:roundrect[^>]* href=")[^"]+/, '$1https://elsewhere.example.com/');
    expect(checkOutlook(emailFromHtml(readdressed))[0]?.message).toContain(
      'href (https://elsewhere.example.com/)',
    );
  });

  it('fails a plain padded link, an image without a width, a loose line height and a bare max-width', () => {
    const html = `<!DOCTYPE html><html lang="en"><body>
<div style="display:inline-block;max-width:280px;vertical-align:top"><p style="font-size:16px;line-height:24px">Tea</p></div>
<img src="https://shop.example.com/i/tea.jpg" alt="Tea" style="width:64px">
<a class="pp-button" href="https://shop.example.com/orders/1" style="background-color:#1d4ed8;color:#ffffff;padding:13px 24px">View your order</a>
</body></html>`;
    const findings = checkOutlook(emailFromHtml(html));
    expect(findings.map((f) => f.rule).sort()).toEqual([
      'ghost-table',
      'image-width',
      'max-width',
      'mso-line-height-rule',
      'vml-button',
    ]);
    for (const f of findings) {
      expect(f.check).toBe('outlook');
      expect(f.message).toMatch(/^Outlook \(Word engine\) rules: /);
      expect(f.message).not.toMatch(/rendered in Outlook/i);
      expect(f.line).toBeGreaterThan(1);
    }
  });

  it('does not hold what Word skips to its rules', () => {
    const html = `<!DOCTYPE html><html lang="en"><body><!--[if !mso]><!--><div style="display:inline-block;max-width:280px"><img src="https://shop.example.com/i/tea.jpg" alt="Tea"></div><!--<![endif]--></body></html>`;
    expect(checkOutlook(emailFromHtml(html))).toEqual([]);
  });
});
