/**
 * HTML validity with html-validate and an email profile: the recommended rules, configured (not
 * switched off wholesale) for what email needs — layout tables with presentational attributes, inline
 * styles, react-email's XHTML doctype — and tightened where email is stricter than the web: `lang` on
 * <html>, `alt` on every image, and links only to `https:`, `mailto:` and `tel:`.
 */
import { type ConfigData, HtmlValidate, type Message } from 'html-validate';
import { type Checker, type EmailUnderCheck, type Finding, findingFor } from './types';

/**
 * Presentational attributes HTML5 deprecates but email still needs: Outlook's Word engine ignores CSS
 * width, alignment and spacing on tables and cells, so react-email (and we) write them as attributes.
 * Only these are re-allowed; every other deprecated attribute (and every deprecated element) still fails.
 */
const emailAttributes = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, {}]));
const EMAIL_ELEMENTS = {
  html: {
    attributes: {
      // Screen readers pick the voice from it; a Korean email announced as English is unintelligible.
      lang: { required: true, enum: ['/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/'] },
    },
  },
  table: {
    attributes: emailAttributes(['align', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'width']),
  },
  td: { attributes: emailAttributes(['align', 'valign', 'bgcolor', 'width', 'height']) },
  th: { attributes: emailAttributes(['align', 'valign', 'bgcolor', 'width', 'height']) },
  tr: { attributes: emailAttributes(['align', 'valign', 'bgcolor']) },
  tbody: { attributes: emailAttributes(['align', 'valign']) },
  img: { attributes: emailAttributes(['align', 'border']) },
};

/** The email profile. Each change from `html-validate:recommended` says why. */
export const EMAIL_PROFILE: ConfigData = {
  extends: ['html-validate:recommended'],
  elements: ['html5', EMAIL_ELEMENTS],
  rules: {
    // react-email writes the XHTML 1.0 Transitional doctype, the one email clients are tested against.
    'doctype-html': 'off',
    // Inline styles are how email is styled: Gmail and Outlook drop or ignore much of <style>.
    'no-inline-style': 'off',
    // React writes cellPadding / cellSpacing (attribute names are case-insensitive); everything else is lower case.
    'attr-case': ['error', { style: ['lowercase', 'camelcase'] }],
    // React serialises void elements self-closed (<br/>, <img/>): require that one style consistently.
    'void-style': ['error', { style: 'selfclosing' }],
    // react-email's <Button> pads with [if mso] spacers so Outlook's Word engine draws a full-size target.
    'no-conditional-comment': 'off',
    // react-email's <Preview> also fills <title> with the preheader, which inboxes show up to ~140 characters.
    'long-title': ['error', { maxlength: 200 }],
    // Links and image sources: https only; mailto: and tel: (which html-validate counts as relative) allowed;
    // javascript:, data:, http: and relative paths are not (an email has no base URL).
    'allowed-links': [
      'error',
      {
        allowExternal: { include: ['^https://'] },
        allowRelative: { include: ['^mailto:', '^tel:'] },
        allowAbsolute: false,
        // mailto:x and tel:x look like base-relative paths to html-validate; the include list above narrows them.
        allowBase: true,
      },
    ],
    // Every image needs alt; empty alt is how a decorative image says so.
    'wcag/h37': ['error', { allowEmpty: true }],
  },
};

let validator: HtmlValidate | undefined;

function describeMessage(html: string, message: Message): string {
  if (message.ruleId === 'allowed-links') {
    const value = html.slice(message.offset, message.offset + message.size);
    return `link target "${value}" is not allowed: only https:, mailto: and tel: links`;
  }
  return message.message;
}

/** The last few steps of html-validate's full selector: enough to find the element, short enough to read. */
function shortSelector(selector: string | null): string {
  if (!selector) return 'document';
  const parts = selector.split(' > ');
  return parts.length > 5 ? `… > ${parts.slice(-5).join(' > ')}` : selector;
}

/** Validates one email against the email profile; every message becomes an error with its selector and line. */
export const checkValidity: Checker = (email: EmailUnderCheck): Finding[] => {
  validator ??= new HtmlValidate(EMAIL_PROFILE);
  const report = validator.validateStringSync(
    email.html,
    `${email.template}.${email.locale}.${email.state}.html`,
  );
  return report.results.flatMap((result) =>
    result.messages.map((message) =>
      findingFor(email, 'validity', {
        severity: message.severity >= 2 ? 'error' : 'warning',
        rule: message.ruleId,
        message: describeMessage(email.html, message),
        where: shortSelector(message.selector),
        line: message.line,
        column: message.column,
      }),
    ),
  );
};
