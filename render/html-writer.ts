import type { ReactNode } from 'react';
import {
  COMMENTS_ONLY,
  IMPLIED_CLOSE,
  REWRITTEN_BY_REACT_EMAIL,
  STYLE_TAG,
  TEXT_UNSUPPORTED_TAGS,
  UNSUPPORTED_TAGS,
  VOID,
  validTag,
} from './html-tags';
import { TextElement } from './plain-text-tree';
import { attribute, escapeHtml, hrefValue, plainAttributeValue, wellFormed } from './react-dom-markup';
import type { Props } from './react-elements';
import { UnsupportedNodeError } from './unsupported-node';

/**
 * The static renderer's host elements (static-render.ts walks the components above them): each tag written
 * as React 19 writes it — `<html>`, `<head>` and `<body>` moved into the preamble with a marker where they
 * stood, `<title>` and `<meta>` hoisted into `<head>`, `<!-- -->` between adjacent text nodes — and, while
 * inside `<body>`, the tree htmlparser2 would parse out of that markup, for the plain text.
 */

export type StaticRenderResult = {
  html: string;
  /** The `<body>` subtree for the plain text, or why it could not be built (the caller then parses the HTML). */
  body: TextElement | { unsupported: string };
};

const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';
const TEXT_SEPARATOR = '<!-- -->';

/** React's insertion modes, as far as they change the markup: root, inside <html>, ordinary HTML, inside <head>. */
export enum Mode {
  Root = 0,
  Html = 1,
  Body = 2,
  Head = 3,
}

export abstract class HtmlWriter {
  /** The markup of the segment being written: the document, or the <head> children. */
  protected out = '';
  /** React's `lastPushedText`: the next text node needs a `<!-- -->` before it. */
  protected lastText = false;
  protected mode: Mode = Mode.Root;

  private htmlStart: string | null = null;
  private headStart: string | null = null;
  private bodyStart: string | null = null;
  private headChildren = '';
  protected charsetChunks = '';
  protected viewportChunks = '';
  protected hoistable = '';

  /** The open element of the <body> tree, while inside <body>. */
  protected textParent: TextElement | null = null;
  private textRoot: TextElement | null = null;
  protected textUnsupported: string | null = null;
  /** The last child of `textParent` is text with nothing (not even a comment) after it: htmlparser2 merges the next text into it. */
  protected textMergeable = false;

  /** Set by `startTag`: the element's children (React renders them unless they were a string). */
  private children: unknown = null;

  /** Renders a node (an element, text, a list of them) into the markup; the walk of components is the subclass's. */
  protected abstract node(node: ReactNode): void;

  /** The whole document: the preamble React moves the start tags and hoisted elements into, then the body. */
  protected finish(): StaticRenderResult {
    const head = this.htmlStart !== null || this.headStart !== null;
    const html =
      XHTML_DOCTYPE +
      (this.htmlStart !== null ? this.htmlStart + (this.headStart ?? '<head>') : (this.headStart ?? '')) +
      this.charsetChunks +
      this.viewportChunks +
      this.hoistable +
      this.headChildren +
      (head ? '</head>' : '') +
      (this.bodyStart ?? '') +
      `<!--$-->${this.out}<!--/$-->` +
      (this.bodyStart !== null ? '</body>' : '') +
      (this.htmlStart !== null ? '</html>' : '');
    const body =
      this.textUnsupported !== null
        ? { unsupported: this.textUnsupported }
        : (this.textRoot ?? { unsupported: 'a document without <body>' });
    return { html, body };
  }

  protected text(text: string): void {
    if (text === '') return;
    if (this.mode <= Mode.Html && (this.mode === Mode.Html || this.htmlStart !== null))
      throw new UnsupportedNodeError('text beside <head> and <body>');
    if (this.lastText) this.separator();
    this.out += escapeHtml(text);
    this.lastText = true;
    const parent = this.textParent;
    if (parent !== null) {
      const children = parent.children;
      const last = children.length - 1;
      if (this.textMergeable && typeof children[last] === 'string') children[last] += text;
      else children.push(text);
      this.textMergeable = true;
    }
  }

  /** `<!-- -->` between two text nodes; in the parsed DOM a comment node, which only a list would notice. */
  private separator(): void {
    this.out += TEXT_SEPARATOR;
    this.textMergeable = false;
    if (this.textParent !== null && (this.textParent.name === 'ul' || this.textParent.name === 'ol'))
      this.unsupportedText('comments inside a list');
  }

  private unsupportedText(why: string): void {
    if (this.textUnsupported === null) this.textUnsupported = why;
    this.textParent = null;
  }

