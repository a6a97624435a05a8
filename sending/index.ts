/**
 * `post-purchase-emails/sending`: the live engine for a shop's own server. See createSequencer().
 */
export type { PlannedOrder } from './engine/enqueue';
export { type GuardrailState, guardrailState, resumeMarketing } from './engine/guardrail';
export type { LinkOutcome } from './engine/preferences-link';
export type { ReleaseReport, StepFailure } from './engine/release';
export { anchorsFor, shipmentEventId } from './engine/shipment-event';
export { type StateCounts, type StatusReport, statusReport } from './engine/status-report';
export {
  describeInvalid,
  type InvalidOrder,
  OrderInputError,
  parseOrderInput,
  validateOrders,
} from './intake/order-input';
export {
  cancelledOrderId,
  fulfillmentFromShopify,
  SHIPMENT_STATUS_MAP,
  type ShopifyFulfillment,
  shipmentFor,
} from './intake/shopify/fulfillment';
export { shopifyHmac, verifyShopifyHmac } from './intake/shopify/hmac';
export { parseShopifyJson } from './intake/shopify/json';
export { toMinorUnits } from './intake/shopify/money';
export { orderDocumentFromShopify, type ShopifyOrderOptions, shopifyLocale } from './intake/shopify/order';
export {
  loadShopConfig,
  parseShopConfig,
  type ShopConfig,
  shopConfigSchema,
} from './intake/shopify/shop-config';
export {
  createShopifyWebhookHandler,
  type RejectedWebhook,
  SHOPIFY_TOPICS,
  type ShopifyWebhookDeps,
} from './intake/shopify/webhook';
export {
  PAUSE_DAYS,
  type Preferences,
  TOPIC_TEMPLATES,
  TOPICS,
  type Topic,
} from './plan/preferences';
export type { Anchors } from './plan/schedule';
export { defaultSequence, parseSequence, type Sequence, type SequenceFile } from './plan/sequence';
export type { EmailApi, SenderOptions } from './provider/sender';
export {
  createSequencer,
  DEFAULT_RELEASE_WINDOW_MS,
  type EnqueueOptions,
  type EnqueueResult,
  type EventResult,
  InvalidOrdersError,
  type Sequencer,
  type SequencerEvent,
  type SequencerOptions,
  type StepStatus,
  type Suppression,
  type WorkOptions,
} from './sequencer';
export { type Backend, migrate, openStore, type Store, StoreError, type StoreOptions } from './store/store';
