/**
 * Layout in three engines: every email at 375px (a phone) and 600px (the design width), light and dark,
 * and once more without its `<style>` (what a client that drops it shows): no horizontal overflow, every
 * button at least 44px tall and inside the viewport, no text under 12px. The emails are served over
 * loopback HTTP as text/html (from file:// WebKit parses our XHTML doctype as XML) and laid out in an
 * iframe of the exact width, a viewport of its own for media queries, so every engine sees the same page.
 * Images become a generated placeholder (a data: URI); nothing reaches the network.
 */
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { MIN_BUTTON_PX, MIN_FONT_PX } from './a11y';
import { type Engine, EngineMissing, type EngineName, type EngineWindow, LAUNCHERS } from './engines';
import { placeholder, type Scheme, type Shot, shotFile } from './screenshots';
import { type EmailUnderCheck, type Finding, findingFor } from './types';

export const LAYOUT_WIDTHS = [375, 600] as const;

/** A way the email is shown: its theme, and whether its `<style>` is kept. */
export type Variant = Readonly<{ theme: Scheme; style: boolean }>;

/**
 * Light and dark with the `<style>`; without it once, in light: the dark rules live in the `<style>`, so a
 * client that drops it shows the light design whatever its theme.
 */
export const VARIANTS: readonly Variant[] = [
  { theme: 'light', style: true },
  { theme: 'dark', style: true },
  { theme: 'light', style: false },
];

const DARK_QUERY = /@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)/g;

/**
 * The email as the variant shows it. Dark: the email's own dark rules apply unconditionally (Firefox
 * through BiDi and WebKit through WebDriver cannot emulate `prefers-color-scheme`, so no engine does).
 * Images become the placeholder, and a web font's `@import` goes (the network is closed).
 */
export function variantHtml(html: string, variant: Variant): string {
  let out = variant.style ? html : html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '');
  if (variant.theme === 'dark') out = out.replace(DARK_QUERY, '@media all');
  return out
    .replace(/@import\s+url\([^)]*\)\s*;?/g, '')
    .replace(
      /(\ssrc=")(https?:\/\/[^"]+)"/g,
      (_, attr: string, url: string) => `${attr}${placeholderUri(url)}"`,
    );
}

const placeholders = new Map<string, string>();
/** The placeholder as a data: URI: no request to wait for. */
function placeholderUri(url: string): string {
  const decoded = url.replace(/&amp;/g, '&');
  let uri = placeholders.get(decoded);
  if (uri === undefined) {
    uri = `data:image/svg+xml;base64,${Buffer.from(placeholder(decoded)).toString('base64')}`;
    placeholders.set(decoded, uri);
  }
  return uri;
}

/**
 * Room above the iframe: WebKitGTK's screenshots come back with the top of the window (as tall as
 * MiniBrowser's toolbar) black, so the email starts below it.
 */
const HOST_TOP = 200;

