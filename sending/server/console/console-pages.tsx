/**
 * The console's pages and actions, one function each: read the store through the sequencer and render a page, or
 * change something and redirect (the message for the next page kept in the session). console-app.tsx routes here.
 */
import { LOCALES } from '../../../core/locales';
import { SUBJECT_VARIANTS } from '../../../core/template';
import { type Registry, registry, TEMPLATE_IDS } from '../../../emails';

/** A stored step or a query names its template as a string: rendered by that id, an unknown one throws. */
const anyTemplate: Registry = registry;

import { sampleBrands } from '../../../emails/_samples/brands';
import { cancelLines } from '../../engine/cancel';
import { testRecipientOf, testRunKey } from '../../plan/test-run';
import type { Sequencer } from '../../sequencer';
import { countsBetween, failures, orderByKey, queue, searchOrders } from '../../store/console-queries';
import type { StepRow } from '../../store/schema';
import { suppressionAudit } from '../../store/suppression-audit';
import { listTestRuns, stepsOfKey, testRunKeysOf } from '../../store/test-runs';
import { CLIENT_ADDRESS_HEADER } from '../http-node';
import type { AdminAuth, Session } from './auth';
import type { ConsoleOptions } from './console-app';
import { html, Layout, redirect } from './layout';
import { LoginPage } from './login-page';
import { OrderPage, OrdersPage, type RenderedStep } from './orders-pages';
import { OverviewPage } from './overview-page';
import type { Clock } from './parts';
import { PreviewPage, type PreviewQuery } from './preview-page';
import { SuppressionsPage } from './suppressions-page';
import { readTestSendForm, SAMPLE_NAMES } from './test-send-form';
import {
  EMPTY_FORM,
  type FieldProblems,
  TestRunPage,
  TestSendsPage,
  type TestSendValues,
} from './test-send-pages';

/** What every page and action needs: the options, the sequencer, the operator's clock, the door. */
export type Ctx = Readonly<{
  options: ConsoleOptions;
  sequencer: Sequencer;
  zone: string;
  clock(): Clock;
  auth: AdminAuth;
}>;

const BRANDS = Object.keys(sampleBrands);

export const page = (session: Session, title: string, body: string, status: number) =>
  html(
    <Layout title={title} page="overview" csrf={session.csrf}>
      <p>{body}</p>
      <p>
        <a href="/admin">Back to the overview</a>
      </p>
    </Layout>,
    status,
  );

/** The message for this page, once: a progress page's own refresh (its script) leaves it for the page itself. */
export const takeFlash = (session: Session, refreshing = false) => {
  const flash = session.flash;
  if (!refreshing) session.flash = undefined;
  return flash;
};

export async function login(ctx: Ctx, request: Request): Promise<Response> {
  const { auth } = ctx;
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (auth.sessionOf(request)) return redirect('/admin');
    return html(<LoginPage />);
  }
  const address = request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
  if (!auth.mayTry(address))
    return html(
      <LoginPage problem="Too many wrong passwords from this address: wait a minute, then try again." />,
      429,
      {
        'retry-after': '60',
      },
    );
  const form = await formOf(request);
  const given = form?.get('password');
  if (typeof given !== 'string' || !auth.passwordMatches(given)) {
    auth.failed(address);
    return html(<LoginPage problem="That password is not right." />, 401);
  }
  const session = auth.start();
  return redirect('/admin', { 'set-cookie': auth.cookieFor(session, request) });
}

export async function overview(ctx: Ctx, session: Session): Promise<Response> {
  const { sequencer, zone, clock, options } = ctx;
  const c = clock();
  const dayStart = startOfDay(c.now, zone);
  const [health, today, waiting, failed] = await Promise.all([
    options.health(),
    sequencer.store().then((s) => countsBetween(s.db, dayStart, new Date(dayStart.getTime() + 86_400_000))),
    sequencer.store().then((s) => queue(s.db, c.now)),
    sequencer.store().then((s) => failures(s.db)),
  ]);
  return html(
    <OverviewPage
      data={{ health, configuration: options.configuration, today, queue: waiting, failures: failed }}
      csrf={session.csrf}
      clock={c}
    />,
  );
}

export async function orders(ctx: Ctx, session: Session, url: URL): Promise<Response> {
  const { sequencer, clock } = ctx;
  const q = url.searchParams.get('q') ?? '';
  const { db } = await sequencer.store();
  return html(<OrdersPage q={q} orders={await searchOrders(db, q)} csrf={session.csrf} clock={clock()} />);
}

