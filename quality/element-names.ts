/**
 * How a finding found in a page names its element, as JavaScript to paste into a script that runs there (a
 * string: a bundler's helpers must not leak into the browser). It defines `selectorOf(el)`, a short selector
 * of the element and up to three ancestors with its identifying attribute (`… > td > a.pp-button[href="…"]`),
 * and `textOf(el)`, its first 40 characters of text. The accessibility and layout checks both use it.
 */
export const ELEMENT_NAMES = `  const ident = ['id', 'href', 'src', 'alt'];
  const seg = (el) => el.tagName.toLowerCase() + [...el.classList].map((c) => '.' + c).join('');
  const selectorOf = (el) => {
    const parts = [];
    for (let n = el; n && n.nodeType === 1 && parts.length < 4; n = n.parentElement) parts.unshift(seg(n));
    const attr = ident.find((a) => el.hasAttribute(a));
    const value = attr ? el.getAttribute(attr) : '';
    return '… > ' + parts.join(' > ') + (attr ? '[' + attr + '="' + (value.length > 60 ? value.slice(0, 57) + '…' : value) + '"]' : '');
  };
  const textOf = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40);`;
