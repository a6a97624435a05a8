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
    const files = sourceFiles('scripts');
    const long = files
      .map((file) => [file, read(file).split('\n').length] as const)
      .filter(([, lines]) => lines > 80)
      .map(([file, lines]) => `${file}: ${lines} lines`);
    // The live engine's entry point, once an exception, is held to the rule like the others.
    expect(files).toContain('scripts/send.ts');
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

  it('a colour class comes with its colour from one helper (<Title>, <Paragraph>, inked, ruled), never by hand', () => {
    // The dark-mode rules recolour these classes; a class written by hand beside a hand-made style can drift from it.
    const handWritten = /className=[^>]*\bpp-(text|muted|subtle|star|rule)\b/;
    const files = [...sourceFiles('components'), ...sourceFiles('emails')];
    expect(files.flatMap((file) => offending(file, handWritten))).toEqual([]);
    // What the rule is for: the pairs written by hand before there were helpers for them.
    expect(handWritten.test(`<Text className={done ? 'pp-text' : 'pp-subtle'}`)).toBe(true);
    expect(handWritten.test('<Hr className="pp-rule" style={styles.rule} />')).toBe(true);
    expect(handWritten.test('<Section className="pp-box" style={styles.box}>')).toBe(false);
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

// ── the rooms of sending/ (STYLE.md, "Inside sending/") ─────────────────────────────────────────────────────

/** sending/'s rooms, top to bottom: a room imports its own files and rooms below it; rooms on one rank may share. */
const ROOMS: Readonly<Record<string, number>> = {
  cli: 0,
  server: 1,
  'sequencer.ts': 2,
  'types.ts': 2,
  engine: 3,
  intake: 4,
  provider: 4,
  http: 4,
  offline: 4,
  plan: 5,
  store: 5,
};

/** The room of a repository path inside sending/ (`sending/engine/release.ts` → `engine`), or undefined. */
function roomOf(path: string): string | undefined {
  const m = /^sending\/([^/]+)(\/|$)/.exec(path);
  if (!m) return undefined;
  const first = m[1] as string;
  if (m[2] === '/') return first;
  // A file of sending/ itself (an import names it without its extension).
  const file = first.endsWith('.ts') ? first : `${first}.ts`;
  return file === 'index.ts' ? undefined : file;
}

type Import = { from: string; specifier: string; target: string; line: number };

/** Every import of these files, each with its resolved repository path (bare packages keep their name). */
function importsIn(files: readonly string[], text: (file: string) => string = code): Import[] {
  return files.flatMap((from) =>
    importsFrom(from, text(from)).map(({ specifier, line }) => ({
      from,
      specifier,
      line,
      target: specifier.startsWith('.')
        ? relative(ROOT, resolve(ROOT, dirname(from), specifier))
            .split(sep)
            .join('/')
        : specifier,
    })),
  );
}

function importsFrom(file: string, text: string): { specifier: string; line: number }[] {
  void file;
  const found: { specifier: string; line: number }[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern))
    found.push({ specifier: match[1] as string, line: text.slice(0, match.index).split('\n').length });
  return found;
}

const show = (i: Import) => `${i.from}:${i.line} imports '${i.specifier}'`;

/** Imports running up sending/'s rooms. */
function roomViolations(imports: readonly Import[]): string[] {
  return imports.flatMap((i) => {
    const from = roomOf(i.from);
    const to = roomOf(i.target);
    if (from === undefined || to === undefined || from === to) return [];
    const a = ROOMS[from];
    const b = ROOMS[to];
    if (a === undefined) return [`${i.from}: sending/${from} is not a room of STYLE.md`];
    if (b === undefined) return [`${show(i)}: sending/${to} is not a room of STYLE.md`];
    return b < a ? [`${show(i)} (${from}/ may not import ${to}/)`] : [];
  });
}

const DATABASE_LIBRARIES = /^(pg|kysely|pg-boss|@electric-sql\/.*)(\/.*)?$/;

/** Imports of a package outside the one folder allowed to import it. */
function packageViolations(imports: readonly Import[], pkg: RegExp, home: string): string[] {
  return imports.filter((i) => pkg.test(i.specifier) && !i.from.startsWith(home)).map(show);
}

/** The planning rules import nothing that does I/O and read no clock, randomness or environment. */
function impurities(files: readonly string[], text: (file: string) => string = code): string[] {
  const io =
    /^(node:(fs|http|https|net|child_process|os|timers|worker_threads)(\/.*)?|pg|kysely|pg-boss|resend|@electric-sql\/.*)$/;
  return files.flatMap((file) => [
    ...importsFrom(file, text(file))
      .filter(
        ({ specifier }) =>
          io.test(specifier) || /\/(store|provider|engine|http|intake|server|cli)\//.test(`${specifier}/`),
      )
      .map(({ specifier, line }) => `${file}:${line} imports '${specifier}'`),
    ...text(file)
      .split('\n')
      .flatMap((line, n) =>
        /\bDate\.now\s*\(|\bnew Date\(\s*\)|\bMath\.random\s*\(|\bprocess\.env\b|\bperformance\.now\s*\(/.test(
          line,
        )
          ? [`${file}:${n + 1}: ${line.trim()}`]
          : [],
      ),
  ]);
}

/** Imports of these rooms from `files`. */
function importsOfRooms(imports: readonly Import[], rooms: readonly string[]): string[] {
  return imports.filter((i) => rooms.includes(roomOf(i.target) ?? '')).map(show);
}

// ── sizes ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The source with comments, strings, template text and regular expressions blanked (newlines kept), so braces
 * and parentheses can be counted.
 */
function skeleton(source: string): string {
  const out: string[] = [];
  let i = 0;
  const templates: number[] = []; // brace depth at which each open `${` returns to its template
  let depth = 0;
  let last = ''; // the last significant character of code
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  const readString = (quote: string) => {
    let j = i + 1;
    while (j < source.length && source[j] !== quote && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
    out.push(quote + blank(source.slice(i + 1, j)) + (source[j] === quote ? quote : ''));
    i = source[j] === quote ? j + 1 : j;
  };
  const readTemplate = () => {
    // From just after a backtick or a closing `}` of `${…}`, to the closing backtick or the next `${`.
    let j = i;
    while (j < source.length && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{'))
      j += source[j] === '\\' ? 2 : 1;
    out.push(blank(source.slice(i, j)));
    if (source[j] === '`') {
      out.push('`');
      i = j + 1;
    } else {
      out.push('${');
      templates.push(depth);
      depth++;
      i = j + 2;
    }
    last = '(';
  };
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const j = end === -1 ? source.length : end;
      out.push(blank(source.slice(i, j)));
      i = j;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const j = end === -1 ? source.length : end + 2;
      out.push(blank(source.slice(i, j)));
      i = j;
    } else if (c === "'" || c === '"') {
      readString(c);
      last = 'a';
    } else if (c === '`') {
      out.push('`');
      i++;
      readTemplate();
      last = 'a';
    } else if (c === '/' && (last === '' || '(,=:[!&|?{};+-*%<>~^'.includes(last))) {
      // A regular expression: up to the closing slash (outside a character class), then its flags.
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== '\n' && (inClass || source[j] !== '/')) {
        if (source[j] === '\\') j++;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        j++;
      }
      if (j >= source.length || source[j] === '\n') {
        // No closing slash on the line: not a regular expression but a slash (JSX's `</p>` or `/>`, which
        // must not take the line's end with it, or every later line is counted one short).
        out.push(c);
        last = c;
        i++;
        continue;
      }
      j++;
      while (j < source.length && /[a-z]/.test(source[j] as string)) j++;
      out.push(`/${blank(source.slice(i + 1, j - 1))}/`.slice(0, j - i));
      i = j;
      last = 'a';
    } else {
      if (c === '{') depth++;
      if (c === '}') {
        depth--;
        if (templates.length > 0 && templates[templates.length - 1] === depth) {
          templates.pop();
          out.push('}');
          i++;
          readTemplate();
          continue;
        }
      }
      out.push(c);
      if (!/\s/.test(c)) last = /[A-Za-z0-9_$)\]]/.test(c) ? (c === ')' || c === ']' ? ')' : 'a') : c;
      i++;
    }
  }
  return out.join('');
}

const CONTROL = /\b(if|for|while|switch|catch|with)\s*$/;

/**
 * The functions of a source file and their length in lines: a function body is a `{` (or an arrow's `(`) that
 * follows `=>`, or that follows a parameter list `)` (with an optional return type) not belonging to a control
 * statement.
 */
function functionLengths(source: string): { line: number; lines: number }[] {
  const text = skeleton(source);
  const found: { line: number; lines: number }[] = [];
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  const matching = (open: number): number => {
    const pair: Record<string, string> = { '{': '}', '(': ')' };
    const close = pair[text[open] as string] as string;
    let d = 0;
    for (let j = open; j < text.length; j++) {
      if (text[j] === text[open]) d++;
      else if (text[j] === close && --d === 0) return j;
    }
    return text.length - 1;
  };
  const openingParen = (close: number): number => {
    let d = 0;
    for (let j = close; j >= 0; j--) {
      if (text[j] === ')') d++;
      else if (text[j] === '(' && --d === 0) return j;
    }
    return -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '{' && c !== '(') continue;
    const before = text.slice(Math.max(0, i - 400), i);
    let body = /=>\s*$/.test(before);
    if (!body && c === '{') {
      // `) {` or `): ReturnType {`, the return type holding no brace, semicolon or `=`.
      const header = /\)\s*(?::[^{};=]*)?$/.exec(before);
      if (header) {
        const close = i - before.length + header.index;
        const open = openingParen(close);
        body = open >= 0 && !CONTROL.test(text.slice(Math.max(0, open - 20), open));
      }
    }
    if (!body) continue;
    const end = matching(i);
    found.push({ line: lineAt(i), lines: lineAt(end) - lineAt(i) + 1 });
  }
  return found;
}

