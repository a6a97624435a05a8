/**
 * `GET|POST /feedback`: where a review request's rating links land when `shop.feedbackUrl` is set. A GET with a
 * valid token records the score for the step (a later one replaces it) and thanks the customer in their language,
 * with an optional comment form and the shop's public review link — the same link whatever the score (no review
 * gating). A GET that looks like a machine (a link scanner's agent, or within seconds of a reported delivery) records
 * nothing: it shows one button that confirms the score by POST. A token that does not verify: 403, nothing
 * recorded.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { fontStacks, themeFor } from '../../components/theme';
import type { Brand } from '../../core/brand';
import { feedbackToken, publicReviewLink } from '../../core/links';
import { isLocale, type Locale } from '../../core/locales';
import { judgeClick } from '../plan/click-verdict';

export type FeedbackScale = 'stars' | 'nps';

/** What the page needs to know about the step a link was signed for. */
export type FeedbackStep = Readonly<{
  id: string;
  locale: Locale;
  scale: FeedbackScale;
  shop: Readonly<{
    name: string;
    logoUrl?: string;
    brand?: Brand;
    feedbackTags?: Readonly<Record<string, readonly string[]>>;
  }>;
  /** `review.reviewUrl` as the document gives it. */
  reviewUrl: string;
  deliveredMs?: number;
}>;

export type FeedbackDeps = Readonly<{
  /** `UNSUBSCRIBE_SECRET`: the rating links are signed with it. */
  secret: string | undefined;
  step(stepId: string): Promise<FeedbackStep | undefined>;
  record(step: FeedbackStep, score: number, at: Date): Promise<void>;
  comment(step: FeedbackStep, comment: string, tags: readonly string[]): Promise<void>;
  now?: () => Date;
}>;

export const COMMENT_MAX = 2000;

/** The tags whose keywords the comment contains (case-insensitive), by name (a stored document keeps no key order). */
export function tagsFor(
  comment: string,
  tags: Readonly<Record<string, readonly string[]>> | undefined,
): string[] {
  const text = comment.toLocaleLowerCase();
  return Object.entries(tags ?? {})
    .filter(([, words]) => words.some((w) => w.trim() !== '' && text.includes(w.trim().toLocaleLowerCase())))
    .map(([tag]) => tag)
    .sort();
}

export function verifyFeedbackToken(step: string, score: number, token: string, secret: string): boolean {
  const expected = createHash('sha256')
    .update(feedbackToken(step, score, secret))
    .digest();
  const given = createHash('sha256').update(token).digest();
  return timingSafeEqual(expected, given) && token.length > 0;
}

type Copy = Readonly<{
  thanksTitle: string;
  gave: (score: number, scale: FeedbackScale) => string;
  change: string;
  commentLabel: string;
  send: string;
  commented: string;
  reviewIntro: (shop: string) => string;
  review: string;
  confirmTitle: string;
  confirm: (score: number, scale: FeedbackScale) => string;
  confirmButton: string;
  invalidTitle: string;
  invalid: string;
}>;