  protected host(tag: string, props: Props): void {
    // Only <head> and <body> may sit in <html>, and nothing beside <html>: React would move the
    // rest into <body>, where the plain-text tree would miss it.
    if (
      this.mode <= Mode.Html &&
      (this.mode === Mode.Html ? tag !== 'head' && tag !== 'body' : this.htmlStart !== null)
    )
      throw new UnsupportedNodeError(`<${tag}> beside <head> and <body>`);
    switch (tag) {
      case 'html':
        this.singleton(tag, props, Mode.Root);
        return;
      case 'head':
      case 'body':
        this.singleton(tag, props, Mode.Html);
        return;
      case 'title':
        this.title(props);
        return;
      case 'meta':
        this.meta(props);
        return;
      case 'style':
        this.style(props);
        return;
    }
    if (UNSUPPORTED_TAGS.has(tag) || tag.includes('-')) throw new UnsupportedNodeError(`<${tag}>`);
    if (!validTag(tag)) throw new UnsupportedNodeError(`the tag name "${tag}"`);
    if (VOID.has(tag)) this.voidElement(tag, props);
    else this.generic(tag, props);
  }

  /** `<tag` and its attributes, then `>` and any raw HTML; leaves the children in `this.children`. */
  private startTag(tag: string, props: Props): string {
    let markup = `<${tag}`;
    let children: unknown = null;
    let innerHtml: unknown = null;
    for (const key in props) {
      if (!Object.hasOwn(props, key)) continue;
      const value = props[key];
      if (value === null || value === undefined) continue;
      if (key === 'children') children = value;
      else if (key === 'dangerouslySetInnerHTML') innerHtml = value;
      else if (key === 'href' && value === '' && tag === 'a') markup += ' href=""';
      else markup += attribute(key, value);
    }
    markup += '>';
    if (innerHtml !== null) markup += this.innerHtml(innerHtml, children);
    this.children = children;
    return markup;
  }

  private innerHtml(innerHtml: unknown, children: unknown): string {
    if (children !== null) throw new UnsupportedNodeError('both children and dangerouslySetInnerHTML');
    if (typeof innerHtml !== 'object' || innerHtml === null || !('__html' in innerHtml))
      throw new UnsupportedNodeError('a malformed dangerouslySetInnerHTML');
    const raw = (innerHtml as { __html?: unknown }).__html;
    if (raw === null || raw === undefined) return '';
    const html = wellFormed(`${raw as string}`);
    if (REWRITTEN_BY_REACT_EMAIL.test(html))
      throw new UnsupportedNodeError('a doctype or <link> in raw HTML');
    if (this.textParent !== null && !COMMENTS_ONLY.test(html))
      this.unsupportedText('raw HTML other than comments');
    return html;
  }

  private generic(tag: string, props: Props): void {
    this.out += this.startTag(tag, props);
    const children = this.children;
    this.lastText = false;
    const parentText = this.textParent === null ? null : this.openText(tag, props);
    const mode = this.mode;
    if (mode < Mode.Body) this.mode = Mode.Body;
    if (typeof children === 'string') {
      this.out += escapeHtml(children);
      if (this.textParent !== null && children !== '') this.textParent.children.push(children);
    } else if (children !== null) {
      this.node(children as ReactNode);
    }
    this.mode = mode;
    this.out += `</${tag}>`;
    this.lastText = false;
    if (parentText !== null) this.closeText(parentText);
  }

  private voidElement(tag: string, props: Props): void {
    if (props.children != null || props.dangerouslySetInnerHTML != null)
      throw new UnsupportedNodeError(`children of <${tag}>`);
    const markup = this.startTag(tag, props);
    this.out += `${markup.slice(0, -1)}/>`;
    this.lastText = false;
    if (this.textParent !== null) {
      const parent = this.openText(tag, props);
      if (parent !== null) this.closeText(parent);
    }
  }

  /**
   * `<html>`, `<head>`, `<body>`: React moves their start tags into the document preamble and
   * leaves a marker comment where they stood; `<head>`'s children become the head's contents.
   */
  private singleton(tag: 'html' | 'head' | 'body', props: Props, expectedMode: Mode): void {
    const seen = tag === 'html' ? this.htmlStart : tag === 'head' ? this.headStart : this.bodyStart;
    if (this.mode !== expectedMode || seen !== null || (tag === 'html' && this.out !== ''))
      throw new UnsupportedNodeError(`<${tag}> here`);
    if (props.dangerouslySetInnerHTML != null) throw new UnsupportedNodeError(`raw HTML in <${tag}>`);
    const markup = this.startTag(tag, props);
    const children = this.children as ReactNode;
    this.out += `<!--${tag}-->`;
    this.lastText = false;
    if (tag === 'html') {
      this.htmlStart = markup;
      this.mode = Mode.Html;
      this.node(children);
      this.mode = Mode.Root;
    } else if (tag === 'head') {
      this.headStart = markup;
      const out = this.out;
      this.out = '';
      this.mode = Mode.Head;
      this.node(children);
      this.headChildren = this.out;
      this.out = out;
      this.mode = Mode.Html;
    } else {
      this.bodyStart = markup;
      this.mode = Mode.Body;
      this.textRoot = textElement('body', props, null);
      this.textParent = this.textRoot;
      this.textMergeable = false;
      this.node(children);
      this.textParent = null;
      this.mode = Mode.Html;
    }
    this.lastText = false;
  }

