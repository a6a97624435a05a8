/**
 * Compliance with CONTRACT.md. Transactional mail is about the order only: no marketing block, no
 * unsubscribe link, no promotional copy. Marketing mail shows a working unsubscribe link and the shop's
 * postal address (CAN-SPAM, Gmail and Yahoo bulk-sender rules) and carries both RFC 8058 headers.
 */
import { DomUtils } from 'htmlparser2';
import { LOCALES, messages } from '../components/i18n';
import { ADVERTISING_MARKS } from '../core/advertising';
import { isLocale } from '../core/locales';
import { elements, type HtmlElement, isHidden, locate, parseHtml, quote, visibleText } from './dom';
import { type Checker, type EmailUnderCheck, type Finding, findingFor } from './types';

/**
 * Promotional phrases a transactional email must not contain, in our three languages. Short and
 * specific on purpose: a bare "discount" is a line of the order's totals, not a promotion.
 */
export const PROMOTIONAL_PHRASES: readonly RegExp[] = [
  /\bcoupons?\b/i,
  /\bpromo(?:tional)? codes?\b/i,
  /\bdiscount codes?\b/i,
  /\bvouchers?\b/i,
  /\d+\s?% off\b/i,
  /\brecommend(?:s|ed|ation|ations)?\b/i,
  /\byou (?:may|might) also like\b/i,
  /\bshop now\b/i,
  /\blimited[- ]time offer\b/i,
  /\brefer a friend\b/i,
  /쿠폰/,
  /할인\s?코드/,
  /프로모션\s?코드/,
  /추천/,
  /\d+\s?% 할인/,
  /특가/,
  /优惠券/,
  /优惠码/,
  /折扣码/,
  /推荐/,
  /促销/,
  /限时/,
  /\d+(?:\.\d+)?\s?折(?!扣)/,
];

/** How an unsubscribe link reads, in every locale we send (from the copy itself) and a few usual forms. */
const UNSUBSCRIBE_WORDS: readonly string[] = [
  ...new Set([
    ...LOCALES.map((locale) => messages(locale).common.unsubscribe),
    'unsubscribe',
    'opt out',
    '수신거부',
    '取消订阅',
  ]),
].map((word) => word.toLowerCase());

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/** The https URL in List-Unsubscribe, if any: `<https://…>, <mailto:…>`. */
function httpsUnsubscribe(headers: Readonly<Record<string, string>>): string | undefined {
  const value = header(headers, 'List-Unsubscribe');
  return value?.match(/<(https:\/\/[^>]+)>/)?.[1];
}