/** The host page: the email in an iframe exactly `width` wide. */
function hostPage(id: string, width: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}iframe{border:0;display:block;margin-top:${HOST_TOP}px;width:${width}px;height:800px}</style></head><body><iframe id="email" src="/email/${id}" width="${width}" height="800"></iframe></body></html>`;
}

/** The loopback server the engines load from: the host page and the email. */
export type PageServer = Readonly<{
  origin: string;
  /** Serves `html` under a new id; returns the host page's URL for `width`. */
  publish: (html: string, width: number) => string;
  close: () => Promise<void>;
}>;

export async function openPageServer(): Promise<PageServer> {
  const pages = new Map<string, { html: string; width: number }>();
  let next = 0;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const [, kind, id = ''] = url.pathname.split('/');
    const page = pages.get(id);
    const send = (type: string, body: string) => {
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (kind === 'host' && page) return send('text/html; charset=utf-8', hostPage(id, page.width));
    if (kind === 'email' && page) return send('text/html; charset=utf-8', page.html);
    response.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    publish: (html, width) => {
      const id = String(next++);
      pages.set(id, { html, width });
      // Only the latest few stay: an engine loads a page right after it is published.
      pages.delete(String(next - 20));
      return `${origin}/host/${id}`;
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

type Spot = { selector: string; text: string; detail: string };
export type Measurement = Readonly<{
  viewport: number;
  scrollWidth: number;
  height: number;
  overflowing: Spot[];
  smallText: Spot[];
  shortButtons: Spot[];
  outsideButtons: Spot[];
}>;

/**
 * Runs in the host page (a string: a bundler's helpers must not leak into the browser). Grows the iframe
 * to the email's height (no vertical scrollbar eats into the width), then measures inside it.
 */
export function measureScript(width: number): string {
  return `(() => {
  const W = ${width}, MIN_FONT = ${MIN_FONT_PX}, MIN_BUTTON = ${MIN_BUTTON_PX};
  const frame = document.getElementById('email');
  const doc = frame.contentDocument, win = frame.contentWindow;
  // No scrollbars: they would take width from the viewport; scrollWidth still tells an overflow.
  doc.documentElement.style.overflow = 'hidden';
  frame.style.height = Math.ceil(doc.documentElement.scrollHeight) + 'px';
  const ident = ['id', 'href', 'src', 'alt'];
  const seg = (el) => el.tagName.toLowerCase() + [...el.classList].map((c) => '.' + c).join('');
  const selectorOf = (el) => {
    const parts = [];
    for (let n = el; n && n.nodeType === 1 && parts.length < 4; n = n.parentElement) parts.unshift(seg(n));
    const attr = ident.find((a) => el.hasAttribute(a));
    const value = attr ? el.getAttribute(attr) : '';
    return '… > ' + parts.join(' > ') + (attr ? '[' + attr + '="' + (value.length > 60 ? value.slice(0, 57) + '…' : value) + '"]' : '');
  };
  const textOf = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
  const visible = (el) => {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const s = win.getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    return [...el.getClientRects()].some((r) => r.width > 0 && r.height > 0);
  };
  const spot = (el, detail) => ({ selector: selectorOf(el), text: textOf(el), detail: String(detail) });
  const viewport = doc.documentElement.clientWidth;
  const scrollWidth = Math.max(doc.documentElement.scrollWidth, doc.body ? doc.body.scrollWidth : 0);
  const all = [...doc.body.querySelectorAll('*')].filter(visible);
  const out = (el) => { const r = el.getBoundingClientRect(); return r.right > viewport + 0.5 || r.left < -0.5; };
  const overflowing = all.filter((el) => out(el) && ![...el.children].some((c) => out(c) && visible(c)))
    .slice(0, 3).map((el) => spot(el, Math.round(el.getBoundingClientRect().right)));
  const smallText = [];
  for (const el of all) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!own) continue;
    const size = parseFloat(win.getComputedStyle(el).fontSize);
    if (size < MIN_FONT) smallText.push(spot(el, size));
  }
  const shortButtons = [], outsideButtons = [];
  for (const el of doc.querySelectorAll('a, [role=button]')) {
    if (!visible(el)) continue;
    const s = win.getComputedStyle(el);
    const painted = s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== 'transparent';
    const boxed = s.display !== 'inline' && (painted || parseFloat(s.borderTopWidth) > 0);
    if (!(el.matches('.pp-button, .pp-button-quiet, [role=button]') || boxed)) continue;
    const r = el.getBoundingClientRect();
    if (r.height < MIN_BUTTON - 0.01) shortButtons.push(spot(el, r.height.toFixed(1)));
    if (r.left < -0.5 || r.right > viewport + 0.5) outsideButtons.push(spot(el, Math.round(r.left) + '–' + Math.round(r.right)));
  }
  return { viewport, scrollWidth, height: Math.ceil(doc.documentElement.scrollHeight), overflowing, smallText, shortButtons, outsideButtons };
})()`;
}

const ENGINE_LABEL: Record<EngineName, string> = {
  chromium: 'Chromium',
  firefox: 'Firefox',
  webkit: 'WebKit',
};

/** Where and how: `Firefox · 375px · dark` (and `· no <style>`). */
export function variantLabel(engine: EngineName, width: number, variant: Variant): string {
  return `${ENGINE_LABEL[engine]} · ${width}px · ${variant.theme}${variant.style ? '' : ' · no <style>'}`;
}

/** The findings one measurement gives: each names engine, width, theme and the email. */
export function layoutFindings(
  email: EmailUnderCheck,
  engine: EngineName,
  width: number,
  variant: Variant,
  m: Measurement,
): Finding[] {
  const at = { engine, width, theme: variant.theme, style: variant.style };
  const label = variantLabel(engine, width, variant);
  const findings: Finding[] = [];
  const quoted = (s: Spot) => `${s.selector}${s.text ? ` ("${s.text}")` : ''}`;
  if (m.viewport !== width)
    findings.push(
      findingFor(email, 'layout', {
        rule: 'viewport',
        message: `${label}: the viewport is ${m.viewport}px, not ${width}px (the engine could not be sized)`,
        where: 'document',
        ...at,
      }),
    );
  if (m.scrollWidth > m.viewport)
    findings.push(
      findingFor(email, 'layout', {
        rule: 'horizontal-overflow',
        message: `${label}: the email is ${m.scrollWidth}px wide in a ${m.viewport}px viewport (it scrolls sideways)`,
        where: m.overflowing.map(quoted).join('; ') || 'document',
        ...at,
      }),
    );
  for (const s of m.shortButtons)
    findings.push(
      findingFor(email, 'layout', {
        rule: 'min-button-height',
        message: `${label}: button is ${s.detail}px tall: tap targets need at least ${MIN_BUTTON_PX}px`,
        where: quoted(s),
        ...at,
      }),
    );
  for (const s of m.outsideButtons)
    findings.push(
      findingFor(email, 'layout', {
        rule: 'button-outside-viewport',
        message: `${label}: button spans ${s.detail}px, outside the ${m.viewport}px viewport`,
        where: quoted(s),
        ...at,
      }),
    );
  for (const s of m.smallText)
    findings.push(
      findingFor(email, 'layout', {
        rule: 'min-font-size',
        message: `${label}: text is ${s.detail}px: nothing below ${MIN_FONT_PX}px`,
        where: quoted(s),
        ...at,
      }),
    );
  return findings;
}

const sizes = new WeakMap<EngineWindow, string>();
/** Resizes only when the size changes: a resize costs a relayout, and WebKit's a round trip to the window. */
async function resize(window: EngineWindow, width: number, height: number): Promise<void> {
  const size = `${width}x${height}`;
  if (sizes.get(window) === size) return;
  await window.resize(width, height);
  sizes.set(window, size);
}

/** Lays one email out in one window at one width, in every variant; photographs light and dark when asked. */
export async function layOut(
  window: EngineWindow,
  server: PageServer,
  engine: EngineName,
  email: EmailUnderCheck,
  width: number,
  shots?: { dir: string },
): Promise<{ findings: Finding[]; shots: Shot[] }> {
  const findings: Finding[] = [];
  const taken: Shot[] = [];
  for (const variant of VARIANTS) {
    await resize(window, width, 800);
    await window.goto(server.publish(variantHtml(email.html, variant), width));
    const m = await window.evaluate<Measurement>(measureScript(width));
    findings.push(...layoutFindings(email, engine, width, variant, m));
    if (shots && variant.style) {
      // Tall enough for the whole email: element screenshots stop at the window's edge in some engines.
      // WebKitGTK's captures of a tall window come back shifted (black at one edge): this sizing keeps the
      // top whole; the last rows of a WebKit shot may still be black. The layout checks read the DOM, not pixels.
      await resize(window, width, HOST_TOP + m.height + (engine === 'webkit' ? 160 : 0));
      // WebKit paints the newly exposed part of a grown window a frame later.
      if (engine === 'webkit') await new Promise((resolve) => setTimeout(resolve, 150));
      const file = shotFile(email, width, variant.theme, engine);
      await writeFile(join(shots.dir, file), await window.screenshot('#email'));
      taken.push({ engine, width, scheme: variant.theme, file });
    }
  }
  return { findings, shots: taken };
}

export type LayoutJob = Readonly<{ email: EmailUnderCheck; shoot: boolean }>;

export type LayoutOptions = Readonly<{
  engines: readonly EngineName[];
  /** Where screenshots go; none: no screenshots. */
  screenshotDir?: string;
  /** A missing engine fails the run (CI); else it is a warning. */
  requireEngines?: boolean;
  onProgress?: (done: number, total: number, label: string) => void;
  launchers?: Partial<Record<EngineName, () => Promise<Engine>>>;
}>;

export type LayoutResult = Readonly<{
  /** By email, in the jobs' order. */
  findings: Map<EmailUnderCheck, Finding[]>;
  shots: Map<EmailUnderCheck, Shot[]>;
  /** Engines that could not run, as findings of no single email. */
  general: Finding[];
  versions: Partial<Record<EngineName, string>>;
}>;

const NO_EMAIL: EmailUnderCheck = {
  template: '*',
  locale: '*',
  state: '*',
  kind: 'transactional',
  html: '',
  headers: {},
};

/** Every job in every engine, one engine after another, each with at most two windows. */
export async function runLayout(jobs: readonly LayoutJob[], options: LayoutOptions): Promise<LayoutResult> {
  const findings = new Map<EmailUnderCheck, Finding[]>(jobs.map((j) => [j.email, []]));
  const shots = new Map<EmailUnderCheck, Shot[]>(jobs.map((j) => [j.email, []]));
  const general: Finding[] = [];
  const versions: Partial<Record<EngineName, string>> = {};
  const server = await openPageServer();
  const tasks = jobs.flatMap((job) => LAYOUT_WIDTHS.map((width) => ({ job, width })));
  const total = tasks.length * options.engines.length;
  let done = 0;
  try {
    for (const name of options.engines) {
      let engine: Engine;
      try {
        engine = await (options.launchers?.[name] ?? LAUNCHERS[name])();
      } catch (error) {
        const missing = error instanceof EngineMissing;
        general.push(
          findingFor(NO_EMAIL, 'layout', {
            severity: missing && !options.requireEngines ? 'warning' : 'error',
            rule: missing ? 'engine-missing' : 'engine-failed',
            message: missing
              ? `${error.message}; its layout checks did not run${options.requireEngines ? ' (CI=true: a failure)' : ''}`
              : `${ENGINE_LABEL[name]} did not start: ${(error as Error).message}`,
            where: 'environment',
            engine: name,
          }),
        );
        done += tasks.length;
        continue;
      }
      versions[name] = engine.version;
      try {
        const windows = await Promise.all(
          Array.from({ length: Math.min(2, engine.maxWindows, tasks.length) }, () => engine.openWindow()),
        );
        let next = 0;
        await Promise.all(
          windows.map(async (window) => {
            while (next < tasks.length) {
              const { job, width } = tasks[next++] as (typeof tasks)[number];
              try {
                const out = await layOut(
                  window,
                  server,
                  name,
                  job.email,
                  width,
                  job.shoot && options.screenshotDir ? { dir: options.screenshotDir } : undefined,
                );
                findings.get(job.email)?.push(...out.findings);
                shots.get(job.email)?.push(...out.shots);
              } catch (error) {
                findings.get(job.email)?.push(
                  findingFor(job.email, 'layout', {
                    rule: 'crashed',
                    message: `${ENGINE_LABEL[name]} · ${width}px: the layout check could not run: ${(error as Error).message}`,
                    where: 'document',
                    engine: name,
                    width,
                  }),
                );
              }
              options.onProgress?.(
                ++done,
                total,
                `${name} ${width}px ${job.email.template} · ${job.email.locale}`,
              );
            }
          }),
        );
        await Promise.all(windows.map((w) => w.close()));
      } finally {
        await engine.close();
      }
    }
  } finally {
    await server.close();
  }
  return { findings, shots, general, versions };
}
