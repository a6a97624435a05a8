import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFor } from '../core/template';
import { TEMPLATE_IDS, templates } from '../emails';

/**
 * The house rules of STYLE.md, checked over the tree: a rule broken anywhere fails here with the
 * file (and line) that breaks it, so the architecture cannot drift one convenient import at a time.
 */

const ROOT = resolve(import.meta.dirname, '..');

/** STYLE.md's layout, top to bottom: a folder may import its own files and those below it, never above. */
const LAYERS = [
  'scripts',
  'stories',
  'sending',
  'quality',
  'emails',
  'render',
  'components',
  'core',
] as const;
/** The folders whose code is pure: no clock, no randomness, no environment. */
const PURE = ['components', 'emails', 'core', 'render'] as const;

function sourceFiles(folder: string): string[] {
  const dir = join(ROOT, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

function read(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

/** The source without comments (strings keep their `//`, as in URLs). */
function code(file: string): string {
  return read(file)
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Every `import … from 'x'`, `export … from 'x'` and `import('x')`, with its line. */
function importsOf(file: string): { specifier: string; line: number }[] {
  const text = code(file);
  const found: { specifier: string; line: number }[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) {
    const line = text.slice(0, match.index).split('\n').length;
    found.push({ specifier: match[1] as string, line });
  }
  return found;
}

/** Lines of `file` matching `pattern`, as `file:line: text`. */
function offending(file: string, pattern: RegExp): string[] {
  return code(file)
    .split('\n')
    .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

describe('house rules', () => {
  it('imports run one way: no folder imports one above it in the layout', () => {
    const violations: string[] = [];
    for (const [rank, layer] of LAYERS.entries()) {
      for (const file of sourceFiles(layer)) {
        for (const { specifier, line } of importsOf(file)) {
          if (!specifier.startsWith('.')) continue;
          const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).split(sep)[0] ?? '';
          const targetRank = LAYERS.indexOf(target as (typeof LAYERS)[number]);
          if (targetRank >= 0 && targetRank < rank)
            violations.push(`${file}:${line} imports '${specifier}' (${layer}/ may not import ${target}/)`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('the import check sees an import running up the list', () => {
    // The rule above is only as good as its parsing: it must find these forms in a real file.
    const forms = importsOf('emails/index.ts').map((i) => i.specifier);
    expect(forms).toContain('../core/template');
    expect(forms).toContain('../render/fast-render');
    expect(LAYERS.indexOf('render')).toBeGreaterThan(LAYERS.indexOf('emails'));
  });

  it('scripts/ holds entry points only: parse, call, print, each under 80 lines', () => {
    // scripts/send.ts is the live engine's entry point; its logic moves into sending/ with the engine's rebuild.
    const pending = new Set(['scripts/send.ts']);
    const long = sourceFiles('scripts')
      .filter((file) => !pending.has(file))
      .map((file) => [file, read(file).split('\n').length] as const)
      .filter(([, lines]) => lines > 80)
      .map(([file, lines]) => `${file}: ${lines} lines`);
    expect(sourceFiles('scripts').length).toBeGreaterThan(pending.size);
    expect(long).toEqual([]);
  });

  it('emails/ holds no raw hex colour and no px font size: both come from the tokens', () => {
    const files = sourceFiles('emails');
    expect(files.length).toBeGreaterThan(TEMPLATE_IDS.length);
    const violations = files.flatMap((file) => [
      ...offending(file, /['"`]#[0-9a-f]{3,8}\b/i),
      ...offending(file, /fontSize\s*:\s*['"`]?\d|font-size\s*:\s*\d/i),
    ]);
    expect(violations).toEqual([]);
  });

  it('<Preview> appears only inside the layout', () => {
    const files = [...sourceFiles('components'), ...sourceFiles('emails')];
    const users = files.filter((file) =>
      /<Preview\b|\bPreview\b[^'"]*\bfrom\s*['"]react-email['"]/.test(code(file)),
    );
    expect(users).toEqual(['components/email-layout.tsx']);
  });

  it('text takes its dark-mode class through <Title> and <Paragraph>, never by hand', () => {
    const files = [...sourceFiles('components'), ...sourceFiles('emails')].filter(
      (file) => !/components\/(title|paragraph)\.tsx$/.test(file),
    );
    const violations = files.flatMap((file) =>
      offending(file, /<(Text|Heading)\b[^>]*className=["'{]*pp-(text|muted|subtle)/),
    );
    expect(violations).toEqual([]);
  });

  it('every template in the registry has a story file showing its component', () => {
    const missing = TEMPLATE_IDS.filter((id) => {
      const file = `stories/${id}.stories.tsx`;
      const name = templates[id].component.name;
      return !existsSync(join(ROOT, file)) || !new RegExp(`\\b${name}\\b`).test(read(file));
    });
    expect(missing).toEqual([]);
  });

  it('every block in components/ has a story', () => {
    // primitives.tsx is react-email's own Img and Link with two defaults removed, not a block of ours;
    // outlook.tsx is markup only Outlook's Word engine reads (conditional comments), nothing a story can show.
    const blocks = sourceFiles('components').filter(
      (file) =>
        /^components\/[^/]+\.tsx$/.test(file) &&
        file !== 'components/primitives.tsx' &&
        file !== 'components/outlook.tsx',
    );
    expect(blocks.length).toBeGreaterThan(10);
    const missing = blocks.filter((file) => {
      const name = file.slice('components/'.length, -'.tsx'.length);
      return !existsSync(join(ROOT, `stories/blocks/${name}.stories.tsx`));
    });
    expect(missing).toEqual([]);
  });

  it.each(TEMPLATE_IDS)('%s: its PreviewProps validate', (id) => {
    const template = templates[id];
    expect(template.component.PreviewProps).toBeDefined();
    expect(() => validateFor(template, template.component.PreviewProps)).not.toThrow();
  });

  it('components/, emails/, core/ and render/ never read the clock, randomness or the environment', () => {
    const violations = PURE.flatMap((folder) =>
      sourceFiles(folder).flatMap((file) =>
        offending(file, /\bDate\.now\s*\(|\bMath\.random\s*\(|\bprocess\.env\b/),
      ),
    );
    expect(violations).toEqual([]);
  });
});
