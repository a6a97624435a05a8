import { toPlainText } from 'react-email';

type Formatters = NonNullable<NonNullable<Parameters<typeof toPlainText>[1]>['formatters']>;

const formatters: Formatters = {
  struck: (elem, walk, builder) => {
    walk(elem.children, builder);
    builder.addInline(' →');
  },
};

/**
 * The plain-text part: links as bare URLs after their text, images, image-only links and the
 * preheader dropped, table cells on their own lines, `data-text-format="dataTable"` blocks
 * (totals, shipment facts) as aligned columns, and a struck-through price followed by an arrow
 * to the price that replaced it.
 */
export function toText(html: string): string {
  return toPlainText(html, {
    selectors: [
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 's', format: 'struck' },
    ],
    formatters,
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
