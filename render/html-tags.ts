/**
 * The tag names the static renderer treats apart: those React writes in ways it does not reproduce, those
 * htmlparser2 (and so html-to-text) parses differently from how React writes them, and the raw markup it
 * must not pass through.
 */

/** React writes `<tag … />` for these and renders no children. */
export const VOID = new Set([
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
export const UNSUPPORTED_TAGS = new Set([
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
export const TEXT_UNSUPPORTED_TAGS = new Set([
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
export const IMPLIED_CLOSE = new Map<string, readonly string[]>([
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

export const VALID_TAG = /^[a-zA-Z][a-zA-Z:_.\-\d]*$/;
export const COMMENTS_ONLY = /^(?:<!--(?:(?!--!>)[\s\S])*?-->)*$/;
/** Markup react-email's post-processing would rewrite if it appeared in raw HTML we pass through. */
export const REWRITTEN_BY_REACT_EMAIL = /<!DOCTYPE|<link\b/i;

export const STYLE_TAG = /(<\/|<)(s)(tyle)/gi;

const validTags = new Set<string>();
export function validTag(tag: string): boolean {
  if (validTags.has(tag)) return true;
  if (!VALID_TAG.test(tag)) return false;
  validTags.add(tag);
  return true;
}
