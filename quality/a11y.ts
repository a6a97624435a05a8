/**
 * Accessibility in headless Chromium: axe-core against WCAG 2.2 AA (contrast included) in light and in
 * dark mode, plus what axe does not check and email needs — no text below 12px, buttons at least
 * 44px tall, every image with width, height and alt.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { offlineContext } from './browser';
import { ELEMENT_NAMES } from './element-names';
import { type AsyncChecker, type EmailUnderCheck, type Finding, findingFor } from './types';

const require = createRequire(import.meta.url);
const AXE_SOURCE: string = (require('axe-core') as { source: string }).source;

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

/**
 * Page-level rules that assume a web page with navigation around its content. An email is one short
 * document read inside a mail client's own chrome: it has no landmarks to jump between, no repeated
 * navigation to bypass, and its title in the inbox is the subject line. (The best-practice ones do not run
 * under the WCAG tags anyway; they are named here so that adding `best-practice` later keeps them off.)
 */
export const RULES_OFF_FOR_EMAIL = {
  region: 'content outside landmarks: an email has no <main>/<nav>, the client provides the frame',
  'landmark-one-main': 'no <main> landmark: ditto',
  'landmark-unique': 'landmark names: ditto',
  'landmark-complementary-is-top-level': 'ditto',
  'page-has-heading-one': 'best-practice; our templates do start with an <h1>, but it is not a web page',
  bypass: 'WCAG 2.4.1 skip links: nothing repeats across pages of an email, there is no navigation to bypass',
} as const;

/** Rules that depend on colours: the ones run again in dark mode. */
const CONTRAST_RULES = ['color-contrast', 'link-in-text-block'] as const;

export const MIN_FONT_PX = 12;
export const MIN_BUTTON_PX = 44;

type AxeNode = {
  target: unknown[];
  html: string;
  failureSummary?: string;
  reasons: { key: string; message: string }[];
};
type AxeResult = { id: string; help: string; nodes: AxeNode[] };
type AxeRun = { violations: AxeResult[]; incomplete: AxeResult[] };
type Extra = { rule: string; selector: string; text: string; detail: string };

/**
 * Runs in the page (as a string: a bundler's helpers must not leak into the browser). Finds
 * visible text under 12px, button-like links under 44px, and images missing width, height or alt.
 */
const EXTRA_RULES_SCRIPT = `(() => {
  const MIN_FONT = ${MIN_FONT_PX}, MIN_BUTTON = ${MIN_BUTTON_PX};
${ELEMENT_NAMES}
  const visible = (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
    [...el.getClientRects()].some((r) => r.width > 0 && r.height > 0);
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!own || !visible(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < MIN_FONT) out.push({ rule: 'min-font-size', selector: selectorOf(el), text: textOf(el), detail: String(size) });
  }
  for (const el of document.querySelectorAll('a, button, [role=button], input[type=submit], input[type=button]')) {
    const s = getComputedStyle(el);
    const painted = s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== 'transparent';
    const boxed = s.display !== 'inline' && (painted || parseFloat(s.borderTopWidth) > 0);
    if (!(el.tagName !== 'A' || el.getAttribute('role') === 'button' || boxed) || !visible(el)) continue;
    const height = el.getBoundingClientRect().height;
    if (height < MIN_BUTTON - 0.01) out.push({ rule: 'min-button-height', selector: selectorOf(el), text: textOf(el), detail: height.toFixed(1) });
  }
  for (const img of document.querySelectorAll('img')) {
    const missing = ['width', 'height', 'alt'].filter((a) => !img.hasAttribute(a));
    const bad = ['width', 'height'].filter((a) => img.hasAttribute(a) && !/^\\d+$/.test(img.getAttribute(a) || ''));
    if (missing.length || bad.length)
      out.push({ rule: 'img-attributes', selector: selectorOf(img), text: img.getAttribute('alt') || '', detail: JSON.stringify({ missing, bad }) });
  }
  return out;
})()`;

function axeOptions(scheme: 'light' | 'dark') {
  const rules = Object.fromEntries(Object.keys(RULES_OFF_FOR_EMAIL).map((id) => [id, { enabled: false }]));
  return scheme === 'light'
    ? { runOnly: { type: 'tag', values: [...WCAG_TAGS] }, rules }
    : { runOnly: { type: 'rule', values: [...CONTRAST_RULES] } };
}

/** axe's results, trimmed in the page to what a finding needs (the full result is large). */
async function runAxe(page: Page, scheme: 'light' | 'dark'): Promise<AxeRun> {
  const options = JSON.stringify(axeOptions(scheme));
  const trim = `(list) => list.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary, reasons: [...n.any, ...n.all, ...n.none].map((c) => ({ key: (c.data && c.data.messageKey) || '', message: c.message })) })) }))`;
  return (await page.evaluate(
    `axe.run(document, ${options}).then((r) => ({ violations: (${trim})(r.violations), incomplete: (${trim})(r.incomplete.filter((v) => ${JSON.stringify(CONTRAST_RULES)}.includes(v.id))) }))`,
  )) as AxeRun;
}

