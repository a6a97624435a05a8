/**
 * Client compatibility from the caniemail data (https://www.caniemail.com): an email fails when it
 * uses an HTML or CSS feature that one of the clients we design for marks unsupported ("n").
 * Partial support ("a") is not a failure: the notes are per-case and the design degrades.
 */
import { caniemail, rawData } from 'caniemail';
import {
  elements,
  elementsAt,
  type HtmlElement,
  inlineStyle,
  lineColumn,
  locate,
  offsetOf,
  parseHtml,
} from './dom';
import { type Checker, type EmailUnderCheck, type Finding, findingFor } from './types';

/**
 * The clients we design for (CONTRACT.md, STYLE.md): Gmail, Outlook on Windows and Outlook.com,
 * Apple Mail, Yahoo. caniemail@1.0.5's client list lacks Outlook.com (`outlook.outlook-com`) although
 * its data has it, so support is read from the data for every client here, and caniemail is asked
 * about all of its clients (`*`) so that it reports every feature any client does not fully support.
 * That covers Outlook.com too: `uncoveredFeatures()` lists what it would miss (nothing, for this data).
 */
export const TARGET_CLIENTS = [
  'gmail.desktop-webmail',
  'gmail.ios',
  'gmail.android',
  'gmail.mobile-webmail',
  'outlook.windows',
  'outlook.outlook-com',
  'apple-mail.macos',
  'apple-mail.ios',
  'yahoo.desktop-webmail',
  'yahoo.ios',
  'yahoo.android',
] as const;
export type TargetClient = (typeof TARGET_CLIENTS)[number];

const CLIENT_NAMES: Record<TargetClient, string> = {
  'gmail.desktop-webmail': 'Gmail (web)',
  'gmail.ios': 'Gmail (iOS)',
  'gmail.android': 'Gmail (Android)',
  'gmail.mobile-webmail': 'Gmail (mobile web)',
  'outlook.windows': 'Outlook (Windows)',
  'outlook.outlook-com': 'Outlook.com',
  'apple-mail.macos': 'Apple Mail (macOS)',
  'apple-mail.ios': 'Apple Mail (iOS)',
  'yahoo.desktop-webmail': 'Yahoo (web)',
  'yahoo.ios': 'Yahoo (iOS)',
  'yahoo.android': 'Yahoo (Android)',
};

type Stats = Record<string, Record<string, Record<string, string>>>;
type Feature = Readonly<{
  slug: string;
  title: string;
  url: string;
  stats: Stats;
  notes_by_num: Record<string, string> | null;
}>;
const FEATURES = new Map<string, Feature>(
  (rawData.data as unknown as Feature[]).map((feature) => [feature.title, feature]),
);