/** Source folders held to the size rules (everything but tests and fixtures). */
const SIZED = [
  'scripts',
  'stories',
  'sending',
  'quality',
  'emails',
  'render',
  'components',
  'core',
  'bench',
  'build',
];
const MAX_FUNCTION_LINES = 200;
/** The release loop may take more, if it must (STYLE.md). */
const MAX_RELEASE_LOOP_LINES = 250;
const MAX_FILE_LINES = 400;

function longFunctions(file: string, source: string = read(file)): string[] {
  const limit = file === 'sending/engine/release.ts' ? MAX_RELEASE_LOOP_LINES : MAX_FUNCTION_LINES;
  return functionLengths(source)
    .filter((f) => f.lines > limit)
    .map((f) => `${file}:${f.line}: a function of ${f.lines} lines (at most ${limit})`);
}

function longFile(file: string, source: string = read(file)): string[] {
  const lines = source.split('\n').length;
  return lines > MAX_FILE_LINES ? [`${file}: ${lines} lines (at most ${MAX_FILE_LINES})`] : [];
}

describe('house rules: sending/ in rooms', () => {
  const sending = sourceFiles('sending');
  const everything = SIZED.flatMap((folder) => sourceFiles(folder));

  it('every file of sending/ is in a room of STYLE.md (or is its face: index.ts, types.ts, sequencer.ts)', () => {
    const stray = sending.filter((file) => {
      const room = roomOf(file);
      return file !== 'sending/index.ts' && (room === undefined || ROOMS[room] === undefined);
    });
    expect(sending.length).toBeGreaterThan(40);
    expect(stray).toEqual([]);
  });

  it('rooms import down: cli → server → sequencer → engine → intake · provider · http · offline → plan · store', () => {
    expect(roomViolations(importsIn(sending))).toEqual([]);
  });

  it('the database libraries are imported in sending/store/ only', () => {
    // bench/store.ts creates and drops its benchmark databases on the server with pg.
    const pending = new Set(['bench/store.ts']);
    const imports = importsIn(everything.filter((file) => !pending.has(file)));
    expect(packageViolations(imports, DATABASE_LIBRARIES, 'sending/store/')).toEqual([]);
  });

  it('the resend SDK is imported in sending/provider/resend/ only', () => {
    expect(packageViolations(importsIn(everything), /^resend(\/.*)?$/, 'sending/provider/resend/')).toEqual(
      [],
    );
  });

  it('plan/ is pure: no I/O, no store, provider or engine, no clock, randomness or environment', () => {
    const plan = sending.filter((file) => roomOf(file) === 'plan');
    expect(plan.length).toBeGreaterThan(4);
    expect(impurities(plan)).toEqual([]);
  });

  it('intake/ and http/ take ports: they import no engine/ and no store/', () => {
    const adapters = sending.filter((file) => ['intake', 'http'].includes(roomOf(file) ?? ''));
    expect(importsOfRooms(importsIn(adapters), ['engine', 'store', 'server', 'cli'])).toEqual([]);
  });

  it("stories/ imports only sending/'s planning and offline outbox", () => {
    const imports = importsIn(sourceFiles('stories')).filter((i) => i.target.startsWith('sending/'));
    expect(imports.length).toBeGreaterThan(0);
    const wrong = imports.filter((i) => !/^sending\/(plan|offline)\//.test(i.target)).map(show);
    expect(wrong).toEqual([]);
  });

  it('no function over 200 lines outside tests (the release loop at most 250)', () => {
    expect(everything.flatMap((file) => longFunctions(file))).toEqual([]);
  });

  it('no file over 400 lines outside tests', () => {
    expect(everything.flatMap((file) => longFile(file))).toEqual([]);
  });
});

describe('house rules: each rule fails on a sample that breaks it', () => {
  const sample = (files: Record<string, string>) => (file: string) => files[file] ?? '';

  it('sees an import running up the rooms, and a folder that is no room', () => {
    const text = sample({
      'sending/plan/frequency.ts':
        "import { claimSteps } from '../store/steps';\nimport { release } from '../engine/release';",
      'sending/store/steps.ts': "import { plan } from '../plan/schedule';",
      'sending/utils/x.ts': "import { plan } from '../plan/schedule';",
    });
    const imports = importsIn(
      ['sending/plan/frequency.ts', 'sending/store/steps.ts', 'sending/utils/x.ts'],
      text,
    );
    expect(roomViolations(imports)).toEqual([
      "sending/plan/frequency.ts:2 imports '../engine/release' (plan/ may not import engine/)",
      'sending/utils/x.ts: sending/utils is not a room of STYLE.md',
    ]);
  });

  it('sees a database library or the resend SDK outside its home', () => {
    const text = sample({
      'sending/engine/x.ts':
        "import { sql } from 'kysely';\nimport type PgBoss from 'pg-boss';\nimport { PGlite } from '@electric-sql/pglite';",
      'sending/http/y.ts': "import { Resend } from 'resend';",
      'sending/store/z.ts': "import pg from 'pg';",
    });
    const imports = importsIn(['sending/engine/x.ts', 'sending/http/y.ts', 'sending/store/z.ts'], text);
    expect(packageViolations(imports, DATABASE_LIBRARIES, 'sending/store/')).toHaveLength(3);
    expect(packageViolations(imports, /^resend(\/.*)?$/, 'sending/provider/resend/')).toEqual([
      "sending/http/y.ts:1 imports 'resend'",
    ]);
  });

  it('sees I/O, a clock and the environment in plan/', () => {
    const text = sample({
      'sending/plan/x.ts':
        "import { readFile } from 'node:fs/promises';\nimport { markAccepted } from '../store/steps';\nconst now = Date.now();\nconst at = new Date();\nconst key = process.env.KEY;\nconst d = new Date(ms);",
    });
    expect(impurities(['sending/plan/x.ts'], text)).toHaveLength(5);
  });

  it('sees an adapter importing the engine or the store', () => {
    const text = sample({ 'sending/http/x.ts': "import { suppress } from '../engine/suppressions';" });
    expect(importsOfRooms(importsIn(['sending/http/x.ts'], text), ['engine', 'store'])).toHaveLength(1);
  });

  it('measures functions of every form, and ignores control blocks, strings, comments and regular expressions', () => {
    const body = (n: number) =>
      Array.from({ length: n }, (_, i) => `  const v${i} = '{' + "(" + \`\${i}}\`; // {`).join('\n');
    const source = [
      `export function declared(a: number): Promise<void> {\n${body(201)}\n}`,
      `const arrow = async (x: string) => {\n${body(5)}\n};`,
      `class C {\n  method(a: { b: string }): number {\n${body(202)}\n  }\n}`,
      `if (ok) {\n${body(300)}\n}`,
      `const re = /[{(]+/g;`,
      `const component = () => (\n${body(210)}\n);`,
      `function View({ a }: { a: string }) {\n  return (\n    <p>\n      <b>{a}</b>\n      <br />\n    </p>\n  );\n}`,
    ].join('\n');
    const lengths = functionLengths(source).map((f) => f.lines);
    expect(lengths).toEqual([203, 7, 204, 212, 8]);
    expect(longFunctions('x.ts', source)).toHaveLength(3);
    expect(longFile('x.ts', source)).toHaveLength(1);
    expect(longFile('x.ts', body(10))).toEqual([]);
  });
});
