/**
 * What a developer using react-email directly runs: our templates, `render()` and `toPlainText()`
 * imported from the `react-email` package itself (its whole barrel). Bundled by the benchmark with
 * react-email left external, for the cold-start comparison.
 */
import { createElement, type FunctionComponent } from 'react';
import { render } from 'react-email';
import { type TemplateId, templates } from '../emails';
import { toText } from '../render/plain-text';

export async function renderWithReactEmail(
  id: TemplateId,
  document: Record<string, unknown>,
  locale: string,
) {
  const component = templates[id].component as unknown as FunctionComponent<Record<string, unknown>>;
  const html = await render(createElement(component, { ...document, locale }));
  return { html, text: toText(html) };
}
