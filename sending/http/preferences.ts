/**
 * The preference centre as a web `Request` → `Response` handler. With a signed link (`?e=…&t=…`, the same
 * token as the unsubscribe link; 403 for a forged one): GET shows the address's choices and changes nothing;
 * POST saves them and answers a page whose one button restores the choices it replaced (the undo). Without a
 * link: GET shows a form to have one emailed, POST asks the engine to send it — one answer whether or not the
 * address is known, and the rate limit is the engine's.
 */
import type { Locale } from '../../core/locales';
import {
  dayAt,
  isTopic,
  PAUSE_DAYS,
  type PauseDays,
  type Preferences,
  pauseEnd,
  TOPICS,
  type Topic,
} from '../plan/preferences';
import { escapeHtml, htmlResponse, type PageContext, page } from './page';
import { PREFERENCES_COPY } from './preferences-copy';
import { localeFromHeader, verifyUnsubscribeToken } from './unsubscribe';

export type PreferencesDeps = Readonly<{
  /** `UNSUBSCRIBE_SECRET`: the preference links are signed like the unsubscribe links. */
  secret: string | undefined;
  read(address: string): Promise<Preferences>;
  /** Saves the choices; returns those they replace. Called only for a verified token. */
  save(address: string, prefs: Preferences): Promise<Preferences>;
  /** The customer's language and shop (logo, brand), from their latest order; the configured shop otherwise. */
  contextFor?(address: string | undefined): Promise<PageContext>;
  /** Emails a preferences link when the address is known and within the limit; silent otherwise. */
  requestLink(address: string, origin: string, locale: Locale): Promise<void>;
  /** Today, for pauses (default: the clock). */
  now?: () => Date;
}>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_BODY = 16 * 1024;

export class FormProblem extends Error {
  constructor(readonly field: string) {
    super(`${field}: not understood`);
  }
}

/**
 * The choices a form posts: `topic` (repeated, the ones kept on); `pause`: `0`, `30`, `60`, `90`, or the day a
 * running pause ends (`YYYY-MM-DD`: kept as it is, or restored by the undo); `none`.
 */
export function parseChoices(form: URLSearchParams, today: string): Preferences {
  const on = form.getAll('topic');
  const unknown = on.find((t) => !isTopic(t));
  if (unknown !== undefined) throw new FormProblem('topic');
  const topicsOff = TOPICS.filter((t) => !on.includes(t));
  const pause = form.get('pause') ?? '0';
  let pausedUntil: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(pause)) {
    // A pause already running: a day ahead, at most 90 days away.
    if (pause <= today || pause > pauseEnd(today, 90)) throw new FormProblem('pause');
    pausedUntil = pause;
  } else if (pause !== '0') {
    const days = Number(pause);
    if (!(PAUSE_DAYS as readonly number[]).includes(days)) throw new FormProblem('pause');
    pausedUntil = pauseEnd(today, days as PauseDays);
  }
  const none = form.get('none');
  if (none !== null && none !== '1') throw new FormProblem('none');
  return { topicsOff, pausedUntil, noMarketing: none === '1' };
}

function choicesForm(locale: Locale, action: string, prefs: Preferences, today: string): string {
  const t = PREFERENCES_COPY[locale];
  const topic = (k: Topic) =>
    `<label><input type="checkbox" name="topic" value="${k}"${prefs.topicsOff.includes(k) ? '' : ' checked'}><span>${escapeHtml(t.topics[k])}</span></label>`;
  const running = prefs.pausedUntil !== null && prefs.pausedUntil > today ? prefs.pausedUntil : null;
  // One radio group: choosing another pause replaces a running one.
  const radio = (value: string, label: string, checked: boolean) =>
    `<label><input type="radio" name="pause" value="${escapeHtml(value)}"${checked ? ' checked' : ''}><span>${escapeHtml(label)}</span></label>`;
  return `<form method="post" action="${escapeHtml(action)}"><fieldset><legend>${escapeHtml(t.topicsLegend)}</legend>${TOPICS.map(topic).join('')}</fieldset><fieldset><legend>${escapeHtml(t.pauseLegend)}</legend>${radio('0', t.noPause, running === null)}${
    running ? radio(running, t.pausedUntil(running), true) : ''
  }${PAUSE_DAYS.map((n) => radio(String(n), t.pause(n), false)).join('')}</fieldset><fieldset><legend>${escapeHtml(t.none)}</legend><label><input type="checkbox" name="none" value="1"${prefs.noMarketing ? ' checked' : ''}><span>${escapeHtml(t.none)}</span></label></fieldset><p class="muted">${escapeHtml(t.keep)}</p><button type="submit">${escapeHtml(t.save)}</button></form>`;
}

