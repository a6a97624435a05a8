import { isStorableText } from '../../core/storable-text';
import type { ResendWebhookDeps } from '../http/resend-webhook';
import { ENGAGEMENT_EVENTS, SUPPRESSING_EVENTS, SUPPRESSION_LIST_EVENTS } from '../http/resend-webhook';
import type { ShopifyWebhookDeps } from '../intake/shopify/webhook';
import { addressKey } from '../plan/frequency';
import { adoptResendId } from '../store/already-at-resend';
import { type Db, inTransaction } from '../store/db';
import { eventSeen, recordEvent } from '../store/events';
import { orderDocument, otherOrderCount } from '../store/orders';
import { removeResendSuppression } from '../store/outcomes';
import { applyDeliveryEvent } from '../store/steps';
import { recordEmailOutcome } from './outcomes';

/** Opens the store on first use: every port takes its database from here. */
export type DbOf = () => Promise<Db>;

/** Suppresses an address (and stops what it covers). */
export type Suppress = (
  email: string,
  options: Readonly<{ scope: 'marketing' | 'all'; reason?: string; source?: string }>,
) => Promise<void>;

const isOneOf = (list: readonly string[], value: string) => list.includes(value);

/**
 * Resend's events: each recorded once (a redelivery is a duplicate), with what it says about its email (a
 * delivery, a click and its verdict, an open); a delivery event goes on its step; a bounce, complaint or
 * suppression suppresses every recipient; Resend's own suppression list is mirrored.
 */
export function applyResendEvent(dbOf: DbOf, suppress: Suppress): ResendWebhookDeps['apply'] {
  return async (event) => {
    const db = await dbOf();
    const recorded = await inTransaction(db, async (trx) => {
      const inserted = await recordEvent(trx, {
        id: `resend:${event.svixId}`,
        source: 'resend',
        type: event.type,
        payload: event.payload,
      });
      if (!inserted) return false;
      // A step whose request met a 409 has no Resend id: its email's first event names it, by the step's tags.
      const [recipient] = event.recipients;
      if (event.emailId !== undefined && event.tags && recipient !== undefined)
        await adoptResendId(trx, { emailId: event.emailId, recipient, tags: event.tags });
      await recordEmailOutcome(trx, event);
      const onStep = !isOneOf(ENGAGEMENT_EVENTS, event.type) && !isOneOf(SUPPRESSION_LIST_EVENTS, event.type);
      if (event.emailId !== undefined && onStep)
        await applyDeliveryEvent(trx, {
          type: event.type,
          emailId: event.emailId,
          createdAt: event.createdAt,
          ...(event.detail ? { detail: event.detail } : {}),
        });
      return true;
    });
    if (!recorded) return 'duplicate';
    // Resend's own suppression list, mirrored: an address it lists stops here too; one it removes is freed
    // here only if its list was the reason (an unsubscribe or a hand-made suppression stays).
    if (event.type === 'suppression.added' && event.suppression)
      await suppress(event.suppression.email, {
        scope: 'all',
        source: 'resend',
        reason: `on Resend's suppression list (${event.suppression.origin})`,
      });
    if (event.type === 'suppression.removed' && event.suppression)
      await removeResendSuppression(db, event.suppression.email);
    if ((SUPPRESSING_EVENTS as readonly string[]).includes(event.type)) {
      const kind = event.type.replace(/^email\./, '');
      for (const address of new Set(event.recipients.map(addressKey)))
        await suppress(address, {
          scope: 'all',
          source: 'resend',
          reason: `${kind}${event.detail ? `: ${event.detail}` : ''}`,
        });
    }
    return 'applied';
  };
}

/** The store's half of the Shopify port: deliveries seen, remembered and rejected, and what orders exist. */
export type ShopifyStorePort = Pick<
  ShopifyWebhookDeps,
  'seen' | 'remember' | 'reject' | 'priorOrders' | 'orderDocument'
>;

export function shopifyStorePort(dbOf: DbOf): ShopifyStorePort {
  return {
    seen: async (webhookId) => eventSeen(await dbOf(), `shopify:${webhookId}`),
    remember: async (webhookId, topic, outcome) => {
      await recordEvent(await dbOf(), {
        id: `shopify:${webhookId}`,
        source: 'shopify',
        type: `shopify/${topic}`,
        payload: { topic },
        outcome,
      });
    },
    reject: async (rejected) => {
      await recordEvent(await dbOf(), {
        id: `shopify:${rejected.webhookId}`,
        source: 'shopify',
        type: 'shopify/rejected',
        payload: rejected,
        outcome: `rejected: ${rejected.problems.join('; ')}`,
      });
    },
    // Not yet validated (the schema runs on the mapped document): text the store cannot hold is no match.
    priorOrders: async (email, orderId) =>
      isStorableText(email) && isStorableText(orderId) ? otherOrderCount(await dbOf(), email, orderId) : 0,
    orderDocument: async (orderId) =>
      isStorableText(orderId) ? orderDocument(await dbOf(), orderId) : undefined,
  };
}
