/**
 * Draws the sample documents' logos and product pictures as small SVG files under
 * `stories/assets/images/<host>/<path>.svg`, plus `manifest.json` mapping each https URL to its file.
 *
 * The sample documents point at hosts that do not exist (shop.example.com, northwind.example.com,
 * shop.example.cn); Storybook's email frame (and anything else that previews offline) swaps those
 * URLs for these files. The pictures are drawn here from simple shapes, so there is no doubt about
 * who owns them. `npx tsx scripts/make-sample-images.ts` runs it after an image URL is added to a sample;
 * the output is deterministic, so an unchanged sample leaves the files untouched.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = join(root, 'emails', '_samples');
const outDir = join(root, 'stories', 'assets', 'images');

/** Keys whose values are pictures (links to pages are not). */
const IMAGE_KEYS = new Set(['logoUrl', 'logoDarkUrl', 'imageUrl', 'videoThumbnailUrl']);

/** What a picture is for decides its shape: a logo, a square product shot, a 16:9 step photo or video still. */
type Use = 'logo' | 'logo-dark' | 'product' | 'step' | 'video';

type Found = { url: string; use: Use; shopName: string; label: string };

function useOf(key: string, path: readonly string[]): Use {
  if (key === 'logoUrl') return 'logo';
  if (key === 'logoDarkUrl') return 'logo-dark';
  if (key === 'videoThumbnailUrl') return 'video';
  return path.includes('steps') ? 'step' : 'product';
}

function collect(
  value: unknown,
  shopName: string,
  label: string,
  path: readonly string[],
  out: Map<string, Found>,
): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, shopName, label, path, out);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const name =
    typeof record.name === 'string' ? record.name : typeof record.title === 'string' ? record.title : label;
  for (const [key, child] of Object.entries(record)) {
    if (IMAGE_KEYS.has(key) && typeof child === 'string' && child.startsWith('https://')) {
      if (!out.has(child)) out.set(child, { url: child, use: useOf(key, path), shopName, label: name });
    } else collect(child, shopName, name, [...path, key], out);
  }
}

/** `https://shop.example.com/i/tea.jpg` → `shop.example.com/i/tea.svg`. */
export function fileFor(url: string): string {
  const { host, pathname } = new URL(url);
  const path = pathname.replace(/^\/+/, '').replace(/\.[a-z0-9]+$/i, '') || 'index';
  return `${host}/${path.replace(/[^a-zA-Z0-9/_-]/g, '_')}.svg`;
}

const palettes: Record<string, { bg: string; fg: string; accent: string }> = {
  'shop.example.com': { bg: '#e7efe3', fg: '#2f5d3a', accent: '#a3c293' },
  'northwind.example.com': { bg: '#e3e9ef', fg: '#2b4257', accent: '#d9822b' },
  'shop.example.cn': { bg: '#e2efeb', fg: '#3b6e63', accent: '#9cc9bd' },
};
const fallbackPalette = { bg: '#eeeeee', fg: '#444444', accent: '#bbbbbb' };

