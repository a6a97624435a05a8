/**
 * A `mailto:` link with no recipient (the customer picks the friend) and a prefilled subject and
 * body. Each value is percent-encoded as UTF-8 (RFC 6068), and line breaks become CRLF, which the
 * RFC asks for and every mail client understands.
 */
export function mailtoHref(subject: string, body: string): string {
  // toWellFormed: a lone surrogate in a name would make encodeURIComponent throw.
  const crlf = body.replace(/\r?\n/g, '\r\n').toWellFormed();
  return `mailto:?subject=${encodeURIComponent(subject.toWellFormed())}&body=${encodeURIComponent(crlf)}`;
}
