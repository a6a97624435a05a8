import type { ReactNode } from 'react';
import { HtmlWriter, Mode, type StaticRenderResult } from './html-writer';
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
import {
  CONSUMER,
  CONTEXT,
  type ConsumerLike,
  type ContextLike,
  ELEMENT,
  type ElementLike,
  FORWARD_REF,
  type ForwardRefLike,
  FRAGMENT,
  internals,
  isContext,
  MEMO,
  type MemoLike,
  PROFILER,
  type Props,
  STRICT_MODE,
  unsupportedHook,
} from './react-elements';
import { UnsupportedNodeError } from './unsupported-node';

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
 * and replayed from a cache after that (primitive-cache.ts). This file walks the components and
 * keeps that cache; the host elements are written by html-writer.ts, which it extends.
 *
 * React context works as in React (`createContext`, `<Context value>` / `<Context.Provider>`,
 * `<Context.Consumer>`, `useContext`, `use(Context)`), as do the hooks that mean something in a single
 * server render (`useMemo`, `useCallback`, `useRef`, `useDebugValue`). Anything else outside what the
 * renderer reproduces byte for byte — state and effect hooks, class components, Suspense, forms,
 * `<script>`, `<link>`, SVG, custom elements — throws `UnsupportedNodeError`, whose message says what
 * and why, and the caller renders with react-email instead.
 */

export type { StaticRenderResult } from './html-writer';
export { UnsupportedNodeError } from './unsupported-node';

export function renderStatic(node: ReactNode): StaticRenderResult {
  return new StaticRenderer().render(node);
}

/** The walk over components (functions, `forwardRef`, `memo`, context) and the primitive cache; the tags are HtmlWriter's. */
class StaticRenderer extends HtmlWriter {
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
    return this.finish();
  }

  protected node(node: ReactNode): void {
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
}

/** The placeholder a primitive is recorded with instead of its children. */
function Hole(): null {
  return null;
}
const HOLE = { $$typeof: ELEMENT, type: Hole, props: {}, key: null } as unknown as ReactNode;
