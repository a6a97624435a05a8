import type { ReactNode } from 'react';
import * as React from 'react';
import { TextElement } from './plain-text-tree';
import {
  cacheFor,
  MEMOIZABLE,
  NOT_REPLAYABLE,
  noteLookup,
  propsKey,
  type Recording,
  replayText,
} from './primitive-cache';
import { attribute, escapeHtml, hrefValue, plainAttributeValue, wellFormed } from './react-dom-markup';

/**
 * A static renderer for email templates: walks the React element tree once — function
 * components, `forwardRef`, `memo`, fragments, arrays — and writes the document exactly as
 * react-email's `render()` does: React 19's `renderToReadableStream` inside react-email's
 * `<Suspense>` wrapper (hence `<!--$-->…<!--/$-->` and the `<!--html--><!--head--><!--body-->`
 * preamble markers), `<title>` and `<meta>` hoisted into `<head>`, `<!-- -->` between adjacent
 * text nodes, then react-email's post-processing (the XHTML doctype in place of React's,
 * image-preload `<link>`s removed — this renderer never writes them).
 *
 * It does without React's task/segment machinery, streams and byte encoding, and builds the
 * `<body>` tree the plain-text converter needs on the way, so the text needs no HTML parse.
 * react-email's primitives (Section, Text, Column…) are rendered once per distinct set of props
 * and replayed from a cache after that (primitive-cache.ts).
 *
 * React context works as in React (`createContext`, `<Context value>` / `<Context.Provider>`,
 * `<Context.Consumer>`, `useContext`, `use(Context)`), as do the hooks that mean something in a single
 * server render (`useMemo`, `useCallback`, `useRef`, `useDebugValue`). Anything else outside what this
 * file reproduces byte for byte — state and effect hooks, class components, Suspense, forms,
 * `<script>`, `<link>`, SVG, custom elements — throws `UnsupportedNodeError`, whose message says what
 * and why, and the caller renders with react-email instead.
 */

export class UnsupportedNodeError extends Error {
  constructor(what: string) {
    super(`the static renderer does not support ${what}`);
    this.name = 'UnsupportedNodeError';
  }
}

export type StaticRenderResult = {
  html: string;
  /** The `<body>` subtree for the plain text, or why it could not be built (the caller then parses the HTML). */
  body: TextElement | { unsupported: string };
};

const ELEMENT = Symbol.for('react.transitional.element');
const FRAGMENT = Symbol.for('react.fragment');
const STRICT_MODE = Symbol.for('react.strict_mode');
const PROFILER = Symbol.for('react.profiler');
const FORWARD_REF = Symbol.for('react.forward_ref');
const MEMO = Symbol.for('react.memo');
const CONTEXT = Symbol.for('react.context');
const CONSUMER = Symbol.for('react.consumer');

const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';
const TEXT_SEPARATOR = '<!-- -->';

type Props = Record<string, unknown>;
type ElementLike = { $$typeof: symbol; type: unknown; props: Props };
type ForwardRefLike = { $$typeof: symbol; render: (props: Props, ref: unknown) => ReactNode };
type MemoLike = { $$typeof: symbol; type: unknown };
/** React 19's context object; `_currentValue2` is the secondary renderer's copy, which react-dom never moves off the default. */
type ContextLike = { $$typeof: symbol; _currentValue2?: unknown; _currentValue?: unknown };
type ConsumerLike = { $$typeof: symbol; _context: ContextLike };

/** Where React's hooks find the renderer that is calling the component (null outside a render). */
const internals = (React as unknown as Record<string, { H: unknown } | undefined>)
  .__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;

/** Why a hook has no meaning here: an email is rendered once, on the server, and never updates. */
function unsupportedHook(name: string): () => never {
  return () => {
    throw new UnsupportedNodeError(
      `the hook ${name}(): an email renders once and never updates, so compute the value while rendering instead`,
    );
  };
}

function isContext(value: unknown): value is ContextLike {
  return typeof value === 'object' && value !== null && (value as ContextLike).$$typeof === CONTEXT;
}

/** React's insertion modes, as far as they change the markup: root, inside <html>, ordinary HTML, inside <head>. */
enum Mode {
  Root = 0,
  Html = 1,
  Body = 2,
  Head = 3,
}