  /** React hoists `<title>` into <head> (unless it carries itemProp), writing one text child and nothing else. */
  private title(props: Props): void {
    if (props.itemProp != null) throw new UnsupportedNodeError('<title itemProp>');
    if (props.dangerouslySetInnerHTML != null) throw new UnsupportedNodeError('raw HTML in <title>');
    let markup = this.startTag('title', props);
    const children = this.children;
    const child = Array.isArray(children) ? (children.length < 2 ? children[0] : null) : children;
    if (child !== null && child !== undefined && typeof child !== 'function' && typeof child !== 'symbol')
      markup += escapeHtml(`${child as string}`);
    this.hoistable += `${markup}</title>`;
    this.lastText = false;
  }

  /** React hoists `<meta>` too: charset first, then viewport, then the rest in order. */
  private meta(props: Props): void {
    if (props.itemProp != null) throw new UnsupportedNodeError('<meta itemProp>');
    if (props.children != null || props.dangerouslySetInnerHTML != null)
      throw new UnsupportedNodeError('children of <meta>');
    if (this.lastText) this.separator();
    const tag = `${this.startTag('meta', props).slice(0, -1)}/>`;
    if (typeof props.charSet === 'string') this.charsetChunks += tag;
    else if (props.name === 'viewport') this.viewportChunks += tag;
    else this.hoistable += tag;
    this.lastText = false;
  }

  /** An inline `<style>` (no `precedence`/`href`): its one text child is written raw, `<style` neutralised. */
  private style(props: Props): void {
    if (typeof props.precedence === 'string' && typeof props.href === 'string' && props.href !== '')
      throw new UnsupportedNodeError('<style precedence>');
    if (props.itemProp != null) throw new UnsupportedNodeError('<style itemProp>');
    const markup = this.startTag('style', props);
    const children = this.children;
    const child = Array.isArray(children) ? (children.length < 2 ? children[0] : null) : children;
    let css = '';
    if (child !== null && child !== undefined && typeof child !== 'function' && typeof child !== 'symbol')
      css = wellFormed(`${child as string}`).replace(
        STYLE_TAG,
        (_m, prefix: string, s: string, suffix: string) =>
          `${prefix}${s === 's' ? '\\73 ' : '\\53 '}${suffix}`,
      );
    if (REWRITTEN_BY_REACT_EMAIL.test(css)) throw new UnsupportedNodeError('a doctype or <link> in <style>');
    this.out += `${markup}${css}</style>`;
    this.lastText = false;
    if (this.textParent !== null) this.unsupportedText('<style> inside <body>');
  }

  /** Adds an element to the <body> tree; returns the parent to restore, or null when the tree was abandoned. */
  private openText(tag: string, props: Props): TextElement | null {
    const parent = this.textParent as TextElement;
    const name = tag.toLowerCase();
    if (TEXT_UNSUPPORTED_TAGS.has(name) || IMPLIED_CLOSE.get(name)?.includes(parent.name)) {
      this.unsupportedText(`<${name}> inside <${parent.name}>`);
      return null;
    }
    const element = textElement(name, props, parent);
    parent.children.push(element);
    this.textMergeable = false;
    this.textParent = element;
    return parent;
  }

  private closeText(parent: TextElement): void {
    if (this.textUnsupported !== null) return;
    this.textParent = parent;
    this.textMergeable = false;
  }
}

function textElement(name: string, props: Props, parent: TextElement | null): TextElement {
  const element = new TextElement(name, parent);
  const skip = props['data-skip-in-text'];
  if (skip !== undefined) element.skip = plainAttributeValue('data-skip-in-text', skip);
  const format = props['data-text-format'];
  if (format !== undefined) element.format = plainAttributeValue('data-text-format', format);
  if (name === 'a') {
    element.href = hrefValue(name, props.href);
  } else if (name === 'td' || name === 'th') {
    element.colspan = plainAttributeValue('colSpan', props.colSpan ?? props.colspan);
    element.rowspan = plainAttributeValue('rowSpan', props.rowSpan ?? props.rowspan);
  } else if (name === 'ol') {
    element.start = plainAttributeValue('start', props.start);
    element.type = plainAttributeValue('type', props.type);
  }
  return element;
}