export async function order(ctx: Ctx, session: Session, id: string): Promise<Response> {
  const { sequencer, clock } = ctx;
  const { db } = await sequencer.store();
  const row = await orderByKey(db, id);
  if (!row || row.test_of !== null)
    return page(session, 'No such order', `No live order ${id} is in the store.`, 404);
  const steps = await Promise.all((await stepsOfKey(db, id)).map((r) => withEmail(ctx, r, row.document)));
  const runs = (await testRunKeysOf(db, id)).map((key) => ({ key, to: testRecipientOf(key) ?? '' }));
  const flash = takeFlash(session);
  return html(
    <OrderPage
      data={{ order: row, steps, runs, ...(flash ? { flash } : {}) }}
      csrf={session.csrf}
      clock={clock()}
    />,
  );
}

async function withEmail(ctx: Ctx, row: StepRow, document: unknown): Promise<RenderedStep> {
  const { options } = ctx;
  const stored = row.payload as { html?: string; text?: string; subject?: string } | null;
  if (stored?.html && stored.text !== undefined && stored.subject !== undefined)
    return { row, email: { html: stored.html, text: stored.text, subject: stored.subject } };
  if (row.state === 'skipped' && !row.subject) return { row };
  try {
    const variant = (SUBJECT_VARIANTS as readonly string[]).includes(row.variant ?? '')
      ? row.variant
      : undefined;
    const email = await anyTemplate.renderEmail(row.template, document, {
      recipient: row.recipient,
      unsubscribeSecret: options.unsubscribeSecret ?? 'console-preview',
      ...(variant ? { subjectVariant: variant as (typeof SUBJECT_VARIANTS)[number] } : {}),
    });
    return { row, email: { html: email.html, text: email.text, subject: email.subject } };
  } catch {
    return { row };
  }
}

export async function testSends(
  ctx: Ctx,
  session: Session,
  values: TestSendValues = EMPTY_FORM,
  problems: FieldProblems = {},
  status = 200,
): Promise<Response> {
  const { sequencer, clock } = ctx;
  const { db } = await sequencer.store();
  return html(
    <TestSendsPage
      values={{ ...values, sample: values.sample || SAMPLE_NAMES[0] || '' }}
      problems={problems}
      choices={{ samples: SAMPLE_NAMES, brands: BRANDS, locales: LOCALES }}
      runs={await listTestRuns(db)}
      csrf={session.csrf}
      clock={clock()}
    />,
    status,
  );
}

export async function startTestSend(ctx: Ctx, session: Session, form: FormData): Promise<Response> {
  const { sequencer } = ctx;
  const read = await readTestSendForm(form);
  if (!read.ok) return testSends(ctx, session, read.values, read.problems, 400);
  const { document, to, compressMs, sequence } = read.request;
  try {
    // Each step is released when it comes due (window 0), so the progress page shows it go, and a cancel stops
    // everything still to go.
    await sequencer.enqueue(document, {
      to,
      compressMs,
      releaseWindowMs: 0,
      ...(sequence ? { sequence } : {}),
    });
  } catch (error) {
    return testSends(
      ctx,
      session,
      read.values,
      { document: [(error as Error).message.split('\n')[0] ?? 'refused'] },
      400,
    );
  }
  return redirect(`/admin/test-sends/${encodeURIComponent(testRunKey(document.order.id, to))}`);
}

export async function testRun(
  ctx: Ctx,
  session: Session,
  key: string,
  refreshing: boolean,
): Promise<Response> {
  const { sequencer, clock } = ctx;
  const { db } = await sequencer.store();
  const row = await orderByKey(db, key);
  if (!row?.test_of || !row.test_to)
    return page(session, 'No such test run', `No test run ${key} is in the store.`, 404);
  const { steps } = await sequencer.status({ run: key });
  const flash = takeFlash(session, refreshing);
  return html(
    <TestRunPage
      run={{ key, order: row.test_of, to: row.test_to }}
      steps={steps}
      {...(flash ? { flash } : {})}
      csrf={session.csrf}
      clock={clock()}
    />,
  );
}

export async function cancel(
  ctx: Ctx,
  session: Session,
  target: { order: string; to?: string },
  back: string,
): Promise<Response> {
  const { sequencer, zone, clock } = ctx;
  const c = clock();
  const result = await sequencer.cancel(target, { now: c.now });
  session.flash = cancelLines(result, zone, c.now).filter(Boolean).join('\n');
  return redirect(back);
}

