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
import { type Engine, EngineMissing, type EngineName, type EngineWindow, LAUNCHERS } from './engines';
import { ENGINE_LABEL, layoutFindings, type Measurement, measureScript } from './layout-measure';
import { placeholder, type Scheme, type Shot, shotFile } from './screenshots';
import { type EmailUnderCheck, type Finding, findingFor, NO_EMAIL } from './types';

export { layoutFindings, type Measurement, measureScript, variantLabel } from './layout-measure';

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