/** One outline per kind of product, on a 128 × 128 canvas. */
const shapes: [RegExp, (fg: string, accent: string) => string][] = [
  [
    /teapot|pot/,
    (fg, a) =>
      `<ellipse cx="60" cy="76" rx="34" ry="26" fill="${fg}"/><path d="M93 70 l20 -14 l-4 10 l-14 14z" fill="${fg}"/><path d="M27 64 q-16 8 0 26" stroke="${fg}" stroke-width="6" fill="none"/><rect x="46" y="44" width="28" height="8" rx="4" fill="${a}"/><circle cx="60" cy="40" r="5" fill="${fg}"/>`,
  ],
  [
    /cup|mug/,
    (fg, a) =>
      `<path d="M32 44 h52 v34 a18 18 0 0 1 -18 18 h-16 a18 18 0 0 1 -18 -18z" fill="${fg}"/><path d="M84 54 h8 a10 10 0 0 1 0 20 h-8" stroke="${fg}" stroke-width="6" fill="none"/><rect x="32" y="44" width="52" height="8" fill="${a}"/>`,
  ],
  [
    /bowl/,
    (fg, a) =>
      `<path d="M22 58 h84 a42 38 0 0 1 -84 0z" fill="${fg}"/><rect x="50" y="94" width="28" height="8" rx="3" fill="${fg}"/><path d="M30 66 h68" stroke="${a}" stroke-width="4"/>`,
  ],
  [
    /vase/,
    (fg, a) =>
      `<path d="M54 20 h20 v10 q22 16 20 44 q-2 26 -18 36 h-24 q-16 -10 -18 -36 q-2 -28 20 -44z" fill="${fg}"/><path d="M42 70 q22 10 44 0" stroke="${a}" stroke-width="4" fill="none"/>`,
  ],
  [
    /bottle/,
    (fg, a) =>
      `<rect x="50" y="14" width="28" height="14" rx="4" fill="${a}"/><rect x="42" y="28" width="44" height="86" rx="14" fill="${fg}"/><rect x="42" y="60" width="44" height="18" fill="${a}"/>`,
  ],
  [
    /pack|bag/,
    (fg, a) =>
      `<rect x="32" y="30" width="64" height="80" rx="18" fill="${fg}"/><path d="M48 30 v-8 a16 16 0 0 1 32 0 v8" stroke="${fg}" stroke-width="6" fill="none"/><rect x="44" y="70" width="40" height="28" rx="8" fill="${a}"/>`,
  ],
  [
    /sock/,
    (fg, a) =>
      `<path d="M46 16 h30 v58 l22 14 a14 14 0 0 1 -14 24 l-34 -18 a10 10 0 0 1 -4 -8z" fill="${fg}"/><rect x="46" y="16" width="30" height="12" fill="${a}"/>`,
  ],
  [
    /cap|hat/,
    (fg, a) =>
      `<path d="M26 78 a38 38 0 0 1 76 0z" fill="${fg}"/><path d="M60 78 h52 a6 6 0 0 1 0 12 h-52z" fill="${fg}"/><circle cx="64" cy="40" r="5" fill="${a}"/>`,
  ],
  [
    /lantern|lamp/,
    (fg, a) =>
      `<path d="M50 26 a14 14 0 0 1 28 0" stroke="${fg}" stroke-width="5" fill="none"/><rect x="42" y="30" width="44" height="12" rx="3" fill="${fg}"/><rect x="46" y="42" width="36" height="54" fill="${a}"/><rect x="42" y="96" width="44" height="12" rx="3" fill="${fg}"/><circle cx="64" cy="68" r="10" fill="#fff7d6"/>`,
  ],
  [
    /tray/,
    (fg, a) =>
      `<path d="M16 70 l18 -24 h60 l18 24 z" fill="${fg}"/><rect x="16" y="70" width="96" height="10" fill="${a}"/>`,
  ],
  [
    /whisk/,
    (fg, a) =>
      `<rect x="58" y="14" width="12" height="40" rx="4" fill="${fg}"/><path d="M64 54 q-30 30 -16 58 M64 54 q-14 30 -6 58 M64 54 q0 30 0 58 M64 54 q14 30 6 58 M64 54 q30 30 16 58" stroke="${fg}" stroke-width="3" fill="none"/><rect x="56" y="50" width="16" height="8" rx="3" fill="${a}"/>`,
  ],
  [
    /tea/,
    (fg, a) =>
      `<rect x="34" y="36" width="60" height="74" rx="6" fill="${fg}"/><rect x="30" y="28" width="68" height="14" rx="4" fill="${a}"/><path d="M64 56 q20 10 0 36 q-20 -26 0 -36z" fill="${a}"/>`,
  ],
];

