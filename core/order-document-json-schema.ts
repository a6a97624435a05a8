/**
 * The order document as JSON Schema (draft 2020-12), generated from the zod schema so the two cannot drift:
 * `npm run build` writes it as `post-purchase-emails/order-document.schema.json`, for a shop's backend in any
 * language to check a document before it posts it. It holds every field, type, enum, length and pattern; the
 * rules zod checks in code (an https URL, a real time zone, a known currency, item ids unique…) are the
 * server's to enforce, so a document this schema accepts may still get a 400 naming the field.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { orderDocumentSchema } from './order-document';

/** A name, not an address: the file ships in the package, nothing is fetched. */
export const ORDER_DOCUMENT_SCHEMA_ID = 'urn:post-purchase-emails:order-document';

export function orderDocumentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(orderDocumentSchema, {
    target: 'draft-2020-12',
    // What a sender writes (before defaults are filled in), not what the parser returns.
    io: 'input',
    // A refinement has no JSON Schema form: the field keeps its type, the rule stays the server's.
    unrepresentable: 'any',
  });
  return {
    $schema: schema.$schema,
    $id: ORDER_DOCUMENT_SCHEMA_ID,
    title: 'post-purchase-emails order document',
    ...schema,
  };
}

/**
 * Raised by hand when a rule the JSON Schema cannot show changes (a refinement: an https URL, a real time zone…),
 * so that documents kept under the older rules are checked again.
 */
const RULES_REVISION = 1;
let fingerprint: string | undefined;

/**
 * The identity of the schema that validates order documents today: the rules' revision and a digest of the JSON
 * Schema (every field, type, enum, length and pattern). The live engine stores it with each document; at release
 * a document kept under the same fingerprint is not parsed again (sending/engine/release.ts).
 */
export function orderDocumentFingerprint(): string {
  fingerprint ??= `${RULES_REVISION}:${bytesToHex(sha256(utf8ToBytes(JSON.stringify(orderDocumentJsonSchema())))).slice(0, 32)}`;
  return fingerprint;
}
