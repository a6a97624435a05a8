/**
 * Screenshots for a designer: each email in each engine at 375px (a phone) and 600px (the design width),
 * light and dark, full height, into artifacts/screenshots/, with a contact sheet (index.html) to scan
 * them all. The layout check (quality/layout.ts) takes them as it lays the emails out; nothing touches
 * the network: images get a generated placeholder.
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml } from '../core/html';
import type { EmailUnderCheck, EngineId } from './types';

export const SCREENSHOT_DIR = 'artifacts/screenshots';
export const WIDTHS = [375, 600] as const;
export const SCHEMES = ['light', 'dark'] as const;
export type Scheme = (typeof SCHEMES)[number];

export type Shot = Readonly<{ engine: EngineId; width: number; scheme: Scheme; file: string }>;
export type ShotSet = Readonly<{ email: EmailUnderCheck; subject: string; shots: Shot[] }>;

/** A grey box naming the image it stands in for, at whatever size the email asks. */
export function placeholder(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'image');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320"><rect width="320" height="320" fill="#d4d4d8"/><path d="M0 320L110 190l60 70 40-40 110 100z" fill="#a1a1aa"/><circle cx="230" cy="90" r="34" fill="#a1a1aa"/><text x="160" y="40" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#3f3f46">${escapeHtml(name)}</text></svg>`;
}

const safe = (part: string) => part.replace(/[^A-Za-z0-9_-]+/g, '_');

export function shotFile(email: EmailUnderCheck, width: number, scheme: Scheme, engine: EngineId): string {
  return `${safe(email.template)}.${safe(email.locale)}.${safe(email.state)}.${width}.${scheme}.${engine}.png`;
}

/** Removes the screenshots and contact sheet a previous run left for these templates (and only those files). */
export async function clearScreenshots(templates: readonly string[], dir = SCREENSHOT_DIR): Promise<void> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return;
  }
  const prefixes = templates.map((t) => `${safe(t)}.`);
  await Promise.all(
    files
      .filter((f) => f === 'index.html' || (f.endsWith('.png') && prefixes.some((p) => f.startsWith(p))))
      .map((f) => rm(join(dir, f))),
  );
}

/** The contact sheet: one section per template, one row per locale and state, light and dark side by side. */
export async function writeContactSheet(sets: readonly ShotSet[], dir = SCREENSHOT_DIR): Promise<string> {
  const byTemplate = new Map<string, ShotSet[]>();
  for (const set of sets)
    byTemplate.set(set.email.template, [...(byTemplate.get(set.email.template) ?? []), set]);
  const columns = WIDTHS.flatMap((width) => SCHEMES.map((scheme) => ({ width, scheme })));
  const sections = [...byTemplate.entries()].map(([template, rows]) => {
    const body = rows
      .flatMap((set) =>
        [...new Set(set.shots.map((s) => s.engine))].map((engine) => {
          const cells = columns
            .map(({ width, scheme }) => {
              const shot = set.shots.find(
                (s) => s.engine === engine && s.width === width && s.scheme === scheme,
              );
              if (!shot) return '<td></td>';
              const file = escapeHtml(shot.file);
              return `<td class="${scheme}"><a href="${file}"><img src="${file}" alt="${escapeHtml(`${template} ${set.email.locale} ${engine} ${width}px ${scheme}`)}" loading="lazy" style="width:${Math.round(width / 2)}px"></a></td>`;
            })
            .join('');
          return `<tr><th scope="row"><b>${escapeHtml(set.email.locale)}</b> · ${escapeHtml(engine)}<br><small>${escapeHtml(set.email.state)}</small><br><span class="subject">${escapeHtml(set.subject)}</span></th>${cells}</tr>`;
        }),
      )
      .join('\n');
    const kind = rows[0]?.email.kind ?? '';
    return `<section id="${escapeHtml(template)}"><h2>${escapeHtml(template)} <small>${escapeHtml(kind)}</small></h2>
<table><thead><tr><th></th>${columns.map((c) => `<th>${c.width}px · ${c.scheme}</th>`).join('')}</tr></thead><tbody>
${body}
</tbody></table></section>`;
  });
  const nav = [...byTemplate.keys()]
    .map((t) => `<a href="#${escapeHtml(t)}">${escapeHtml(t)}</a>`)
    .join(' · ');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Email screenshots</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#18181b;background:#fafafa}
nav{margin-bottom:16px}h2{margin:32px 0 8px}h2 small{font-weight:400;color:#52525b}
table{border-collapse:collapse}th,td{vertical-align:top;padding:8px;text-align:left}
thead th{position:sticky;top:0;background:#fafafa;font-weight:600}
th[scope=row]{width:180px;font-weight:400}.subject{color:#52525b}
td.dark{background:#27272a}img{display:block;border:1px solid #d4d4d8;height:auto}
</style></head><body>
<h1>Email screenshots</h1>
<p>${sets.length} emails × ${[...new Set(sets.flatMap((s) => s.shots.map((shot) => shot.engine)))].join(', ')} × ${WIDTHS.join(' and ')}px × light and dark (the email's own dark rules). Images are placeholders (the check never fetches them). Click a shot for full size.</p>
<nav>${nav}</nav>
${sections.join('\n')}
</body></html>
`;
  const path = join(dir, 'index.html');
  await writeFile(path, html);
  return path;
}
