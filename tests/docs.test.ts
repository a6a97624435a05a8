import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The README is a front page over the manual in docs/, and a clone has everything they link to: no link leaves
 * the repository except to the public web.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function markdownFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => join('docs', file));
  return ['README.md', 'CHANGELOG.md', ...docs.sort()];
}

/** Fenced code blocks and inline code hold examples, not links. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Every link and image target: inline `[text](target)`, reference definitions `[x]: target`, HTML href/src. */
export function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const targets: string[] = [];
  for (const m of text.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
    targets.push(m[1] as string);
  for (const m of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm))
    targets.push(m[1] as string);
  for (const m of text.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g)) targets.push(m[1] as string);
  return targets;
}

const isWeb = (target: string) => /^https?:\/\/[^/\s]+/i.test(target);

/** Why a link fails, or undefined when it resolves to a file of the repository (or is a web address). */
export function linkProblem(file: string, target: string): string | undefined {
  if (isWeb(target)) return undefined;
  if (target.startsWith('#')) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return 'not an http(s) URL nor a path in the repository';
  if (target.startsWith('/')) return 'an absolute path: a clone has no such file';
  const path = decodeURIComponent(target.replace(/[?#].*$/, ''));
  const absolute = resolve(ROOT, dirname(file), path);
  const inside = relative(ROOT, absolute);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || resolve(absolute) !== absolute)
    return 'points outside the repository';
  if (!existsSync(absolute)) return 'no such file in the repository';
  if (!statSync(absolute).isFile()) return 'a folder, not a file';
  return undefined;
}

describe('README and docs/', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('keeps the README a front page of at most 150 lines', () => {
    const lines = readme.replace(/\n$/, '').split('\n').length;
    expect(lines).toBeLessThanOrEqual(150);
  });

  it("keeps CI's test command in the README's quick start", () => {
    const quickStart = /^## Quick start\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
    const code = [...quickStart.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]).join('\n');
    expect(code).toMatch(/^npm ci && npm test(\s|$)/m);
    expect(code).toMatch(/^npm ci && npm run demo(\s|$)/m);
  });

  it('keeps the README screenshot', () => {
    expect(linkTargets(readme)).toContain('stories/assets/readme-ko-dark-mobile.png');
  });

  it('has the manual the README points each reader to, with an index that links every page', () => {
    const index = readFileSync(join(ROOT, 'docs/README.md'), 'utf8');
    const linked = new Set(linkTargets(index).map((target) => target.replace(/[?#].*$/, '')));
    const pages = readdirSync(join(ROOT, 'docs')).filter(
      (file) => file.endsWith('.md') && file !== 'README.md',
    );
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });

  it('resolves every relative link to a file in the repository, and links nowhere else but the web', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const file of markdownFiles()) {
      const markdown = readFileSync(join(ROOT, file), 'utf8');
      if (/\.\.\/shared\b/.test(markdown))
        problems.push(`${file}: mentions ../shared, which a clone does not have`);
      for (const target of linkTargets(markdown)) {
        checked++;
        const problem = linkProblem(file, target);
        if (problem) problems.push(`${file}: ${target}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });
});

describe('the link check itself', () => {
  it('finds inline links, images, reference definitions and HTML, but not code', () => {
    const markdown = [
      'See [the index](docs/README.md) and ![a picture](stories/a.png "title").',
      '[ref]: ../elsewhere.md',
      '<img src="x.png"> `[not](a-link.md)`',
      '```md',
      '[also not](code.md)',
      '```',
    ].join('\n');
    expect(linkTargets(markdown)).toEqual(['docs/README.md', 'stories/a.png', '../elsewhere.md', 'x.png']);
  });

  it('refuses links that leave the repository or name nothing in it, and accepts the web', () => {
    expect(linkProblem('docs/page.md', '../../shared/CONTRACT.md')).toBe('points outside the repository');
    expect(linkProblem('README.md', '../shared/CONTRACT.md')).toBe('points outside the repository');
    expect(linkProblem('README.md', '/etc/passwd')).toBe('an absolute path: a clone has no such file');
    expect(linkProblem('README.md', 'file:///etc/passwd')).toBe(
      'not an http(s) URL nor a path in the repository',
    );
    expect(linkProblem('README.md', 'docs/no-such-page.md')).toBe('no such file in the repository');
    expect(linkProblem('README.md', 'docs')).toBe('a folder, not a file');
    expect(linkProblem('docs/README.md', '../package.json')).toBeUndefined();
    expect(linkProblem('README.md', 'https://resend.com')).toBeUndefined();
  });
});
