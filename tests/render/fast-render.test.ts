/**
 * The equivalence guard for the fast render path. `renderEmail()` renders with a static renderer
 * (render/) instead of react-email's `render()` + html-to-text; it may do so only while,
 * for every template in the registry × every locale × every sample document (× every shipping
 * status, × the variant documents below), it gives:
 *
 * 1. the same DOM as react-email's `render()` of the same component — both outputs parsed
 *    (htmlparser2) and compared element by element, attribute by attribute (styles declaration by
 *    declaration), text by text, after only the normalisations named in `NORMALISATIONS` (bench/dom-equivalence.ts);
 * 2. in fact the same bytes — today nothing needs normalising; if a React or react-email upgrade
 *    changes its bookkeeping, (2) fails first and (1) says whether the difference is only cosmetic;
 * 3. exactly the same plain text as `render/plain-text.ts` `toText()` of the reference HTML.
 */

import { render as renderComponents } from '@react-email/components';
import {
  createContext,
  createElement,
  Fragment,
  forwardRef,
  memo,
  type ReactElement,
  type ReactNode,
  Suspense,
  use,
  useContext,
  useMemo,
  useReducer,
  useState,
} from 'react';
import { Body, Head, Html, render, Section, Text } from 'react-email';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sameDom } from '../../bench/dom-equivalence';
import { LOCALES } from '../../components/i18n';
import type { ShipmentStatus } from '../../core/order-document';
import { getTemplate, renderEmail, TEMPLATE_IDS } from '../../emails';
import { type CompleteDocument, sampleDocuments } from '../../emails/_samples';
import { renderWithStaticRenderer } from '../../render/fast-render';
import { toText } from '../../render/plain-text';
import { plainTextOf } from '../../render/plain-text-tree';
import { clearPrimitiveCache, primitiveCacheStats } from '../../render/primitive-cache';
import { renderStatic } from '../../render/static-render';
import { manyItems, SECRET, variant } from '../support';
import { matrix, onePer } from '../support/matrix';

// ── The cases: every template × locale × document ──────────────────────────────────────────────────────────

const STATUSES: readonly ShipmentStatus[] = ['shipped', 'delayed', 'out_for_delivery', 'delivered'];

/** Documents beyond the three samples, for the branches the samples do not reach. */
const VARIANTS: Record<string, CompleteDocument> = {
  // Every optional part left out, campaign parameters off.
  bare: variant(sampleDocuments['en-usd'], (doc) => {
    const { shop, customer, order } = doc;
    for (const key of [
      'supportPhone',
      'contact',
      'social',
      'logoDarkUrl',
      'story',
      'vipThreshold',
      'unsubscribeEmail',
    ] as const)
      delete shop[key];
    shop.utm = false;
    delete customer.lastName;
    delete order.payment;
    for (const item of order.items) {
      delete item.variant;
      delete item.compareAtPrice;
      delete item.reviewUrl;
    }
    delete doc.shipment.estimatedDelivery;
    delete doc.shipment.itemIds;
    delete doc.instructions.videoUrl;
    delete doc.review.surveyUrl;
    delete doc.review.scale;
  }),
  // Twelve lines: the "+K more" link.
  many: manyItems(12, sampleDocuments['zh-cny']),
  // Markup characters and a lone surrogate in the data: escaping, and React's UTF-8 round trip (U+FFFD).
  awkward: variant(sampleDocuments['ko-krw'], (doc) => {
    doc.customer.firstName = `Jo "<b>&amp;'</b>"`;
    doc.shop.name = 'Hanok & Sons <Goods>';
    const first = doc.order.items[0];
    if (first) {
      first.name = `Tea 'n' <cakes> & "more"`;
      first.variant = 'half \uD800 size'; // not in names: mailto links URI-encode those, which throws on a lone surrogate
    }
  }),
};

type Case = {
  name: string;
  id: (typeof TEMPLATE_IDS)[number];
  locale: (typeof LOCALES)[number];
  doc: CompleteDocument;
};

const documents: [string, CompleteDocument][] = [
  ...Object.entries(sampleDocuments),
  ...Object.entries(VARIANTS),
];
const cases: Case[] = TEMPLATE_IDS.flatMap((id) =>
  LOCALES.flatMap((locale) =>
    documents.flatMap(([docName, doc]): Case[] =>
      id === 'shipping-update'
        ? STATUSES.map((status) => ({
            name: `${docName}, ${status}`,
            id,
            locale,
            doc: variant(doc, (d) => {
              d.shipment.status = status;
            }),
          }))
        : [{ name: docName, id, locale, doc }],
    ),
  ),
);

/** npm test: one case per template, rotating through locales, documents and statuses (test:full: all). */
const representative = onePer<Case>((c) => c.id);

