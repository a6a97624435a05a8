/**
 * `GET /status`'s query: a filter (`order`, `to`) and a page (`limit`, `cursor`). Steps come in a fixed order
 * (order id, send time, step, step id), so a page is "the next `limit` after this step": the cursor is that
 * step's place, opaque to the caller. Without a filter the answer is still one page (the default limit), never
 * every step of every order.
 */
import { isStorableText, UNSTORABLE_MESSAGE } from '../../core/storable-text';

/** A step's place in the status order (order id, send time, step, template, recipient). */
export type StatusCursor = Readonly<{
  order: string;
  sendAt: string;
  step: number;
  template: string;
  to: string;
}>;

export type StatusPage = Readonly<{ order?: string; to?: string; limit?: number; after?: StatusCursor }>;

export const DEFAULT_STATUS_LIMIT = 100;
export const MAX_STATUS_LIMIT = 1000;

const KNOWN = new Set(['order', 'to', 'limit', 'cursor']);

export function encodeCursor(cursor: StatusCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.order, cursor.sendAt, cursor.step, cursor.template, cursor.to]),
  ).toString('base64url');
}

export function decodeCursor(text: string): StatusCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 5) return undefined;
    const [order, sendAt, step, template, to] = value as unknown[];
    const texts = [order, sendAt, template, to];
    if (!texts.every((t): t is string => typeof t === 'string' && isStorableText(t))) return undefined;
    if (typeof step !== 'number' || !Number.isInteger(step) || Number.isNaN(Date.parse(sendAt as string)))
      return undefined;
    return {
      order: order as string,
      sendAt: sendAt as string,
      step,
      template: template as string,
      to: to as string,
    };
  } catch {
    return undefined;
  }
}

export type ParsedStatusPage = Readonly<{
  filter: StatusPage & { limit: number };
  /** The cursor of the page after the one that ends with this step. */
  cursorAfter(last: StatusCursor): string;
}>;

export function statusPageOf(params: URLSearchParams): ParsedStatusPage | { problems: string[] } {
  const problems = [...params.keys()]
    .filter((k) => !KNOWN.has(k))
    .map((k) => `${k}: unknown parameter (use order, to, limit or cursor)`);
  const order = params.get('order') ?? undefined;
  const to = params.get('to') ?? undefined;
  for (const [name, value] of [
    ['order', order],
    ['to', to],
  ] as const)
    if (value !== undefined && !isStorableText(value)) problems.push(`${name}: ${UNSTORABLE_MESSAGE}`);
  const limitText = params.get('limit');
  const limit = limitText === null ? DEFAULT_STATUS_LIMIT : Number(limitText);
  if (!/^\d+$/.test(limitText ?? '1') || !Number.isInteger(limit) || limit < 1 || limit > MAX_STATUS_LIMIT)
    problems.push(`limit: expected a whole number from 1 to ${MAX_STATUS_LIMIT}`);
  const cursorText = params.get('cursor');
  const after = cursorText === null ? undefined : decodeCursor(cursorText);
  if (cursorText !== null && after === undefined)
    problems.push('cursor: not a cursor this server gave (use the `next` of the previous page)');
  if (problems.length > 0) return { problems };
  return {
    filter: {
      ...(order ? { order } : {}),
      ...(to ? { to } : {}),
      limit,
      ...(after ? { after } : {}),
    },
    cursorAfter: (last) =>
      encodeCursor({
        order: last.order,
        sendAt: last.sendAt,
        step: last.step,
        template: last.template,
        to: last.to,
      }),
  };
}
