import { escapeHtml } from '../core/html';

/**
 * Markup for Outlook for Windows, whose Word engine reads `<!--[if mso]>…<![endif]-->` and ignores what
 * `<!--[if !mso]><!-->…<!--<![endif]-->` wraps. React cannot write a comment, but an element's inner HTML
 * can hold one, and both renderers (react-email's `render()` and render/) pass a comments-only inner
 * HTML through unchanged — the DOM a browser builds stays the same. Each marker is a `<span>` whose
 * conditional part first closes that span and then reopens one, so Word sees balanced tags too:
 * `<span></span>…<span></span>`.
 */
export function MsoMarker({ html }: Readonly<{ html: string }>) {
  return <span dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Word sees `markup` between the marker's own span tags; every other client sees an empty span. */
export const msoOnly = (markup: string) => `<!--[if mso]></span>${markup}<span><![endif]-->`;

/**
 * Starts what Word skips, at the end of a marker; `NOT_MSO_END` ends it, as the whole of a later marker in
 * the same parent. Word skips from the one to the other — the first marker's `</span>`, the content and
 * the second's `<span>` — and so still sees `<span>…</span>`.
 */
export const NOT_MSO_START = '<!--[if !mso]><!-->';
export const NOT_MSO_END = '<!--<![endif]-->';

/** How wide a fixed-width (ghost) table Word gets in place of a fluid `max-width` one. */
export function GhostTableStart({ width }: Readonly<{ width: number }>) {
  return (
    <MsoMarker
      html={msoOnly(
        `<table role="presentation" width="${width}" align="center" cellpadding="0" cellspacing="0" border="0"><tr><td>`,
      )}
    />
  );
}

export function GhostTableEnd() {
  return <MsoMarker html={msoOnly('</td></tr></table>')} />;
}

export type VmlButton = Readonly<{
  href: string;
  text: string;
  fill: string;
  color: string;
  /** The edge; none when the fill alone stands out. */
  stroke?: string;
  fontFamily: string;
  height: number;
  width: number;
}>;

/**
 * A button Word draws as it was designed — padding, fill and rounded edge — as a VML rounded rectangle
 * linked to the same address with the same label and colours as the HTML link others see
 * (https://www.goodemailcode.com/email-code/link-button, "bulletproof buttons").
 */
export function vmlButton(b: VmlButton): string {
  const stroke = b.stroke ? `strokecolor="${b.stroke}" strokeweight="2px"` : 'stroke="f"';
  // Single quotes in the font stack would end nothing here (the attribute is double-quoted), but " would.
  const font = escapeHtml(b.fontFamily.replace(/"/g, "'"));
  return (
    `<v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="urn:schemas-microsoft-com:office:word" ` +
    `href="${escapeHtml(b.href)}" style="height:${b.height}px;v-text-anchor:middle;width:${b.width}px" ` +
    `arcsize="8%" ${stroke} fillcolor="${b.fill}"><w:anchorlock/>` +
    `<center style="color:${b.color};font-family:${font};font-size:16px;font-weight:bold;mso-line-height-rule:exactly;line-height:20px">` +
    `${escapeHtml(b.text)}</center></v:roundrect>`
  );
}

/** Word cannot size a shape to its label: wide enough for the label at 16px bold, with the HTML button's padding. */
export function vmlButtonWidth(text: string, paddingX: number): number {
  let units = 0;
  for (const char of text)
    units += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(char) ? 16 : 9.5;
  return Math.min(552, Math.max(120, Math.ceil(units + 2 * paddingX)));
}