function elementFor({ id, locale, doc }: Case): ReactElement {
  return createElement(getTemplate(id).component, { ...doc, locale, unsubscribeSecret: SECRET });
}

describe('the static renderer, against react-email render() and toText()', () => {
  it('covers every template in the registry', () => {
    expect(new Set(cases.map((c) => c.id))).toEqual(new Set(TEMPLATE_IDS));
  });

  it.each(matrix(cases, representative).map((c) => [`${c.id} · ${c.locale} · ${c.name}`, c] as const))(
    '%s',
    async (_name, testCase) => {
      const element = elementFor(testCase);
      const reference = await render(element);
      // Strict: the static renderer itself, no fallback to the reference renderer; rendered twice,
      // so the second render replays whatever primitives the first one recorded into the cache.
      renderStatic(element);
      const fast = renderStatic(element);
      expect(sameDom(reference, fast.html)).toBeNull();
      expect(fast.html).toBe(reference);
      expect('unsupported' in fast.body ? fast.body.unsupported : null).toBeNull();
      if (!('unsupported' in fast.body)) expect(plainTextOf(fast.body)).toBe(toText(reference));
      if (testCase.name === 'awkward' && testCase.id === 'order-confirmation')
        expect(fast.html).toContain('half \uFFFD size');
    },
  );

  it('makes renderEmail() return what renderer: "reference" returns', async () => {
    const chosen = cases.filter(
      (c) => c.name === 'en-usd' || c.name === 'awkward' || c.name === 'bare, delivered',
    );
    for (const testCase of matrix(
      chosen,
      onePer((c) => c.name),
    )) {
      const options = { locale: testCase.locale, unsubscribeSecret: SECRET } as const;
      const fast = await renderEmail(testCase.id, testCase.doc, options);
      const reference = await renderEmail(testCase.id, testCase.doc, { ...options, renderer: 'reference' });
      expect(fast).toEqual(reference);
    }
  });

  it('rejects an unknown renderer before rendering anything', async () => {
    await expect(
      renderEmail('order-confirmation', sampleDocuments['en-usd'], { renderer: 'preact' as 'fast' }),
    ).rejects.toThrow(/renderer: expected one of fast, reference/);
  });
});

// ── Markup our templates do not use yet: React's rules, one at a time ─────────────────────────────────────

function email(children: ReactNode, head: ReactNode = null): ReactElement {
  return createElement(
    Html,
    { lang: 'en' },
    createElement(Head, null, head),
    createElement(Body, null, children),
  );
}

const h = createElement;

const SYNTHETIC: [string, ReactElement][] = [
  [
    'style: unitless numbers, px, vendor and custom properties, empty values',
    email(
      h('div', {
        style: {
          lineHeight: 1.5,
          width: 10,
          margin: 0,
          opacity: 0.5,
          zIndex: 3,
          msoPaddingAlt: '0px',
          WebkitTextSizeAdjust: '100%',
          msFlex: 1,
          '--accent': ' #fff ',
          color: '',
          border: null,
          fontWeight: 700,
          fontFamily: '\'Noto Sans\', "A&B"',
        },
      }),
    ),
  ],
  [
    'attributes: aliases, booleans, data/aria booleans, handlers, refs, URLs, escaping',
    email(
      h(
        Fragment,
        null,
        h(
          'table',
          {
            cellPadding: 0,
            cellSpacing: '0',
            border: 0,
            role: 'presentation',
            className: 'a "b"',
            tabIndex: 2,
          },
          h(
            'tbody',
            null,
            h(
              'tr',
              null,
              h(
                'td',
                {
                  colSpan: 2,
                  rowSpan: 1,
                  align: 'center',
                  'data-x': true,
                  'aria-hidden': false,
                  hidden: true,
                  onClick: () => {},
                },
                'x',
              ),
            ),
          ),
        ),
        h('label', { htmlFor: 'a', title: `<'&">`, 'data-empty': '' }),
        h('a', { href: '' }, 'empty'),
        h('a', { href: 'javascript:alert(1)' }, 'js'),
        h('img', { src: '', alt: 'no src', width: 1 }),
        h('div', {
          suppressHydrationWarning: true,
          defaultValue: 'x',
          contentEditable: true,
          spellCheck: false,
          draggable: 'true',
        }),
      ),
    ),
  ],
  [
    'text: separators, numbers, bigint, empty strings, nested arrays, fragments, booleans',
    email(
      h(
        'p',
        null,
        'a',
        1,
        2n,
        '',
        'b',
        [null, false, ['c', h('span', null, 'd'), 'e']],
        h(Fragment, null, 'f', 'g'),
        true,
      ),
    ),
  ],
  [
    'hoisting: <title> and <meta> from the body into <head>, charset first',
    email(
      h(
        'div',
        null,
        'before',
        h('title', null, 'A title & more'),
        'after',
        h('meta', { name: 'x', content: 'y' }),
        'end',
      ),
      [
        h('meta', { key: 'v', name: 'viewport', content: 'width=device-width' }),
        h('meta', { key: 'c', charSet: 'utf-8' }),
        h('style', { key: 's' }, 'a{b:c}</style>'),
      ],
    ),
  ],
  [
    'raw HTML, void elements, forwardRef, memo',
    email(
      h(
        'div',
        null,
        h('span', { dangerouslySetInnerHTML: { __html: '<!--[if mso]><i>&#8202;</i><![endif]-->' } }),
        h('br'),
        h('hr', { style: { border: 'none' } }),
        h(
          memo(
            forwardRef<HTMLParagraphElement, { label: string }>((props, ref) => h('p', { ref }, props.label)),
          ),
          { label: 'wrapped' },
        ),
      ),
    ),
  ],
  [
    'plain text: lists, headings, blockquote, a data table with a header cell',
    email([
      h('h3', { key: 1 }, 'upper case'),
      h(
        'ul',
        { key: 2 },
        h('li', null, 'one'),
        h('li', null, 'two ', h('ol', { start: 3 }, h('li', null, 'three'), h('li', null, 'four'))),
      ),
      h('ol', { key: 3, type: 'i' }, h('li', null, 'i'), h('li', null, 'ii')),
      h('blockquote', { key: 4 }, h('p', null, 'quoted'), 'line'),
      h(
        'table',
        { key: 5, 'data-text-format': 'dataTable' },
        h(
          'tbody',
          null,
          h('tr', null, h('th', null, 'head'), h('td', { colSpan: 2 }, 'wide')),
          h('tr', null, h('td', null, 'a'), h('td', null, 'b'), h('td', null, 'c')),
        ),
      ),
      h(
        'p',
        { key: 6 },
        h('a', { href: 'mailto:x@example.com' }, 'x@example.com'),
        ' ',
        h('a', { href: '#top' }, 'top'),
        h('wbr'),
        h('s', null, 'old'),
        ' new',
      ),
    ]),
  ],
];

