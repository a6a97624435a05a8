/**
 * The facade's web handlers that need more than one port: the unsubscribe page (with its undo) and the preference
 * centre, and Shopify's webhooks over the sequencer's own methods.
 */
import { createPreferencesHandler } from '../http/preferences';
import { createUnsubscribeHandler } from '../http/unsubscribe';
import { loadShopConfig, type ShopConfig } from '../intake/shopify/shop-config';
import { createShopifyWebhookHandler } from '../intake/shopify/webhook';
import { liftUnsubscribe } from '../store/preferences';
import type { EventResult, SequencerEvent } from './events';
import type { PreferenceCentre } from './preference-centre';
import { observeWebhook, type Telemetry } from './telemetry';
import { type DbOf, shopifyStorePort } from './webhooks';

type PageOptions = Readonly<{ unsubscribeSecret?: string; log?: (line: string) => void }>;

type ShopifyOptions = Readonly<{
  shopifyWebhookSecret?: string;
  shopConfig?: ShopConfig | string;
  log?: (line: string) => void;
}>;

/** What Shopify's webhooks do, as the sequencer's methods. */
type SequencerPort = Readonly<{
  enqueue(documents: unknown): Promise<unknown>;
  event(event: SequencerEvent): Promise<EventResult>;
}>;

/** The unsubscribe page (with its undo) and the preference centre, both dressed as the address's shop. */
export function pageHandlers(
  options: PageOptions,
  centre: PreferenceCentre,
  dbOf: DbOf,
  suppress: (address: string, info: Readonly<{ reason: string; source: string }>) => Promise<void>,
) {
  const unsubscribe = createUnsubscribeHandler({
    secret: options.unsubscribeSecret,
    suppress,
    contextFor: (address) => centre.pageContext(address),
    resubscribe: async (address) => liftUnsubscribe(await dbOf(), address),
  });
  const preferencesPage = createPreferencesHandler({
    secret: options.unsubscribeSecret,
    read: (address) => centre.preferences(address),
    save: (address, chosen) => centre.setPreferences(address, chosen),
    contextFor: (address) => centre.pageContext(address),
    requestLink: async (address, origin) => {
      const outcome = await centre.requestPreferencesLink(address, origin);
      // The address stays out of the log: it may not even be a customer's.
      options.log?.(`preferences link requested: ${outcome}`);
    },
  });
  return { unsubscribe, preferencesPage };
}

/** Shopify's webhooks over this sequencer: its store for what they read, its methods for what they do. */
export function shopifyHandlerFor(
  options: ShopifyOptions,
  telemetry: Telemetry,
  dbOf: DbOf,
  sequencer: SequencerPort,
) {
  return createShopifyWebhookHandler({
    secret: options.shopifyWebhookSecret ?? process.env.SHOPIFY_WEBHOOK_SECRET,
    config: async () => {
      const config = options.shopConfig ?? process.env.SHOP_CONFIG;
      if (config === undefined || config === '')
        throw new Error('Shopify webhooks need SHOP_CONFIG: the path of a JSON file with the shop object');
      return typeof config === 'string' ? loadShopConfig(config) : config;
    },
    ...shopifyStorePort(dbOf),
    enqueue: (document) => sequencer.enqueue(document),
    cancel: (orderId, webhookId) =>
      sequencer.event({ type: 'order-cancelled', orderId, id: `shopify:cancel:${webhookId}` }),
    shipment: (document, webhookId) => sequencer.event({ type: 'shipment', document, id: webhookId }),
    ...(options.log ? { log: options.log } : {}),
    observe: observeWebhook(telemetry),
  });
}
