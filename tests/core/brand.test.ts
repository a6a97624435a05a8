import { describe, expect, it } from 'vitest';
import {
  brandFontStack,
  colors,
  contrastPairs,
  defaultTheme,
  fontStacks,
  type Theme,
  themeFor,
} from '../../components/theme';
import type { Brand } from '../../core/brand';
import { contrastRatio } from '../../core/contrast';
import { parseOrderDocument, ValidationError } from '../../core/order-document';
import { renderEmail, TEMPLATE_IDS } from '../../emails';
import { americanOrderData, digitalOrderData, koreanOrderData } from '../../emails/_samples';
import { SAMPLE_BRAND_NAMES, sampleBrands } from '../../emails/_samples/brands';
import { auditContrast } from '../../quality/contrast';
import { variant } from '../support';

function problems(brand: unknown): string[] {
  try {
    parseOrderDocument(variant(koreanOrderData, (doc) => Object.assign(doc.shop, { brand })));
  } catch (error) {
    if (error instanceof ValidationError) return [...error.problems];
    throw error;
  }
  return [];
}

/** The validated brand (colours lower-cased), as a template sees it. */
function validBrand(brand: Brand): Brand {
  const doc = parseOrderDocument(variant(koreanOrderData, (d) => Object.assign(d.shop, { brand })));
  return doc.shop.brand as Brand;
}

function paletteFailures(theme: Theme): string[] {
  return (['light', 'dark'] as const).flatMap((mode) =>
    contrastPairs(theme[mode])
      .filter((pair) => pair.ratio < pair.needs)
      .map(
        (pair) =>
          `${mode} ${pair.name}: ${pair.foreground} on ${pair.background} is ${pair.ratio.toFixed(2)}`,
      ),
  );
}

describe('shop.brand validation', () => {
  it('accepts the sample brands', () => {
    for (const name of SAMPLE_BRAND_NAMES) expect(problems(sampleBrands[name])).toEqual([]);
  });

  it('refuses a pale accent with white button text, naming the field and the ratio', () => {
    expect(problems({ accent: '#ffe66d', accentText: '#ffffff' })).toEqual([
      'shop.brand.accentText: contrast with shop.brand.accent is 1.2:1, needs 4.5:1',
    ]);
    expect(problems({ accent: '#999999', accentText: '#ffffff' })).toEqual([
      'shop.brand.accentText: contrast with shop.brand.accent is 2.8:1, needs 4.5:1',
    ]);
  });

  it('gives a brand without accentText whichever of black or white contrasts more', () => {
    expect(themeFor(validBrand({ accent: '#ffd60a' })).light.accentText).toBe('#000000');
    expect(themeFor(validBrand({ accent: '#2f6b3a' })).light.accentText).toBe('#ffffff');
    expect(themeFor(validBrand({ accent: '#7dd3fc' })).light.accentText).toBe('#000000');
  });

  it('checks body text against the surface and the canvas', () => {
    expect(problems({ accent: '#2f6b3a', text: '#fafafa' })).toEqual([
      'shop.brand.text: contrast with the surface (#ffffff) is 1.0:1, needs 4.5:1',
    ]);
    expect(problems({ accent: '#2f6b3a', surface: '#202020', text: '#303030' })).toEqual([
      'shop.brand.text: contrast with shop.brand.surface is 1.2:1, needs 4.5:1',
    ]);
    expect(problems({ accent: '#2f6b3a', canvas: '#000000' })).toEqual([
      'shop.brand.canvas: contrast with the text colour (#18181b) is 1.1:1, needs 4.5:1',
    ]);
  });

  it('refuses malformed colours, fonts and fields with their paths', () => {
    expect(
      problems({ accent: 'green', acent: '#ffffff', fontUrl: 'http://fonts.example.com/a.css' }),
    ).toEqual([
      'shop.brand.accent: expected a six-digit hex colour, e.g. #2f6b3a',
      'shop.brand.fontUrl: expected an absolute https: URL of a stylesheet',
      'shop.brand.acent: unknown field; expected accent, accentText, canvas, surface, text, fontFamily, fontUrl',
    ]);
    expect(problems({ accent: '#fff' })).toEqual([
      'shop.brand.accent: expected a six-digit hex colour, e.g. #2f6b3a',
    ]);
    expect(problems({ accent: '#2f6b3a', fontFamily: 'x;} body{color:red' })).toEqual([
      "shop.brand.fontFamily: expected a CSS font-family list, e.g. 'Playfair Display', Georgia, serif",
    ]);
    expect(
      problems({ accent: '#2f6b3a', fontFamily: 'Gowun', fontUrl: "https://fonts.example.com/a.css');x" }),
    ).toEqual(['shop.brand.fontUrl: expected an absolute https: URL of a stylesheet']);
    expect(problems({ accent: '#2f6b3a', fontUrl: 'https://fonts.example.com/a.css' })).toEqual([
      'shop.brand.fontFamily: required with fontUrl: name the family the stylesheet defines',
    ]);
    expect(problems({})).toEqual(['shop.brand.accent: required']);
  });

  it('accepts upper-case hex and stores it lower-cased', () => {
    expect(validBrand({ accent: '#2F6B3A' }).accent).toBe('#2f6b3a');
  });
});

