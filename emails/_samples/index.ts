import {
  type Address,
  type DocumentPart,
  type OrderDocument,
  parseOrderDocument,
} from '../../core/order-document';
import { DOCUMENT_PARTS, type DocumentWith } from '../../core/template';
import enUsd from './en-usd.json';
import koDigital from './ko-digital.json';
import koKrw from './ko-krw.json';
import zhCny from './zh-cny.json';

/** A sample with every optional part present (and an address to ship to), so it can preview any template. */
export type CompleteDocument = DocumentWith<DocumentPart> & {
  order: DocumentWith<DocumentPart>['order'] & { shippingAddress: Address };
};

/** JSON imports are typed loosely (strings, not literals): validate them once, at load, and type them fully. */
function complete(name: string, raw: unknown): CompleteDocument {
  const doc = parseOrderDocument(raw);
  const missing: string[] = DOCUMENT_PARTS.filter((part) => doc[part] === undefined);
  if (!doc.order.shippingAddress) missing.push('order.shippingAddress');
  if (missing.length) throw new Error(`sample ${name} lacks ${missing.join(', ')}`);
  return doc as CompleteDocument;
}

/** Hanok Goods, Seoul: KRW, ko, a first order, stars. */
export const koreanOrderData = complete('ko-krw', koKrw);
/** Northwind Supply, New York: USD, en, a returning customer with a discount and tax, NPS. */
export const americanOrderData = complete('en-usd', enUsd);
/** 青瓷生活, Shanghai: CNY, zh-CN, a VIP order, a delayed partial shipment. */
export const chineseOrderData = complete('zh-cny', zhCny);

export const sampleDocuments = {
  'ko-krw': koreanOrderData,
  'en-usd': americanOrderData,
  'zh-cny': chineseOrderData,
} as const;

/**
 * Hanok Goods again, an all-digital order: an online class (account access until a date), an app with a
 * licence key, a free e-book. No shipping address, no shipment: the confirmation is a welcome.
 */
export const digitalOrderData: OrderDocument = parseOrderDocument(koDigital);

/** The Korean sample with two of the digital items added: the confirmation shows what is ready now, then what ships. */
export const mixedOrderData: CompleteDocument = (() => {
  const added = digitalOrderData.order.items.slice(0, 2);
  const extra = added.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  const order = koreanOrderData.order;
  return {
    ...koreanOrderData,
    order: {
      ...order,
      items: [...order.items, ...added],
      subtotal: order.subtotal + extra,
      total: order.total + extra,
    },
  };
})();
