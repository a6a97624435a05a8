/**
 * Outlook (Word engine) rules: Outlook for Windows lays email out with Word, which cannot run here, so the
 * gate checks the HTML for the rules that make an email hold up there — it never claims to have rendered
 * one in Outlook. What Word skips (`<!--[if !mso]><!-->…<!--<![endif]-->`) is not held to them.
 *
 * - `vml-button`: every button is also drawn in VML (`v:roundrect` inside `<!--[if mso]>`) with the same
 *   address, label and colours, and the HTML link sits inside `<!--[if !mso]><!-->`;
 * - `ghost-table`: a column built from an inline-block box has a fixed-width table for Word around it, and a
 *   stacking column cell (`pp-stack`) has its width as an attribute;
 * - `image-width`: every image has its width as an attribute (Word ignores CSS widths on images);
 * - `mso-line-height-rule`: a line height in pixels comes with `mso-line-height-rule:exactly` (else Word
 *   treats it as a minimum and grows the line);
 * - `max-width`: nothing relies on `max-width` (which Word ignores) without a width attribute or a ghost table;
 * - `caniemail outlook-windows`: no feature caniemail marks unsupported in Outlook for Windows outside the head
 *   `<style>`, unless the compatibility allowlist (quality/compat.ts) says why it is fine.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import { ALLOWLIST, featureUses, isUnsupportedIn } from './compat';
import { elements, type HtmlElement, inlineStyle, isHidden, locate, parseHtml } from './dom';
import { type Checker, type EmailUnderCheck, type Finding, findingFor } from './types';

export const OUTLOOK_CHECK_NAME = 'Outlook (Word engine) rules';

const NOT_MSO_START = '<!--[if !mso]><!-->';
const NOT_MSO_END = '<!--<![endif]-->';
const MSO_COMMENT = /<!--\[if mso\]>([\s\S]*?)<!\[endif\]-->/g;

/** The spans of the HTML that Word skips. */
function notMsoRanges(html: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (
    let start = html.indexOf(NOT_MSO_START);
    start !== -1;
    start = html.indexOf(NOT_MSO_START, start + 1)
  ) {
    const end = html.indexOf(NOT_MSO_END, start);
    ranges.push([start, end === -1 ? html.length : end]);
  }
  return ranges;
}

type MsoBlock = Readonly<{ start: number; end: number; markup: string }>;

function msoBlocks(html: string): MsoBlock[] {
  return [...html.matchAll(MSO_COMMENT)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    markup: m[1] ?? '',
  }));
}

/** `#1D4ED8`, `rgb(…)` as written: colours compared as lower-case text without spaces. */
const norm = (value: string | undefined) => (value ?? '').replace(/\s+/g, '').toLowerCase();
const decode = (value: string) =>
  DomUtils.textContent(parseDocument(`<p>${value}</p>`, { decodeEntities: true })).trim();

/** The colour of a `border` shorthand (`2px solid #1d4ed8`), if any. */
function borderColour(style: Map<string, string>): string | undefined {
  const border = style.get('border') ?? style.get('border-color');
  return border?.split(/\s+/).find((part) => part.startsWith('#') || part.startsWith('rgb'));
}

export type VmlMismatch = Readonly<{ field: string; html: string; vml: string }>;

/** How the VML button differs from its HTML link: address, label, fill, label colour, edge. */
export function compareVmlButton(link: HtmlElement, vmlMarkup: string): VmlMismatch[] {
  const vmlDoc = parseDocument(vmlMarkup, { lowerCaseAttributeNames: true, xmlMode: false });
  const shape = DomUtils.findOne((el) => el.name === 'v:roundrect', vmlDoc.children);
  if (!shape) return [{ field: 'v:roundrect', html: 'a button', vml: 'none' }];
  const center = DomUtils.findOne((el) => el.name === 'center', shape.children);
  const style = inlineStyle(link);
  const centerStyle = center ? inlineStyle(center) : new Map<string, string>();
  const pairs: [string, string, string][] = [
    ['href', decode(link.attribs.href ?? ''), decode(shape.attribs.href ?? '')],
    [
      'label',
      DomUtils.textContent(link).replace(/\s+/g, ' ').trim(),
      center ? DomUtils.textContent(center).replace(/\s+/g, ' ').trim() : '',
    ],
    ['fill', norm(style.get('background-color')), norm(shape.attribs.fillcolor)],
    ['label colour', norm(style.get('color')), norm(centerStyle.get('color'))],
    ['edge', norm(borderColour(style)), shape.attribs.stroke === 'f' ? '' : norm(shape.attribs.strokecolor)],
  ];
  return pairs
    .filter(([, html, vml]) => html !== vml)
    .map(([field, html, vml]) => ({ field, html: html || 'none', vml: vml || 'none' }));
}