describe('themes derived from a brand', () => {
  it("keeps today's colours when the document names no brand", () => {
    expect(themeFor(undefined)).toBe(defaultTheme);
    expect(defaultTheme.light).toMatchObject(colors.light);
    expect(defaultTheme.dark).toMatchObject(colors.dark);
    expect(defaultTheme.light.link).toBe(colors.light.accent);
    expect(defaultTheme.fontFamily).toBe(fontStacks.sans);
  });

  it('reaches AA in every pair of the default theme except the one it always had', () => {
    // The default palette predates brands; its only sub-AA pair is struck-out prices in the box tint, which no block draws.
    expect(paletteFailures(defaultTheme)).toEqual([]);
  });

  it.each(SAMPLE_BRAND_NAMES)('reaches AA in every pair of the %s brand, light and dark', (name) => {
    const theme = themeFor(validBrand(sampleBrands[name]));
    expect(paletteFailures(theme)).toEqual([]);
  });

  it('darkens a pale accent for links, keeps it for the button fill and gives the button an edge', () => {
    const theme = themeFor(validBrand(sampleBrands.sunny));
    expect(theme.light.accent).toBe('#ffd60a');
    expect(theme.light.link).not.toBe('#ffd60a');
    expect(contrastRatio(theme.light.link, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(theme.light.buttonBorder).not.toBe('#ffd60a');
    expect(contrastRatio(theme.light.buttonBorder, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('lifts a deep accent in dark mode until buttons stand out and links read', () => {
    const theme = themeFor(validBrand(sampleBrands.hanok));
    expect(theme.light.accent).toBe('#2f6b3a');
    expect(theme.dark.surface).toBe(colors.dark.surface);
    expect(contrastRatio(theme.dark.accent, theme.dark.surface)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(theme.dark.link, theme.dark.surface)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(theme.dark.accentText, theme.dark.accent)).toBeGreaterThanOrEqual(4.5);
  });

  it("keeps a dark brand's own colours in dark mode", () => {
    const theme = themeFor(validBrand(sampleBrands.noir));
    expect(theme.dark).toEqual(theme.light);
    expect(theme.light.surface).toBe('#141416');
  });

  it("puts the brand's family before the CJK-safe stack, serif or sans", () => {
    expect(brandFontStack("'Trebuchet MS', Verdana, sans-serif")).toBe(
      `'Trebuchet MS', Verdana, ${fontStacks.sans}`,
    );
    const serif = brandFontStack("Didot, 'Bodoni 72', Georgia, serif");
    expect(serif.startsWith("Didot, 'Bodoni 72', Georgia, ")).toBe(true);
    expect(serif).toContain("'Noto Serif KR'");
    expect(serif.match(/Georgia/g)).toHaveLength(1);
    expect(serif.endsWith('serif')).toBe(true);
  });

  it('loads a web font only from the head, where Outlook for Windows does not look', async () => {
    const brand = {
      accent: '#2f6b3a',
      fontFamily: "'Gowun Batang', serif",
      fontUrl: 'https://fonts.example.com/gowun.css',
    };
    const { html } = await renderEmail(
      'order-confirmation',
      variant(koreanOrderData, (d) => Object.assign(d.shop, { brand })),
    );
    expect(html).toContain("<style>@import url('https://fonts.example.com/gowun.css');</style>");
    expect(html).toMatch(
      /@media screen\{\.pp-canvas,\.pp-canvas>table>tbody>tr>td\{font-family:'Gowun Batang', Georgia, [^}]*!important\}\}/,
    );
    // Inline, the system stack: a client that cannot load the font never names it.
    const inline = (html.match(/style="[^"]*"/g) ?? []).flatMap(
      (style) => style.match(/font-family:[^;"]*/g) ?? [],
    );
    expect(inline.length).toBeGreaterThan(0);
    for (const family of inline) expect(family).not.toContain('Gowun');
    expect(inline[0]).toContain('font-family:-apple-system');
  });
});

/** Palettes chosen to break things: each is refused with a field path or renders at AA. */
const HOSTILE: Record<string, Brand> = {
  'one colour everywhere': { accent: '#777777', canvas: '#777777', surface: '#777777', text: '#777777' },
  'near-white text on white': { accent: '#2f6b3a', text: '#f8f8f8' },
  'white button on white': { accent: '#ffffff' },
  'black everything': { accent: '#000000', surface: '#000000', canvas: '#000000' },
  'accent the colour of the dark surface': { accent: '#18181b' },
  'mid-grey surface': { accent: '#2f6b3a', surface: '#808080' },
  'accent equal to text': { accent: '#18181b', accentText: '#ffffff' },
  'neon on neon': { accent: '#00ff00', surface: '#ff00ff' },
  'pale everything': { accent: '#fefefe', canvas: '#fdfdfd', surface: '#fcfcfc' },
};

describe('hostile palettes', () => {
  it.each(Object.entries(HOSTILE))('%s: refused with a field path, or every pair reaches AA', (_, brand) => {
    const found = problems(brand);
    if (found.length > 0) {
      for (const problem of found) expect(problem).toMatch(/^shop\.brand\.\w+: /);
      return;
    }
    expect(paletteFailures(themeFor(validBrand(brand)))).toEqual([]);
  });

  it('refuses the one-colour palette and near-white text', () => {
    expect(problems(HOSTILE['one colour everywhere'])).not.toEqual([]);
    expect(problems(HOSTILE['near-white text on white'])).not.toEqual([]);
  });

  it('renders the accepted ones at AA, light and dark', async () => {
    for (const [name, brand] of Object.entries(HOSTILE)) {
      if (problems(brand).length > 0) continue;
      const doc = variant(americanOrderData, (d) => Object.assign(d.shop, { brand }));
      for (const id of ['order-confirmation', 'thank-you'] as const) {
        const { html } = await renderEmail(id, doc, { unsubscribeSecret: 'brand-test' });
        for (const mode of ['light', 'dark'] as const)
          expect(auditContrast(html, mode), `${name} · ${id} · ${mode}`).toEqual([]);
      }
    }
  });

  it('holds for 300 generated brands: refused with a path, or AA in every pair', () => {
    // A fixed linear congruential sequence: the same 300 brands every run.
    let seed = 20261202;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const colour = () => `#${(next() % 16777216).toString(16).padStart(6, '0')}`;
    let accepted = 0;
    for (let i = 0; i < 300; i++) {
      const brand: Brand = { accent: colour() };
      if (i % 2 === 0) brand.surface = colour();
      if (i % 3 === 0) brand.text = colour();
      if (i % 5 === 0) brand.accentText = colour();
      const found = problems(brand);
      if (found.length > 0) {
        for (const problem of found) expect(problem).toMatch(/^shop\.brand\.\w+: contrast with /);
        continue;
      }
      accepted++;
      expect(paletteFailures(themeFor(validBrand(brand))), JSON.stringify(brand)).toEqual([]);
    }
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('every template in every sample brand', () => {
  const brands = { default: undefined, ...sampleBrands };
  for (const [name, brand] of Object.entries(brands))
    it(`${name}: text and links ≥ 4.5:1, large text and button edges ≥ 3:1, light and dark`, async () => {
      for (const base of [koreanOrderData, americanOrderData]) {
        const doc = variant(base, (d) => {
          if (brand) Object.assign(d.shop, { brand });
        });
        for (const id of TEMPLATE_IDS) {
          const { html } = await renderEmail(id, doc, { unsubscribeSecret: 'brand-test' });
          for (const mode of ['light', 'dark'] as const)
            expect(auditContrast(html, mode), `${name} · ${id} · ${doc.customer.locale} · ${mode}`).toEqual(
              [],
            );
        }
      }
    });

  it.each(SAMPLE_BRAND_NAMES)(
    '%s: the digital-access boxes and the win-back news take the brand, at AA light and dark',
    async (name) => {
      const brand = sampleBrands[name];
      const theme = themeFor(validBrand(brand));
      // Every brand here has its own border tone, so finding it proves the block reads the theme.
      expect(theme.light.border).not.toBe(colors.light.border);
      const digital = { ...digitalOrderData, shop: { ...digitalOrderData.shop, brand } };
      const { html: access } = await renderEmail('order-confirmation', digital);
      const boxes =
        access.match(/<table [^>]*class="pp-box"[^>]*style="[^"]*border:1px solid #[0-9a-f]{6}/g) ?? [];
      expect(boxes.length).toBe(digitalOrderData.order.items.length);
      for (const box of boxes) expect(box).toContain(`border:1px solid ${theme.light.border}`);
      const returning = variant(americanOrderData, (d) => Object.assign(d.shop, { brand }));
      const { html: news } = await renderEmail('win-back', returning, { unsubscribeSecret: 'brand-test' });
      const rules =
        news.match(/<table [^>]*class="pp-rule"[^>]*style="[^"]*border-top:1px solid #[0-9a-f]{6}/g) ?? [];
      expect(rules.length).toBe((americanOrderData.winBack.news?.length ?? 0) - 1);
      for (const rule of rules) expect(rule).toContain(`border-top:1px solid ${theme.light.border}`);
      // The story titles: the brand's text on the paragraph, its link colour on the link.
      const title = americanOrderData.winBack.news?.[0]?.title ?? '';
      expect(news).toMatch(
        new RegExp(
          `<p class="pp-text" style="[^"]*color:${theme.light.text}[^"]*"><a [^>]*style="color:${theme.light.link};[^"]*"[^>]*>${title}</a>`,
        ),
      );
      for (const html of [access, news]) {
        expect(html).not.toContain(colors.light.border);
        for (const mode of ['light', 'dark'] as const) expect(auditContrast(html, mode), mode).toEqual([]);
      }
    },
  );

  it('paints the brand inline: button fill, link colour, surface, canvas and text', async () => {
    const doc = variant(koreanOrderData, (d) => Object.assign(d.shop, { brand: sampleBrands.hanok }));
    const { html } = await renderEmail('order-confirmation', doc);
    const theme = themeFor(validBrand(sampleBrands.hanok));
    const button = /<a [^>]*class="pp-button" style="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(button).toContain('background-color:#2f6b3a');
    expect(button).toMatch(/(^|;)color:#ffffff(;|$)/);
    expect(html).toContain(`background-color:${theme.light.canvas}`);
    expect(html).toContain('color:#1f2a22');
    expect(html).not.toContain(colors.light.accent);
    expect(html).toContain(`.pp-surface a{color:${theme.dark.link}!important}`);
    expect(html).toContain(`.pp-surface a.pp-button{background-color:${theme.dark.accent}!important`);
  });
});
