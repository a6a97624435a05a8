import { type OrderDocument, orderDocumentSchema, storedOrderDocumentSchema } from './order-document-schema';
import { UNSTORABLE_MESSAGE, unstorablePaths } from './storable-text';
import { formatPath, parseWith, problemsOf, ValidationError } from './validation-problems';

/**
 * The order document (CONTRACT.md): one JSON document feeds every template of a sequence. This module is its
 * face: the schema and its types (order-document-schema.ts, built from the field types of document-fields.ts),
 * the problems a failed validation lists (validation-problems.ts), and here the parsing that freezes and
 * remembers a validated document so that no later step parses it again.
 */

export { httpsUrl, isEmailAddress, isoTime, isTimeZone, linkUrl } from './document-fields';
export {
  type Address,
  addressSchema,
  type Customer,
  customerSchema,
  type DocumentPart,
  type Instructions,
  type ItemAccess,
  instructionsSchema,
  itemSchema,
  type Order,
  type OrderDocument,
  type OrderItem,
  orderDocumentSchema,
  orderSchema,
  preferencesSchema,
  type Rating,
  type Recommendation,
  type Referral,
  type Review,
  recommendationSchema,
  referralSchema,
  reviewSchema,
  SHIPMENT_STATUSES,
  type Shipment,
  type ShipmentStatus,
  type Shop,
  shipmentSchema,
  shopSchema,
  storedOrderDocumentSchema,
  type WinBack,
  winBackSchema,
} from './order-document-schema';
export { formatPath, issueLines, parseWith, problemsOf, ValidationError } from './validation-problems';

/** The unstorable strings of a document, as problems (`customer.firstName: holds a character…`). */
export function unstorableProblems(doc: unknown): string[] {
  return unstorablePaths(doc).map((path) => `${formatPath(path)}: ${UNSTORABLE_MESSAGE}`);
}

/**
 * Documents this module has validated, by identity: a parsed document is frozen (it cannot change
 * after the check) and remembered, so every later step — the planner, `renderEmail`, the template
 * component itself — recognises it and does not parse it again.
 */
const validated = new WeakSet<object>();
/** A validated document by its `order` object: how a component finds it again under spread props. */
const validatedByOrder = new WeakMap<object, OrderDocument>();

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** Freezes and remembers a document that has passed the schema. */
function remember(doc: OrderDocument): OrderDocument {
  deepFreeze(doc);
  validated.add(doc);
  validatedByOrder.set(doc.order, doc);
  return doc;
}

/**
 * A document this package validated before and kept (the live engine's store writes each with the fingerprint
 * of the schema that passed it, `orderDocumentFingerprint()`): frozen and remembered without a second parse.
 * The caller vouches for it; anything else goes through `parseOrderDocument`.
 */
export function adoptValidatedDocument(input: object): OrderDocument {
  return isValidatedDocument(input) ? input : remember(input as OrderDocument);
}

/** Whether `input` is a document returned by `parseOrderDocument` (or `validateDocument`): frozen and valid. */
export function isValidatedDocument(input: unknown): input is OrderDocument {
  return typeof input === 'object' && input !== null && validated.has(input);
}

/**
 * The validated document `props` were spread from (`{ ...doc, locale }`), if they were: every part
 * of the document is the very object that was validated, and nothing else but `extraKeys` is there.
 */
export function validatedDocumentOf(
  props: Readonly<Record<string, unknown>>,
  extraKeys: ReadonlySet<string>,
): OrderDocument | undefined {
  const order = props.order;
  if (typeof order !== 'object' || order === null) return undefined;
  const doc = validatedByOrder.get(order);
  if (doc === undefined) return undefined;
  const parts = doc as Readonly<Record<string, unknown>>;
  for (const key in parts) if (props[key] !== parts[key]) return undefined;
  for (const key in props)
    if (!extraKeys.has(key) && !Object.hasOwn(parts, key) && props[key] !== undefined) return undefined;
  return doc;
}

/**
 * Validates an order document (every part that is present). The result is frozen and remembered:
 * passing it on (to `renderEmail`, a template, the planner) costs no second parse. Passing an
 * already validated document returns it as it is.
 */
export function parseOrderDocument(input: unknown): OrderDocument {
  if (isValidatedDocument(input)) return input;
  return remember(parseWith(orderDocumentSchema, input));
}

/**
 * `parseOrderDocument` for a document the store will keep (storedOrderDocumentSchema): a document validated
 * before (for rendering) is checked for unstorable text on its own.
 */
export function parseStoredOrderDocument(input: unknown): OrderDocument {
  if (isValidatedDocument(input)) {
    const problems = unstorableProblems(input);
    if (problems.length > 0) throw new ValidationError(problems);
    return input;
  }
  return remember(parseWith(storedOrderDocumentSchema, input));
}

/** `orderDocumentSchema.safeParse` for callers that gather problems of their own: a success is remembered. */
export function checkOrderDocument(
  input: unknown,
): { success: true; data: OrderDocument } | { success: false; problems: string[] } {
  if (isValidatedDocument(input)) return { success: true, data: input };
  const result = orderDocumentSchema.safeParse(input);
  return result.success
    ? { success: true, data: remember(result.data) }
    : { success: false, problems: problemsOf(result.error, input) };
}