const isButton = (el: HtmlElement) =>
  el.name === 'a' &&
  (el.attribs.class ?? '').split(/\s+/).some((c) => c === 'pp-button' || c === 'pp-button-quiet');

export const checkOutlook: Checker = (email: EmailUnderCheck): Finding[] => {
  const { html } = email;
  const doc = parseHtml(html);
  const skipped = notMsoRanges(html);
  const forWord = (el: HtmlElement) =>
    el.startIndex !== null &&
    !skipped.some(([s, e]) => (el.startIndex as number) >= s && (el.startIndex as number) < e);
  const blocks = msoBlocks(html);
  const findings: Finding[] = [];
  const fail = (rule: string, message: string, el?: HtmlElement) =>
    findings.push(
      findingFor(email, 'outlook', {
        rule,
        message: `${OUTLOOK_CHECK_NAME}: ${message}`,
        ...(el ? locate(html, el) : { where: 'document' }),
      }),
    );
  /** The Word-only block nearest before an element, within `reach` characters. */
  const blockBefore = (el: HtmlElement, reach = 400) =>
    [...blocks].reverse().find((b) => b.end <= (el.startIndex ?? 0) && (el.startIndex ?? 0) - b.end <= reach);

  const all = elements(doc);
  for (const el of all) {
    if (isButton(el)) {
      if (forWord(el)) {
        fail(
          'vml-button',
          'button is not inside <!--[if !mso]><!-->: Word draws the padded link as bare text',
          el,
        );
        continue;
      }
      const vml = [...blocks]
        .reverse()
        .find((b) => b.end <= (el.startIndex ?? 0) && b.markup.includes('v:roundrect'));
      const between = vml ? html.slice(vml.end, el.startIndex ?? 0) : '';
      if (!vml || between.includes('</a>'))
        fail('vml-button', 'button has no VML twin (v:roundrect inside <!--[if mso]>) before it', el);
      else
        for (const m of compareVmlButton(el, vml.markup))
          fail(
            'vml-button',
            `the VML button's ${m.field} (${m.vml}) differs from the HTML link's (${m.html})`,
            el,
          );
      continue;
    }
    if (!forWord(el) || isHidden(el)) continue;
    const style = inlineStyle(el);
    if (el.name === 'img' && !/^\d+$/.test(el.attribs.width ?? ''))
      fail('image-width', 'image has no width attribute in pixels: Word ignores CSS widths on images', el);
    const display = style.get('display');
    if (el.name === 'div' && display === 'inline-block' && !blockBefore(el)?.markup.includes('<td'))
      fail(
        'ghost-table',
        'inline-block column without a ghost table (<!--[if mso]><table><tr><td>) around it',
        el,
      );
    if (el.name === 'td' && (el.attribs.class ?? '').split(/\s+/).includes('pp-stack') && !el.attribs.width)
      fail(
        'ghost-table',
        'stacking column cell without a width attribute: Word sizes columns by attributes',
        el,
      );
    const lineHeight = style.get('line-height');
    if (lineHeight?.endsWith('px') && style.get('mso-line-height-rule') !== 'exactly')
      fail('mso-line-height-rule', `line-height:${lineHeight} without mso-line-height-rule:exactly`, el);
    if (
      style.has('max-width') &&
      el.attribs.width === undefined &&
      !blockBefore(el)?.markup.includes('<table')
    )
      fail('max-width', 'max-width without a width attribute or a ghost table: Word ignores max-width', el);
  }

  for (const use of featureUses(html)) {
    if (use.origin !== 'element' || (use.element && !forWord(use.element))) continue;
    if (!isUnsupportedIn(use.title, 'outlook.windows')) continue;
    if (ALLOWLIST.some((allowance) => allowance.allows(use))) continue;
    fail(
      'caniemail-outlook-windows',
      `\`${use.title}\` is unsupported in Outlook for Windows (caniemail)`,
      use.element,
    );
  }
  return findings;
};
