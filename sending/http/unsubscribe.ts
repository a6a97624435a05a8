/**
 * One-click unsubscribe (RFC 8058) as a web `Request` → `Response` handler, for `serve` and for any framework.
 * GET shows a small page in the customer's language with one button and changes nothing (mail scanners and
 * link previewers open links); POST — a mail client's `List-Unsubscribe=One-Click`, or that button — verifies
 * the token and suppresses the address for marketing, answering 200 with no redirect. A token that does not
 * verify is refused with 403 before anything is recorded.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { unsubscribeToken } from '../../core/links';
import { type Locale, localeOfTag } from '../../core/locales';
import { isEmailAddress } from '../../core/order-document';
import { escapeHtml, htmlResponse, type PageContext, page } from './page';

export type UnsubscribeContext = PageContext;

export type UnsubscribeDeps = Readonly<{
  /** `UNSUBSCRIBE_SECRET`, the key the links' tokens were made with. */
  secret: string | undefined;
  /** Records the marketing suppression (and stops what is scheduled). Called only for a verified token. */
  suppress(address: string, info: Readonly<{ reason: string; source: string }>): Promise<void>;
  /** The customer's language and shop (logo, brand), from their latest order, when the store knows the address. */
  contextFor?(address: string): Promise<UnsubscribeContext>;
  /**
   * The undo on the page after unsubscribing: lifts the suppression this page recorded (never a bounce's or a
   * complaint's). Without it, the page offers no undo.
   */
  resubscribe?(address: string): Promise<boolean>;
}>;

/** Constant-time token check: both sides hashed first, so neither the content nor the length leaks. */
export function verifyUnsubscribeToken(address: string, token: string, secret: string): boolean {
  const expected = createHash('sha256').update(unsubscribeToken(address, secret)).digest();
  const given = createHash('sha256').update(token).digest();
  return timingSafeEqual(expected, given) && token.length > 0;
}

type Copy = Readonly<{
  title: string;
  heading: string;
  explain: (address: string, shop?: string) => string;
  keep: string;
  button: string;
  doneTitle: string;
  done: (address: string, shop?: string) => string;
  invalidTitle: string;
  invalid: string;
  undo: string;
  resubscribedTitle: string;
  resubscribed: (address: string) => string;
}>;

const COPY: Record<Locale, Copy> = {
  en: {
    title: 'Unsubscribe',
    heading: 'Unsubscribe from marketing emails',
    explain: (a, shop) =>
      `Stop ${shop ? `${shop}'s ` : ''}marketing emails (thank-you notes, review requests, recommendations, offers) to ${a}?`,
    keep: 'You will still get emails about your orders, such as confirmations and shipping updates.',
    button: 'Unsubscribe',
    doneTitle: 'You are unsubscribed',
    done: (a, shop) => `${a} will get no more marketing emails${shop ? ` from ${shop}` : ''}.`,
    invalidTitle: 'This link is not valid',
    invalid:
      'This unsubscribe link is incomplete or was changed. Use the link in the latest email, or reply to it and ask us to stop.',
    undo: 'Undo: subscribe me again',
    resubscribedTitle: 'You are subscribed again',
    resubscribed: (a) => `${a} will get marketing emails again.`,
  },
  ko: {
    title: '수신거부',
    heading: '마케팅 이메일 수신거부',
    explain: (a, shop) =>
      `${a}(으)로 보내는 ${shop ? `${shop}의 ` : ''}마케팅 이메일(감사 인사, 리뷰 요청, 추천, 혜택)을 더 이상 받지 않으시겠어요?`,
    keep: '주문 확인, 배송 안내 등 주문에 관한 이메일은 계속 받으십니다.',
    button: '수신거부',
    doneTitle: '수신거부되었습니다',
    done: (a, shop) => `${a}(으)로 ${shop ? `${shop}의 ` : ''}마케팅 이메일을 더 이상 보내지 않습니다.`,
    invalidTitle: '유효하지 않은 링크입니다',
    invalid:
      '수신거부 링크가 불완전하거나 변경되었습니다. 가장 최근 이메일의 링크를 사용하시거나, 해당 이메일에 회신하여 요청해 주세요.',
    undo: '되돌리기: 다시 수신하기',
    resubscribedTitle: '다시 수신하도록 설정되었습니다',
    resubscribed: (a) => `${a}(으)로 마케팅 이메일을 다시 보내 드립니다.`,
  },
  'zh-CN': {
    title: '退订',
    heading: '退订营销邮件',
    explain: (a, shop) =>
      `不再向 ${a} 发送${shop ? ` ${shop} 的` : ''}营销邮件（感谢信、评价邀请、推荐和优惠）？`,
    keep: '您仍会收到与订单有关的邮件，例如订单确认和发货通知。',
    button: '退订',
    doneTitle: '您已退订',
    done: (a, shop) => `${a} 将不再收到${shop ? ` ${shop} 的` : ''}营销邮件。`,
    invalidTitle: '此链接无效',
    invalid: '此退订链接不完整或已被修改。请使用最新邮件中的链接，或直接回复该邮件要求退订。',
    undo: '撤销：重新订阅',
    resubscribedTitle: '您已重新订阅',
    resubscribed: (a) => `${a} 将重新收到营销邮件。`,
  },
};