const COPY: Record<Locale, Copy> = {
  en: {
    thanksTitle: 'Thank you for your answer',
    gave: (n, scale) =>
      scale === 'stars' ? `You gave us ${n} star${n === 1 ? '' : 's'}.` : `You answered ${n} out of 10.`,
    change: 'Changed your mind? Tap another rating in the email.',
    commentLabel: 'Anything you would like to tell us? (optional)',
    send: 'Send',
    commented: 'Thank you — every comment is read.',
    reviewIntro: (shop) => `Would you share your experience with other shoppers of ${shop}?`,
    review: 'Write a public review',
    confirmTitle: 'Confirm your answer',
    confirm: (n, scale) =>
      scale === 'stars'
        ? `Send your rating of ${n} star${n === 1 ? '' : 's'}?`
        : `Send your answer of ${n} out of 10?`,
    confirmButton: 'Send my answer',
    invalidTitle: 'This link is not valid',
    invalid: 'This rating link is incomplete or was changed. Use the link in the email.',
  },
  ko: {
    thanksTitle: '답변해 주셔서 감사합니다',
    gave: (n, scale) =>
      scale === 'stars' ? `별점 ${n}점을 주셨습니다.` : `10점 만점에 ${n}점으로 답하셨습니다.`,
    change: '생각이 바뀌셨나요? 이메일에서 다른 점수를 누르시면 됩니다.',
    commentLabel: '더 하실 말씀이 있으신가요? (선택)',
    send: '보내기',
    commented: '감사합니다. 남겨 주신 의견은 모두 읽습니다.',
    reviewIntro: (shop) => `${shop}의 다른 고객들에게 경험을 나눠 주시겠어요?`,
    review: '공개 리뷰 쓰기',
    confirmTitle: '답변 확인',
    confirm: (n, scale) =>
      scale === 'stars' ? `별점 ${n}점을 보내시겠어요?` : `10점 만점에 ${n}점으로 보내시겠어요?`,
    confirmButton: '답변 보내기',
    invalidTitle: '유효하지 않은 링크입니다',
    invalid: '평가 링크가 불완전하거나 변경되었습니다. 이메일의 링크를 사용해 주세요.',
  },
  'zh-CN': {
    thanksTitle: '感谢您的回答',
    gave: (n, scale) => (scale === 'stars' ? `您给了我们 ${n} 星。` : `您的评分是 ${n} 分（满分 10 分）。`),
    change: '改变主意了？在邮件中点选其他评分即可。',
    commentLabel: '还有什么想告诉我们的吗？（选填）',
    send: '发送',
    commented: '谢谢，每条意见我们都会阅读。',
    reviewIntro: (shop) => `愿意与 ${shop} 的其他顾客分享您的体验吗？`,
    review: '撰写公开评价',
    confirmTitle: '确认您的回答',
    confirm: (n, scale) => (scale === 'stars' ? `提交 ${n} 星评分？` : `提交 ${n} 分（满分 10 分）？`),
    confirmButton: '提交我的回答',
    invalidTitle: '此链接无效',
    invalid: '此评分链接不完整或已被修改。请使用邮件中的链接。',
  },
};

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** The page's colours: the shop's brand (its palettes are held to AA contrast where they are derived), light and dark. */
function css(brand: Brand | undefined): string {
  const theme = themeFor(brand);
  const l = theme.light;
  const d = theme.dark;
  return `:root{color-scheme:light dark}
body{margin:0;padding:48px 16px;background:${l.canvas};color:${l.text};font:16px/1.5 ${fontStacks.sans}}
main{max-width:520px;margin:0 auto;background:${l.surface};padding:32px 24px;border-radius:8px}
img{display:block;max-height:48px;width:auto;margin:0 0 24px}
h1{font-size:24px;line-height:32px;margin:0 0 16px}
p{margin:0 0 16px}
form{margin:0 0 24px}
a{color:${l.link}}
.muted{color:${l.muted};font-size:14px;line-height:20px}
label{display:block;font-weight:700;margin:0 0 8px}
textarea{box-sizing:border-box;width:100%;min-height:96px;font:inherit;padding:8px;border:1px solid ${l.muted};border-radius:6px;background:${l.surface};color:${l.text}}
button{font:inherit;font-weight:700;min-height:44px;padding:10px 24px;margin:12px 0 0;border:1px solid ${l.buttonBorder};border-radius:6px;background:${l.accent};color:${l.accentText};cursor:pointer}
button:focus-visible,a:focus-visible,textarea:focus-visible{outline:3px solid ${l.text};outline-offset:2px}
@media (prefers-color-scheme: dark){
body{background:${d.canvas};color:${d.text}}
main{background:${d.surface}}
a{color:${d.link}}
.muted{color:${d.muted}}
textarea{background:${d.surface};color:${d.text};border-color:${d.muted}}
button{background:${d.accent};color:${d.accentText};border-color:${d.buttonBorder}}
button:focus-visible,a:focus-visible,textarea:focus-visible{outline-color:${d.text}}
}`.replace(/\n/g, '');
}

