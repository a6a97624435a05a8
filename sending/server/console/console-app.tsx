import { operatorZone } from '../../plan/operator-clock';
import { testRecipientOf } from '../../plan/test-run';
import type { Sequencer } from '../../sequencer';
import { orderByKey, retryFailedStep } from '../../store/console-queries';
import type { ConfigLine } from '../configuration';
import { createAdminAuth } from './auth';
import {
  type Ctx,
  cancel,
  changeSuppression,
  formOf,
  login,
  order,
  orders,
  overview,
  page,
  preview,
  startTestSend,
  suppressions,
  testRun,
  testSends,
} from './console-pages';
import { html, Layout, redirect } from './layout';
import type { Clock } from './parts';
import { reportPage } from './report-page';

export type ConsoleOptions = Readonly<{
  /** ADMIN_PASSWORD. */
  password: string;
  sequencer: Sequencer;
  /** The store and the worker, as /healthz sees them. */
  /** `guardrail`: the complaint guardrail's one line (marketing held back, or a warning, or the rate). */
  health(): Promise<Readonly<{ store: boolean; backend: string; worker: string; guardrail?: string }>>;
  /** Which settings are set (names only) and what each missing one means. */
  configuration: readonly ConfigLine[];
  /** The operator's time zone (default: TZ, else the machine's). */
  zone?: string;
  /** Signs the unsubscribe links of the emails the order pages show. */
  unsubscribeSecret?: string;
  now?: () => Date;
}>;

export type ConsoleHandler = (request: Request) => Promise<Response>;

export function createConsole(options: ConsoleOptions): ConsoleHandler {
  const zone = options.zone ?? operatorZone(process.env);
  const ctx: Ctx = {
    options,
    sequencer: options.sequencer,
    zone,
    clock: (): Clock => ({ zone, now: options.now?.() ?? new Date() }),
    auth: createAdminAuth(options.password),
  };
  const { auth, sequencer } = ctx;

  return async (request) => {
    const url = new URL(request.url);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = request.method.toUpperCase();
    if (path === '/admin/login') return login(ctx, request);
    const session = auth.sessionOf(request);
    const reading = method === 'GET' || method === 'HEAD';
    const refreshing = reading && request.headers.get('x-console-refresh') === '1';
    if (!session) {
      if (reading) return redirect('/admin/login');
      return forbidden('Not signed in: nothing was changed.');
    }
    let form: FormData | undefined;
    if (!reading) {
      form = await formOf(request);
      const token = request.headers.get('x-csrf-token') ?? form?.get('csrf');
      if (!auth.csrfMatches(session, typeof token === 'string' ? token : undefined))
        return forbidden(
          'The form’s security token is missing or wrong: nothing was changed. Reload the page and try again.',
        );
    }
    let parts: string[];
    try {
      parts = path.split('/').slice(2).map(decodeURIComponent);
    } catch {
      return page(session, 'Not found', 'That address is not valid.', 404);
    }
    const [section = '', id, verb] = parts;
    const get = (handle: () => Promise<Response>) => (reading ? handle() : notAllowed('GET'));
    const post = (handle: (f: FormData) => Promise<Response>) =>
      method === 'POST' && form ? handle(form) : notAllowed('POST');

    if (section === 'logout')
      return post(async () => {
        auth.end(request);
        return redirect('/admin/login', { 'set-cookie': auth.clearedCookie(request) });
      });
    if (section === '' && id === undefined) return get(() => overview(ctx, session));
    if (section === 'orders' && id === undefined) return get(() => orders(ctx, session, url));
    if (section === 'orders' && id !== undefined && verb === undefined)
      return get(() => order(ctx, session, id));
    if (section === 'orders' && id !== undefined && verb === 'cancel')
      return post(() => cancel(ctx, session, { order: id }, `/admin/orders/${encodeURIComponent(id)}`));
    if (section === 'orders' && id !== undefined && verb === 'retry')
      return post(async (f) => {
        const { db } = await sequencer.store();
        const step = String(f.get('step') ?? '');
        const done = await retryFailedStep(db, id, step);
        session.flash = done
          ? 'The failed step is queued again: the worker sends it at its next pass.'
          : 'That step is not a failed step of this order: nothing was changed.';
        return redirect(`/admin/orders/${encodeURIComponent(id)}`);
      });
    if (section === 'test-sends' && id === undefined)
      return reading ? testSends(ctx, session) : post((f) => startTestSend(ctx, session, f));
    if (section === 'test-sends' && id !== undefined && verb === undefined)
      return get(() => testRun(ctx, session, id, refreshing));
    if (section === 'test-sends' && id !== undefined && verb === 'cancel')
      return post(async () => {
        const to = testRecipientOf(id);
        const { db } = await sequencer.store();
        const row = await orderByKey(db, id);
        if (!to || !row?.test_of)
          return page(session, 'No such test run', `No test run ${id} is in the store.`, 404);
        return cancel(
          ctx,
          session,
          { order: row.test_of, to },
          `/admin/test-sends/${encodeURIComponent(id)}`,
        );
      });
    if (section === 'suppressions' && id === undefined)
      return reading ? suppressions(ctx, session, url) : post((f) => changeSuppression(ctx, session, url, f));
    if (section === 'preview' && id === undefined) return get(() => preview(ctx, session, url));
    if (section === 'report' && id === undefined) return get(() => reportPage(sequencer, session, url));
    return page(session, 'Not found', `${path}: no such page.`, 404);
  };
}

function forbidden(message: string): Response {
  return html(
    <Layout title="Refused" page="login">
      <p>{message}</p>
      <p>
        <a href="/admin">Back to the console</a>
      </p>
    </Layout>,
    403,
  );
}

function notAllowed(allow: string): Response {
  return new Response(`use ${allow}`, { status: 405, headers: { allow, 'content-type': 'text/plain' } });
}
