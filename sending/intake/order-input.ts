/**
 * `send --data <file>` and `enqueue(docs)`: one order document, a JSON array of them, or NDJSON (one per line).
 * Every document is validated before anything is planned; an invalid one is named by its position
 * (`orders[3]`, `line 4`) with one line per problem and its field path.
 */
import { type OrderDocument, parseStoredOrderDocument, ValidationError } from '../../core/order-document';

export type InvalidOrder = Readonly<{ position: string; problems: readonly string[] }>;
export type ValidOrder = Readonly<{ position: string; document: OrderDocument }>;
export type OrderBatch = Readonly<{
  format: 'document' | 'array' | 'ndjson';
  valid: readonly ValidOrder[];
  invalid: readonly InvalidOrder[];
}>;

/** Thrown when the input is not JSON, a JSON array nor NDJSON at all. */
export class OrderInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrderInputError';
  }
}

/** Validates already-parsed input: one document or a list of them (positions `orders[i]`). */
export function validateOrders(input: unknown): OrderBatch {
  if (Array.isArray(input))
    return check(
      'array',
      input.map((value, i) => ({ position: `orders[${i}]`, value })),
    );
  return check('document', [{ position: 'order', value: input }]);
}

/** Reads the text of a `--data` file in any of the three shapes. */
export function parseOrderInput(raw: string): OrderBatch {
  // A byte-order mark (Windows editors write one) is not part of the first document.
  const text = raw.replace(/^\uFEFF/, '');
  const trimmed = text.trim();
  if (trimmed === '') throw new OrderInputError('empty: expected an order document, a JSON array or NDJSON');
  try {
    return validateOrders(JSON.parse(trimmed) as unknown);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const lines = text.split('\n');
    const nonEmpty = lines.filter((l) => l.trim() !== '');
    if (nonEmpty.length < 2 || !trimmed.startsWith('{'))
      throw new OrderInputError(`not valid JSON (${error.message})`);
  }
  const entries: { position: string; value: unknown; problem?: string }[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      entries.push({ position: `line ${i + 1}`, value: JSON.parse(line) as unknown });
    } catch (e) {
      entries.push({
        position: `line ${i + 1}`,
        value: undefined,
        problem: `not valid JSON (${(e as Error).message})`,
      });
    }
  });
  return check('ndjson', entries);
}

function check(
  format: OrderBatch['format'],
  entries: readonly Readonly<{ position: string; value: unknown; problem?: string }>[],
): OrderBatch {
  const valid: ValidOrder[] = [];
  const invalid: InvalidOrder[] = [];
  const seen = new Map<string, string>();
  for (const entry of entries) {
    if (entry.problem !== undefined) {
      invalid.push({ position: entry.position, problems: [entry.problem] });
      continue;
    }
    try {
      // What the store will keep: every string must be one Postgres can hold.
      const document = parseStoredOrderDocument(entry.value);
      const first = seen.get(document.order.id);
      if (first !== undefined) {
        invalid.push({
          position: entry.position,
          problems: [`order.id: "${document.order.id}" repeats ${first} (one document per order)`],
        });
        continue;
      }
      seen.set(document.order.id, entry.position);
      valid.push({ position: entry.position, document });
    } catch (error) {
      if (error instanceof ValidationError)
        invalid.push({ position: entry.position, problems: error.problems });
      else throw error;
    }
  }
  return { format, valid, invalid };
}

/** `orders[3]: order.items[0].unitPrice: expected an integer`, one line per problem. */
export function describeInvalid(invalid: readonly InvalidOrder[]): string[] {
  return invalid.flatMap((i) => i.problems.map((p) => (i.position === 'order' ? p : `${i.position}: ${p}`)));
}
