/**
 * The library as another project installs it (`npm run build`, scripts/build.ts): `dist/index.js` (bundled ESM) and
 * `dist/index.d.ts` (declarations), which package.json `exports` points at, so
 * `import { renderEmail, templates, OrderConfirmationEmail } from 'post-purchase-emails'` works
 * with plain `node`, no TypeScript loader.
 *
 * Why a bundle: importing the `react-email` barrel loads Tailwind, marked and Prism (~0.5 s) even
 * for templates that use none of them. esbuild keeps only the primitives the templates use; the
 * reference renderer (react-email's `render()` + html-to-text) goes into a chunk loaded on demand.
 *
 * Declarations: TypeScript 7's `tsc` emits them (`--declaration --emitDeclarationOnly`); relative
 * imports in them get explicit `.js` extensions so `moduleResolution: node16/nodenext` projects resolve them.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { orderDocumentJsonSchema } from '../core/order-document-json-schema';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const TYPES = join(DIST, 'types');

type PackageJson = { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };

/**
 * Bundled: react-email's component modules (to leave its barrel behind), and zod and @noble/hashes,
 * which ship as ~70 small ES modules whose resolving and loading was a third of the cold start.
 * External: React and react-dom (one copy: the user's) and every other dependency.
 */
const BUNDLED = new Set(['react-email', 'zod', '@noble/hashes']);

/** The modules that need react-email's renderer and html-to-text; everything else gets the components only. */
const REFERENCE_MODULES = [join(ROOT, 'render/plain-text.ts'), join(ROOT, 'render/reference-render.ts')];

/**
 * `react-email` re-exports `@react-email/render` (html-to-text, htmlparser2, selderee, …) beside its
 * components. Imported from a template, that re-export would land in the chunk every import
 * loads; so templates get the barrel without it, and only the reference renderer's on-demand
 * chunk imports the real one.
 */
const componentsOnlyBarrel: Plugin = {
  name: 'react-email-components-only',
  setup(build) {
    build.onResolve({ filter: /^react-email$/ }, (args) =>
      REFERENCE_MODULES.includes(args.importer)
        ? undefined
        : { path: 'react-email', namespace: 'react-email-components' },
    );
    build.onLoad({ filter: /.*/, namespace: 'react-email-components' }, () => {
      const barrel = join(ROOT, 'node_modules/react-email/dist/index.mjs');
      const source = readFileSync(barrel, 'utf8');
      const contents = source.replace(/^export \* from "@react-email\/render";$/m, '');
      if (contents === source)
        throw new Error(`${barrel} no longer re-exports @react-email/render as expected`);
      return { contents, resolveDir: dirname(barrel), loader: 'js' };
    });
  },
};

export async function buildLibrary({
  declarations = true,
  outdir = DIST,
  quiet = false,
} = {}): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
  const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]
    .filter((name) => !BUNDLED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: {
      index: 'emails/index.ts',
      sending: 'sending/index.ts',
      cli: 'scripts/post-purchase-emails.ts',
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    // `pretty()` in @react-email/render imports prettier on demand; we never call it.
    external: [...external, 'prettier', 'prettier/*'],
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: true,
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [componentsOnlyBarrel],
  });
  const files = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
  if (!quiet)
    process.stdout.write(
      `${files.map((file) => `${relative(ROOT, join(ROOT, file)).padEnd(48)} ${(statSync(join(ROOT, file)).size / 1024).toFixed(1)} KB`).join('\n')}\n`,
    );
  writeBin(outdir);
  writeFileSync(
    join(outdir, 'order-document.schema.json'),
    `${JSON.stringify(orderDocumentJsonSchema(), null, 2)}\n`,
  );
  if (declarations) emitDeclarations(outdir);
}

/**
 * package.json's `bin`: a two-line module with the shebang, so the bundle itself (and its source map) stays
 * as esbuild wrote it. npm links it into `node_modules/.bin` and marks it executable; so do we, for `dist/bin.js`.
 */
function writeBin(outdir: string): void {
  const bin = join(outdir, 'bin.js');
  writeFileSync(bin, "#!/usr/bin/env node\nimport './cli.js';\n");
  chmodSync(bin, 0o755);
}

function emitDeclarations(outdir: string): void {
  const types = join(outdir, 'types');
  // A throwaway config: tsconfig.json's options, but only the library's entry point (and what it imports).
  const config = join(outdir, 'tsconfig.declarations.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: relative(outdir, join(ROOT, 'tsconfig.json')),
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        outDir: 'types',
        rootDir: relative(outdir, ROOT),
      },
      include: [],
      files: [
        relative(outdir, join(ROOT, 'emails/index.ts')),
        relative(outdir, join(ROOT, 'sending/index.ts')),
      ],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  rmSync(config);
  if (tsc.status !== 0) throw new Error(`tsc exited with ${tsc.status}`);
  for (const file of walk(types))
    if (file.endsWith('.d.ts')) writeFileSync(file, withExtensions(file, readFileSync(file, 'utf8')));
  writeFileSync(join(outdir, 'index.d.ts'), "export * from './types/emails/index.js';\n");
  writeFileSync(join(outdir, 'sending.d.ts'), "export * from './types/sending/index.js';\n");
}

function* walk(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** `from './money'` → `from './money.js'`, `from './i18n'` → `from './i18n/index.js'`, `import(".")` → `import("./index.js")`. */
function withExtensions(file: string, source: string): string {
  return source.replace(
    /(from\s+|import\()(['"])(\.{1,2}(?:\/[^'"]*)?)\2/g,
    (match, keyword: string, quote: string, specifier: string) => {
      if (/\.(js|json)$/.test(specifier)) return match;
      const target = resolve(dirname(file), specifier);
      if (existsSync(`${target}.d.ts`)) return `${keyword}${quote}${specifier}.js${quote}`;
      if (existsSync(join(target, 'index.d.ts'))) return `${keyword}${quote}${specifier}/index.js${quote}`;
      return match;
    },
  );
}

/** `npm run build`: the bundle and its declarations, checked to be there. */
export async function buildPackage(): Promise<void> {
  await buildLibrary();
  if (!existsSync(join(TYPES, 'emails/index.d.ts'))) throw new Error('declarations missing');
}
