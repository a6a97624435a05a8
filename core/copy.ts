import { z } from 'zod';
import { LOCALES, type Locale } from './locales';

/**
 * `shop.copy`: a shop's own words for any message, per locale, by key path
 * (`{ "en": { "thankYou.title.first-order": "Welcome to the family, {firstName}!" } }`).
 *
 * Every message a template shows has a key path here with the names of the placeholders it
 * receives, in the order the message function takes its arguments; a message that is plain text
 * receives none. `components/i18n/copy.ts` holds this table to the `Messages` interface at compile
 * time (every key, and as many names as the function has parameters), so it cannot drift.
 */

const STATUSES = ['shipped', 'delayed', 'out_for_delivery', 'delivered'] as const;
/** The customer voices as key segments: `first` is the contract's spelling of the `first-order` voice. */
const VOICES = ['first', 'returning', 'vip'] as const;

/** The subject-line variants every template has (core/template.ts `SUBJECT_VARIANTS`). */
const VARIANTS = ['a', 'b'] as const;
const WIN_BACK_VOICES = ['coupon', 'news'] as const;

type Names = readonly string[];
const none = [] as const;

function each<const K extends string, const N extends Names>(keys: readonly K[], names: N): Record<K, N> {
  return Object.fromEntries(keys.map((key) => [key, names])) as Record<K, N>;
}

export const COPY_SPEC = {
  common: {
    greeting: ['firstName'],
    orderNumber: ['orderNumber'],
    viewOrder: none,
    items: none,
    quantity: ['count'],
    subtotal: none,
    discount: none,
    discountWithCodes: ['codes'],
    shipping: none,
    freeShipping: none,
    tax: none,
    total: none,
    free: none,
    ratingText: ['average', 'count'],
    copyHint: none,
    shipTo: none,
    payment: ['brand', 'last4'],
    moreItems: ['count'],
    logoAlt: ['shop'],
    questions: none,
    emailLabel: none,
    phoneLabel: none,
    contactPerson: ['name', 'role'],
    unsubscribe: none,
    preferences: none,
    sender: ['shop', 'address'],
    refusal: none,
    whyReceived: ['shop'],
    transactionalNote: ['shop'],
    followUs: none,
  },
  progress: { ordered: none, shipped: none, outForDelivery: none, delivered: none },
  confirmation: {
    subject: each(VARIANTS, ['orderNumber', 'firstName']),
    preview: ['firstName', 'total'],
    title: none,
    intro: ['firstName'],
    placedOn: ['date'],
    nextSteps: none,
    welcome: {
      subject: each(VARIANTS, ['firstName', 'shop']),
      preview: ['firstName'],
      title: none,
      intro: ['firstName'],
      nextSteps: none,
    },
    mixedIntro: ['firstName'],
    readyNow: none,
    open: ['item'],
    licenseKey: none,
    accessUntil: ['date'],
  },
  shipping: {
    subject: { a: each(STATUSES, ['orderNumber']), b: each(STATUSES, ['orderNumber']) },
    preview: each(STATUSES, ['carrier']),
    title: each(STATUSES, none),
    body: each(STATUSES, ['firstName']),
    partial: ['shipped', 'total'],
    remaining: ['count'],
    inThisShipment: none,
    carrier: none,
    trackingNumber: none,
    estimatedDelivery: none,
    track: none,
  },
  thankYou: {
    subject: { a: each(VOICES, ['firstName', 'shop']), b: each(VOICES, ['firstName', 'shop']) },
    preview: each(VOICES, ['shop']),
    title: each(VOICES, ['firstName']),
    body: each(VOICES, ['shop']),
    perksTitle: each(VOICES, none),
    perks: each(VOICES, none),
    perksCta: each(VOICES, none),
    storyTitle: none,
    writeTo: ['name'],
    signOff: none,
    team: ['shop'],
  },
  instructions: {
    subject: each(VARIANTS, ['product']),
    preview: ['product'],
    intro: ['firstName', 'product'],
    videoIntro: none,
    video: none,
    videoAlt: ['title'],
    guideIntro: none,
    guide: none,
    help: none,
  },
  review: {
    subject: each(VARIANTS, ['firstName', 'shop']),
    preview: ['shop'],
    title: ['firstName'],
    thanks: ['shop'],
    ask: none,
    starsQuestion: none,
    starLabel: ['rating'],
    npsQuestion: ['shop'],
    npsLabel: ['score'],
    npsLow: none,
    npsHigh: none,
    itemsTitle: none,
    reviewItem: none,
    surveyIntro: none,
    survey: none,
  },
  crossSell: {
    subject: each(VARIANTS, ['firstName', 'shop']),
    preview: ['shop'],
    title: none,
    intro: ['firstName'],
    view: none,
  },
  referral: {
    subject: each(VARIANTS, ['firstName', 'give']),
    preview: ['give', 'get'],
    title: none,
    body: ['firstName', 'shop', 'give', 'get'],
    giveLabel: none,
    getLabel: none,
    codeLabel: none,
    copyHint: none,
    share: none,
    shareByEmail: none,
    mailSubject: ['firstName', 'shop', 'give'],
    mailBody: ['shop', 'give', 'code', 'url'],
  },
  winBack: {
    subject: {
      a: each(WIN_BACK_VOICES, ['firstName', 'shop']),
      b: each(WIN_BACK_VOICES, ['firstName', 'shop']),
    },
    preview: { coupon: ['shop', 'offer'], news: ['shop'] },
    title: each(WIN_BACK_VOICES, ['firstName']),
    body: { coupon: ['shop', 'offer'], news: ['shop'] },
    codeLabel: none,
    validUntil: ['date'],
    shop: none,
    newsOutro: none,
  },
  preferencesLink: {
    subject: each(VARIANTS, ['shop']),
    preview: ['shop'],
    title: none,
    body: ['firstName', 'shop'],
    button: none,
    notRequested: none,
  },
  replenishment: {
    subject: each(VARIANTS, ['firstName', 'product']),
    preview: ['product'],
    title: none,
    intro: ['firstName'],
    lasts: ['days'],
    runsOut: ['date'],
    buyAgain: none,
    outro: none,
  },
} as const;