const stripTags = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** axe's selector, with the element's text or, for an element without any (an image), its start tag. */
const whereOf = (node: AxeNode) => {
  const text = stripTags(node.html).slice(0, 40);
  const tag = node.html.match(/^<[^>]*>/)?.[0] ?? '';
  const hint = text ? ` ("${text}")` : tag ? ` ${tag.length > 100 ? `${tag.slice(0, 99)}…` : tag}` : '';
  return `${node.target.map(String).join(' ')}${hint}`;
};

/**
 * Violations fail. Of axe's "needs review" contrast results, a 1:1 ratio (text the colour of its
 * background: invisible) fails too; the rest (text over an image, say) are warnings for a person to look at.
 */
function axeFindings(email: EmailUnderCheck, run: AxeRun, scheme: 'light' | 'dark'): Finding[] {
  const mode = scheme === 'dark' ? ' (dark mode)' : '';
  const violations = run.violations.flatMap((v) =>
    v.nodes.map((node) => {
      const summary = (node.failureSummary ?? '')
        .replace(/^Fix (?:any|all) of the following:\s*/i, '')
        .replace(/\s+/g, ' ');
      return findingFor(email, 'a11y', {
        rule: v.id,
        message: `${v.help}${mode}: ${summary}`,
        where: whereOf(node),
      });
    }),
  );
  const review = run.incomplete.flatMap((v) =>
    v.nodes.map((node) => {
      const invisible = node.reasons.some((r) => r.key === 'equalRatio');
      const reason = node.reasons.map((r) => r.message).join('; ');
      return findingFor(email, 'a11y', {
        severity: invisible ? 'error' : 'warning',
        rule: v.id,
        message: invisible
          ? `${v.help}${mode}: text is the colour of its background (1:1), invisible`
          : `${v.help}${mode}: axe could not decide, check by eye — ${reason}`,
        where: whereOf(node),
      });
    }),
  );
  return [...violations, ...review];
}

function extraFindings(email: EmailUnderCheck, extras: Extra[]): Finding[] {
  return extras.map((extra) => {
    const where = `${extra.selector}${extra.text ? ` ("${extra.text}")` : ''}`;
    if (extra.rule === 'min-font-size')
      return findingFor(email, 'a11y', {
        rule: extra.rule,
        message: `text is ${extra.detail}px: nothing below ${MIN_FONT_PX}px is legible on a phone`,
        where,
      });
    if (extra.rule === 'min-button-height')
      return findingFor(email, 'a11y', {
        rule: extra.rule,
        message: `button is ${extra.detail}px tall: tap targets need at least ${MIN_BUTTON_PX}px (WCAG 2.5.5, Apple HIG)`,
        where,
      });
    const { missing, bad } = JSON.parse(extra.detail) as { missing: string[]; bad: string[] };
    const problems = [
      ...(missing.length ? [`without ${missing.join(', ')}`] : []),
      ...(bad.length ? [`${bad.join(', ')} not a whole number of pixels`] : []),
    ];
    return findingFor(email, 'a11y', {
      rule: extra.rule,
      message: `image ${problems.join('; ')}: every image needs width and height (layout before it loads, Outlook's sizing) and alt`,
      where,
    });
  });
}

/** Width of the viewport the checks lay the email out in: the design width. */
export const A11Y_VIEWPORT = 600;

export type A11yChecker = Readonly<{ check: AsyncChecker; close: () => Promise<void> }>;

/** One page (images and every other request blocked) that checks emails one after another. */
export async function openA11yChecker(browser: Browser): Promise<A11yChecker> {
  const context = await offlineContext(browser, A11Y_VIEWPORT);
  const page = await context.newPage();
  const check: AsyncChecker = async (email) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setContent(email.html, { waitUntil: 'load' });
    await page.addScriptTag({ content: AXE_SOURCE });
    const light = await runAxe(page, 'light');
    const extras = (await page.evaluate(EXTRA_RULES_SCRIPT)) as Extra[];
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await runAxe(page, 'dark');
    // Where dark mode changes nothing for an element, its dark result repeats the light one: report it once.
    const lightFindings = axeFindings(email, light, 'light');
    const seen = new Set(lightFindings.map((f) => `${f.rule}|${f.where}|${f.message}`));
    const darkFindings = axeFindings(email, dark, 'dark').filter(
      (f) => !seen.has(`${f.rule}|${f.where}|${f.message.replace(' (dark mode)', '')}`),
    );
    return [...lightFindings, ...darkFindings, ...extraFindings(email, extras)];
  };
  return { check, close: () => context.close() };
}
