/**
 * The built library works without a TypeScript loader: `npm run build`'s bundle, imported by a
 * plain `node` process, renders what the source renders; package.json points at what the build writes.
 * (Built into node_modules/.cache, not dist/, so the test never disturbs a real build; one folder per
 * process, since checkouts of the repository may share node_modules and run this test at once.)
 * The declarations (tsc, a few seconds of CPU) are emitted and checked under `npm run test:full`, which CI runs;
 * `npm test` checks the bundle.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLibrary } from '../../build/library';
import { renderEmail, TEMPLATE_IDS } from '../../emails';
import { sampleDocuments } from '../../emails/_samples';
import { defaultSequence } from '../../sending/plan/sequence';
import { FULL } from '../support/matrix';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, `node_modules/.cache/post-purchase-emails-build-test-${process.pid}`);

describe('npm run build', () => {
  beforeAll(async () => {
    await buildLibrary({ outdir: OUT, quiet: true, declarations: FULL });
  }, 60_000);
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('is what package.json exports', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, Record<string, string>>;
      types: string;
      files: string[];
    };
    expect(pkg.name).toBe('post-purchase-emails');
    expect(pkg.exports['.']).toMatchObject({ types: './dist/index.d.ts', import: './dist/index.js' });
    expect(pkg.exports['./sending']).toMatchObject({
      types: './dist/sending.d.ts',
      import: './dist/sending.js',
    });
    expect(pkg.files).toContain('dist');
    expect(existsSync(join(OUT, 'index.js'))).toBe(true);
    expect(existsSync(join(OUT, 'sending.js'))).toBe(true);
    expect(pkg.exports['./order-document.schema.json']).toBe('./dist/order-document.schema.json');
    const schema = JSON.parse(readFileSync(join(OUT, 'order-document.schema.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('has the bin, React as a peer, and a prepare that needs no dev dependency', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.bin).toEqual({ 'post-purchase-emails': './dist/bin.js' });
    expect(readFileSync(join(OUT, 'bin.js'), 'utf8')).toBe("#!/usr/bin/env node\nimport './cli.js';\n");
    expect(statSync(join(OUT, 'bin.js')).mode & 0o111).toBe(0o111);
    for (const name of ['react', 'react-dom']) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.peerDependencies[name]).toMatch(/^\^19/);
      expect(pkg.devDependencies[name]).toBeDefined();
    }
    expect(pkg.scripts.prepare).toBe('node scripts/prepare.mjs');
  });

  it('runs the bin with plain node: usage, and an unknown command refused with exit 2', () => {
    const env = { ...process.env, NODE_OPTIONS: '' };
    const usage = spawnSync(process.execPath, [join(OUT, 'bin.js'), '--help'], { encoding: 'utf8', env });
    expect(usage.status).toBe(0);
    expect(usage.stdout).toMatch(/^usage: post-purchase-emails <command>/);
    const unknown = spawnSync(process.execPath, [join(OUT, 'bin.js'), 'sevre'], { encoding: 'utf8', env });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('error: unknown command "sevre"');
  });

  it.runIf(FULL)('declares the types package.json points at', () => {
    expect(readFileSync(join(OUT, 'index.d.ts'), 'utf8')).toContain("from './types/emails/index.js'");
    expect(readFileSync(join(OUT, 'types/emails/index.d.ts'), 'utf8')).toMatch(
      /export declare function renderEmail/,
    );
    expect(readFileSync(join(OUT, 'sending.d.ts'), 'utf8')).toContain("from './types/sending/index.js'");
    expect(readFileSync(join(OUT, 'types/sending/sequencer.d.ts'), 'utf8')).toMatch(
      /export declare function createSequencer\(options: SequencerOptions\): Sequencer/,
    );
  });

  it('gives plain node the sending engine, which validates every order before opening a store', async () => {
    const script = `
      const lib = await import(${JSON.stringify(pathToFileURL(join(OUT, 'sending.js')).href)});
      const sequencer = lib.createSequencer({ from: 'Shop <orders@shop.example>', ledgerDir: '/nonexistent/never', dryRun: true });
      const error = await sequencer.enqueue([${JSON.stringify(sampleDocuments['ko-krw'])}, { order: {} }]).catch((e) => e);
      process.stdout.write(JSON.stringify({ name: error.name, invalid: error.invalid, steps: lib.defaultSequence().steps.length }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const result = JSON.parse(output) as {
      name: string;
      invalid: { position: string; problems: string[] }[];
      steps: number;
    };
    expect(result.name).toBe('InvalidOrdersError');
    expect(result.invalid.map((i) => i.position)).toEqual(['orders[1]']);
    expect(result.invalid[0]?.problems).toContain('shop: required');
    expect(result.steps).toBe(defaultSequence().steps.length);
  }, 30_000);

  it('renders with plain node, the same email as the source', async () => {
    const script = `
      const lib = await import(${JSON.stringify(pathToFileURL(join(OUT, 'index.js')).href)});
      const doc = ${JSON.stringify(sampleDocuments['ko-krw'])};
      const emails = [];
      for (const id of lib.TEMPLATE_IDS) emails.push(await lib.renderEmail(id, doc, { unsubscribeSecret: 's' }));
      process.stdout.write(JSON.stringify({ ids: lib.TEMPLATE_IDS, hasComponent: typeof lib.OrderConfirmationEmail, emails }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
      maxBuffer: 64 * 2 ** 20,
    });
    const built = JSON.parse(output) as { ids: string[]; hasComponent: string; emails: unknown[] };
    expect(built.ids).toEqual(TEMPLATE_IDS);
    expect(built.hasComponent).toBe('function');
    const source = await Promise.all(
      TEMPLATE_IDS.map((id) => renderEmail(id, sampleDocuments['ko-krw'], { unsubscribeSecret: 's' })),
    );
    expect(built.emails).toEqual(source);
  }, 30_000);
});
