/**
 * `post-purchase-emails/sending`: the live engine for a shop's own server. See createSequencer(); `createApp`
 * and `serveApp` are what `post-purchase-emails serve` runs, for a server of your own.
 */
export { UnsubscribeSecretMissing } from '../core/links';
export { ValidationError } from '../core/order-document';
export type { PlannedOrder } from './enqueue';
export {
  type App,
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  type NodeServerOptions,
  type RunningServer,
  serveApp,
} from './http-node';
export {
  describeInvalid,
  type InvalidOrder,
  OrderInputError,
  parseOrderInput,
  validateOrders,
} from './order-input';
export type { ReleaseReport, StepFailure } from './release';
export type { EmailApi, SenderOptions } from './resend-sender';
export {
  createResendWebhookHandler,
  type ResendEvent,
  type ResendWebhookDeps,
  type WebhookOutcome,
} from './resend-webhook';
export type { Anchors } from './schedule';
export { defaultSequence, parseSequence, type Sequence, type SequenceFile } from './sequence';
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
export { SequencerOptionsError, sequencerOptionsProblems } from './sequencer-options';
export {
  type AppOptions,
  createApp,
  defaultProblemsOf,
  engineOf,
  type Handler,
  type ServeEngine,
  type ServeEvent,
} from './server';
export { anchorsFor, shipmentEventId } from './shipment-event';
export {
  cancelledOrderId,
  fulfillmentFromShopify,
  SHIPMENT_STATUS_MAP,
  type ShopifyFulfillment,
  shipmentFor,
} from './shopify/fulfillment';
export { shopifyHmac, verifyShopifyHmac } from './shopify/hmac';
export { parseShopifyJson } from './shopify/json';
export { toMinorUnits } from './shopify/money';
export { orderDocumentFromShopify, type ShopifyOrderOptions, shopifyLocale } from './shopify/order';
export { loadShopConfig, parseShopConfig, type ShopConfig, shopConfigSchema } from './shopify/shop-config';
export {
  createShopifyWebhookHandler,
  type RejectedWebhook,
  SHOPIFY_TOPICS,
  type ShopifyWebhookDeps,
} from './shopify/webhook';
export { type StateCounts, type StatusReport, statusReport } from './status-report';
export { type Backend, migrate, openStore, type Store, StoreError, type StoreOptions } from './store/store';
export { createUnsubscribeHandler, type UnsubscribeDeps, verifyUnsubscribeToken } from './unsubscribe';
