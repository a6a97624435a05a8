/**
 * `post-purchase-emails/sending`: the live engine for a shop's own server. See createSequencer().
 */
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
export { defaultSequence, parseSequence } from './plan/sequence';
export { createSequencer, DEFAULT_RELEASE_WINDOW_MS, InvalidOrdersError } from './sequencer';
export { migrate, openStore, StoreError } from './store/store';
export type {
  Anchors,
  Backend,
  EmailApi,
  EnqueueOptions,
  EnqueueResult,
  EventResult,
  PlannedOrder,
  ReleaseReport,
  SenderOptions,
  Sequence,
  SequenceFile,
  Sequencer,
  SequencerEvent,
  SequencerOptions,
  StepFailure,
  StepStatus,
  Store,
  StoreOptions,
  Suppression,
  WorkOptions,
} from './types';
