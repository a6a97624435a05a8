import { type ReactElement, useEffect, useRef, useState } from 'react';
import { expect, waitFor } from 'storybook/test';
import type { Locale } from '../components/i18n';
import type { RenderOptions } from '../core/template';
import { registry as builtIn, type Registry } from '../emails';
import { renderBlock } from './block-document';
import { chosenLocale, type View, withChosenBrand } from './globals';
import { type Outcome, PreviewPane, type Rendered } from './preview-pane';

/** What a story hands the frame: the order document plus the render options (CONTRACT.md). */
export type EmailArgs = RenderOptions & { readonly [field: string]: unknown };

/** The key marketing templates sign their unsubscribe links with in previews. Never a real secret. */
export const PREVIEW_SECRET = 'storybook-preview-secret';

/** Runs `load` whenever `key` changes; a slower, older render never overwrites a newer one. */
function useRendered(load: () => Promise<Rendered>, key: string): Outcome {
  const [outcome, setOutcome] = useState<Outcome>({ state: 'rendering' });
  const loadRef = useRef(load);
  loadRef.current = load;
  // `key` names everything `load` reads.
  useEffect(() => {
    let current = true;
    setOutcome({ state: 'rendering' });
    loadRef.current().then(
      (rendered) => current && setOutcome({ state: 'ready', rendered }),
      (error: unknown) =>
        current &&
        setOutcome({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return outcome;
}

export type EmailFrameProps = Readonly<{
  template: string;
  args: EmailArgs;
  view: View;
  /** Where the template comes from: the built-ins, or a registry with a shop's own (`createRegistry`). */
  registry?: Registry;
}>;

/**
 * What the recipient gets from one template: the real `renderEmail()` runs in the browser on the
 * story's args (the order document plus locale), and the frame shows subject, preheader, kind,
 * HTML size, the HTML in an iframe at the toolbar's width and theme, and the plain text.
 */
export function EmailFrame({ template, args, view, registry = builtIn }: EmailFrameProps) {
  const { locale, unsubscribeSecret, recipient, subjectVariant, ...document } = args;
  // The toolbar's Brand, when one is picked, dresses the story's document in it.
  const orderDocument = withChosenBrand(document, view);
  const options: RenderOptions = {
    locale: chosenLocale(view, locale),
    unsubscribeSecret: unsubscribeSecret ?? PREVIEW_SECRET,
    recipient,
    ...(subjectVariant === undefined ? {} : { subjectVariant }),
  };
  const outcome = useRendered(
    () => registry.renderEmail(template, orderDocument, options),
    JSON.stringify([template, orderDocument, options]),
  );
  return <PreviewPane outcome={outcome} view={view} label={template} />;
}

export type BlockFrameProps = Readonly<{
  /** The block, rendered alone inside a bare email document (or, for the layout, as the document). */
  children: ReactElement;
  /** A stable description of the block's props, so the preview re-renders when they change. */
  inputKey: string;
  view: View;
  locale: Locale;
  label: string;
  /** True when `children` is itself a whole email (`<EmailLayout>`). */
  isDocument?: boolean;
}>;

/** One block from `components/`, rendered by react-email as it appears in an email. */
export function BlockFrame({ children, inputKey, view, locale, label, isDocument = false }: BlockFrameProps) {
  const outcome = useRendered(
    () => renderBlock(children, view, locale, isDocument),
    JSON.stringify([label, inputKey, locale, view.brand]),
  );
  return <PreviewPane outcome={outcome} view={view} label={label} />;
}

/**
 * Waits (in a story's `play`) until the email has rendered and loaded into its iframe, and fails
 * the story with the renderer's own message when it threw. Every email story uses it, so the
 * Vitest run proves that each one renders.
 */
export async function expectRendered(canvasElement: HTMLElement): Promise<void> {
  const frames = () => [...canvasElement.querySelectorAll<HTMLElement>('[data-email-frame]')];
  await waitFor(
    () => {
      if (frames().length === 0) throw new Error('no email frame in the story');
      for (const frame of frames()) {
        const state = frame.dataset.state;
        if (state !== 'ready' && state !== 'error') throw new Error(`email frame is still ${state}`);
      }
    },
    { timeout: 20_000 },
  );
  for (const frame of frames()) {
    const error = frame.querySelector('[data-render-error]');
    if (error) throw new RenderFailed(error.textContent ?? 'render failed');
    await expect(frame.dataset.state).toBe('ready');
  }
}

class RenderFailed extends Error {
  override name = 'RenderFailed';
}
