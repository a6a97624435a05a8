/**
 * The alternative the field would reach for: the same templates rendered by preact-render-to-string
 * through `preact/compat`, and the plain text by html-to-text's compiled converter with our options.
 * Bundled by the benchmark (bench/preact.ts) with `react` and `react-dom` aliased to `preact/compat`
 * — the only way to run React components on Preact — so react-email's components run on Preact too.
 */
import { compile } from 'html-to-text';
import { renderToString } from 'preact-render-to-string';
import { createElement } from 'react';
import { plainTextSelectors } from 'react-email';
import type { DocumentPart } from '../core/order-document';
import { type RenderOptions, resolveLocale, type TemplateProps, validateFor } from '../core/template';
import { getTemplate, type TemplateId } from '../emails';
import { textOptions, tidyText } from '../render/plain-text';

const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

const convert = compile({
  wordwrap: false,
  ...textOptions,
  selectors: [...plainTextSelectors, ...(textOptions.selectors ?? [])],
});

const TITLE = /<title>[\s\S]*?<\/title>/;
const HEAD_METAS = /<head>(?:<meta\b[^>]*>)*/;

/**
 * React 19 hoists a `<title>` rendered in the body (react-email's `<Preview>` writes one) into `<head>`,
 * after the head's `<meta>`s; Preact writes it where it stands, which a client would show as text.
 */
function hoistTitle(html: string): string {
  const title = TITLE.exec(html);
  if (title === null) return html;
  const rest = html.slice(0, title.index) + html.slice(title.index + title[0].length);
  return rest.replace(HEAD_METAS, (head) => head + title[0]);
}

/** The HTML alone: react-email's doctype in front of Preact's markup (the HTML step). */
export function renderHtmlWithPreact(id: TemplateId, props: TemplateProps<DocumentPart>): string {
  // preact/compat's createElement returns a Preact vnode, which its renderToString takes as it is.
  const vnode = createElement(getTemplate(id).component, props) as unknown as Parameters<
    typeof renderToString
  >[0];
  return XHTML_DOCTYPE + hoistTitle(renderToString(vnode));
}

/** `renderEmail()` on Preact: validate once, subject, HTML and text. */
export function renderEmailWithPreact(id: TemplateId, document: unknown, options: RenderOptions) {
  const template = getTemplate(id);
  const doc = validateFor(template, document);
  const locale = resolveLocale(options.locale, doc);
  const html = renderHtmlWithPreact(id, { ...doc, ...options, locale });
  return { subject: template.subject(doc, locale), html, text: tidyText(convert(html)) };
}
