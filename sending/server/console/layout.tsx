/** The console's page shell: a skip link, the header with the navigation and sign-out, the main landmark. */
import { createHash } from 'node:crypto';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CONSOLE_CSS } from './styles';

export type Page = 'overview' | 'orders' | 'test-sends' | 'suppressions' | 'preview' | 'report' | 'login';

const NAV: readonly (readonly [Page, string, string])[] = [
  ['overview', '/admin', 'Overview'],
  ['orders', '/admin/orders', 'Orders'],
  ['test-sends', '/admin/test-sends', 'Test sends'],
  ['suppressions', '/admin/suppressions', 'Suppressions'],
  ['preview', '/admin/preview', 'Preview'],
  ['report', '/admin/report', 'Report'],
];

export type LayoutProps = Readonly<{
  title: string;
  page: Page;
  /** The session's CSRF token (absent on the login page). */
  csrf?: string;
  /**
   * The progress page while a run goes: every 3 s a tiny script fetches the page again and swaps in the parts
   * marked `data-live` (the focus stays where it is, which a whole-page refresh would lose; axe also refuses
   * `<meta http-equiv=refresh>`). It stops once the page comes back without them.
   */
  live?: boolean;
  children: ReactNode;
}>;

/** The only script the console has, allowed by its hash in the Content-Security-Policy. */
export const LIVE_SCRIPT = `const timer = setInterval(async () => {
  const res = await fetch(location.href, { credentials: 'same-origin', headers: { 'x-console-refresh': '1' } }).catch(() => undefined);
  if (!res || !res.ok) return;
  const next = new DOMParser().parseFromString(await res.text(), 'text/html');
  for (const part of document.querySelectorAll('[data-live]')) {
    const fresh = next.getElementById(part.id);
    if (fresh) part.replaceWith(fresh);
  }
  if (!next.querySelector('script')) clearInterval(timer);
}, 3000);`;
const LIVE_HASH = `'sha256-${createHash('sha256').update(LIVE_SCRIPT).digest('base64')}'`;

export function Layout({ title, page, csrf, live, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Post-purchase emails`}</title>
        <style>{CONSOLE_CSS}</style>
      </head>
      <body>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="top">
          <a className="brand" href="/admin">
            Post-purchase emails
          </a>
          {csrf ? (
            <>
              <nav aria-label="Console">
                <ul>
                  {NAV.map(([id, href, label]) => (
                    <li key={id}>
                      <a href={href} {...(id === page ? { 'aria-current': 'page' as const } : {})}>
                        {label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              <form method="post" action="/admin/logout" className="inline">
                <input type="hidden" name="csrf" value={csrf} />
                <button type="submit" className="quiet">
                  Sign out
                </button>
              </form>
            </>
          ) : null}
        </header>
        <main id="main">
          <h1>{title}</h1>
          {children}
        </main>
        {/* Our own constant, allowed by its hash in the Content-Security-Policy. */}
        {live ? <script dangerouslySetInnerHTML={{ __html: LIVE_SCRIPT }} /> : null}
      </body>
    </html>
  );
}

/** A hidden CSRF field for a state-changing form. */
export function Csrf({ token }: Readonly<{ token: string }>) {
  return <input type="hidden" name="csrf" value={token} />;
}

export function html(element: ReactNode, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(`<!doctype html>${renderToStaticMarkup(element)}`, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // No script but the progress page's own (by its hash); frames only of our own srcdoc; forms post only here.
      'content-security-policy': `default-src 'none'; script-src ${LIVE_HASH}; connect-src 'self'; style-src 'unsafe-inline'; img-src https: data:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...headers,
    },
  });
}

export function redirect(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', ...headers } });
}
