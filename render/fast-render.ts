import type { ReactElement } from 'react';
import { plainTextOf } from './plain-text-tree';
import { renderStatic, UnsupportedNodeError } from './static-render';

/** Which renderer `renderEmail` uses: the static renderer (default) or react-email's `render()` + html-to-text. */
export type RendererName = 'fast' | 'reference';
export const RENDERERS: readonly RendererName[] = ['fast', 'reference'];

export type RenderedMarkup = {
  html: string;
  text: string;
  /** Set when the fast path handed over to the reference renderer, and why. */
  fallback?: string;
};

const reference = () => import('./reference-render');

/** react-email's `render()` and `toText()`: the HTML and text a developer gets by hand. */
export async function renderWithReference(element: ReactElement): Promise<RenderedMarkup> {
  return (await reference()).renderReference(element);
}

/** Called when the static renderer hands an email (or its plain text) to react-email, with the reason. */
export type FallbackHandler = (reason: string) => void;

const warned = new Set<string>();
const MAX_WARNINGS = 20;

/** Without a handler, each distinct reason is said once on the console: a slow path must not be silent. */
function warnOnce(reason: string): void {
  if (warned.has(reason) || warned.size >= MAX_WARNINGS) return;
  warned.add(reason);
  console.warn(
    `post-purchase-emails: renderEmail() took react-email's slower path (${reason}). ` +
      'Pass { onFallback } to renderEmail() to handle this yourself; this warning is shown once per reason.',
  );
}

/**
 * The static renderer: the same document as `render()` (byte for byte for every template in the
 * registry — `tests/render/fast-render.test.ts`) and the same plain text as `toText()`, built from the
 * element tree without React's streaming renderer or an HTML parse. A tree it does not support
 * is rendered by react-email instead — as is one that throws, so an error reaches the caller exactly
 * as `render()` throws it — and `onFallback` hears why (without one, a console warning, once per
 * reason). A body it cannot turn into text directly is converted from the HTML by html-to-text.
 */
export async function renderWithStaticRenderer(
  element: ReactElement,
  onFallback: FallbackHandler = warnOnce,
): Promise<RenderedMarkup> {
  let result: ReturnType<typeof renderStatic>;
  try {
    result = renderStatic(element);
  } catch (error) {
    const markup = await renderWithReference(element);
    // Only a tree react-email renders is a fallback; an error of the template's own reaches the caller above.
    const reason =
      error instanceof UnsupportedNodeError ? error.message : `the static renderer threw: ${String(error)}`;
    onFallback(reason);
    return { ...markup, fallback: reason };
  }
  if ('unsupported' in result.body) {
    const { toText } = await reference();
    const reason = `plain text from the HTML: ${result.body.unsupported}`;
    onFallback(reason);
    return { html: result.html, text: toText(result.html), fallback: reason };
  }
  return { html: result.html, text: plainTextOf(result.body) };
}
