import { type DocumentPart, parseOrderDocument } from '../../core/order-document';
import type { DocumentWith } from '../../core/template';
import enUsd from './en-usd.json';
import koKrw from './ko-krw.json';
import zhCny from './zh-cny.json';

/** A sample with every optional part present, so it can preview any template. */
export type CompleteDocument = DocumentWith<DocumentPart>;

const PARTS: readonly DocumentPart[] = ['shipment', 'instructions', 'review', 'recommendations', 'referral'];

/** JSON imports are typed loosely (strings, not literals): validate them once, at load, and type them fully. */
function complete(name: string, raw: unknown): CompleteDocument {
  const doc = parseOrderDocument(raw);
  const missing = PARTS.filter((part) => doc[part] === undefined);
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
