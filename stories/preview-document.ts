import type { Theme } from './globals';
import { withLocalImages } from './sample-images';

/**
 * The copy of an email that the frame puts in its `<iframe srcDoc>`. It differs from what the
 * recipient gets in three ways only, all for the reviewer's sake:
 * - sample pictures point at Storybook's static stand-ins (the real HTML keeps its https URLs);
 * - `prefers-color-scheme` is pinned to the chosen theme, whatever the reviewer's own OS says;
 * - links open in a new tab instead of replacing the preview.
 */
export function previewDocument(html: string, theme: Theme, baseUrl: string): string {
  const dark = theme === 'dark';
  const pinned = withLocalImages(html, baseUrl).replace(
    /\(\s*prefers-color-scheme\s*:\s*(dark|light)\s*\)/gi,
    (_, scheme: string) => ((scheme.toLowerCase() === 'dark') === dark ? ALWAYS : NEVER),
  );
  const extra = [
    '<base target="_blank">',
    `<style data-storybook-preview>:root{color-scheme:${dark ? 'dark' : 'light'}}${theme === 'inverted' ? REINVERT_IMAGES : ''}</style>`,
  ].join('');
  return pinned.includes('</head>') ? pinned.replace('</head>', `${extra}</head>`) : `${extra}${pinned}`;
}

/** Media features that always / never match in a browser window, so the rule keeps its shape. */
const ALWAYS = '(min-width: 0px)';
const NEVER = '(max-width: 0px)';

/**
 * Gmail's Android and iOS apps ignore an email's dark rules and invert its colours themselves
 * (photos are left alone). The frame approximates that with `filter: invert(1) hue-rotate(180deg)`
 * on the whole iframe, and the same filter again on every image to turn them back. The real apps
 * invert only light backgrounds and dark text, so colours come out close, not identical; see
 * https://www.litmus.com/blog/the-ultimate-guide-to-dark-mode-for-email-marketers
 */
export const INVERSION_FILTER = 'invert(1) hue-rotate(180deg)';
const REINVERT_IMAGES = `img{filter:${INVERSION_FILTER}}`;

/** Bytes of UTF-8, as a mail server counts them. */
export function byteSize(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Gmail clips a message whose HTML passes about 102 KB; half that is the budget we warn at. */
export const SIZE_WARN_KB = 51;
export const SIZE_CLIP_KB = 102;

export type SizeLevel = 'ok' | 'warn' | 'clip';

export function sizeLevel(bytes: number): SizeLevel {
  const kb = bytes / 1024;
  return kb > SIZE_CLIP_KB ? 'clip' : kb > SIZE_WARN_KB ? 'warn' : 'ok';
}
