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

/**
 * The static renderer: the same document as `render()` (byte for byte for every template in the
 * registry — `tests/fast-render.test.ts`) and the same plain text as `toText()`, built from the
 * element tree without React's streaming renderer or an HTML parse. A tree it does not support
 * is rendered by react-email instead — as is one that throws (a component calling a hook finds no
 * dispatcher here), so an error reaches the caller exactly as `render()` throws it. A body it cannot
 * turn into text directly is converted from the HTML by html-to-text.
 */
export async function renderWithStaticRenderer(element: ReactElement): Promise<RenderedMarkup> {
  let result: ReturnType<typeof renderStatic>;
  try {
    result = renderStatic(element);
  } catch (error) {
    const reason =
      error instanceof UnsupportedNodeError ? error.message : `the static renderer threw: ${String(error)}`;
    return { ...(await renderWithReference(element)), fallback: reason };
  }
  if ('unsupported' in result.body) {
    const { toText } = await reference();
    return {
      html: result.html,
      text: toText(result.html),
      fallback: `plain text from the HTML: ${result.body.unsupported}`,
    };
  }
  return { html: result.html, text: plainTextOf(result.body) };
}