describe('the static renderer, on markup beyond our templates', () => {
  // React's development build warns about some of these on purpose-made trees (an empty src, a hook
  // called outside its renderer); the warnings are expected here and would only clutter the run.
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(SYNTHETIC)('%s', async (_name, element) => {
    const reference = await render(element);
    const fast = renderStatic(element);
    expect(sameDom(reference, fast.html)).toBeNull();
    expect(fast.html).toBe(reference);
    if (!('unsupported' in fast.body)) expect(plainTextOf(fast.body)).toBe(toText(reference));
  });

  it('hands what it does not reproduce to react-email, with the reason', async () => {
    const Counter = () => {
      const [count] = useState(1);
      return h('p', null, count);
    };
    for (const element of [
      email(h(Counter)),
      email(h('svg', { viewBox: '0 0 1 1' })),
      email(h('input', { defaultValue: 'x' })),
      email(h(Suspense, null, 'late')),
    ]) {
      const fast = await renderWithStaticRenderer(element);
      expect(fast.fallback).toBeTruthy();
      expect(fast.html).toBe(await render(element));
      expect(fast.text).toBe(toText(fast.html));
    }
  });

  it('converts the HTML to text when the body holds something htmlparser2 parses its own way', async () => {
    const element = email([
      h('style', { key: 1 }, 'p{color:red}'),
      h('p', { key: 2 }, h('div', null, 'a block in a paragraph')),
    ]);
    const fast = await renderWithStaticRenderer(element);
    expect(fast.fallback).toMatch(/plain text from the HTML/);
    expect(fast.html).toBe(await render(element));
    expect(fast.text).toBe(toText(fast.html));
  });

  it('supports React context: providers, consumers, useContext and use(), with defaults and nesting', async () => {
    const Tone = createContext('body');
    const Brand = createContext({ accent: '#1d4ed8' });
    const Swatch = () => {
      const brand = useContext(Brand);
      const tone = use(Tone);
      const style = useMemo(() => ({ color: brand.accent }), [brand]);
      return h('span', { className: `pp-${tone}`, style }, brand.accent);
    };
    const element = email([
      h(Swatch, { key: 1 }),
      h(
        Brand,
        { key: 2, value: { accent: '#2f6b3a' } },
        h(Swatch),
        h(
          Tone.Provider,
          { value: 'muted' },
          h(Swatch),
          h(Brand, { value: { accent: '#000000' } }, h(Swatch)),
        ),
        h(Tone.Consumer, { children: (tone: string) => h('p', null, `tone ${tone}`) }),
        h(Swatch),
      ),
      h(Swatch, { key: 3 }),
    ]);
    const reference = await render(element);
    const fast = renderStatic(element);
    expect(fast.html).toBe(reference);
    expect(fast.html).toContain('<span class="pp-muted" style="color:#000000">#000000</span>');
    expect(fast.html).toContain('<p>tone body</p>');
    if (!('unsupported' in fast.body)) expect(plainTextOf(fast.body)).toBe(toText(reference));
    const onFallback = vi.fn();
    expect((await renderWithStaticRenderer(element, onFallback)).html).toBe(reference);
    expect(onFallback).not.toHaveBeenCalled();
  });

  it('refuses a hook it cannot honour with a sentence saying which and why', () => {
    const Counter = () => {
      const [count] = useState(1);
      return h('p', null, count);
    };
    expect(() => renderStatic(email(h(Counter)))).toThrow(
      /does not support the hook useState\(\): an email renders once and never updates/,
    );
    expect(() => renderStatic(email(h(Counter)))).not.toThrow(/Cannot read properties/);
  });

  it('makes a fallback visible: onFallback hears the reason, or the console does, once per reason', async () => {
    const Counter = () => {
      const [count] = useState(2);
      return h('p', null, count);
    };
    const reasons: string[] = [];
    await renderWithStaticRenderer(email(h(Counter)), (reason) => reasons.push(reason));
    expect(reasons).toEqual([expect.stringMatching(/the hook useState\(\)/)]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const Reducer = () => {
      useReducer((x: number) => x, 0);
      return null;
    };
    await renderWithStaticRenderer(email(h(Reducer)));
    await renderWithStaticRenderer(email(h(Reducer)));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/slower path \(.*the hook useReducer\(\).*onFallback/);
  });

  it('lets errors thrown by a template reach the caller as render() throws them', async () => {
    const Broken = () => {
      throw new RangeError('no such order');
    };
    await expect(renderWithStaticRenderer(email(h(Broken)))).rejects.toThrow(RangeError);
  });
});

// ── The primitive cache: what does not change from one order to the next ─────────────────────────────────

describe('the primitive cache', () => {
  it('replays recorded primitives into the same email, and does hit', async () => {
    clearPrimitiveCache();
    const element = elementFor({
      name: 'en-usd',
      id: 'order-confirmation',
      locale: 'en',
      doc: sampleDocuments['en-usd'],
    });
    const recorded = renderStatic(element);
    const replayed = renderStatic(element);
    expect(replayed.html).toBe(recorded.html);
    expect(replayed.html).toBe(await render(element));
    if ('unsupported' in recorded.body || 'unsupported' in replayed.body) throw new Error('no text tree');
    expect(plainTextOf(replayed.body)).toBe(plainTextOf(recorded.body));
    const text = primitiveCacheStats().find((s) => s.name === 'Text');
    expect(text?.hits).toBeGreaterThan(0);
  });

  it('keys on content: an equal style object built afresh hits, a mutated one misses', async () => {
    clearPrimitiveCache();
    const style = { color: '#111111', margin: '0 0 8px', fontSize: 14 };
    const tree = () =>
      email(
        h(
          Section,
          { style: { padding: '0 24px' } },
          h(Text, { style }, 'one'),
          h(Text, { style: { ...style } }, 'two'),
        ),
      );
    const first = renderStatic(tree()).html;
    expect(primitiveCacheStats().find((s) => s.name === 'Text')).toMatchObject({ entries: 1, hits: 1 });
    style.color = '#222222';
    const second = renderStatic(tree()).html;
    expect(second).not.toBe(first);
    expect(second).toBe(await render(tree()));
  });
});

// ── @react-email/components, kept for users on that import path ────────────────────────────────────────────

describe('@react-email/components render()', () => {
  it.each(
    matrix(
      TEMPLATE_IDS.flatMap((id) => LOCALES.map((locale) => [id, locale] as const)),
      onePer(([id]) => id),
    ),
  )(
    'gives %s (%s) the same email as react-email render(), less its image preload hints',
    async (id, locale) => {
      const element = elementFor({ name: locale, id, locale, doc: sampleDocuments['en-usd'] });
      const viaReactEmail = await render(element);
      const viaComponents = await renderComponents(element);
      expect(sameDom(viaReactEmail, viaComponents, { imagePreloads: true })).toBeNull();
      // The one difference, byte for byte: React's image preload links, which react-email 6 strips.
      const preloads = viaComponents.match(/<link rel="preload" as="image" href="[^"]*"\/>/g) ?? [];
      expect(preloads.length).toBeGreaterThan(0);
      expect(viaComponents.replace(/<link rel="preload" as="image" href="[^"]*"\/>/g, '')).toBe(
        viaReactEmail,
      );
    },
  );
});
