/**
 * The shell of the pages a customer opens from an email (unsubscribe, preferences): the shop's logo and brand
 * colours in light and dark, taken from the same palettes the emails wear (components/theme.ts derives them at
 * AA contrast), or the default look for an address the store does not know.
 */

import { fontStacks, themeFor } from '../../components/theme';
import type { Brand } from '../../core/brand';
import { escapeHtml } from '../../core/html';
import type { Locale } from '../../core/locales';

/** What a page knows of the shop and the customer (from the address's latest order), all optional. */
export type PageContext = Readonly<{
  locale?: Locale;
  shopName?: string;
  logoUrl?: string;
  logoDarkUrl?: string;
  brand?: Brand;
}>;

export { escapeHtml } from '../../core/html';

function css(brand: Brand | undefined): string {
  const { light: c, dark: d } = themeFor(brand);
  return `
:root{color-scheme:light dark}
body{margin:0;padding:48px 16px;background:${c.canvas};color:${c.text};font:16px/1.5 ${fontStacks.sans}}
main{max-width:480px;margin:0 auto;background:${c.surface};padding:32px 24px;border-radius:8px}
.logo{display:block;margin:0 0 24px;max-height:48px;width:auto}
.logo-dark{display:none}
h1{font-size:24px;line-height:32px;margin:0 0 16px}
h2{font-size:18px;line-height:24px;margin:24px 0 8px}
p{margin:0 0 16px}
a{color:${c.link}}
fieldset{border:0;margin:0 0 16px;padding:0}
legend{font-weight:700;margin:0 0 8px;padding:0}
label{display:flex;gap:8px;align-items:flex-start;min-height:44px;padding:10px 0;box-sizing:border-box}
input[type=email]{font:inherit;width:100%;box-sizing:border-box;min-height:44px;padding:8px 12px;border:1px solid ${c.muted};border-radius:6px;background:${c.surface};color:${c.text}}
input[type=checkbox],input[type=radio]{width:20px;height:20px;margin:2px 0 0;accent-color:${c.buttonBorder}}
.muted{color:${c.muted};font-size:14px;line-height:20px}
button{font:inherit;font-weight:700;min-height:44px;padding:10px 24px;border:2px solid ${c.buttonBorder};border-radius:6px;background:${c.accent};color:${c.accentText};cursor:pointer}
button.quiet{background:transparent;color:${c.link};border-color:${c.link}}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid ${c.text};outline-offset:2px}
@media (prefers-color-scheme: dark){
body{background:${d.canvas};color:${d.text}}
main{background:${d.surface}}
a{color:${d.link}}
.logo-light.has-dark{display:none}
.logo-dark{display:block}
input[type=email]{border-color:${d.muted};background:${d.surface};color:${d.text}}
input[type=checkbox],input[type=radio]{accent-color:${d.buttonBorder}}
.muted{color:${d.muted}}
button{background:${d.accent};color:${d.accentText};border-color:${d.buttonBorder}}
button.quiet{background:transparent;color:${d.link};border-color:${d.link}}
button:focus-visible,input:focus-visible,a:focus-visible{outline-color:${d.text}}
}`
    .replace(/\n/g, '')
    .trim();
}

function logo(context: PageContext): string {
  if (!context.logoUrl) return '';
  const alt = escapeHtml(context.shopName ?? '');
  const dark = context.logoDarkUrl;
  return `<img class="logo logo-light${dark ? ' has-dark' : ''}" src="${escapeHtml(context.logoUrl)}" alt="${alt}" height="48">${
    dark ? `<img class="logo logo-dark" src="${escapeHtml(dark)}" alt="${alt}" height="48">` : ''
  }`;
}

export function page(locale: Locale, title: string, body: string, context: PageContext = {}): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${css(context.brand)}</style></head><body><main>${logo(context)}${body}</main></body></html>`;
}

export function htmlResponse(status: number, html: string): Response {
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src https:; form-action 'self'; frame-ancestors 'none'",
    },
  });
}

/** The page context from an order document as the store keeps it (unknown shape: read defensively). */
export function contextOfDocument(document: unknown, isLocale: (v: string) => v is Locale): PageContext {
  const doc = document as
    | {
        customer?: { locale?: unknown };
        shop?: { name?: unknown; logoUrl?: unknown; logoDarkUrl?: unknown; brand?: unknown };
      }
    | undefined;
  const locale = doc?.customer?.locale;
  const shop = doc?.shop;
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const shopName = str(shop?.name);
  const logoUrl = str(shop?.logoUrl);
  const logoDarkUrl = str(shop?.logoDarkUrl);
  return {
    ...(typeof locale === 'string' && isLocale(locale) ? { locale } : {}),
    ...(shopName ? { shopName } : {}),
    ...(logoUrl ? { logoUrl } : {}),
    ...(logoDarkUrl ? { logoDarkUrl } : {}),
    ...(shop?.brand && typeof shop.brand === 'object' ? { brand: shop.brand as Brand } : {}),
  };
}