function isUnsubscribeLink(a: HtmlElement, headerUrl: string | undefined): boolean {
  const href = a.attribs.href ?? '';
  const text = DomUtils.textContent(a).trim().toLowerCase();
  return (
    a.attribs['data-unsubscribe'] !== undefined ||
    (headerUrl !== undefined && href === headerUrl) ||
    /unsubscribe|opt-?out/i.test(href) ||
    UNSUBSCRIBE_WORDS.some((word) => text.includes(word))
  );
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

function transactionalFindings(email: EmailUnderCheck, doc: ReturnType<typeof parseHtml>): Finding[] {
  const findings: Finding[] = [];
  const all = elements(doc);
  for (const el of all.filter((e) => e.attribs['data-marketing'] !== undefined))
    findings.push(
      findingFor(email, 'compliance', {
        rule: 'no-marketing-block',
        message: `marketing block (data-marketing="${el.attribs['data-marketing']}") in a transactional email: transactional mail is about the order only`,
        ...locate(email.html, el),
      }),
    );
  for (const a of all.filter((e) => e.name === 'a' && isUnsubscribeLink(e, undefined)))
    findings.push(
      findingFor(email, 'compliance', {
        rule: 'no-unsubscribe-in-transactional',
        message: `unsubscribe link ("${quote(a)}") in a transactional email: it is not a subscription, so there is nothing to leave`,
        ...locate(email.html, a),
      }),
    );
  // Every text node, hidden ones included: the preheader and <title> show in the inbox list.
  const seen = new Set<HtmlElement>();
  for (const node of DomUtils.findAll(() => true, doc.children)) {
    for (const child of node.children) {
      if (!DomUtils.isText(child) || ['style', 'script'].includes(node.name) || seen.has(node)) continue;
      const phrase = PROMOTIONAL_PHRASES.map((re) => child.data.match(re)?.[0]).find(Boolean);
      if (!phrase) continue;
      seen.add(node);
      findings.push(
        findingFor(email, 'compliance', {
          rule: 'no-promotion-in-transactional',
          message: `promotional phrase "${phrase}" in a transactional email ("${quote(node, 60)}"): no promotions, recommendations or coupons`,
          ...locate(email.html, node),
        }),
      );
    }
  }
  return findings;
}

function marketingFindings(email: EmailUnderCheck, doc: ReturnType<typeof parseHtml>): Finding[] {
  const findings: Finding[] = [];
  const headerUrl = httpsUnsubscribe(email.headers);
  const links = elements(doc).filter((e) => e.name === 'a' && isUnsubscribeLink(e, headerUrl));
  const visible = links.filter(
    (a) => !isHidden(a) && DomUtils.textContent(a).trim() !== '' && /^https:\/\//.test(a.attribs.href ?? ''),
  );
  if (visible.length === 0)
    findings.push(
      findingFor(email, 'compliance', {
        rule: 'visible-unsubscribe-link',
        message:
          links.length === 0
            ? 'no unsubscribe link: marketing mail must show one (CAN-SPAM; Gmail and Yahoo bulk-sender rules)'
            : `unsubscribe link is not visible, empty or not https: (${links.map((a) => `"${a.attribs.href ?? ''}"`).join(', ')})`,
        ...(links[0] ? locate(email.html, links[0]) : { where: 'footer' }),
      }),
    );
  const text = normalise(visibleText(doc));
  if (!email.postalAddress)
    findings.push(
      findingFor(email, 'compliance', {
        rule: 'postal-address',
        message: 'marketing email without a postal address to show (shop.address)',
        where: 'document',
      }),
    );
  else if (!text.includes(normalise(email.postalAddress)))
    findings.push(
      findingFor(email, 'compliance', {
        rule: 'postal-address',
        message: `the shop's postal address "${email.postalAddress}" is not shown: marketing mail must show it (CAN-SPAM)`,
        where: 'footer',
      }),
    );
  const listUnsubscribe = header(email.headers, 'List-Unsubscribe');
  if (!listUnsubscribe)
    findings.push(
      findingFor(email, 'compliance', {
        rule: 'list-unsubscribe-header',
        message: 'no List-Unsubscribe header (RFC 2369/8058): required for marketing mail',
        where: 'headers',
      }),
    );
  else if (!headerUrl)
    findings.push(
      findingFor(email, 'compliance', {
        rule: 'list-unsubscribe-header',
        message: `List-Unsubscribe "${listUnsubscribe}" has no <https://…> URL: one-click unsubscribe (RFC 8058) needs one`,
        where: 'headers',
      }),
    );
  const post = header(email.headers, 'List-Unsubscribe-Post');
  if (post?.trim() !== 'List-Unsubscribe=One-Click')
    findings.push(
      findingFor(email, 'compliance', {
        rule: 'list-unsubscribe-post-header',
        message:
          post === undefined
            ? 'no List-Unsubscribe-Post header: RFC 8058 one-click needs "List-Unsubscribe-Post: List-Unsubscribe=One-Click"'
            : `List-Unsubscribe-Post is "${post}": RFC 8058 needs exactly "List-Unsubscribe=One-Click"`,
        where: 'headers',
      }),
    );
  return findings;
}

/**
 * The word a locale's law wants on the refusal link (Korea: `수신거부`; China: `退订`), and the rule
 * that names it. Korea's Network Act (art. 50) and China's rules for commercial email also ask the
 * body to name the sender and a contact, and the subject to start with the advertising mark.
 */
const REFUSAL_WORDS: Readonly<Record<string, string>> = { ko: '수신거부', 'zh-CN': '退订' };

function localeLawFindings(email: EmailUnderCheck, doc: ReturnType<typeof parseHtml>): Finding[] {
  const findings: Finding[] = [];
  const marks = Object.values(ADVERTISING_MARKS);
  const subject = email.subject?.trimStart();
  if (email.kind === 'transactional') {
    const mark = marks.find((m) => subject?.startsWith(m));
    if (mark)
      findings.push(
        findingFor(email, 'compliance', {
          rule: 'no-advertising-mark-in-transactional',
          message: `transactional subject "${email.subject}" carries the advertising mark ${mark}: it is not advertising`,
          where: 'subject',
        }),
      );
    return findings;
  }
  const mark = isLocale(email.locale) ? ADVERTISING_MARKS[email.locale] : undefined;
  if (mark === undefined) return findings;
  if (subject === undefined || !subject.startsWith(mark))
    findings.push(
      findingFor(email, 'compliance', {
        rule: 'advertising-mark',
        message:
          subject === undefined
            ? `no subject to check: a ${email.locale} marketing subject must start with ${mark}`
            : `subject "${email.subject}" does not start with ${mark}: the law requires it on ${email.locale} advertising mail`,
        where: 'subject',
      }),
    );
  const word = REFUSAL_WORDS[email.locale];
  const refusal = elements(doc).filter(
    (a) =>
      a.name === 'a' &&
      !isHidden(a) &&
      /^https:\/\//.test(a.attribs.href ?? '') &&
      word !== undefined &&
      DomUtils.textContent(a).includes(word),
  );
  if (word !== undefined && refusal.length === 0)
    findings.push(
      findingFor(email, 'compliance', {
        rule: 'refusal-in-locale',
        message: `no visible https link reading "${word}": ${email.locale} advertising mail must offer a free way to refuse in the reader's language`,
        where: 'footer',
      }),
    );
  const text = normalise(visibleText(doc));
  if (email.sender !== undefined) {
    if (!text.includes(normalise(email.sender.name)))
      findings.push(
        findingFor(email, 'compliance', {
          rule: 'sender-named',
          message: `the sender "${email.sender.name}" is not named: ${email.locale} advertising mail must say who sends it`,
          where: 'footer',
        }),
      );
    const contacts = [email.sender.email, email.sender.phone].filter((c): c is string => c !== undefined);
    if (!contacts.some((c) => text.includes(normalise(c))))
      findings.push(
        findingFor(email, 'compliance', {
          rule: 'sender-contact',
          message: `no contact for the sender (${contacts.join(' or ')}): ${email.locale} advertising mail must say how to reach them`,
          where: 'footer',
        }),
      );
  }
  return findings;
}

export const checkCompliance: Checker = (email: EmailUnderCheck): Finding[] => {
  const doc = parseHtml(email.html);
  return [
    ...(email.kind === 'marketing' ? marketingFindings(email, doc) : transactionalFindings(email, doc)),
    ...localeLawFindings(email, doc),
  ];
};
