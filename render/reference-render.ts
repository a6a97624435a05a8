import type { ReactElement } from 'react';
import { render } from 'react-email';
import { toText } from './plain-text';

/**
 * The reference path: react-email's own `render()` and our html-to-text converter, exactly as a
 * developer gets them by hand. Loaded on demand (`import()`), so the fast path never pays for
 * react-dom/server, html-to-text and their parsers.
 */
export async function renderReference(element: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: toText(html) };
}

export { toText };