/** The undo: the replaced choices as hidden fields, one button that posts them back. */
function undoForm(locale: Locale, action: string, previous: Preferences, today: string): string {
  const t = PREFERENCES_COPY[locale];
  const hidden = (name: string, value: string) =>
    `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const running = previous.pausedUntil !== null && previous.pausedUntil > today ? previous.pausedUntil : null;
  return `<form method="post" action="${escapeHtml(action)}">${TOPICS.filter(
    (k) => !previous.topicsOff.includes(k),
  )
    .map((k) => hidden('topic', k))
    .join(
      '',
    )}${hidden('pause', running ?? '0')}${previous.noMarketing ? hidden('none', '1') : ''}<button type="submit" class="quiet">${escapeHtml(t.undo)}</button></form>`;
}

function askForm(locale: Locale, action: string): string {
  const t = PREFERENCES_COPY[locale];
  return `<form method="post" action="${escapeHtml(action)}"><p><label for="email" style="display:block;min-height:0;padding:0 0 4px">${escapeHtml(t.emailLabel)}</label><input type="email" id="email" name="email" autocomplete="email" required></p><button type="submit">${escapeHtml(t.send)}</button></form>`;
}

async function readForm(request: Request): Promise<URLSearchParams | undefined> {
  const text = await request.text().catch(() => '');
  if (text.length > MAX_BODY) return undefined;
  return new URLSearchParams(text);
}

export function createPreferencesHandler(deps: PreferencesDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST')
      return new Response(JSON.stringify({ error: `${method} is not allowed here: use GET or POST` }), {
        status: 405,
        headers: { allow: 'GET, HEAD, POST', 'content-type': 'application/json; charset=utf-8' },
      });
    const url = new URL(request.url);
    const action = `${url.pathname}${url.search}`;
    const address = url.searchParams.get('e') ?? url.searchParams.get('email') ?? '';
    const token = url.searchParams.get('t') ?? url.searchParams.get('token') ?? '';
    const headerLocale = localeFromHeader(request.headers.get('accept-language'));
    const today = dayAt((deps.now?.() ?? new Date()).getTime());
    const respond = (status: number, locale: Locale, title: string, body: string, context: PageContext) =>
      htmlResponse(status, method === 'HEAD' ? '' : page(locale, title, body, context));

    if (!address && !token) {
      // No link at hand: ask for one by email.
      const context = (await deps.contextFor?.(undefined)) ?? {};
      const locale = headerLocale ?? context.locale ?? 'en';
      const t = PREFERENCES_COPY[locale];
      if (method !== 'POST')
        return respond(
          200,
          locale,
          t.askTitle,
          `<h1>${escapeHtml(t.askTitle)}</h1><p>${escapeHtml(t.ask)}</p>${askForm(locale, url.pathname)}`,
          context,
        );
      const form = await readForm(request);
      const email = form?.get('email')?.trim() ?? '';
      if (!EMAIL.test(email) || email.length > 320)
        return respond(
          400,
          locale,
          t.askTitle,
          `<h1>${escapeHtml(t.askTitle)}</h1><p role="alert">${escapeHtml(t.badInput('email'))}</p>${askForm(locale, url.pathname)}`,
          context,
        );
      await deps.requestLink(email, url.origin, locale);
      return respond(
        200,
        locale,
        t.sentTitle,
        `<h1>${escapeHtml(t.sentTitle)}</h1><p>${escapeHtml(t.sent(email))}</p>`,
        context,
      );
    }

    if (!deps.secret)
      return new Response(
        JSON.stringify({ error: 'preference links cannot be verified: UNSUBSCRIBE_SECRET is not set' }),
        { status: 503, headers: { 'content-type': 'application/json; charset=utf-8' } },
      );
    if (!address || !token || !verifyUnsubscribeToken(address, token, deps.secret)) {
      const locale = headerLocale ?? 'en';
      const t = PREFERENCES_COPY[locale];
      return respond(
        403,
        locale,
        t.invalidTitle,
        `<h1>${escapeHtml(t.invalidTitle)}</h1><p>${escapeHtml(t.invalid)}</p>${askForm(locale, url.pathname)}`,
        {},
      );
    }
    const context = (await deps.contextFor?.(address)) ?? {};
    const locale = context.locale ?? headerLocale ?? 'en';
    const t = PREFERENCES_COPY[locale];
    const heading = `<h1>${escapeHtml(t.heading)}</h1><p>${escapeHtml(t.intro(address, context.shopName))}</p>`;
    if (method !== 'POST') {
      const current = await deps.read(address);
      return respond(
        200,
        locale,
        t.title,
        `${heading}${choicesForm(locale, action, current, today)}`,
        context,
      );
    }
    const form = await readForm(request);
    let chosen: Preferences;
    try {
      if (!form) throw new FormProblem('body');
      chosen = parseChoices(form, today);
    } catch (error) {
      if (!(error instanceof FormProblem)) throw error;
      const current = await deps.read(address);
      return respond(
        400,
        locale,
        t.title,
        `${heading}<p role="alert">${escapeHtml(t.badInput(error.field))}</p>${choicesForm(locale, action, current, today)}`,
        context,
      );
    }
    const previous = await deps.save(address, chosen);
    return respond(
      200,
      locale,
      t.savedTitle,
      `<h1>${escapeHtml(t.savedTitle)}</h1><p>${escapeHtml(t.saved(address))}</p>${choicesForm(locale, action, chosen, today)}${undoForm(locale, action, previous, today)}`,
      context,
    );
  };
}