function page(locale: Locale, title: string, body: string, shop?: FeedbackStep['shop']): string {
  const logo = shop?.logoUrl
    ? `<img src="${escapeHtml(shop.logoUrl)}" alt="${escapeHtml(shop.name)}" height="48">`
    : '';
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${css(shop?.brand)}</style></head><body><main>${logo}${body}</main></body></html>`;
}

function html(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src https:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    },
  });
}

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;

function thanksPage(
  step: FeedbackStep,
  score: number,
  token: string,
  action: string,
  commented: boolean,
): string {
  const t = COPY[step.locale];
  const form = commented
    ? `<p>${escapeHtml(t.commented)}</p>`
    : `<form method="post" action="${escapeHtml(action)}">${hidden('s', step.id)}${hidden('r', String(score))}${hidden('t', token)}<label for="comment">${escapeHtml(t.commentLabel)}</label><textarea id="comment" name="comment" maxlength="${COMMENT_MAX}"></textarea><button type="submit">${escapeHtml(t.send)}</button></form>`;
  return page(
    step.locale,
    t.thanksTitle,
    `<h1>${escapeHtml(t.thanksTitle)}</h1><p>${escapeHtml(t.gave(score, step.scale))}</p>${form}<p>${escapeHtml(t.reviewIntro(step.shop.name))} <a href="${escapeHtml(publicReviewLink(step.reviewUrl))}">${escapeHtml(t.review)}</a></p><p class="muted">${escapeHtml(t.change)}</p>`,
    step.shop,
  );
}

function confirmPage(step: FeedbackStep, score: number, token: string, action: string): string {
  const t = COPY[step.locale];
  return page(
    step.locale,
    t.confirmTitle,
    `<h1>${escapeHtml(t.confirmTitle)}</h1><p>${escapeHtml(t.confirm(score, step.scale))}</p><form method="post" action="${escapeHtml(action)}">${hidden('s', step.id)}${hidden('r', String(score))}${hidden('t', token)}<button type="submit">${escapeHtml(t.confirmButton)}</button></form>`,
    step.shop,
  );
}

function invalidPage(locale: Locale): string {
  const t = COPY[locale];
  return page(
    locale,
    t.invalidTitle,
    `<h1>${escapeHtml(t.invalidTitle)}</h1><p>${escapeHtml(t.invalid)}</p>`,
  );
}

const inRange = (scale: FeedbackScale, score: number) =>
  Number.isInteger(score) && (scale === 'nps' ? score >= 0 && score <= 10 : score >= 1 && score <= 5);

export function createFeedbackHandler(deps: FeedbackDeps): (request: Request) => Promise<Response> {
  const now = deps.now ?? (() => new Date());
  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST')
      return new Response(JSON.stringify({ error: `${method} is not allowed here: use GET or POST` }), {
        status: 405,
        headers: { allow: 'GET, HEAD, POST', 'content-type': 'application/json; charset=utf-8' },
      });
    if (!deps.secret)
      return new Response(
        JSON.stringify({ error: 'feedback links cannot be verified: UNSUBSCRIBE_SECRET is not set' }),
        { status: 503, headers: { 'content-type': 'application/json; charset=utf-8' } },
      );
    const url = new URL(request.url);
    const fields = new URLSearchParams(url.search);
    let comment = '';
    if (method === 'POST') {
      const body = new URLSearchParams(await request.text().catch(() => ''));
      for (const key of ['s', 'r', 't']) {
        const value = body.get(key);
        if (value !== null) fields.set(key, value);
      }
      comment = (body.get('comment') ?? '').trim().slice(0, COMMENT_MAX);
    }
    const stepId = fields.get('s') ?? '';
    const scoreText = fields.get('r') ?? '';
    const token = fields.get('t') ?? '';
    const score = /^\d{1,2}$/.test(scoreText) ? Number(scoreText) : Number.NaN;
    const fallback = 'en';
    if (!stepId || Number.isNaN(score) || !token || !verifyFeedbackToken(stepId, score, token, deps.secret))
      return html(403, invalidPage(fallback));
    const step = await deps.step(stepId);
    if (!step) return html(404, invalidPage(fallback));
    if (!inRange(step.scale, score)) return html(400, invalidPage(step.locale));
    const action = url.pathname;
    if (method === 'HEAD') return html(200, '');
    if (method === 'GET') {
      const judged = judgeClick(
        {
          atMs: now().getTime(),
          link: url.toString(),
          userAgent: request.headers.get('user-agent') ?? undefined,
        },
        // Timing counts from a reported delivery only: a page asking to confirm is the cost of a wrong guess,
        // and a step handed over ahead of its time (scheduled at Resend) says little about when it arrived.
        { deliveredMs: step.deliveredMs },
      );
      if (judged.verdict === 'machine') return html(200, confirmPage(step, score, token, action));
    }
    await deps.record(step, score, now());
    if (comment) await deps.comment(step, comment, tagsFor(comment, step.shop.feedbackTags));
    return html(200, thanksPage(step, score, token, action, comment !== ''));
  };
}

/** The locale a stored document asks for, or English. */
export function localeOf(value: unknown): Locale {
  return typeof value === 'string' && isLocale(value) ? value : 'en';
}
