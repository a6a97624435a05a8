import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createElement } from 'react';
import { render } from 'react-email';
import { LOCALES } from '../components/i18n';
import type { DocumentPart } from '../core/order-document';
import { type RenderOptions, type TemplateProps, validateFor } from '../core/template';
import { getTemplate, TEMPLATE_IDS, type TemplateId } from '../emails';
import type { CompleteDocument } from '../emails/_samples';
import { toText } from '../render/plain-text';
import { sameDom } from './dom-equivalence';

/** What bench/preact-entry.ts exports, once bundled on Preact. */
export type PreactRenderer = Readonly<{
  renderHtmlWithPreact: (id: TemplateId, props: TemplateProps<DocumentPart>) => string;
  renderEmailWithPreact: (
    id: TemplateId,
    document: unknown,
    options: RenderOptions,
  ) => { subject: string; html: string; text: string };
}>;

/**
 * Bundles the templates on Preact: `react` and `react-dom` (and so react-email's components, bundled
 * in rather than imported) resolve to `preact/compat`. There is no other way to run React components
 * on Preact; a library could not offer it beside React's `render()` without shipping its templates twice.
 */
export async function buildPreactRenderer(root: string, outdir: string): Promise<string> {
  await build({
    absWorkingDir: root,
    entryPoints: { index: 'bench/preact-entry.ts' },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    define: { 'process.env.NODE_ENV': '"production"' },
    // render/static-render.ts reads React's internals, which preact/compat does not have: expected here.
    logLevel: 'error',
  });
  return join(outdir, 'index.js');
}

export async function loadPreactRenderer(file: string): Promise<PreactRenderer> {
  return (await import(pathToFileURL(file).href)) as PreactRenderer;
}

export type Equivalence = Readonly<{
  checked: number;
  /** Emails whose DOM matches react-email's `render()` (comments and `0`/`0px` forgiven). */
  sameDom: number;
  /** Emails whose plain text is exactly the reference's. */
  sameText: number;
  /** The first difference found, as `template locale: where`. */
  firstDifference: string | null;
}>;

/** Holds the Preact path to DOM equivalence with react-email's `render()`: every template × locale × document. */
export async function checkPreactEquivalence(
  preact: PreactRenderer,
  documents: readonly CompleteDocument[],
  unsubscribeSecret: string,
): Promise<Equivalence> {
  let checked = 0;
  let dom = 0;
  let text = 0;
  let firstDifference: string | null = null;
  for (const id of TEMPLATE_IDS)
    for (const locale of LOCALES)
      for (const document of documents) {
        const template = getTemplate(id);
        const props = { ...validateFor(template, document), locale, unsubscribeSecret };
        const reference = await render(createElement(template.component, props));
        const email = preact.renderEmailWithPreact(id, document, { locale, unsubscribeSecret });
        const difference = sameDom(reference, email.html, { zeroUnits: true });
        checked++;
        if (difference === null) dom++;
        else firstDifference ??= `${id} ${locale}: ${difference}`;
        if (email.text === toText(reference)) text++;
        else firstDifference ??= `${id} ${locale}: the plain text differs`;
      }
  return { checked, sameDom: dom, sameText: text, firstDifference };
}

/** Lines of our own code each path needs beyond the templates (non-blank, outside comments). */
export function ownLines(root: string, files: readonly string[]): number {
  let lines = 0;
  for (const file of files) {
    const source = readFileSync(`${root}/${file}`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    lines += source.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('//')).length;
  }
  return lines;
}

/** The static renderer's own files (the reference renderer and html-to-text options are shared by both paths). */
export const STATIC_RENDERER_FILES = [
  'render/fast-render.ts',
  'render/static-render.ts',
  'render/html-writer.ts',
  'render/html-tags.ts',
  'render/react-elements.ts',
  'render/unsupported-node.ts',
  'render/react-dom-markup.ts',
  'render/primitive-cache.ts',
  'render/plain-text-tree.ts',
  'render/text-block-builder.ts',
] as const;
export const PREACT_RENDERER_FILES = ['bench/preact-entry.ts', 'bench/preact.ts'] as const;