/** Support in a client's newest tested version, the way caniemail itself reads it: `y`, `a`, `n` or `u`. */
function support(feature: Feature, client: string): { type: string; notes: string[] } | undefined {
  const [family, platform] = client.split('.') as [string, string];
  const versions = feature.stats[family]?.[platform];
  if (!versions) return undefined;
  const keys = Object.keys(versions).sort();
  const value = versions[keys[keys.length - 1] ?? ''] ?? 'u';
  const notes = [...value.matchAll(/#(\d+)/g)]
    .map((m) => feature.notes_by_num?.[m[1] ?? ''] ?? '')
    .filter(Boolean);
  return { type: value.charAt(0), notes };
}

/** caniemail marks the feature unsupported ("n") in this client. */
export function isUnsupportedIn(title: string, client: TargetClient): boolean {
  const feature = FEATURES.get(title);
  return feature !== undefined && support(feature, client)?.type === 'n';
}

function unsupportedIn(title: string): TargetClient[] {
  const feature = FEATURES.get(title);
  if (!feature) return [];
  return TARGET_CLIENTS.filter((client) => support(feature, client)?.type === 'n');
}

/** Features a target client lacks that every client caniemail knows fully supports: caniemail would not report them. */
export function uncoveredFeatures(): string[] {
  const known = [
    'apple-mail',
    'gmail',
    'orange',
    'outlook',
    'yahoo',
    'aol',
    'samsung-email',
    'sfr',
    'thunderbird',
    'protonmail',
    'hey',
    'mail-ru',
    'fastmail',
    'laposte',
  ];
  const out: string[] = [];
  for (const feature of FEATURES.values()) {
    if (unsupportedIn(feature.title).length === 0) continue;
    const everywhere = known.every((family) =>
      Object.keys(feature.stats[family] ?? {})
        .filter((platform) => `${family}.${platform}` !== 'outlook.outlook-com')
        .every((platform) => support(feature, `${family}.${platform}`)?.type === 'y'),
    );
    if (everywhere) out.push(feature.title);
  }
  return out;
}

/** One use of a feature, found by caniemail and placed in the document. */
export type FeatureUse = Readonly<{
  title: string;
  /** `element`: a tag, an attribute or an inline style; `stylesheet`: a rule in a `<style>` element. */
  origin: 'element' | 'stylesheet';
  element?: HtmlElement;
  /** Offset in the HTML, when caniemail gives a position. */
  offset?: number;
}>;

type Allowance = Readonly<{ name: string; allows: (use: FeatureUse) => boolean }>;

/** caniemail feature titles (as in its data) the allowances below may excuse. */
export const PREHEADER_FEATURES = new Set([
  'display:none',
  'opacity',
  'overflow',
  'max-width',
  'line-height',
  'height property',
]);
export const STYLE_BLOCK_FEATURES = new Set([
  '@media',
  '@media (prefers-color-scheme)',
  'color-scheme CSS property',
  'Class selector',
  'Type selector',
  'Descendant combinator',
  'Attribute selector',
  'Grouping selectors',
  'Chaining selectors',
  '!important keyword',
]);

/**
 * What we knowingly use although the data says some target client lacks it. Short on purpose:
 * every entry is a deliberate hack or a false positive of the data, with the reason.
 */
export const ALLOWLIST: readonly Allowance[] = [
  {
    // react-email's <Preview> hides the inbox preview text with every property some client honours
    // (display:none, opacity:0, max-height:0, max-width:0, overflow:hidden, line-height:1px): a client that
    // ignores one of them honours another, so the text never shows in the body. Only on that element.
    name: 'preheader',
    allows: (use) =>
      use.origin === 'element' && isPreheader(use.element) && PREHEADER_FEATURES.has(use.title),
  },
  {
    // The dark-mode logo (components/email-layout.tsx) is hidden the preheader's way: display:none, max-height:0
    // with overflow:hidden (what Gmail's mobile web view honours) and mso-hide:all (Outlook on Windows). Each
    // client honours at least one, so only the light logo shows until a prefers-color-scheme rule swaps them.
    name: 'dark-logo',
    allows: (use) =>
      use.origin === 'element' &&
      use.element?.attribs.class === 'pp-logo-dark' &&
      ['display:none', 'overflow'].includes(use.title),
  },
  {
    // caniemail@1.0.5 matches CSS property titles by substring, so `line-height`, `min-height` and `max-height`
    // come back as `height` (which Yahoo rewrites to min-height); a bare `height` it never reports at all.
    name: 'line-height-as-height',
    allows: (use) =>
      use.title === 'height property' && !(use.element && inlineStyle(use.element).has('height')),
  },
  {
    // The head <style> holds only enhancements (components/email-layout.tsx): dark-mode colours under
    // prefers-color-scheme, Outlook.com's [data-ogsc] dark hooks and narrow-screen stacking. A client without
    // <style>, @media or these selectors (Gmail's mobile web view, Outlook on Windows) drops the block and
    // shows the inline light design, which is complete on its own. Properties in top-level rules are still
    // checked (caniemail@1.0.5 does not look at declarations inside @media blocks at all).
    name: 'style-block-enhancements',
    allows: (use) =>
      (use.origin === 'stylesheet' && STYLE_BLOCK_FEATURES.has(use.title)) ||
      (use.title === '<style> element' && isInHead(use.element)),
  },
  {
    // Rating stars (components/star-rating.tsx) are glyphs with their words beside them, visible to everyone.
    // aria-hidden only spares screen-reader users hearing "black star" five times before the words; where
    // Yahoo drops the attribute they hear the glyphs and then the same words. Only on the stars.
    name: 'rating-stars-aria-hidden',
    allows: (use) =>
      use.title === 'aria-hidden attribute' &&
      (use.element?.attribs.class ?? '').split(' ').includes('pp-star'),
  },
  {
    // "n" for target here means "target=_blank is forced on all links" (caniemail note): we ask for _blank
    // (react-email's <Link> default), which is what these clients do anyway.
    name: 'target-blank',
    allows: (use) => use.title === 'target attribute' && use.element?.attribs.target === '_blank',
  },
  {
    // Document text wraps (components/styles.ts `wraps`): `word-break:break-word` inline, which Gmail, Outlook
    // and Apple Mail keep; where Yahoo drops it a long word overflows as it would without it. Only that value.
    name: 'word-break',
    allows: (use) =>
      use.title === 'word-break' &&
      use.origin === 'element' &&
      inlineStyle(use.element as HtmlElement).get('word-break') === 'break-word',
  },
  {
    // The same wrapping's standard spelling, in the head <style> only: a client without it keeps word-break.
    // (caniemail@1.0.5 also reports it as `overflow` by substring.)
    name: 'overflow-wrap-in-style',
    allows: (use) =>
      use.origin === 'stylesheet' &&
      (use.title === 'overflow-wrap' ||
        (use.title === 'overflow' && sheetTextAt(use).startsWith('overflow-wrap'))),
  },
  {
    // Every document has a <body>; the Yahoo apps drop the element and keep its content. react-email 6's
    // <Body> repeats its styles on an inner <td> for exactly these clients, so nothing is lost.
    name: 'body-element',
    allows: (use) => use.title === '<body> element',
  },
];

function isPreheader(el: HtmlElement | undefined): boolean {
  for (
    let node: unknown = el;
    node && typeof node === 'object' && 'attribs' in node;
    node = (node as HtmlElement).parent
  ) {
    const style = inlineStyle(node as HtmlElement);
    if (style.get('display') === 'none' && style.get('opacity') === '0' && style.get('max-height') === '0')
      return true;
  }
  return false;
}

/** The stylesheet's text from a use's offset on. */
function sheetTextAt(use: FeatureUse): string {
  const text = use.element?.children[0];
  if (!text || use.offset === undefined || text.startIndex === null || !('data' in text)) return '';
  return String(text.data).slice(use.offset - text.startIndex);
}

function isInHead(el: HtmlElement | undefined): boolean {
  for (
    let node: unknown = el?.parent;
    node && typeof node === 'object' && 'attribs' in node;
    node = (node as HtmlElement).parent
  )
    if ((node as HtmlElement).name === 'head') return true;
  return false;
}

/** Every client the data knows, as caniemail names them (`family.platform`). */
const DATA_CLIENTS: readonly string[] = [
  ...new Set(
    [...FEATURES.values()].flatMap((feature) =>
      Object.entries(feature.stats).flatMap(([family, platforms]) =>
        Object.keys(platforms).map((platform) => `${family}.${platform}`),
      ),
    ),
  ),
];

/**
 * caniemail's `clients: ['*']` throws on a feature its data lacks for one client (caniemail@1.0.5 and
 * `overflow-wrap` on Thunderbird for macOS): ask again without that client, which is none we design for.
 */
function caniemailAll(input: { html: string } | { css: string }): ReturnType<typeof caniemail> {
  let clients: readonly string[] | undefined;
  for (;;) {
    try {
      return caniemail({ clients: (clients ?? ['*']) as ['*'], ...input });
    } catch (error) {
      const missing = /not found on "([^"]+)"/.exec(String((error as Error).message))?.[1];
      const next = (clients ?? DATA_CLIENTS).filter((c) => c !== missing);
      if (!missing || next.length === (clients ?? DATA_CLIENTS).length) throw error;
      clients = next;
    }
  }
}

