import manifest from './assets/images/manifest.json';

/**
 * The sample documents' pictures live on hosts that do not exist (shop.example.com…);
 * `stories/sample-image-art.ts` (`npx tsx scripts/make-sample-images.ts`) draws a stand-in for each and lists them in the manifest.
 * Storybook serves that folder as a static directory at `sample-images/` (`.storybook/main.ts`).
 */
const files: Readonly<Record<string, string>> = manifest;

export const SAMPLE_IMAGES_PATH = 'sample-images';

/** The static file standing in for a sample picture, or undefined for any other URL. */
export function localImage(url: string, baseUrl: string): string | undefined {
  const file = files[url];
  return file === undefined ? undefined : new URL(`${SAMPLE_IMAGES_PATH}/${file}`, baseUrl).href;
}

/**
 * Points every sample picture in an email at its static stand-in. Only the preview copy is
 * rewritten: the email that renderEmail() returns keeps its https URLs.
 */
export function withLocalImages(html: string, baseUrl: string): string {
  return rewriteSampleImages(html, (url) => localImage(url, baseUrl));
}

/** The same for files on disk (the demo outbox): each stand-in as a path relative to the email, under `folder`. */
export function withImagesIn(html: string, folder: string): string {
  return rewriteSampleImages(html, (url) => {
    const file = files[url];
    return file === undefined ? undefined : `${folder}/${file}`;
  });
}

function rewriteSampleImages(html: string, replacement: (url: string) => string | undefined): string {
  return html.replace(
    /(<img\b[^>]*?\bsrc=")([^"]+)(")/gi,
    (whole, before: string, src: string, after: string) => {
      const local = replacement(decodeEntities(src));
      return local === undefined ? whole : `${before}${local}${after}`;
    },
  );
}

/** React escapes `&` in attributes; the manifest holds the URLs as written. */
function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** Every URL that has a stand-in (for tests and the fixtures). */
export const SAMPLE_IMAGE_URLS: readonly string[] = Object.keys(files);
