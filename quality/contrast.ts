import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { AA_LARGE, AA_TEXT, contrastRatio, formatRatio } from '../core/contrast';
import { type Checker, findingFor } from './types';

/**
 * Contrast of a rendered email computed from its markup, as a mail client would paint it: light mode
 * from the inline styles, dark mode with the `prefers-color-scheme: dark` rules of its <style> on top
 * (they are `!important`, so they beat the inline colours). Every visible text node is checked
 * against the background behind it (4.5:1, or 3:1 for large text: 24px, or 18.66px bold), and the
 * edge of every button (its border, or its fill without one) against what surrounds it (3:1).
 */

export type Mode = 'light' | 'dark';
export type ContrastFailure = Readonly<{ what: string; text: string; ratio: string; needs: number }>;

type Declarations = Map<string, string>;
type Rule = { selector: Compound[]; specificity: number; order: number; declarations: Declarations };
/** A compound selector and the combinator that joins it to the one on its left. */
type Compound = { tag?: string; classes: string[]; attributes: string[]; combinator: ' ' | '>' | null };

function parseDeclarations(css: string): Declarations {
  const out: Declarations = new Map();
  for (const part of css.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const name = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .replace(/!important/i, '')
      .trim();
    if (name) out.set(name, value);
  }
  return out;
}

function parseSelector(selector: string): Compound[] {
  const tokens = selector
    .trim()
    .replace(/\s*>\s*/g, ' > ')
    .split(/\s+/);
  const compounds: Compound[] = [];
  let combinator: ' ' | '>' | null = null;
  for (const token of tokens) {
    if (token === '>') {
      combinator = '>';
      continue;
    }
    const m = /^([a-z0-9]*)((?:\.[\w-]+)*)((?:\[[\w-]+\])*)$/i.exec(token);
    if (!m) throw new Error(`the audit cannot read the selector "${selector}"`);
    compounds.push({
      tag: m[1] ? m[1].toLowerCase() : undefined,
      classes: (m[2] ?? '').split('.').filter(Boolean),
      attributes: (m[3] ?? '').match(/[\w-]+/g) ?? [],
      combinator: compounds.length === 0 ? null : (combinator ?? ' '),
    });
    combinator = null;
  }
  return compounds;
}

/** The rules inside `@media (prefers-color-scheme: dark){…}`. */
function darkRules(css: string): Rule[] {
  const start = css.indexOf('@media (prefers-color-scheme: dark){');
  if (start < 0) return [];
  let depth = 0;
  let i = css.indexOf('{', start);
  const bodyStart = i + 1;
  for (; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) break;
  }
  const body = css.slice(bodyStart, i);
  const rules: Rule[] = [];
  let order = 0;
  for (const m of body.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const declarations = parseDeclarations(m[2] as string);
    for (const selector of (m[1] as string).split(',')) {
      const compounds = parseSelector(selector);
      const specificity = compounds.reduce(
        (sum, c) => sum + (c.classes.length + c.attributes.length) * 100 + (c.tag ? 1 : 0),
        0,
      );
      rules.push({ selector: compounds, specificity, order: order++, declarations });
    }
  }
  return rules;
}

function matchesCompound(element: Element, compound: Compound): boolean {
  if (compound.tag && element.name !== compound.tag) return false;
  const classes = (element.attribs.class ?? '').split(/\s+/);
  if (!compound.classes.every((c) => classes.includes(c))) return false;
  return compound.attributes.every((a) => a in element.attribs);
}

function parentElement(element: Element): Element | null {
  const parent = element.parent;
  return parent && parent.type === 'tag' ? (parent as Element) : null;
}

function matches(element: Element, compounds: readonly Compound[], index = compounds.length - 1): boolean {
  const compound = compounds[index] as Compound;
  if (!matchesCompound(element, compound)) return false;
  if (index === 0) return true;
  if (compound.combinator === '>') {
    const parent = parentElement(element);
    return parent !== null && matches(parent, compounds, index - 1);
  }
  for (let a = parentElement(element); a !== null; a = parentElement(a))
    if (matches(a, compounds, index - 1)) return true;
  return false;
}

function hex(value: string): string | null {
  const m = /#([0-9a-f]{6}|[0-9a-f]{3})\b/i.exec(value);
  if (!m) return null;
  const digits = (m[1] as string).toLowerCase();
  return digits.length === 3 ? `#${[...digits].map((d) => d + d).join('')}` : `#${digits}`;
}

type Computed = { color: string; background: string; fontPx: number; bold: boolean; hidden: boolean };

const BOLD_TAGS = new Set(['strong', 'b', 'h1', 'h2', 'h3', 'th']);

