/** The console's page shell: a skip link, the header with the navigation and sign-out, the main landmark. */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CONSOLE_CSS } from './styles';

export type Page = 'overview' | 'orders' | 'test-sends' | 'suppressions' | 'preview' | 'login';

const NAV: readonly (readonly [Page, string, string])[] = [
  ['overview', '/admin', 'Overview'],
  ['orders', '/admin/orders', 'Orders'],
  ['test-sends', '/admin/test-sends', 'Test sends'],
  ['suppressions', '/admin/suppressions', 'Suppressions'],
  ['preview', '/admin/preview', 'Preview'],
];

export type LayoutProps = Readonly<{
  title: string;
  page: Page;
  /** The session's CSRF token (absent on the login page). */
  csrf?: string;
  /** `<meta http-equiv=refresh>` seconds: the progress page refreshes itself while a run goes. */
  refreshSeconds?: number;
  children: ReactNode;
}>;

export function Layout({ title, page, csrf, refreshSeconds, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refreshSeconds ? <meta httpEquiv="refresh" content={String(refreshSeconds)} /> : null}
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
      // No script but the browser's own; frames only of our own srcdoc; forms post only here.
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...headers,
    },
  });
}

export function redirect(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', ...headers } });
}