/** The path in the message catalogue a key path names (`thankYou.title.first` → `thankYou.title.first-order`). */
export type MessagePath<K extends string> = K extends `${infer Head}.first` ? `${Head}.first-order` : K;

export function messagePath(key: string): string {
  return key.endsWith('.first') ? `${key}-order` : key;
}

/** `'a.b.c'` for every leaf (a list of placeholder names) of a nested spec. */
export type SpecKeys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends Names ? `${Prefix}${K}` : SpecKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** The key path of every message a shop may override, e.g. `'thankYou.title.first-order'`. */
export type CopyKey = SpecKeys<typeof COPY_SPEC>;

/** The value at a dotted path of a nested object type. */
export type AtPath<T, P extends string> = P extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? AtPath<T[Head], Rest>
    : never
  : P extends keyof T
    ? T[P]
    : never;

/** `shop.copy`, typed: a typo in a key path fails the type check. */
export type CopyOverrides = { readonly [L in Locale]?: { readonly [K in CopyKey]?: string } };

function flatten(spec: object, prefix: string, into: Map<string, Names>): Map<string, Names> {
  for (const [key, value] of Object.entries(spec)) {
    if (Array.isArray(value)) into.set(`${prefix}${key}`, value as Names);
    else flatten(value as object, `${prefix}${key}.`, into);
  }
  return into;
}

/** Every key path with the names of its placeholders, in argument order. */
export const COPY_PLACEHOLDERS: ReadonlyMap<string, Names> = flatten(COPY_SPEC, '', new Map());

export function isCopyKey(key: string): key is CopyKey {
  return COPY_PLACEHOLDERS.has(key);
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The placeholders a text uses, in order of appearance, without repeats. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] as string))];
}

/** Fills `{name}` placeholders from the message's arguments (an absent optional argument: empty). */
export function fillPlaceholders(text: string, names: Names, args: readonly unknown[]): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const index = names.indexOf(name);
    if (index < 0) return whole;
    const value = args[index];
    return value === undefined || value === null ? '' : String(value);
  });
}

const list = (names: readonly string[], or = 'or') =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} ${or} ${names.at(-1)}`;

/** Edit distance, for "did you mean" on a mistyped key path. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] as number;
}

function suggestion(key: string): string {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of COPY_PLACEHOLDERS.keys()) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(key.length / 6))
    ? `; did you mean ${best}?`
    : '';
}

type Issue = { path: (string | number)[]; message: string };

/** Every problem with a `shop.copy` value, as paths relative to it. */
export function copyProblems(copy: Record<string, Record<string, string>>): Issue[] {
  const issues: Issue[] = [];
  for (const [locale, messages] of Object.entries(copy)) {
    if (!(LOCALES as readonly string[]).includes(locale)) {
      issues.push({ path: [locale], message: `unknown locale; expected ${list([...LOCALES])}` });
      continue;
    }
    if (typeof messages !== 'object' || messages === null) continue;
    for (const [key, text] of Object.entries(messages)) {
      if (typeof text !== 'string') continue;
      const names = COPY_PLACEHOLDERS.get(key);
      if (names === undefined) {
        issues.push({ path: [locale, key], message: `unknown message key${suggestion(key)}` });
        continue;
      }
      if (text.trim() === '') {
        issues.push({ path: [locale, key], message: 'must not be empty' });
        continue;
      }
      for (const name of placeholdersIn(text)) {
        if (names.includes(name)) continue;
        const expected =
          names.length === 0
            ? 'this message takes none'
            : `expected ${list(
                names.map((n) => `{${n}}`),
                'or',
              )}`;
        issues.push({ path: [locale, key], message: `unknown placeholder {${name}}; ${expected}` });
      }
    }
  }
  return issues;
}

const texts = z.record(z.string(), z.string({ error: 'expected a string' }), {
  error: 'expected an object of message key paths and texts',
});

/** `shop.copy`: validated key by key and placeholder by placeholder, then typed by key path. */
export const copySchema = z
  .record(z.string(), texts, { error: 'expected an object of locales' })
  .superRefine((copy, ctx) => {
    for (const issue of copyProblems(copy)) ctx.addIssue({ code: 'custom', ...issue });
  })
  .pipe(z.custom<CopyOverrides>(() => true));