export async function suppressions(
  ctx: Ctx,
  session: Session,
  url: URL,
  problems: readonly string[] = [],
  status = 200,
): Promise<Response> {
  const { sequencer, clock } = ctx;
  const q = (url.searchParams.get('q') ?? '').trim().toLowerCase();
  const { db } = await sequencer.store();
  const list = (await sequencer.suppressions()).filter((s) => !q || s.email.includes(q));
  const audit = await suppressionAudit(db, q ? { email: q } : {});
  const flash = takeFlash(session);
  return html(
    <SuppressionsPage
      q={q}
      list={list}
      audit={audit}
      problems={problems}
      {...(flash ? { flash } : {})}
      csrf={session.csrf}
      clock={clock()}
    />,
    status,
  );
}

export async function changeSuppression(
  ctx: Ctx,
  session: Session,
  url: URL,
  form: FormData,
): Promise<Response> {
  const { sequencer } = ctx;
  const action = form.get('action');
  const email = String(form.get('email') ?? '')
    .trim()
    .toLowerCase();
  const reason = String(form.get('reason') ?? '').trim();
  const problems: string[] = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push('email: expected an email address');
  if (!reason) problems.push('reason: required (the audit keeps it)');
  const scope = form.get('scope') ?? 'all';
  if (action === 'add' && scope !== 'all' && scope !== 'marketing')
    problems.push('scope: expected all or marketing');
  if (action !== 'add' && action !== 'remove') problems.push('action: expected add or remove');
  if (problems.length) return suppressions(ctx, session, url, problems, 400);
  if (action === 'add') {
    await sequencer.suppress(email, {
      scope: scope as 'all' | 'marketing',
      reason,
      source: 'console',
      actor: 'console',
    });
    session.flash = `${email} suppressed (${scope === 'all' ? 'every email' : 'marketing'}).`;
  } else {
    const removed = await sequencer.unsuppress(email, { reason, actor: 'console' });
    session.flash = removed ? `${email} is no longer suppressed.` : `${email} was not suppressed.`;
  }
  return redirect('/admin/suppressions');
}

export async function preview(_ctx: Ctx, session: Session, url: URL): Promise<Response> {
  const p = url.searchParams;
  const query: PreviewQuery = {
    template: p.get('template') || TEMPLATE_IDS[0] || '',
    locale: p.get('locale') ?? '',
    brand: p.get('brand') ?? '',
    variant: p.get('variant') || 'a',
    sample: p.get('sample') || SAMPLE_NAMES[0] || '',
  };
  const problems: string[] = [];
  if (!(TEMPLATE_IDS as readonly string[]).includes(query.template))
    problems.push(`template: expected one of ${TEMPLATE_IDS.join(', ')}`);
  if (query.locale && !(LOCALES as readonly string[]).includes(query.locale))
    problems.push(`locale: expected one of ${LOCALES.join(', ')}`);
  if (query.brand && !BRANDS.includes(query.brand))
    problems.push(`brand: expected one of ${BRANDS.join(', ')}`);
  if (!(SUBJECT_VARIANTS as readonly string[]).includes(query.variant))
    problems.push(`variant: expected one of ${SUBJECT_VARIANTS.join(', ')}`);
  if (!(SAMPLE_NAMES as readonly string[]).includes(query.sample))
    problems.push(`sample: expected one of ${SAMPLE_NAMES.join(', ')}`);
  let email: { html: string; text: string; subject: string } | undefined;
  if (problems.length === 0) {
    const form = new FormData();
    form.set('sample', query.sample);
    form.set('to', 'preview@example.com');
    form.set('brand', query.brand);
    form.set('locale', query.locale);
    const read = await readTestSendForm(form);
    if (read.ok)
      try {
        const rendered = await anyTemplate.renderEmail(query.template, read.request.document, {
          unsubscribeSecret: 'console-preview',
          subjectVariant: query.variant as (typeof SUBJECT_VARIANTS)[number],
        });
        email = { html: rendered.html, text: rendered.text, subject: rendered.subject };
      } catch (error) {
        problems.push((error as Error).message.split('\n').slice(0, 3).join(' '));
      }
  }
  const choices = {
    templates: TEMPLATE_IDS,
    locales: LOCALES,
    brands: BRANDS,
    variants: SUBJECT_VARIANTS,
    samples: SAMPLE_NAMES,
  };
  return html(
    <PreviewPage
      query={query}
      choices={choices}
      problems={problems}
      {...(email ? { email } : {})}
      csrf={session.csrf}
    />,
    problems.length ? 400 : 200,
  );
}

export async function formOf(request: Request): Promise<FormData | undefined> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return undefined;
  try {
    return await request.formData();
  } catch {
    return undefined;
  }
}

/** Midnight today on the operator's clock. */
function startOfDay(now: Date, zone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const sinceMidnight =
    (Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)) * 1000 +
    now.getMilliseconds();
  return new Date(now.getTime() - sinceMidnight);
}