/** React writes `<tag … />` for these and renders no children. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'keygen',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Elements React renders through code paths this renderer does not reproduce. */
const UNSUPPORTED_TAGS = new Set([
  'input',
  'select',
  'option',
  'textarea',
  'button',
  'form',
  'menuitem',
  'object',
  'link',
  'script',
  'listing',
  'pre',
  'noscript',
  'svg',
  'math',
]);

/** Elements htmlparser2 (and so html-to-text) parses differently from how React writes them. */
const TEXT_UNSUPPORTED_TAGS = new Set([
  'style',
  'script',
  'title',
  'textarea',
  'xmp',
  'basefont',
  'command',
  'frame',
  'image',
  'isindex',
]);

/** htmlparser2's `openImpliesClose`: opening the key closes an open parent of these names. */
const P = ['p'];
const IMPLIED_CLOSE = new Map<string, readonly string[]>([
  ['tr', ['tr', 'th', 'td']],
  ['th', ['th']],
  ['td', ['thead', 'th', 'td']],
  ['body', ['head', 'link', 'script']],
  ['li', ['li']],
  ['option', ['option']],
  ['optgroup', ['optgroup', 'option']],
  ['dd', ['dd', 'dt']],
  ['dt', ['dd', 'dt']],
  ['rt', ['rt', 'rp']],
  ['rp', ['rt', 'rp']],
  ['tbody', ['thead', 'tbody']],
  ['tfoot', ['thead', 'tbody']],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map(
    (tag): [string, readonly string[]] => [
      tag,
      ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'],
    ],
  ),
  ...[
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((tag): [string, readonly string[]] => [tag, P]),
]);

const VALID_TAG = /^[a-zA-Z][a-zA-Z:_.\-\d]*$/;
const COMMENTS_ONLY = /^(?:<!--(?:(?!--!>)[\s\S])*?-->)*$/;
/** Markup react-email's post-processing would rewrite if it appeared in raw HTML we pass through. */
const REWRITTEN_BY_REACT_EMAIL = /<!DOCTYPE|<link\b/i;

export function renderStatic(node: ReactNode): StaticRenderResult {
  return new StaticRenderer().render(node);
}

class StaticRenderer {
  /** The markup of the segment being written: the document, or the <head> children. */
  private out = '';
  /** React's `lastPushedText`: the next text node needs a `<!-- -->` before it. */
  private lastText = false;
  private mode: Mode = Mode.Root;

  private htmlStart: string | null = null;
  private headStart: string | null = null;
  private bodyStart: string | null = null;
  private headChildren = '';
  private charsetChunks = '';
  private viewportChunks = '';
  private hoistable = '';

  /** The open element of the <body> tree, while inside <body>. */
  private textParent: TextElement | null = null;
  private textRoot: TextElement | null = null;
  private textUnsupported: string | null = null;
  /** The last child of `textParent` is text with nothing (not even a comment) after it: htmlparser2 merges the next text into it. */
  private textMergeable = false;

  /** Set by `startTag`: the element's children (React renders them unless they were a string). */
  private children: unknown = null;

  /** While recording a primitive for the cache: where its children's placeholder landed. */
  private hole: {
    count: number;
    at: number;
    parent: TextElement | null;
    lastText: boolean;
    empty: boolean;
  } | null = null;

  /** The values of the context providers above the component being rendered. */
  private readonly contexts = new Map<ContextLike, unknown>();

  /** The hooks a component may call while this renderer calls it. */
  private readonly dispatcher: Record<string, unknown> = new Proxy(
    {
      readContext: (context: ContextLike) => this.contextValue(context),
      useContext: (context: ContextLike) => this.contextValue(context),
      use: (usable: unknown) => {
        if (isContext(usable)) return this.contextValue(usable);
        throw new UnsupportedNodeError('use() on a promise: load the data before rendering the email');
      },
      useMemo: (create: () => unknown) => create(),
      useCallback: (callback: unknown) => callback,
      useRef: (initial: unknown) => ({ current: initial }),
      useDebugValue: () => {},
    },
    {
      get: (hooks, name) =>
        typeof name === 'string' && !Object.hasOwn(hooks, name)
          ? unsupportedHook(name)
          : Reflect.get(hooks, name),
    },
  );

  render(node: ReactNode): StaticRenderResult {
    this.node(node);
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

  private node(node: ReactNode): void {
    if (typeof node === 'object') {
      if (node === null) return;
      const element = node as unknown as ElementLike;
      if (element.$$typeof === ELEMENT) {
        const type = element.type;
        if (typeof type === 'string') this.host(type, element.props);
        else this.element(type, element.props);
        return;
      }
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) this.node(node[i] as ReactNode);
        return;
      }
      if (typeof (node as Iterable<ReactNode>)[Symbol.iterator] === 'function') {
        for (const child of node as Iterable<ReactNode>) this.node(child);
        return;
      }
      throw new UnsupportedNodeError('promises, portals, lazy nodes and context as children');
    }
    if (typeof node === 'string') this.text(node);
    else if (typeof node === 'number' || typeof node === 'bigint') this.text(`${node}`);
    // undefined, booleans, functions and symbols render nothing
  }

  private element(type: unknown, props: Props): void {
    if (typeof type === 'function') {
      if (type === Hole) {
        this.markHole();
        return;
      }
      if ((type as { prototype?: { isReactComponent?: unknown } }).prototype?.isReactComponent)
        throw new UnsupportedNodeError('class components');
      this.node(
        this.withHooks(() => (type as (props: Props, secondArg: undefined) => ReactNode)(props, undefined)),
      );
      return;
    }
    if (typeof type === 'object' && type !== null) {
      const kind = (type as { $$typeof?: symbol }).$$typeof;
      if (kind === FORWARD_REF) {
        if (this.mode === Mode.Body && MEMOIZABLE.has(type) && this.fromCache(type, props)) return;
        this.forwardRef(type as ForwardRefLike, props);
        return;
      }
      if (kind === CONTEXT) {
        this.provide(type as ContextLike, props.value, props.children as ReactNode);
        return;
      }
      if (kind === CONSUMER) {
        const render = props.children;
        if (typeof render !== 'function')
          throw new UnsupportedNodeError('a <Context.Consumer> whose child is not a function');
        this.node(
          (render as (value: unknown) => ReactNode)(this.contextValue((type as ConsumerLike)._context)),
        );
        return;
      }
      if (kind === MEMO) {
        const inner = (type as MemoLike).type;
        if (typeof inner === 'string') this.host(inner, props);
        else this.element(inner, props);
        return;
      }
    }
    if (type === FRAGMENT || type === STRICT_MODE || type === PROFILER) {
      this.node(props.children as ReactNode);
      return;
    }
    throw new UnsupportedNodeError(
      `element type ${String((type as { $$typeof?: symbol })?.$$typeof ?? type)}`,
    );
  }

  private text(text: string): void {
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

  private host(tag: string, props: Props): void {
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

  /**
   * A react-email primitive from the cache (see primitive-cache.ts): its markup before and after
   * the children, recorded the first time these props were seen. False: render it the usual way.
   */
  private fromCache(type: unknown, props: Props): boolean {
    const cache = cacheFor(type);
    if (!cache.enabled) return false;
    // Recorded with a truthy placeholder: falsy children ('' or 0) might take another branch.
    if (props.children != null && !props.children) return false;
    const parentName = this.textParent === null ? '' : this.textParent.name;
    const key = propsKey(props, parentName);
    if (key === null) return false;
    let entry = cache.entries.get(key);
    noteLookup(cache, entry !== undefined);
    if (entry === undefined) {
      if (!cache.recording) return false;
      entry = this.record(type, props, parentName);
      cache.entries.set(key, entry);
    }
    if (entry === NOT_REPLAYABLE) return false;
    this.replay(entry, props.children as ReactNode);
    return true;
  }

  private replay(entry: Recording, children: ReactNode): void {
    this.out += entry.prefix;
    this.lastText = false;
    const parent = this.textParent;
    if (parent !== null) {
      this.textParent = replayText(entry.text, parent);
      this.textMergeable = false;
    }
    if (entry.hole) this.node(children);
    this.out += entry.suffix;
    this.lastText = false;
    if (parent !== null && this.textUnsupported === null) {
      this.textParent = parent;
      this.textMergeable = false;
    }
  }

  /** Renders the primitive alone, its children replaced by a placeholder, into scratch buffers. */
  private record(type: unknown, props: Props, parentName: string): Recording | typeof NOT_REPLAYABLE {
    const saved = {
      out: this.out,
      lastText: this.lastText,
      textParent: this.textParent,
      textMergeable: this.textMergeable,
      textUnsupported: this.textUnsupported,
      hoisted: this.hoistable + this.charsetChunks + this.viewportChunks,
      hole: this.hole,
    };
    const root = new TextElement(parentName, null);
    const hasChildren = props.children != null;
    this.out = '';
    this.lastText = false;
    this.textParent = root;
    this.textMergeable = false;
    this.textUnsupported = null;
    this.hole = { count: 0, at: -1, parent: null, lastText: false, empty: true };
    let recording: Recording | typeof NOT_REPLAYABLE = NOT_REPLAYABLE;
    try {
      this.forwardRef(type as ForwardRefLike, hasChildren ? { ...props, children: HOLE } : props);
      const { count, at, parent, lastText, empty } = this.hole;
      const markup = this.out;
      const prefix = hasChildren ? markup.slice(0, at) : markup;
      const suffix = hasChildren ? markup.slice(at) : '';
      const replayable =
        this.textUnsupported === null &&
        this.hoistable + this.charsetChunks + this.viewportChunks === saved.hoisted &&
        markup.startsWith('<') &&
        markup.endsWith('>') &&
        !this.lastText &&
        (hasChildren
          ? count === 1 &&
            !lastText &&
            empty &&
            parent?.children.length === 0 &&
            prefix.endsWith('>') &&
            suffix.startsWith('</')
          : count === 0);
      if (replayable)
        recording = { prefix, suffix, hole: hasChildren, text: { nodes: root.children, hole: parent } };
    } catch {
      // Rendered the usual way, it will throw again where it should.
    } finally {
      this.out = saved.out;
      this.lastText = saved.lastText;
      this.textParent = saved.textParent;
      this.textMergeable = saved.textMergeable;
      this.textUnsupported = saved.textUnsupported;
      this.hole = saved.hole;
    }
    return recording;
  }

  private markHole(): void {
    const hole = this.hole;
    if (hole === null) throw new UnsupportedNodeError('a children placeholder outside a recording');
    hole.count++;
    hole.at = this.out.length;
    hole.parent = this.textParent;
    hole.lastText = this.lastText;
    hole.empty = this.textParent === null || this.textParent.children.length === 0;
  }

  private forwardRef(type: ForwardRefLike, props: Props): void {
    let propsWithoutRef = props;
    if ('ref' in props) {
      propsWithoutRef = {};
      for (const key in props) if (key !== 'ref') propsWithoutRef[key] = props[key];
    }
    this.node(this.withHooks(() => type.render(propsWithoutRef, props.ref !== undefined ? props.ref : null)));
  }

  /** Calls a component with this renderer's hooks installed, as React does while it renders one. */
  private withHooks(call: () => ReactNode): ReactNode {
    if (internals === undefined) return call();
    const previous = internals.H;
    internals.H = this.dispatcher;
    try {
      return call();
    } finally {
      internals.H = previous;
    }
  }

  /** Renders `children` with `context` set to `value`, restoring the outer value after. */
  private provide(context: ContextLike, value: unknown, children: ReactNode): void {
    const had = this.contexts.has(context);
    const outer = this.contexts.get(context);
    this.contexts.set(context, value);
    try {
      this.node(children);
    } finally {
      if (had) this.contexts.set(context, outer);
      else this.contexts.delete(context);
    }
  }

  /** The nearest provider's value, or the context's default. */
  private contextValue(context: ContextLike): unknown {
    if (this.contexts.has(context)) return this.contexts.get(context);
    return '_currentValue2' in context ? context._currentValue2 : context._currentValue;
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

const STYLE_TAG = /(<\/|<)(s)(tyle)/gi;

/** The placeholder a primitive is recorded with instead of its children. */
function Hole(): null {
  return null;
}
const HOLE = { $$typeof: ELEMENT, type: Hole, props: {}, key: null } as unknown as ReactNode;

const validTags = new Set<string>();
function validTag(tag: string): boolean {
  if (validTags.has(tag)) return true;
  if (!VALID_TAG.test(tag)) return false;
  validTags.add(tag);
  return true;
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