type Issue = Readonly<{ title: string; position?: { start: { line: number; column: number } } }>;
type IssueMap = ReadonlyMap<string, readonly Issue[]>;

function* issuesOf(result: ReturnType<typeof caniemail>): Generator<Issue> {
  for (const map of [result.issues.errors, result.issues.warnings] as IssueMap[])
    for (const list of map.values()) yield* list;
}

/**
 * The last document's feature uses: the compatibility check and the Outlook check read the same email's one after
 * the other, and caniemail's scan is the dearest part of the static checks.
 */
let lastUses: Readonly<{ html: string; uses: readonly FeatureUse[] }> | undefined;

/** Every feature use caniemail reports for any client, placed in the document, once each. */
export function featureUses(html: string): readonly FeatureUse[] {
  if (lastUses?.html !== html) lastUses = { html, uses: scanFeatureUses(html) };
  return lastUses.uses;
}

function scanFeatureUses(html: string): FeatureUse[] {
  const doc = parseHtml(html);
  const elementAt = elementsAt(doc);
  const styles = elements(doc).filter((el) => el.name === 'style');
  // Blank the stylesheets (same length, so offsets hold) for the element pass, then check each sheet on its own:
  // caniemail gives stylesheet positions relative to the sheet, which we map back into the HTML.
  let blanked = html;
  const sheets: { css: string; start: number }[] = [];
  for (const style of styles) {
    const text = style.children[0];
    if (!text || text.startIndex === null || text.endIndex === null) continue;
    const css = html.slice(text.startIndex, text.endIndex + 1);
    sheets.push({ css, start: text.startIndex });
    blanked =
      blanked.slice(0, text.startIndex) + css.replace(/[^\n]/g, ' ') + blanked.slice(text.endIndex + 1);
  }
  const uses = new Map<string, FeatureUse>();
  for (const issue of issuesOf(caniemailAll({ html: blanked }))) {
    const offset = issue.position
      ? offsetOf(html, issue.position.start.line, issue.position.start.column)
      : undefined;
    const element = offset === undefined ? undefined : elementAt(offset);
    uses.set(`${issue.title}@${offset ?? '-'}`, { title: issue.title, origin: 'element', element, offset });
  }
  for (const sheet of sheets) {
    if (!sheet.css.trim()) continue;
    for (const issue of issuesOf(caniemailAll({ css: sheet.css }))) {
      const offset = issue.position
        ? sheet.start + offsetOf(sheet.css, issue.position.start.line, issue.position.start.column)
        : undefined;
      const element = styles.find((s) => s.children[0]?.startIndex === sheet.start);
      uses.set(`${issue.title}@${offset ?? `sheet${sheet.start}`}`, {
        title: issue.title,
        origin: 'stylesheet',
        element,
        offset,
      });
    }
  }
  return [...uses.values()];
}