export function auditContrast(html: string, mode: Mode): ContrastFailure[] {
  const document = parseDocument(html);
  const elements: Element[] = [];
  const collect = (nodes: ChildNode[]) => {
    for (const node of nodes)
      if (node.type === 'tag' || node.type === 'style' || node.type === 'script') {
        elements.push(node as Element);
        collect((node as Element).children);
      }
  };
  collect(document.children);
  const css = elements
    .filter((e) => e.name === 'style')
    .map((e) => e.children.map((c) => ('data' in c ? c.data : '')).join(''))
    .join('\n');
  const rules = mode === 'dark' ? darkRules(css) : [];

  const styleOf = (element: Element): Declarations => {
    const declared = parseDeclarations(element.attribs.style ?? '');
    if (rules.length === 0) return declared;
    const winners = new Map<string, Rule>();
    for (const rule of rules) {
      if (!matches(element, rule.selector)) continue;
      for (const name of rule.declarations.keys()) {
        const held = winners.get(name);
        if (
          !held ||
          rule.specificity > held.specificity ||
          (rule.specificity === held.specificity && rule.order > held.order)
        )
          winners.set(name, rule);
      }
    }
    for (const [name, rule] of winners) declared.set(name, rule.declarations.get(name) as string);
    return declared;
  };

  const failures: ContrastFailure[] = [];
  const body = elements.find((e) => e.name === 'body');
  if (!body) throw new Error('no <body>');
  const root: Computed = { color: '#000000', background: '#ffffff', fontPx: 16, bold: false, hidden: false };

  const visit = (element: Element, inherited: Computed) => {
    const style = styleOf(element);
    const display = style.get('display');
    const computed: Computed = {
      color: hex(style.get('color') ?? '') ?? inherited.color,
      background: hex(style.get('background-color') ?? style.get('background') ?? '') ?? inherited.background,
      fontPx: Number.parseFloat(style.get('font-size') ?? '') || inherited.fontPx,
      bold: style.has('font-weight')
        ? Number.parseInt(style.get('font-weight') as string, 10) >= 700 ||
          style.get('font-weight') === 'bold'
        : inherited.bold || BOLD_TAGS.has(element.name),
      hidden:
        inherited.hidden ||
        display === 'none' ||
        style.get('max-height') === '0' ||
        style.get('opacity') === '0' ||
        element.attribs['aria-hidden'] === 'true',
    };
    if (computed.hidden) return;
    const classes = (element.attribs.class ?? '').split(/\s+/);
    if (element.name === 'a' && (classes.includes('pp-button') || classes.includes('pp-button-quiet'))) {
      const border = style.get('border') ?? '';
      const borderColour =
        hex(style.get('border-color') ?? '') ?? (/\d+px/.test(border) ? hex(border) : null);
      const edge = borderColour ?? computed.background;
      const ratio = contrastRatio(edge, inherited.background);
      if (ratio < AA_LARGE)
        failures.push({
          what: `button edge ${edge} on ${inherited.background}`,
          text: textOf(element),
          ratio: formatRatio(ratio),
          needs: AA_LARGE,
        });
    }
    for (const child of element.children) {
      if (child.type === 'text') {
        const text = child.data.replace(/&nbsp;|\s+/g, ' ').trim();
        if (text === '') continue;
        const large = computed.fontPx >= 24 || (computed.bold && computed.fontPx >= 18.66);
        const needs = large ? AA_LARGE : AA_TEXT;
        const ratio = contrastRatio(computed.color, computed.background);
        if (ratio < needs - 1e-9)
          failures.push({
            what: `<${element.name}> ${computed.color} on ${computed.background}`,
            text: text.slice(0, 40),
            ratio: formatRatio(ratio),
            needs,
          });
      } else if (child.type === 'tag') {
        visit(child as Element, computed);
      }
    }
  };
  visit(body, root);
  return failures;
}

function textOf(element: Element): string {
  const parts: string[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') parts.push(node.data);
      else if ('children' in node) walk(node.children);
    }
  };
  walk(element.children);
  return parts.join('').replace(/\s+/g, ' ').trim().slice(0, 40);
}

/**
 * The gate's own contrast check, by the formula, light and dark: it needs no browser, so
 * `--no-browser` still proves every brand AA (axe in Chromium checks the same again, as painted).
 */
export const checkContrast: Checker = (email) =>
  (['light', 'dark'] as const).flatMap((mode) =>
    auditContrast(email.html, mode).map((failure) =>
      findingFor(email, 'contrast', {
        rule: `contrast-${mode}`,
        message: `${mode} mode: "${failure.text}" is ${failure.ratio}, needs ${failure.needs}:1 (${failure.what})`,
        where: failure.what,
      }),
    ),
  );