/** The page a GET shows: the address, what stops and what does not, one button POSTing to the same URL. */
export function confirmPage(
  locale: Locale,
  address: string,
  action: string,
  shopName?: string,
  context: PageContext = {},
): string {
  const t = COPY[locale];
  return page(
    locale,
    t.title,
    `<h1>${escapeHtml(t.heading)}</h1><p>${escapeHtml(t.explain(address, shopName))}</p><p class="muted">${escapeHtml(t.keep)}</p><form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(t.button)}</button></form>`,
    context,
  );
}

/** After unsubscribing; with `undoAction`, one button that subscribes the address again. */
export function donePage(
  locale: Locale,
  address: string,
  shopName?: string,
  context: PageContext = {},
  undoAction?: string,
): string {
  const t = COPY[locale];
  const undo = undoAction
    ? `<form method="post" action="${escapeHtml(undoAction)}"><input type="hidden" name="resubscribe" value="1"><button type="submit" class="quiet">${escapeHtml(t.undo)}</button></form>`
    : '';
  return page(
    locale,
    t.doneTitle,
    `<h1>${escapeHtml(t.doneTitle)}</h1><p>${escapeHtml(t.done(address, shopName))}</p><p class="muted">${escapeHtml(t.keep)}</p>${undo}`,
    context,
  );
}

export function resubscribedPage(locale: Locale, address: string, context: PageContext = {}): string {
  const t = COPY[locale];
  return page(
    locale,
    t.resubscribedTitle,
    `<h1>${escapeHtml(t.resubscribedTitle)}</h1><p>${escapeHtml(t.resubscribed(address))}</p>`,
    context,
  );
}

export function invalidPage(locale: Locale): string {
  const t = COPY[locale];
  return page(
    locale,
    t.invalidTitle,
    `<h1>${escapeHtml(t.invalidTitle)}</h1><p>${escapeHtml(t.invalid)}</p>`,
  );
}

/** The best of our locales for an `Accept-Language` header (`ko-KR,ko;q=0.9` → `ko`), or undefined. */
export function localeFromHeader(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return undefined;
}

/**
 * `handleUnsubscribe` for the given secret and store. Methods other than GET, HEAD and POST: 405.
 * The token is checked on GET too, so a forged link shows an error page rather than a button that would fail.
 */
export function createUnsubscribeHandler(deps: UnsubscribeDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST')
      return new Response(JSON.stringify({ error: `${method} is not allowed here: use GET or POST` }), {
        status: 405,
        headers: { allow: 'GET, HEAD, POST', 'content-type': 'application/json; charset=utf-8' },
      });
    const url = new URL(request.url);
    // `e` and `t` (CONTRACT.md), or the longer names a shop may have put in its own unsubscribeUrl.
    const address = url.searchParams.get('e') ?? url.searchParams.get('email') ?? '';
    const token = url.searchParams.get('t') ?? url.searchParams.get('token') ?? '';
    const headerLocale = localeFromHeader(request.headers.get('accept-language'));
    const secret = deps.secret;
    if (!secret)
      return new Response(
        JSON.stringify({ error: 'unsubscribe links cannot be verified: UNSUBSCRIBE_SECRET is not set' }),
        {
          status: 503,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        },
      );
    if (!address || !token || !verifyUnsubscribeToken(address, token, secret))
      return htmlResponse(403, invalidPage(headerLocale ?? 'en'));
    // A token signed for something that is not an address (a shop's own bug, or a leaked secret) stores nothing.
    if (!isEmailAddress(address.trim())) return htmlResponse(400, invalidPage(headerLocale ?? 'en'));
    const context = (await deps.contextFor?.(address)) ?? {};
    const locale = context.locale ?? headerLocale ?? 'en';
    if (method !== 'POST') {
      const html = confirmPage(locale, address, `${url.pathname}${url.search}`, context.shopName, context);
      return method === 'HEAD' ? htmlResponse(200, '') : htmlResponse(200, html);
    }
    // RFC 8058 clients send `List-Unsubscribe=One-Click`; our button sends the same. The token is the proof,
    // so the body is read (and drained) but not required to be exactly that.
    const body = await request.text().catch(() => '');
    // Only the undo button posts `resubscribe=1`; a one-click POST never does, so it always unsubscribes.
    if (deps.resubscribe && new URLSearchParams(body).get('resubscribe') === '1') {
      await deps.resubscribe(address);
      return htmlResponse(200, resubscribedPage(locale, address, context));
    }
    await deps.suppress(address, { reason: 'unsubscribed (one-click link)', source: 'unsubscribe' });
    const undo = deps.resubscribe ? `${url.pathname}${url.search}` : undefined;
    return htmlResponse(200, donePage(locale, address, context.shopName, context, undo));
  };
}
