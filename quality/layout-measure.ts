/**
 * What the layout check measures in each engine (a script run in the host page) and the findings a
 * measurement gives: overflow, small text, short or stranded buttons, each labelled engine · width · theme.
 */
import { MIN_BUTTON_PX, MIN_FONT_PX } from './a11y';
import { ELEMENT_NAMES } from './element-names';
import type { EngineName } from './engines';
import type { Variant } from './layout';
import { type EmailUnderCheck, type Finding, findingFor } from './types';

type Spot = { selector: string; text: string; detail: string };
export type Measurement = Readonly<{
  viewport: number;
  scrollWidth: number;
  height: number;
  overflowing: Spot[];
  smallText: Spot[];
  shortButtons: Spot[];
  outsideButtons: Spot[];
}>;

/**
 * Runs in the host page (a string: a bundler's helpers must not leak into the browser). Grows the iframe
 * to the email's height (no vertical scrollbar eats into the width), then measures inside it.
 */
export function measureScript(width: number): string {
  return `(() => {
  const W = ${width}, MIN_FONT = ${MIN_FONT_PX}, MIN_BUTTON = ${MIN_BUTTON_PX};
  const frame = document.getElementById('email');
  const doc = frame.contentDocument, win = frame.contentWindow;
  // No scrollbars: they would take width from the viewport; scrollWidth still tells an overflow.
  doc.documentElement.style.overflow = 'hidden';
  frame.style.height = Math.ceil(doc.documentElement.scrollHeight) + 'px';
${ELEMENT_NAMES}
  const visible = (el) => {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const s = win.getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    return [...el.getClientRects()].some((r) => r.width > 0 && r.height > 0);
  };
  const spot = (el, detail) => ({ selector: selectorOf(el), text: textOf(el), detail: String(detail) });
  const viewport = doc.documentElement.clientWidth;
  const scrollWidth = Math.max(doc.documentElement.scrollWidth, doc.body ? doc.body.scrollWidth : 0);
  const all = [...doc.body.querySelectorAll('*')].filter(visible);
  const out = (el) => { const r = el.getBoundingClientRect(); return r.right > viewport + 0.5 || r.left < -0.5; };
  const overflowing = all.filter((el) => out(el) && ![...el.children].some((c) => out(c) && visible(c)))
    .slice(0, 3).map((el) => spot(el, Math.round(el.getBoundingClientRect().right)));
  const smallText = [];
  for (const el of all) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!own) continue;
    const size = parseFloat(win.getComputedStyle(el).fontSize);
    if (size < MIN_FONT) smallText.push(spot(el, size));
  }
  const shortButtons = [], outsideButtons = [];
  for (const el of doc.querySelectorAll('a, [role=button]')) {
    if (!visible(el)) continue;
    const s = win.getComputedStyle(el);
    const painted = s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== 'transparent';
    const boxed = s.display !== 'inline' && (painted || parseFloat(s.borderTopWidth) > 0);
    if (!(el.matches('.pp-button, .pp-button-quiet, [role=button]') || boxed)) continue;
    const r = el.getBoundingClientRect();
    if (r.height < MIN_BUTTON - 0.01) shortButtons.push(spot(el, r.height.toFixed(1)));
    if (r.left < -0.5 || r.right > viewport + 0.5) outsideButtons.push(spot(el, Math.round(r.left) + '–' + Math.round(r.right)));
  }
  return { viewport, scrollWidth, height: Math.ceil(doc.documentElement.scrollHeight), overflowing, smallText, shortButtons, outsideButtons };
})()`;
}

export const ENGINE_LABEL: Record<EngineName, string> = {
  chromium: 'Chromium',
  firefox: 'Firefox',
  webkit: 'WebKit',
};

/** Where and how: `Firefox · 375px · dark` (and `· no <style>`). */
export function variantLabel(engine: EngineName, width: number, variant: Variant): string {
  return `${ENGINE_LABEL[engine]} · ${width}px · ${variant.theme}${variant.style ? '' : ' · no <style>'}`;
}

/** The findings one measurement gives: each names engine, width, theme and the email. */
export function layoutFindings(
  email: EmailUnderCheck,
  engine: EngineName,
  width: number,
  variant: Variant,
  m: Measurement,
): Finding[] {
  const at = { engine, width, theme: variant.theme, style: variant.style };
  const label = variantLabel(engine, width, variant);
  const findings: Finding[] = [];
  const quoted = (s: Spot) => `${s.selector}${s.text ? ` ("${s.text}")` : ''}`;
  if (m.viewport !== width)
    findings.push(
      findingFor(email, 'layout', {
        rule: 'viewport',
        message: `${label}: the viewport is ${m.viewport}px, not ${width}px (the engine could not be sized)`,
        where: 'document',
        ...at,
      }),
    );
  if (m.scrollWidth > m.viewport)
    findings.push(
      findingFor(email, 'layout', {
        rule: 'horizontal-overflow',
        message: `${label}: the email is ${m.scrollWidth}px wide in a ${m.viewport}px viewport (it scrolls sideways)`,
        where: m.overflowing.map(quoted).join('; ') || 'document',
        ...at,
      }),
    );
  for (const s of m.shortButtons)
    findings.push(
      findingFor(email, 'layout', {
        rule: 'min-button-height',
        message: `${label}: button is ${s.detail}px tall: tap targets need at least ${MIN_BUTTON_PX}px`,
        where: quoted(s),
        ...at,
      }),
    );
  for (const s of m.outsideButtons)
    findings.push(
      findingFor(email, 'layout', {
        rule: 'button-outside-viewport',
        message: `${label}: button spans ${s.detail}px, outside the ${m.viewport}px viewport`,
        where: quoted(s),
        ...at,
      }),
    );
  for (const s of m.smallText)
    findings.push(
      findingFor(email, 'layout', {
        rule: 'min-font-size',
        message: `${label}: text is ${s.detail}px: nothing below ${MIN_FONT_PX}px`,
        where: quoted(s),
        ...at,
      }),
    );
  return findings;
}
