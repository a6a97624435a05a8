import type { CompleteDocument } from '../emails/_samples';
import { koreanOrderData } from '../emails/_samples';

/** A deep copy of a sample document with some fields changed: tests never mutate shared samples. */
export function variant(
  base: CompleteDocument = koreanOrderData,
  change: (doc: CompleteDocument) => void = () => {},
): CompleteDocument {
  const doc = structuredClone(base);
  change(doc);
  return doc;
}

/** A document with `count` distinct items (for size and "+K more" tests). */
export function manyItems(count: number, base: CompleteDocument = koreanOrderData): CompleteDocument {
  return variant(base, (doc) => {
    const template = doc.order.items[0]!;
    doc.order.items = Array.from({ length: count }, (_, i) => ({
      ...template,
      id: `sku-bulk-${i + 1}`,
      name: `${template.name} no. ${i + 1}`,
      quantity: 1,
    }));
    doc.order.subtotal = template.unitPrice * count;
    doc.order.total = doc.order.subtotal + doc.order.shipping;
    if (doc.shipment) doc.shipment.itemIds = undefined;
  });
}

/** Every `<tag …>` opening tag of a kind in an HTML string. */
export function tags(html: string, name: string): string[] {
  return html.match(new RegExp(`<${name}\\b[^>]*>`, 'gi')) ?? [];
}

export const SECRET = 'test-secret';

/** A command's output, captured in memory (for running a command in-process). */
export function captured() {
  const chunks = { stdout: '', stderr: '' };
  return {
    chunks,
    output: {
      stdout: (text: string) => {
        chunks.stdout += text;
      },
      stderr: (text: string) => {
        chunks.stderr += text;
      },
    },
  };
}
