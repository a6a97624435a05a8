/**
 * React DOM's server markup rules, ported from react-dom 19 (`react-dom-server.node.production.js`:
 * `escapeTextForBrowser`, `pushAttribute`, `pushStyleAttribute`, `sanitizeURL`) so the static
 * renderer writes every attribute, style and text byte exactly as `renderToReadableStream` does.
 * `tests/render/fast-render.test.ts` compares the result with React's own output for every template.
 */

import { ALIASES } from './react-dom-aliases';

// React's escape set, plus UTF-16 surrogates: React's stream is UTF-8 encoded and react-email
// decodes it, which turns a lone surrogate into U+FFFD; escaping does the same here, so the
// document needs no second pass. (Attribute values and styles go through this function too.)
const ESCAPED = /["'&<>\uD800-\uDFFF]/;

/** React's `escapeTextForBrowser`: `"` `&` `'` `<` `>` only, `'` as `&#x27;` — and a lone surrogate as U+FFFD. */
export function escapeHtml(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${value}`;
  const text = `${value}`;
  let index = text.search(ESCAPED);
  if (index === -1) return text;
  let html = '';
  let last = 0;
  for (; index < text.length; index++) {
    let replacement: string;
    const code = text.charCodeAt(index);
    switch (code) {
      case 34:
        replacement = '&quot;';
        break;
      case 38:
        replacement = '&amp;';
        break;
      case 39:
        replacement = '&#x27;';
        break;
      case 60:
        replacement = '&lt;';
        break;
      case 62:
        replacement = '&gt;';
        break;
      default:
        if (code < 0xd800 || code > 0xdfff) continue;
        if (code <= 0xdbff) {
          const next = text.charCodeAt(index + 1);
          if (next >= 0xdc00 && next <= 0xdfff) {
            index++;
            continue;
          }
        }
        replacement = '\uFFFD';
    }
    if (last !== index) html += text.slice(last, index);
    last = index + 1;
    html += replacement;
  }
  return last !== index ? html + text.slice(last, index) : html;
}

/** React writes raw HTML and CSS as given; the UTF-8 round trip still replaces a lone surrogate. */
export function wellFormed(text: string): string {
  const string = text as string & { isWellFormed(): boolean; toWellFormed(): string };
  return string.isWellFormed() ? text : string.toWellFormed();
}

const JAVASCRIPT_URL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: React's own pattern, copied verbatim.
  /^[\u0000-\u001F ]*j[\r\n\t]*a[\r\n\t]*v[\r\n\t]*a[\r\n\t]*s[\r\n\t]*c[\r\n\t]*r[\r\n\t]*i[\r\n\t]*p[\r\n\t]*t[\r\n\t]*:/i;

/** React blocks `javascript:` URLs in `href`/`src`/`action` by replacing them, on the server too. */
export function sanitizeUrl(url: string): string {
  return JAVASCRIPT_URL.test(url)
    ? "javascript:throw new Error('React has blocked a javascript: URL as a security precaution.')"
    : url;
}

const UNITLESS = new Set(
  'animationIterationCount aspectRatio borderImageOutset borderImageSlice borderImageWidth boxFlex boxFlexGroup boxOrdinalGroup columnCount columns flex flexGrow flexPositive flexShrink flexNegative flexOrder gridArea gridRow gridRowEnd gridRowSpan gridRowStart gridColumn gridColumnEnd gridColumnSpan gridColumnStart fontWeight lineClamp lineHeight opacity order orphans scale tabSize widows zIndex zoom fillOpacity floodOpacity stopOpacity strokeDasharray strokeDashoffset strokeMiterlimit strokeOpacity strokeWidth MozAnimationIterationCount MozBoxFlex MozBoxFlexGroup MozLineClamp msAnimationIterationCount msFlex msZoom msFlexGrow msFlexNegative msFlexOrder msFlexPositive msFlexShrink msGridColumn msGridColumnSpan msGridRow msGridRowSpan WebkitAnimationIterationCount WebkitBoxFlex WebKitBoxFlexGroup WebkitBoxOrdinalGroup WebkitColumnCount WebkitColumns WebkitFlex WebkitFlexGrow WebkitFlexPositive WebkitFlexShrink WebkitLineClamp'.split(
    ' ',
  ),
);

const BOOLEAN_ATTRIBUTES = new Set([
  'inert',
  'allowFullScreen',
  'async',
  'autoPlay',
  'controls',
  'credentialless',
  'default',
  'defer',
  'disabled',
  'disablePictureInPicture',
  'disableRemotePlayback',
  'formNoValidate',
  'hidden',
  'loop',
  'noModule',
  'noValidate',
  'open',
  'playsInline',
  'readOnly',
  'required',
  'reversed',
  'scoped',
  'seamless',
  'itemScope',
]);

const OVERLOADED_STRING_ATTRIBUTES = new Set([
  'contentEditable',
  'spellCheck',
  'draggable',
  'value',
  'autoReverse',
  'externalResourcesRequired',
  'focusable',
  'preserveAlpha',
]);

const NAMESPACED: Record<string, string> = {
  xlinkActuate: 'xlink:actuate',
  xlinkArcrole: 'xlink:arcrole',
  xlinkRole: 'xlink:role',
  xlinkShow: 'xlink:show',
  xlinkTitle: 'xlink:title',
  xlinkType: 'xlink:type',
  xmlBase: 'xml:base',
  xmlLang: 'xml:lang',
  xmlSpace: 'xml:space',
};

const VALID_ATTRIBUTE_NAME =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: React's own pattern, copied verbatim (combining marks are allowed after the first character).
  /^[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\-.0-9\u00B7\u0300-\u036F\u203F-\u2040]*$/;
const attributeNameSafe = new Map<string, boolean>();

function isAttributeNameSafe(name: string): boolean {
  let safe = attributeNameSafe.get(name);
  if (safe === undefined) {
    safe = VALID_ATTRIBUTE_NAME.test(name);
    attributeNameSafe.set(name, safe);
  }
  return safe;
}

function isCallable(value: unknown): boolean {
  return typeof value === 'function' || typeof value === 'symbol';
}

function stringAttribute(name: string, value: unknown): string {
  if (isCallable(value) || typeof value === 'boolean') return '';
  return ` ${name}="${escapeHtml(value)}"`;
}

/** Kebab-cased CSS property names, like React's `styleNameCache`: `msoPaddingAlt` → `mso-padding-alt`, `msFlex` → `-ms-flex`. */
const cssNames = new Map<string, string>();

function cssName(property: string): string {
  let name = cssNames.get(property);
  if (name === undefined) {
    name = escapeHtml(
      property
        .replace(/([A-Z])/g, '-$1')
        .toLowerCase()
        .replace(/^ms-/, '-ms-'),
    );
    cssNames.set(property, name);
  }
  return name;
}

/** React's `pushStyleAttribute`: ` style="a:b;c:d"`, or nothing when every value is empty. */
export function styleAttribute(style: unknown): string {
  if (typeof style !== 'object' || style === null)
    throw new TypeError('The `style` prop expects a mapping from style properties to values');
  const record = style as Record<string, unknown>;
  let css = '';
  for (const property in record) {
    if (!Object.hasOwn(record, property)) continue;
    const value = record[property];
    if (value == null || typeof value === 'boolean' || value === '') continue;
    let declaration: string;
    if (property.startsWith('--')) {
      declaration = `${escapeHtml(property)}:${escapeHtml(`${value as string}`.trim())}`;
    } else if (typeof value === 'number') {
      declaration = `${cssName(property)}:${value === 0 || UNITLESS.has(property) ? value : `${value}px`}`;
    } else {
      declaration = `${cssName(property)}:${escapeHtml(`${value as string}`.trim())}`;
    }
    css = css === '' ? declaration : `${css};${declaration}`;
  }
  return css === '' ? '' : ` style="${css}"`;
}

enum Kind {
  Class,
  TabIndex,
  Plain,
  Style,
  Url,
  Action,
  Dropped,
  LowerBoolean,
  XlinkHref,
  CaptureDownload,
  Positive,
  Numeric,
  Overloaded,
  Boolean,
  Namespaced,
}

/** React's `pushAttribute` switch, as a lookup; names not in it take the default branch. */
const KINDS = new Map<string, Kind>([
  ['className', Kind.Class],
  ['tabIndex', Kind.TabIndex],
  ...['dir', 'role', 'viewBox', 'width', 'height'].map((name): [string, Kind] => [name, Kind.Plain]),
  ['style', Kind.Style],
  ['src', Kind.Url],
  ['href', Kind.Url],
  ['action', Kind.Action],
  ['formAction', Kind.Action],
  ...[
    'defaultValue',
    'defaultChecked',
    'innerHTML',
    'suppressContentEditableWarning',
    'suppressHydrationWarning',
    'ref',
  ].map((name): [string, Kind] => [name, Kind.Dropped]),
  ...['autoFocus', 'multiple', 'muted'].map((name): [string, Kind] => [name, Kind.LowerBoolean]),
  ['xlinkHref', Kind.XlinkHref],
  ['capture', Kind.CaptureDownload],
  ['download', Kind.CaptureDownload],
  ...['cols', 'rows', 'size', 'span'].map((name): [string, Kind] => [name, Kind.Positive]),
  ['rowSpan', Kind.Numeric],
  ['start', Kind.Numeric],
  ...[...OVERLOADED_STRING_ATTRIBUTES].map((name): [string, Kind] => [name, Kind.Overloaded]),
  ...[...BOOLEAN_ATTRIBUTES].map((name): [string, Kind] => [name, Kind.Boolean]),
  ...Object.keys(NAMESPACED).map((name): [string, Kind] => [name, Kind.Namespaced]),
]);

/**
 * React's `pushAttribute` for one non-null prop of an ordinary HTML element: the name it writes
 * (`className` → `class`, `httpEquiv` → `http-equiv`, `cellPadding` as is), booleans, URLs, and
 * what it drops (event handlers, functions, `ref`, `defaultValue`…). Returns '' for nothing.
 */
export function attribute(name: string, value: unknown): string {
  switch (KINDS.get(name)) {
    case Kind.Class:
      return stringAttribute('class', value);
    case Kind.TabIndex:
      return stringAttribute('tabindex', value);
    case Kind.Plain:
      return stringAttribute(name, value);
    case Kind.Style:
      return styleAttribute(value);
    case Kind.Url:
      return value === '' ? '' : urlAttribute(name, value);
    case Kind.Action:
      return urlAttribute(name, value);
    case Kind.Dropped:
      return '';
    case Kind.LowerBoolean:
      return value && !isCallable(value) ? ` ${name.toLowerCase()}=""` : '';
    case Kind.XlinkHref:
      if (isCallable(value) || typeof value === 'boolean') return '';
      return ` xlink:href="${escapeHtml(sanitizeUrl(`${value as string}`))}"`;
    case Kind.CaptureDownload:
      if (value === true) return ` ${name}=""`;
      if (value === false || isCallable(value)) return '';
      return ` ${name}="${escapeHtml(value)}"`;
    case Kind.Positive:
      return !isCallable(value) && !Number.isNaN(Number(value)) && Number(value) >= 1
        ? ` ${name}="${escapeHtml(value)}"`
        : '';
    case Kind.Numeric:
      return isCallable(value) || Number.isNaN(Number(value)) ? '' : ` ${name}="${escapeHtml(value)}"`;
    case Kind.Overloaded:
      return isCallable(value) ? '' : ` ${name}="${escapeHtml(value)}"`;
    case Kind.Boolean:
      return value && !isCallable(value) ? ` ${name}=""` : '';
    case Kind.Namespaced:
      return stringAttribute(NAMESPACED[name] as string, value);
  }
  return defaultAttribute(name, value);
}

/** React's default branch: event handlers (`on*`) dropped, SVG/HTML aliases, safe names only. */
function defaultAttribute(name: string, value: unknown): string {
  if (name.length > 2 && (name[0] === 'o' || name[0] === 'O') && (name[1] === 'n' || name[1] === 'N'))
    return '';
  const written = ALIASES.get(name) ?? name;
  if (!isAttributeNameSafe(written)) return '';
  if (isCallable(value)) return '';
  if (typeof value === 'boolean') {
    const prefix = written.toLowerCase().slice(0, 5);
    if (prefix !== 'data-' && prefix !== 'aria-') return '';
  }
  return ` ${written}="${escapeHtml(value)}"`;
}

function urlAttribute(name: string, value: unknown): string {
  if (value == null || isCallable(value) || typeof value === 'boolean') return '';
  return ` ${name}="${escapeHtml(sanitizeUrl(`${value as string}`))}"`;
}

/** The value React writes for an `href` (after `sanitizeUrl`), or undefined when it writes none. */
export function hrefValue(tag: string, value: unknown): string | undefined {
  if (value == null) return undefined;
  if (value === '') return tag === 'a' ? '' : undefined;
  if (isCallable(value) || typeof value === 'boolean') return undefined;
  return sanitizeUrl(`${value as string}`);
}

/** The value React writes for an ordinary attribute (`data-*`, `colSpan`…), or undefined when it writes none. */
export function plainAttributeValue(name: string, value: unknown): string | undefined {
  if (value == null || isCallable(value)) return undefined;
  if (typeof value === 'boolean') {
    const prefix = name.toLowerCase().slice(0, 5);
    if (prefix !== 'data-' && prefix !== 'aria-') return undefined;
  }
  return `${value as string}`;
}
