/**
 * `post-purchase-emails/order-document.schema.json`: the zod schema as JSON Schema (draft 2020-12), checked with
 * a standard validator (Ajv), as a shop's backend in another language would use it: the samples pass; documents
 * the schema refuses fail, at the field that is wrong.
 */
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parseOrderDocument } from '../../core/order-document';
import { ORDER_DOCUMENT_SCHEMA_ID, orderDocumentJsonSchema } from '../../core/order-document-json-schema';
import { samples } from '../../emails';
import { digitalOrderData } from '../../emails/_samples';
import { variant } from '../support';

const schema = orderDocumentJsonSchema();
// Formats are advisory in 2020-12; the addresses are held by the schema's `pattern`, which Ajv checks.
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(schema);

function errorsOf(document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('the order document as JSON Schema', () => {
  it('is draft 2020-12 with an id, and names the required parts', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(ORDER_DOCUMENT_SCHEMA_ID);
    expect(schema.required).toEqual(['shop', 'customer', 'order']);
  });

  it('accepts the three samples the package exports, and the digital one', () => {
    expect(Object.keys(samples)).toEqual(['ko-krw', 'en-usd', 'zh-cny']);
    for (const [name, sample] of Object.entries(samples))
      expect([name, errorsOf(sample)]).toEqual([name, []]);
    expect(errorsOf(digitalOrderData)).toEqual([]);
  });

  it('refuses what the zod schema refuses, at the same field', () => {
    const cases: [string, unknown, string][] = [
      ['no customer', variant(samples['ko-krw'], (d) => Object.assign(d, { customer: undefined })), ''],
      [
        'a price as text',
        variant(samples['en-usd'], (d) => Object.assign(d.order.items[0] ?? {}, { unitPrice: '12.00' })),
        '/order/items/0/unitPrice',
      ],
      [
        'an unknown locale',
        variant(samples['zh-cny'], (d) => Object.assign(d.customer, { locale: 'fr' })),
        '/customer/locale',
      ],
      [
        'a customer address that is not one',
        variant(samples['ko-krw'], (d) => Object.assign(d.customer, { email: 'jisoo at example' })),
        '/customer/email',
      ],
      ['not an object', [], ''],
    ];
    for (const [what, document, path] of cases) {
      const errors = errorsOf(JSON.parse(JSON.stringify(document)));
      expect([what, errors.some((e) => e.startsWith(`${path} `))]).toEqual([what, true]);
      expect(() => parseOrderDocument(document)).toThrow();
    }
  });
});
