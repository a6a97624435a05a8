/**
 * `post-purchase-emails/sending`: the live engine for a shop's own server. See createSequencer().
 */

export {
  type OutcomeReport,
  outcomeReport,
  type ReportRows,
  type TemplateRow,
} from './engine/outcome-report';
export type { PlannedOrder } from './enqueue';
export { createFeedbackHandler, type FeedbackDeps, type FeedbackStep, tagsFor } from './http/feedback';
export {
  describeInvalid,
  type InvalidOrder,
  OrderInputError,
  parseOrderInput,
  validateOrders,
} from './order-input';
export { DEFAULT_ATTRIBUTION_DAYS, parseAttributionDays } from './plan/attribution';
export {
  type Click,
  type ClickJudgement,
  isScannerAgent,
  judgeClick,
  type Verdict,
} from './plan/click-verdict';
export type { ReleaseReport, StepFailure } from './release';
export type { EmailApi, SenderOptions } from './resend-sender';
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
export { type ReportCharts, reportCharts, reportDocument, reportSection } from './server/report-page';
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
