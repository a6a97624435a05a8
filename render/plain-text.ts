import { toPlainText } from 'react-email';

type TextOptions = NonNullable<Parameters<typeof toPlainText>[1]>;
type Formatters = NonNullable<TextOptions['formatters']>;

const formatters: Formatters = {
  struck: (elem, walk, builder) => {
    walk(elem.children, builder);
    builder.addInline(' →');
  },
};

/** Our html-to-text options on top of react-email's: headings as written, struck prices with an arrow. */
export const textOptions: TextOptions = {
  selectors: [
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 's', format: 'struck' },
  ],
  formatters,
};

/** The finishing touches on html-to-text's output: at most one blank line, no blank edges. */
export function tidyText(text: string): string {
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * The plain-text part: links as bare URLs after their text, images, image-only links and the
 * preheader dropped, table cells on their own lines, `data-text-format="dataTable"` blocks
 * (totals, shipment facts) as aligned columns, and a struck-through price followed by an arrow
 * to the price that replaced it.
 */
export function toText(html: string): string {
  return tidyText(toPlainText(html, textOptions));
}