function whereOf(html: string, use: FeatureUse): { where: string; line?: number; column?: number } {
  if (use.origin === 'stylesheet') {
    if (use.offset === undefined) return { where: '<style> in <head>' };
    const snippet = html.slice(use.offset, use.offset + 48).replace(/\s+/g, ' ');
    return { where: `<style> rule "${snippet}…"`, ...lineColumn(html, use.offset) };
  }
  if (use.element) return locate(html, use.element);
  return use.offset === undefined
    ? { where: 'document' }
    : { where: 'document', ...lineColumn(html, use.offset) };
}

/** The first sentence of a caniemail note, without Markdown links. */
function firstSentence(note: string | undefined): string | undefined {
  if (!note) return undefined;
  const plain = note.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  return (plain.match(/^.*?\.(?:\s|$)/)?.[0] ?? plain).trim().replace(/\.$/, '');
}

/** Fails on every feature a target client does not support, unless the allowlist says why it is fine. */
export const checkCompat: Checker = (email: EmailUnderCheck): Finding[] => {
  const findings: Finding[] = [];
  for (const use of featureUses(email.html)) {
    const clients = unsupportedIn(use.title);
    if (clients.length === 0) continue;
    if (ALLOWLIST.some((allowance) => allowance.allows(use))) continue;
    const feature = FEATURES.get(use.title);
    const note = firstSentence(feature ? support(feature, clients[0] as string)?.notes[0] : undefined);
    findings.push(
      findingFor(email, 'compat', {
        rule: use.title,
        message:
          `\`${use.title}\` is not supported in ${clients.map((c) => CLIENT_NAMES[c]).join(', ')}` +
          `${note ? ` (${note})` : ''} — ${feature?.url ?? 'caniemail'}`,
        ...whereOf(email.html, use),
      }),
    );
  }
  return findings;
};