function productSvg(found: Found, host: string): string {
  const p = palettes[host] ?? fallbackPalette;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">',
    `<rect width="128" height="128" rx="12" fill="${p.bg}"/>`,
    shapeFor(found)(p.fg, p.accent),
    '</svg>',
  ].join('');
}

function shapeFor(found: Found): (fg: string, accent: string) => string {
  const haystack = `${new URL(found.url).pathname} ${found.label}`.toLowerCase();
  return (
    shapes.find(([re]) => re.test(haystack))?.[1] ??
    ((fg, a) =>
      `<rect x="34" y="34" width="60" height="60" rx="8" fill="${fg}"/><path d="M34 54 h60" stroke="${a}" stroke-width="6"/>`)
  );
}

/** A 16:9 scene: the product on a table, for a step photo; with a play button for a video still. */
function wideSvg(found: Found, host: string, video: boolean): string {
  const p = palettes[host] ?? fallbackPalette;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">',
    `<rect width="640" height="360" fill="${p.bg}"/>`,
    `<rect y="250" width="640" height="110" fill="${p.accent}" opacity="0.6"/>`,
    `<g transform="translate(224 90) scale(1.5)">${shapeFor(found)(p.fg, p.accent)}</g>`,
    video
      ? '<circle cx="320" cy="180" r="56" fill="#000000" opacity="0.55"/><path d="M302 148 L350 180 L302 212 z" fill="#ffffff"/>'
      : '',
    '</svg>',
  ].join('');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A font size that fits the name in the 228 px beside the mark (CJK glyphs are about twice as wide). */
function nameSize(name: string): number {
  const ems = [...name].reduce(
    (sum, ch) => sum + (/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af]/.test(ch) ? 1 : 0.6),
    0,
  );
  return Math.max(12, Math.min(28, Math.floor(228 / Math.max(ems, 1))));
}

function logoSvg(found: Found, host: string, dark: boolean): string {
  const p = palettes[host] ?? fallbackPalette;
  const ink = dark ? '#f4f4f5' : p.fg;
  const initial = [...found.shopName][0] ?? '•';
  const font =
    "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, 'Apple SD Gothic Neo', 'Noto Sans KR', 'PingFang SC', 'Noto Sans SC', 'Noto Sans CJK SC', sans-serif";
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="80" viewBox="0 0 320 80">',
    `<circle cx="40" cy="40" r="30" fill="${dark ? p.accent : p.fg}"/>`,
    `<text x="40" y="51" text-anchor="middle" font-family="${escapeXml(font)}" font-size="30" font-weight="700" fill="${dark ? '#111111' : '#ffffff'}">${escapeXml(initial)}</text>`,
    `<text x="84" y="50" font-family="${escapeXml(font)}" font-size="${nameSize(found.shopName)}" font-weight="700" fill="${ink}">${escapeXml(found.shopName)}</text>`,
    '</svg>',
  ].join('');
}

/** Redraws every picture the samples name and the manifest; returns how many and where. */
export function drawSampleImages(): { count: number; dir: string } {
  const found = new Map<string, Found>();
  for (const file of readdirSync(samplesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const doc = JSON.parse(readFileSync(join(samplesDir, file), 'utf8')) as { shop?: { name?: string } };
    collect(doc, doc.shop?.name ?? 'Shop', 'product', [], found);
  }
  rmSync(outDir, { recursive: true, force: true });
  const manifest: Record<string, string> = {};
  for (const item of [...found.values()].sort((a, b) => a.url.localeCompare(b.url))) {
    const file = fileFor(item.url);
    const host = new URL(item.url).host;
    const svg =
      item.use === 'logo' || item.use === 'logo-dark'
        ? logoSvg(item, host, item.use === 'logo-dark')
        : item.use === 'product'
          ? productSvg(item, host)
          : wideSvg(item, host, item.use === 'video');
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file), `${svg}\n`);
    manifest[item.url] = file;
  }
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { count: Object.keys(manifest).length, dir: relative(root, outDir) };
}
